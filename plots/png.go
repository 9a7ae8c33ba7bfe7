package plots

import (
	"bufio"
	"bytes"
	"compress/zlib"
	"encoding/binary"
	"hash/crc32"
	"image"
	"io"
	"math"
	"sync"
)

// pngPixelsPerMetre is DPI as a PNG's pHYs chunk records it.
var pngPixelsPerMetre = uint32(math.Round(DPI / 0.0254))

// pngRows holds the scratch memory of encodePNG: a row of filtered pixels, the buffer of the
// image data's chunks and the file itself, reused from one chart to the next.
var pngRows sync.Pool

type pngScratch struct {
	row  []byte
	bw   *bufio.Writer
	zw   *zlib.Writer
	file bytes.Buffer
}

// encodePNG writes the opaque img to w as an 8-bit RGB PNG with a pHYs chunk saying DPI. Each
// row is written unfiltered (filter type None) and compressed at zlib's fastest level: a
// chart's flat colours compress as well that way as with image/png's choice of filter a row,
// and for a third of the time, since the choice tries all five filters on every row. The
// pixels are the same; only the compressed bytes differ.
func encodePNG(w io.Writer, img *image.RGBA) (int64, error) {
	n, err, _ := encodeRGB(w, img, false)
	return n, err
}

// encodeOpaquePNG is encodePNG for an img not known to be opaque: it checks each row as it
// goes, and when it finds a pixel that is not opaque it writes nothing and returns done false
// (an RGB file would lose the pixel's transparency). The file is put together in memory and
// written to w whole.
func encodeOpaquePNG(w io.Writer, img *image.RGBA) (n int64, err error, done bool) {
	return encodeRGB(w, img, true)
}

// encodeRGB writes img as encodePNG says; with check set, as encodeOpaquePNG says.
func encodeRGB(w io.Writer, img *image.RGBA, check bool) (int64, error, bool) {
	s, _ := pngRows.Get().(*pngScratch)
	if s == nil {
		s = &pngScratch{}
		s.zw, _ = zlib.NewWriterLevel(nil, zlib.BestSpeed)
		s.bw = bufio.NewWriterSize(nil, 1<<16)
	}
	defer pngRows.Put(s)
	out := w
	if check {
		s.file.Reset()
		out = &s.file
	}
	cw := &countWriter{w: out}
	width, height := img.Rect.Dx(), img.Rect.Dy()
	cw.Write([]byte("\x89PNG\r\n\x1a\n"))
	var hdr [13]byte
	binary.BigEndian.PutUint32(hdr[0:], uint32(width))
	binary.BigEndian.PutUint32(hdr[4:], uint32(height))
	hdr[8], hdr[9] = 8, 2 // bit depth 8, colour type 2: RGB; compression, filter, interlace 0
	writeChunk(cw, "IHDR", hdr[:])
	var phys [9]byte
	binary.BigEndian.PutUint32(phys[0:], pngPixelsPerMetre)
	binary.BigEndian.PutUint32(phys[4:], pngPixelsPerMetre)
	phys[8] = 1 // unit: metre
	writeChunk(cw, "pHYs", phys[:])

	idat := &idatWriter{w: cw}
	s.bw.Reset(idat)
	s.zw.Reset(s.bw)
	n := 1 + 3*width
	if cap(s.row) < n {
		s.row = make([]byte, n)
	}
	row := s.row[:n]
	row[0] = 0 // filter type None
	for y := img.Rect.Min.Y; y < img.Rect.Max.Y; y++ {
		at := img.PixOffset(img.Rect.Min.X, y)
		pix := img.Pix[at : at+4*width]
		alpha := byte(0xff)
		for x, j := 0, 1; x < len(pix); x, j = x+4, j+3 {
			p := pix[x : x+4 : x+4]
			row[j], row[j+1], row[j+2] = p[0], p[1], p[2]
			alpha &= p[3]
		}
		if check && alpha != 0xff {
			return 0, nil, false
		}
		if _, err := s.zw.Write(row); err != nil {
			return cw.n, err, true
		}
	}
	if err := s.zw.Close(); err != nil {
		return cw.n, err, true
	}
	if err := s.bw.Flush(); err != nil {
		return cw.n, err, true
	}
	writeChunk(cw, "IEND", nil)
	if cw.err != nil || !check {
		return cw.n, cw.err, true
	}
	m, err := w.Write(s.file.Bytes())
	if s.file.Cap() > 4<<20 {
		s.file = bytes.Buffer{} // not kept for the next: an unusually large image
	}
	return int64(m), err, true
}

// idatWriter writes each Write as one IDAT chunk.
type idatWriter struct{ w *countWriter }

func (iw *idatWriter) Write(b []byte) (int, error) {
	writeChunk(iw.w, "IDAT", b)
	return len(b), iw.w.err
}

// writeChunk writes a PNG chunk: its length, type, data and CRC.
func writeChunk(w *countWriter, typ string, data []byte) {
	var head [8]byte
	binary.BigEndian.PutUint32(head[:4], uint32(len(data)))
	copy(head[4:], typ)
	crc := crc32.NewIEEE()
	crc.Write(head[4:])
	crc.Write(data)
	var tail [4]byte
	binary.BigEndian.PutUint32(tail[:], crc.Sum32())
	w.Write(head[:])
	w.Write(data)
	w.Write(tail[:])
}

// countWriter counts what it writes, and keeps the first error, after which it writes nothing.
type countWriter struct {
	w   io.Writer
	n   int64
	err error
}

func (c *countWriter) Write(b []byte) (int, error) {
	if c.err != nil {
		return 0, c.err
	}
	m, err := c.w.Write(b)
	c.n += int64(m)
	c.err = err
	return m, err
}
