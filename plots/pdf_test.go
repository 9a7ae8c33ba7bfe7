package plots

import (
	"bytes"
	"compress/zlib"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// pdfStream finds each stream of a PDF with its dictionary.
var pdfStream = regexp.MustCompile(`(?s)<<([^<>]*)>>\s*stream\r?\n`)

// pdfTexts returns the strings a PDF's page content shows (the operands of Tj), as the bytes the
// fonts are asked to draw: the content streams are inflated and their literal strings read,
// escapes and all.
func pdfTexts(t *testing.T, pdf []byte) []string {
	t.Helper()
	var texts []string
	for _, m := range pdfStream.FindAllSubmatchIndex(pdf, -1) {
		dict := string(pdf[m[2]:m[3]])
		if strings.Contains(dict, "/Length1") || strings.Contains(dict, "/Subtype") {
			continue // a font file or an image, not page content
		}
		body := pdf[m[1]:]
		if end := bytes.Index(body, []byte("endstream")); end >= 0 {
			body = body[:end]
		}
		if strings.Contains(dict, "/FlateDecode") {
			r, err := zlib.NewReader(bytes.NewReader(body))
			if err != nil {
				t.Fatalf("stream <<%s>>: %v", dict, err)
			}
			if body, err = io.ReadAll(r); err != nil && err != io.ErrUnexpectedEOF {
				t.Fatalf("stream <<%s>>: %v", dict, err)
			}
		}
		texts = append(texts, literalStrings(body)...)
	}
	return texts
}

// literalStrings returns the literal strings ("(...)") shown by Tj in a content stream.
func literalStrings(content []byte) []string {
	var out []string
	for i := 0; i < len(content); i++ {
		if content[i] != '(' {
			continue
		}
		var s []byte
		depth := 1
		j := i + 1
		for ; j < len(content) && depth > 0; j++ {
			switch c := content[j]; c {
			case '\\':
				j++
				if j < len(content) {
					switch e := content[j]; e {
					case 'n':
						s = append(s, '\n')
					case 'r':
						s = append(s, '\r')
					case 't':
						s = append(s, '\t')
					default:
						s = append(s, e)
					}
				}
				continue
			case '(':
				depth++
			case ')':
				depth--
				if depth == 0 {
					continue
				}
			}
			s = append(s, content[j])
		}
		if rest := bytes.TrimLeft(content[j:], " \n\r"); bytes.HasPrefix(rest, []byte("Tj")) {
			out = append(out, string(s))
		}
		i = j - 1
	}
	return out
}

// TestPDFPoundSign draws the cost chart, whose axis and labels are in pounds, as a PDF, reads
// the text its pages show and requires "£" as the font's encoding spells it (WinAnsiEncoding,
// byte 0xA3) and no "Â" (0xC2), which is what "£" in UTF-8 (0xC2 0xA3) reads as in that
// encoding.
func TestPDFPoundSign(t *testing.T) {
	c, err := CostByYearChart(readTestData(t), testSource)
	if err != nil {
		t.Fatal(err)
	}
	wt, err := c.WriterTo("pdf")
	if err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	if _, err := wt.WriteTo(&buf); err != nil {
		t.Fatal(err)
	}
	pdf := buf.Bytes()
	if n, m := bytes.Count(pdf, []byte("/Encoding /WinAnsiEncoding")), len(regexp.MustCompile(`/Type /Font\s`).FindAll(pdf, -1)); n == 0 || n != m {
		t.Fatalf("%d of %d fonts are in WinAnsiEncoding, the encoding this test reads text in", n, m)
	}
	texts := pdfTexts(t, pdf)
	if len(texts) < 10 {
		t.Fatalf("found %d strings of text in the PDF: %q", len(texts), texts)
	}
	pounds := 0
	for _, s := range texts {
		if strings.IndexByte(s, 0xC2) >= 0 || strings.IndexByte(s, 0xE2) >= 0 {
			t.Errorf("text %q holds UTF-8 bytes, which the font draws as Â and â", s)
		}
		if strings.Contains(s, "\xa3") {
			pounds++
		}
	}
	if pounds == 0 {
		t.Errorf("no £ in the PDF's text: %q", texts)
	}

	// pdftotext, where it is installed, reads the text as a reader's viewer would.
	t.Run("pdftotext", func(t *testing.T) {
		exe, err := exec.LookPath("pdftotext")
		if err != nil {
			t.Skipf("pdftotext is not installed: the text was read from the PDF's own streams only (%d strings, %d with £)", len(texts), pounds)
		}
		path := filepath.Join(t.TempDir(), "cost.pdf")
		if err := os.WriteFile(path, pdf, 0o644); err != nil {
			t.Fatal(err)
		}
		out, err := exec.Command(exe, "-enc", "UTF-8", path, "-").Output()
		if err != nil {
			t.Fatal(err)
		}
		if !strings.Contains(string(out), "£") || strings.Contains(string(out), "Â") {
			t.Errorf("pdftotext reads %q", out)
		}
	})
}

func TestToCP1252(t *testing.T) {
	for _, tt := range []struct{ in, want string }{
		{"cost", "cost"},
		{"£62.7m", "\xa362.7m"},
		{"-£1.9m", "-\xa31.9m"},
		{"2026/27 – 2030/31", "2026/27 \x96 2030/31"},
		{"€5 … ‘a’ “b”", "\x805 \x85 \x91a\x92 \x93b\x94"},
		{"café ×2 ½", "caf\xe9 \xd72 \xbd"},
		{"−3 ≥ 2 → x", "-3 >= 2 -> x"},
		{"漢", "?"},
	} {
		if got := toCP1252(tt.in); got != tt.want {
			t.Errorf("toCP1252(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

// TestPoundSignInSVGAndReport checks the other formats that carry text: the SVG chart and the
// HTML report write "£" in UTF-8, which both declare (XML's default, and the report's meta
// charset), and never "Â£", which is "£" read in the wrong encoding and written again.
func TestPoundSignInSVGAndReport(t *testing.T) {
	c, err := CostByYearChart(readTestData(t), testSource)
	if err != nil {
		t.Fatal(err)
	}
	_, report := writeTestReport(t, t.TempDir())
	for _, tt := range []struct {
		name     string
		text     []byte
		declared string
	}{
		{"svg", svgOf(t, c), `<?xml version="1.0"?>`},
		{"report", report, `<meta charset="utf-8">`},
	} {
		t.Run(tt.name, func(t *testing.T) {
			if !bytes.Contains(tt.text, []byte(tt.declared)) {
				t.Errorf("does not declare its encoding with %s", tt.declared)
			}
			if !bytes.Contains(tt.text, []byte("£")) || bytes.Contains(tt.text, []byte("Â")) {
				t.Errorf("£ appears %d times and Â %d times", bytes.Count(tt.text, []byte("£")), bytes.Count(tt.text, []byte("Â")))
			}
		})
	}
}

// TestPDFEmbedsEveryFont draws a chart with regular and bold type as a PDF and requires each
// font's descriptor, as the PDF's last update leaves it, to point at a font file of its own
// holding that very font: the PDF library would otherwise draw the bold titles with the regular
// font's glyphs. Where poppler's pdffonts is installed, it must read the PDF without a complaint.
func TestPDFEmbedsEveryFont(t *testing.T) {
	c, err := CostByYearChart(readTestData(t), testSource)
	if err != nil {
		t.Fatal(err)
	}
	wt, err := c.WriterTo("pdf")
	if err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	if _, err := wt.WriteTo(&buf); err != nil {
		t.Fatal(err)
	}
	pdf := buf.Bytes()
	latest := map[string][][]byte{} // the last definition of each descriptor object
	for _, d := range pdfDescriptor.FindAllSubmatch(pdf, -1) {
		latest[string(d[1])] = d
	}
	files := map[string]string{}
	for _, d := range latest {
		name, file := string(d[2]), string(d[4])
		if other, ok := files[file]; ok {
			t.Errorf("fonts %s and %s share font file %s", name, other, file)
		}
		files[file] = name
		holds, err := fontFileName(pdf, file)
		if err != nil {
			t.Fatal(err)
		}
		if holds != name {
			t.Errorf("font %s is drawn with font file %s, which holds %s", name, file, holds)
		}
	}
	if len(files) < 2 {
		t.Errorf("%d fonts in the PDF, want the regular and the bold", len(files))
	}

	exe, err := exec.LookPath("pdffonts")
	if err != nil {
		t.Skip("pdffonts is not installed: the PDF's structure was not checked by a reader")
	}
	path := filepath.Join(t.TempDir(), "cost.pdf")
	if err := os.WriteFile(path, pdf, 0o644); err != nil {
		t.Fatal(err)
	}
	var stderr bytes.Buffer
	cmd := exec.Command(exe, path)
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil || stderr.Len() > 0 {
		t.Errorf("pdffonts: %v\n%s", err, stderr.String())
	}
	for _, name := range []string{"LiberationSans ", "LiberationSans-Bold "} {
		if !bytes.Contains(out, []byte(name)) {
			t.Errorf("pdffonts does not list %s:\n%s", name, out)
		}
	}
}
