package plots

import (
	"image"
	"image/color"
	"math"
	"sync"
	"time"

	"git.sr.ht/~sbinet/gg"
	xdraw "golang.org/x/image/draw"
	xfont "golang.org/x/image/font"
	"golang.org/x/image/font/opentype"
	"golang.org/x/image/math/f64"
	"golang.org/x/image/math/fixed"
	"gonum.org/v1/plot/font"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/vgimg"
)

// pngCanvas is the canvas a PNG chart is drawn on: vgimg's, drawing on an image taken from a
// pool rather than made and then copied, with text drawn by its own loop rather than through
// gg. gg draws each glyph through a general affine transform with bilinear filtering, reading
// every pixel through image.Image's At and Set: for the upright text of a chart, which lies on
// whole pixels, that transform is a copy, and drawText does the same arithmetic directly on the
// pixels, so that the image is the same to the last bit in a fraction of the time. Text drawn
// while the canvas is rotated, scaled or translated (an axis's title turned on its side) goes
// through gg as before.
type pngCanvas struct {
	*vgimg.Canvas
	ctx  *gg.Context
	img  *image.RGBA
	w, h vg.Length
	// state is the canvas's state at each Push, the last the current one.
	state []pngState
	// faces are the font faces text has been drawn with, by font and size.
	faces map[pngFaceKey]xfont.Face
}

// pngState is what pngCanvas keeps of a canvas's state: whether it has been moved from the
// page's own coordinates, and the colour text is drawn in.
type pngState struct {
	moved bool
	color color.Color
}

type pngFaceKey struct {
	face *opentype.Font
	size vg.Length
}

// pngPixels holds the pixels of PNG charts written, for the next charts to draw on: a 300 dpi
// chart is 9 to 13 MB of pixels. A sync.Pool would let them go at each garbage collection, and
// the collections that the workbook's and the report's garbage set off between two charts
// made most charts draw on fresh memory, a page fault every 4 KB. At most pngKept are held,
// the largest, and for pngKeepFor after the last chart gave its pixels back (a run's charts
// follow one another; a server that drew one does not keep its pixels); a chart takes the
// smallest that holds it, whatever its size, and draws on its start.
var pngPixels struct {
	sync.Mutex
	free [][]uint8
	drop *time.Timer // lets free go pngKeepFor after the last release
}

// pngKept is the most pixel buffers pngPixels holds: as many as charts drawn at once by a run
// on a machine of 8 CPUs (half of them draw a PNG), at most 54 MB.
const pngKept = 4

// pngKeepFor is how long pngPixels holds pixels no chart has asked for.
const pngKeepFor = time.Second

// pngImage returns a w by h image, its pixels left as they were.
func pngImage(w, h int) *image.RGBA {
	n := 4 * w * h
	pngPixels.Lock()
	var pix []uint8
	free, fit := pngPixels.free, -1
	for i, b := range free {
		if cap(b) >= n && (fit < 0 || cap(b) < cap(free[fit])) {
			fit = i // the smallest that holds the chart
		}
	}
	if fit >= 0 {
		pix = free[fit]
		free[fit] = free[len(free)-1]
		free[len(free)-1] = nil
		pngPixels.free = free[:len(free)-1]
	}
	pngPixels.Unlock()
	if pix == nil {
		return image.NewRGBA(image.Rect(0, 0, w, h))
	}
	return &image.RGBA{Pix: pix[:n], Stride: 4 * w, Rect: image.Rect(0, 0, w, h)}
}

// releasePNGImage gives img's pixels back for another chart to draw on. Once pngKept are
// held, the smallest of them and img's goes.
func releasePNGImage(img *image.RGBA) {
	pix := img.Pix[:cap(img.Pix)]
	pngPixels.Lock()
	defer pngPixels.Unlock()
	if pngPixels.drop == nil {
		pngPixels.drop = time.AfterFunc(pngKeepFor, func() {
			pngPixels.Lock()
			clear(pngPixels.free)
			pngPixels.free = pngPixels.free[:0]
			pngPixels.Unlock()
		})
	} else {
		pngPixels.drop.Reset(pngKeepFor)
	}
	free := pngPixels.free
	if len(free) < pngKept {
		pngPixels.free = append(free, pix)
		return
	}
	small := 0
	for i, b := range free {
		if cap(b) < cap(free[small]) {
			small = i
		}
	}
	if cap(pix) > cap(free[small]) {
		free[small] = pix
	}
}

// newPNGCanvas returns a white canvas of w by h at DPI dots per inch, as vgimg.NewWith with
// UseWH, UseDPI and a white background makes it.
func newPNGCanvas(w, h vg.Length) *pngCanvas {
	wd, hd := w/vg.Inch*vg.Length(DPI), h/vg.Inch*vg.Length(DPI)
	img := pngImage(int(wd+0.5), int(hd+0.5))
	ctx := gg.NewContextForRGBA(img)
	ctx.SetLineCapButt()
	ctx.InvertY()
	// NewWith fills the image with its background colour, white.
	cv := vgimg.NewWith(vgimg.UseImageWithContext(img, ctx), vgimg.UseDPI(DPI))
	return &pngCanvas{
		Canvas: cv, ctx: ctx, img: img, w: w, h: h,
		state: []pngState{{color: color.Black}},
		faces: map[pngFaceKey]xfont.Face{},
	}
}

// Size returns the size the canvas was made with: vgimg works it out again from the image's
// whole pixels, a fraction of a pixel larger.
func (c *pngCanvas) Size() (w, h vg.Length) { return c.w, c.h }

