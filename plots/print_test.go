package plots

import (
	"flag"
	"fmt"
	"html"
	"math"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
)

// printWidths lays each report and board pack out in Chromium as it prints on A4 and checks
// that every table fits between the margins: one Chromium a page, so make test-browser passes
// it (and .ci/run with it) rather than make test.
var printWidths = flag.Bool("print-widths", false, "lay the reports and board packs out in Chromium as they print on A4 and check every table fits the page (make test-browser)")

// printableWidthPx returns the width between the margins of the A4 page that reportCSS's
// @page rule sets, in CSS pixels (96 to the inch): 178 mm, 673 px.
func printableWidthPx(t *testing.T) float64 {
	t.Helper()
	m := regexp.MustCompile(`@page \{ size: A4; margin: ([0-9.]+)mm ([0-9.]+)mm`).FindStringSubmatch(reportCSS)
	if m == nil {
		t.Fatal("reportCSS has no @page rule of A4 with margins in mm")
	}
	side, _ := strconv.ParseFloat(m[2], 64)
	return (210 - 2*side) / 25.4 * 96
}

// measureScript writes, into the page, the left and right edges of every table and of the
// page's body, and the text before each table, one table a line.
const measureScript = `<script>
var out = [];
document.querySelectorAll("table").forEach(function (t) {
  var r = t.getBoundingClientRect(), before = t.previousElementSibling;
  out.push(r.right.toFixed(1) + "|" + (before ? before.textContent : "").replace(/\s+/g, " ").slice(0, 60));
});
var p = document.createElement("pre");
p.id = "table-edges";
p.textContent = out.join("\n");
document.body.appendChild(p);
</script>`

// printedTablesTooWide lays page out in Chromium as it prints on A4 (its print rules applied,
// in a window as wide as the space between the page's margins) and returns, for each table
// whose right edge passes that width, what it is and how wide it is. It fails the test when
// the page has no table.
func printedTablesTooWide(t *testing.T, exe string, page []byte) []string {
	t.Helper()
	dir := t.TempDir()
	width := printableWidthPx(t)
	// The print rules apply on the screen too, and the measuring script runs at the end.
	s := strings.Replace(string(page), "@media print {", "@media all {", 1)
	s = strings.Replace(s, "</body>", measureScript+"\n</body>", 1)
	path := filepath.Join(dir, "page.html")
	if err := os.WriteFile(path, []byte(s), 0o644); err != nil {
		t.Fatal(err)
	}
	abs, err := filepath.Abs(path)
	if err != nil {
		t.Fatal(err)
	}
	dom, _ := runChromium(t, exe, append(chromiumFlags(filepath.Join(dir, "profile")),
		fmt.Sprintf("--window-size=%d,1000", int(math.Round(width))), "--dump-dom", "file://"+filepath.ToSlash(abs))...)
	m := regexp.MustCompile(`(?s)<pre id="table-edges">(.*?)</pre>`).FindStringSubmatch(dom)
	if m == nil || strings.TrimSpace(m[1]) == "" {
		t.Fatal("the page has no table, or Chromium did not measure them")
	}
	var wide []string
	for _, line := range strings.Split(html.UnescapeString(m[1]), "\n") {
		right, what, _ := strings.Cut(line, "|")
		r, err := strconv.ParseFloat(right, 64)
		if err != nil {
			t.Fatalf("table edge %q: %v", line, err)
		}
		if r > math.Round(width)+0.5 {
			wide = append(wide, fmt.Sprintf("the table after %q ends %.0f px from the left margin, past the %.0f px (178 mm) of the printed page", what, r, width))
		}
	}
	return wide
}

// ChromiumPath, PrintWidths and PrintedTablesTooWide lend the Chromium helpers to the
// package's external tests (the region's pages).
func ChromiumPath(t *testing.T) string { return chromiumPath(t) }

func PrintWidths() bool { return *printWidths }

func PrintedTablesTooWide(t *testing.T, exe string, page []byte) []string {
	return printedTablesTooWide(t, exe, page)
}
