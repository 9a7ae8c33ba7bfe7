package plots

import (
	"bytes"
	"compress/zlib"
	"crypto/sha256"
	"fmt"
	"io"
	"regexp"
	"slices"
	"strconv"
	"sync"

	"golang.org/x/image/font/opentype"
	"golang.org/x/image/font/sfnt"
)

// The PDF library behind vgpdf keeps each embedded font's file under the name of the file it
// was made from, and vgpdf makes every font from a file of the same name: the second font a
// chart uses (the bold of the titles) is then drawn with the first font's glyphs, at the bold
// font's widths. embedFontFiles mends a PDF so written: it appends, as an incremental update
// (PDF 1.4, section 3.4.5), each font file that was left out and points its font's descriptor
// at it.

// pdfDescriptor matches a font descriptor as the PDF library writes it: object number, font
// name, the rest of the dictionary and the object of the font file.
var pdfDescriptor = regexp.MustCompile(`(?m)^(\d+) 0 obj\n<</Type /FontDescriptor /FontName /(\S+) ([^\n]*?)/FontFile2 (\d+) 0 R>>\nendobj\n`)

// pdfTrailer matches the trailer and the offset of the cross-reference table at a PDF's end.
var pdfTrailer = regexp.MustCompile(`trailer\n<<\n/Size (\d+)\n/Root (\d+) 0 R\n/Info (\d+) 0 R\n>>\nstartxref\n(\d+)\n%%EOF\n?$`)

// fontStream matches the start of a font file object: its length and filter, and where its
// data starts.
var fontStream = `(?m)^%s 0 obj\n<</Length (\d+)\n/Filter /FlateDecode\n/Length1 \d+\n>>\nstream\n`

// embedFontFiles returns pdf with each font of fonts (TrueType files by PostScript name) whose
// descriptor points at another font's file given a file of its own.
func embedFontFiles(pdf []byte, fonts map[string][]byte) ([]byte, error) {
	descs := fontDescriptors(pdf)
	shared := map[string]int{}
	for _, d := range descs {
		shared[string(d[4])]++
	}
	type fix struct{ desc, name, rest string }
	var fixes []fix
	for _, d := range descs {
		file := string(d[4])
		if shared[file] < 2 {
			continue
		}
		holds, err := fontFileName(pdf, file)
		if err != nil {
			return nil, err
		}
		if name := string(d[2]); name != holds {
			fixes = append(fixes, fix{string(d[1]), name, string(d[3])})
		}
	}
	if len(fixes) == 0 {
		return pdf, nil
	}
	m := pdfTrailer.FindSubmatch(pdf[max(0, len(pdf)-1024):])
	if m == nil {
		return nil, fmt.Errorf("plots: unexpected PDF trailer")
	}
	size, _ := strconv.Atoi(string(m[1]))
	root, info, prev := string(m[2]), string(m[3]), string(m[4])
	out := bytes.NewBuffer(slices.Clip(pdf))
	if !bytes.HasSuffix(pdf, []byte("\n")) {
		out.WriteByte('\n')
	}
	offsets := map[int]int{}
	for _, f := range fixes {
		ttf, ok := fonts[f.name]
		if !ok {
			return nil, fmt.Errorf("plots: the PDF uses font %s, which the chart did not draw with", f.name)
		}
		z, err := compressedFont(f.name, ttf)
		if err != nil {
			return nil, err
		}
		file := size
		size++
		offsets[file] = out.Len()
		fmt.Fprintf(out, "%d 0 obj\n<</Length %d\n/Filter /FlateDecode\n/Length1 %d\n>>\nstream\n", file, len(z), len(ttf))
		out.Write(z)
		out.WriteString("\nendstream\nendobj\n")
		desc, _ := strconv.Atoi(f.desc)
		offsets[desc] = out.Len()
		fmt.Fprintf(out, "%d 0 obj\n<</Type /FontDescriptor /FontName /%s %s/FontFile2 %d 0 R>>\nendobj\n", desc, f.name, f.rest, file)
	}
	xref := out.Len()
	out.WriteString("xref\n")
	nums := make([]int, 0, len(offsets))
	for n := range offsets {
		nums = append(nums, n)
	}
	slices.Sort(nums)
	for _, n := range nums {
		fmt.Fprintf(out, "%d 1\n%010d 00000 n \n", n, offsets[n])
	}
	fmt.Fprintf(out, "trailer\n<<\n/Size %d\n/Root %s 0 R\n/Info %s 0 R\n/Prev %s\n>>\nstartxref\n%d\n%%%%EOF\n", size, root, info, prev, xref)
	return out.Bytes(), nil
}