func (c *pngCanvas) SetColor(clr color.Color) {
	c.Canvas.SetColor(clr)
	if clr == nil {
		clr = color.Black
	}
	c.state[len(c.state)-1].color = clr
}

func (c *pngCanvas) Rotate(t float64) {
	c.Canvas.Rotate(t)
	c.state[len(c.state)-1].moved = true
}

func (c *pngCanvas) Translate(pt vg.Point) {
	c.Canvas.Translate(pt)
	c.state[len(c.state)-1].moved = true
}

func (c *pngCanvas) Scale(x, y float64) {
	c.Canvas.Scale(x, y)
	c.state[len(c.state)-1].moved = true
}

func (c *pngCanvas) Push() {
	c.Canvas.Push()
	c.state = append(c.state, c.state[len(c.state)-1])
}

func (c *pngCanvas) Pop() {
	c.Canvas.Pop()
	c.state = c.state[:len(c.state)-1]
}

// FillString draws str at pt as vgimg does: through gg while the canvas is moved, otherwise
// with drawText.
func (c *pngCanvas) FillString(f font.Face, pt vg.Point, str string) {
	if f.Font.Size == 0 {
		return
	}
	st := c.state[len(c.state)-1]
	x, y := pt.X.Dots(DPI), c.h.Dots(DPI)-pt.Y.Dots(DPI)
	if st.moved {
		c.ctx.Push()
		defer c.ctx.Pop()
		face := f.FontFace(DPI)
		defer face.Close()
		c.ctx.SetFontFace(face)
		c.ctx.InvertY()
		c.ctx.DrawString(str, x, y)
		return
	}
	key := pngFaceKey{f.Face, f.Font.Size}
	face := c.faces[key]
	if face == nil {
		face = f.FontFace(DPI)
		c.faces[key] = face
	}
	drawText(c.img, face, st.color, fixed.Point26_6{X: fix26(x), Y: fix26(y)}, str)
}

// release closes the canvas's font faces and returns its image, which it no longer draws on.
func (c *pngCanvas) release() *image.RGBA {
	for _, f := range c.faces {
		f.Close()
	}
	return c.img
}

// fix26 is x in 26.6 fixed point, rounded, as gg places text.
func fix26(x float64) fixed.Int26_6 { return fixed.Int26_6(math.Round(x * 64)) }

// drawText draws s on dst in colour clr with face, its first glyph's origin at dot, kerned, as
// gg's Context.DrawString does with an identity transform: each glyph's coverage scales the
// colour (premultiplied, 16 bits a channel), which is laid over the pixel, exactly as
// x/image/draw's bilinear kernel does at whole-pixel offsets.
func drawText(dst *image.RGBA, face xfont.Face, clr color.Color, dot fixed.Point26_6, s string) {
	sr, sg, sb, sa := clr.RGBA()
	prev := rune(-1)
	for _, r := range s {
		if prev >= 0 {
			dot.X += face.Kern(prev, r)
		}
		dr, mask, mp, advance, ok := face.Glyph(dot, r)
		if !ok {
			continue
		}
		if m, isAlpha := mask.(*image.Alpha); isAlpha {
			overGlyph(dst, dr, m, mp, sr, sg, sb, sa)
		} else {
			// Not a face of vgimg's kind: as gg draws it.
			s2d := f64.Aff3{1, 0, float64(dr.Min.X), 0, 1, float64(dr.Min.Y)}
			xdraw.BiLinear.Transform(dst, s2d, image.NewUniform(clr), dr.Sub(dr.Min), xdraw.Over, &xdraw.Options{SrcMask: mask, SrcMaskP: mp})
		}
		dot.X += advance
		prev = r
	}
}

// overGlyph lays the colour (sr, sg, sb, sa), premultiplied, over dst's pixels in dr through
// the coverage mask (its pixel at mp for dr.Min), with x/image/draw's arithmetic for Over with
// a source mask.
func overGlyph(dst *image.RGBA, dr image.Rectangle, mask *image.Alpha, mp image.Point, sr, sg, sb, sa uint32) {
	r := dr.Intersect(dst.Rect)
	if r.Empty() {
		return
	}
	n := r.Dx()
	for y := r.Min.Y; y < r.Max.Y; y++ {
		mx, my := mp.X+r.Min.X-dr.Min.X, mp.Y+y-dr.Min.Y
		if my < mask.Rect.Min.Y || my >= mask.Rect.Max.Y {
			continue
		}
		at := dst.PixOffset(r.Min.X, y)
		row := dst.Pix[at : at+4*n]
		for i := range n {
			if mx+i < mask.Rect.Min.X || mx+i >= mask.Rect.Max.X {
				continue
			}
			m := uint32(mask.Pix[mask.PixOffset(mx+i, my)])
			if m == 0 {
				continue
			}
			ma := m * 0x101
			pr, pg, pb, pa := sr*ma/0xffff, sg*ma/0xffff, sb*ma/0xffff, sa*ma/0xffff
			pa1 := 0xffff - pa
			p := row[4*i : 4*i+4 : 4*i+4]
			p[0] = uint8(uint16(uint32(p[0])*0x101*pa1/0xffff+pr) >> 8)
			p[1] = uint8(uint16(uint32(p[1])*0x101*pa1/0xffff+pg) >> 8)
			p[2] = uint8(uint16(uint32(p[2])*0x101*pa1/0xffff+pb) >> 8)
			p[3] = uint8(uint16(uint32(p[3])*0x101*pa1/0xffff+pa) >> 8)
		}
	}
}
