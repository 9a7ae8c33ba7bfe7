package workspace

import (
	"math"
	"os"
	"regexp"
	"strconv"
	"strings"
	"testing"
)

// TestControlBordersContrast checks that the border of every button and form field in the
// style sheet has a contrast of at least 3:1 against white (the control's own background) and
// against the page's background, as WCAG 2.2 (1.4.11, non-text contrast) asks of the boundary
// that shows where a control is.
func TestControlBordersContrast(t *testing.T) {
	css, err := os.ReadFile("web/static/style.css")
	if err != nil {
		t.Fatal(err)
	}
	bg := regexp.MustCompile(`--bg:\s*(#[0-9a-fA-F]{6})`).FindSubmatch(css)
	if bg == nil {
		t.Fatal("style.css: no --bg colour in :root")
	}
	rule := regexp.MustCompile(`(?m)^([^{}\n]+)\{([^}]*)\}`)
	border := regexp.MustCompile(`border:\s*[^;]*?(#[0-9a-fA-F]{6})`)
	control := regexp.MustCompile(`(^|[\s,])(button|input|select|textarea)([\s,]|$)`)
	checked := 0
	for _, m := range rule.FindAllSubmatch(css, -1) {
		sel := strings.TrimSpace(string(m[1]))
		if !control.MatchString(sel) {
			continue
		}
		b := border.FindSubmatch(m[2])
		if b == nil {
			continue
		}
		checked++
		for _, against := range []string{"#ffffff", string(bg[1])} {
			if r := contrastRatio(string(b[1]), against); r < 3 {
				t.Errorf("style.css: %s: border %s has contrast %.2f:1 against %s, want at least 3:1", sel, b[1], r, against)
			}
		}
	}
	if checked < 2 {
		t.Fatalf("style.css: found the borders of %d control rules, want those of buttons and of form fields", checked)
	}
}

// contrastRatio returns WCAG 2's contrast ratio of two colours written #rrggbb.
func contrastRatio(a, b string) float64 {
	la, lb := relativeLuminance(a), relativeLuminance(b)
	return (math.Max(la, lb) + 0.05) / (math.Min(la, lb) + 0.05)
}

// relativeLuminance returns WCAG 2's relative luminance of a colour written #rrggbb.
func relativeLuminance(hex string) float64 {
	v, _ := strconv.ParseUint(strings.TrimPrefix(hex, "#"), 16, 32)
	lin := func(c uint64) float64 {
		s := float64(c) / 255
		if s <= 0.04045 {
			return s / 12.92
		}
		return math.Pow((s+0.055)/1.055, 2.4)
	}
	return 0.2126*lin(v>>16&0xff) + 0.7152*lin(v>>8&0xff) + 0.0722*lin(v&0xff)
}