// compressedFonts keeps each font file compressed once, by PostScript name and length: a
// chart's fonts are the same in every chart, and compressing one takes tens of milliseconds.
// It is a cache of a pure function's results, not a setting.
var compressedFonts sync.Map

// compressedFont returns the TrueType file ttf, named name, compressed with zlib.
func compressedFont(name string, ttf []byte) ([]byte, error) {
	key := name + "/" + strconv.Itoa(len(ttf))
	if z, ok := compressedFonts.Load(key); ok {
		return z.([]byte), nil
	}
	var z bytes.Buffer
	zw := zlib.NewWriter(&z)
	zw.Write(ttf)
	if err := zw.Close(); err != nil {
		return nil, err
	}
	compressedFonts.Store(key, z.Bytes())
	return z.Bytes(), nil
}

// fontDescriptors returns the submatches of pdfDescriptor in pdf, in order. It looks for the
// descriptors' text first: a regular expression over the whole PDF, font files and all, takes
// longer than drawing the chart.
func fontDescriptors(pdf []byte) [][][]byte {
	var out [][][]byte
	marker := []byte("\n<</Type /FontDescriptor ")
	for at := 0; ; {
		i := bytes.Index(pdf[at:], marker)
		if i < 0 {
			return out
		}
		i += at
		start := bytes.LastIndexByte(pdf[:i], '\n') + 1 // the "N 0 obj" line
		end := bytes.Index(pdf[i:], []byte("\nendobj\n"))
		if end < 0 {
			return out
		}
		end += i + len("\nendobj\n")
		if m := pdfDescriptor.FindSubmatch(pdf[start:end]); m != nil {
			out = append(out, m)
		}
		at = end
	}
}

// fontFileName returns the PostScript name of the TrueType font in font file object obj of pdf.
func fontFileName(pdf []byte, obj string) (string, error) {
	loc := regexp.MustCompile(fmt.Sprintf(fontStream, obj)).FindSubmatchIndex(pdf)
	if loc == nil {
		return "", fmt.Errorf("plots: no font file object %s in the PDF", obj)
	}
	n, _ := strconv.Atoi(string(pdf[loc[2]:loc[3]]))
	if loc[1]+n > len(pdf) {
		return "", fmt.Errorf("plots: font file object %s runs past the PDF's end", obj)
	}
	z := pdf[loc[1] : loc[1]+n]
	key := sha256.Sum256(z)
	if name, ok := fontFileNames.Load(key); ok {
		return name.(string), nil
	}
	r, err := zlib.NewReader(bytes.NewReader(z))
	if err != nil {
		return "", err
	}
	ttf, err := io.ReadAll(r)
	if err != nil {
		return "", err
	}
	name, err := postScriptName(ttf)
	if err == nil {
		fontFileNames.Store(key, name)
	}
	return name, err
}

// fontFileNames keeps the PostScript name of each compressed font file read, by its SHA-256.
var fontFileNames sync.Map

// faceFile is a font face's TrueType file and PostScript name.
type faceFile struct {
	name string
	ttf  []byte
}

// faceFiles keeps the file of each font face drawn with, by the face (gonum/plot keeps one
// per font for the life of the process).
var faceFiles sync.Map

// fileOf returns the TrueType file of the font face f and its PostScript name.
func fileOf(f *opentype.Font) (faceFile, error) {
	if ff, ok := faceFiles.Load(f); ok {
		return ff.(faceFile), nil
	}
	var ttf bytes.Buffer
	if _, err := f.WriteSourceTo(nil, &ttf); err != nil {
		return faceFile{}, err
	}
	name, err := postScriptName(ttf.Bytes())
	if err != nil {
		return faceFile{}, err
	}
	ff := faceFile{name, ttf.Bytes()}
	faceFiles.Store(f, ff)
	return ff, nil
}

// postScriptName returns the PostScript name of a TrueType font file.
func postScriptName(ttf []byte) (string, error) {
	f, err := sfnt.Parse(ttf)
	if err != nil {
		return "", err
	}
	return f.Name(nil, sfnt.NameIDPostScript)
}
