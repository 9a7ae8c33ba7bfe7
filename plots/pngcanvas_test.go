package plots

import (
	"bytes"
	"image"
	"image/color"
	"io"
	"testing"

	"gonum.org/v1/plot/font"
	"gonum.org/v1/plot/font/liberation"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
	"gonum.org/v1/plot/vg/vgimg"
)

// vgimgPNG draws c as vgimg draws it, with its own text and a white background drawn over the
// canvas: the image pngCanvas must match to the last bit.
func vgimgPNG(c *Chart) *image.RGBA {
	w, h := c.size()
	cv := vgimg.NewWith(vgimg.UseWH(w, h), vgimg.UseDPI(DPI), vgimg.UseBackgroundColor(color.White))
	c.Draw(draw.New(cv))
	return cv.Image().(*image.RGBA)
}

// TestPNGCanvasSamePixels checks that every chart drawn on pngCanvas (text drawn by drawText,
// no background drawn, an image from the pool) has exactly the pixels vgimg draws, and the
// same on an image the pool gives back.
func TestPNGCanvasSamePixels(t *testing.T) {
	charts, err := Charts(readTestData(t), testSource)
	if err != nil {
		t.Fatal(err)
	}
	tornado, err := TornadoChart(tornadoRows(), "cost_total", "all", 0.9, testSource)
	if err != nil {
		t.Fatal(err)
	}
	charts = append(charts, tornado)
	// One after another, each chart after the first of its size draws on the image the one
	// before gave back.
	{
		for _, c := range charts {
			want := vgimgPNG(c)
			wt, err := c.WriterTo("png")
			if err != nil {
				t.Fatal(err)
			}
			samePixels(t, wt.(*pngWriter).img, want)
			if t.Failed() {
				t.Fatalf("%s differs from vgimg's drawing", c.Name)
			}
			// Written, the image goes back to the pool for the next chart.
			if _, err := wt.WriteTo(io.Discard); err != nil {
				t.Fatal(err)
			}
			if _, err := wt.WriteTo(io.Discard); err == nil {
				t.Errorf("%s: a PNG written twice: no error", c.Name)
			}
		}
	}
}

// TestDrawTextSamePixels checks drawText against gg, through vgimg, on a background of every
// colour: upright text at fractional positions in opaque and translucent colours, text that
// runs off the image, and rotated and translated text (which pngCanvas leaves to gg).
func TestDrawTextSamePixels(t *testing.T) {
	const w, h = 3 * vg.Centimeter, 2 * vg.Centimeter
	fonts := font.NewCache(liberation.Collection())
	faces := []font.Face{
		fonts.Lookup(sans, vg.Points(7.5)),
		fonts.Lookup(sansBold, vg.Points(12)),
	}
	colours := []color.Color{black, textGrey, translucent(blue, 0.4), color.RGBA{0x20, 0x40, 0x10, 0x80}}
	type op struct {
		face   font.Face
		colour color.Color
		pt     vg.Point
		text   string
		turn   float64
		move   vg.Point
	}
	var ops []op
	for i, f := range faces {
		for j, c := range colours {
			x := vg.Length(1.37*float64(i+j)) - 2
			ops = append(ops, op{f, c, vg.Point{X: x, Y: vg.Length(5 + 13*j + 3*i)}, "£1,234 AVWA fij, Tygq −5% →", 0, vg.Point{}})
		}
	}
	ops = append(ops,
		op{faces[0], black, vg.Point{X: 60, Y: 50}, "off the edge", 0, vg.Point{}},
		op{faces[0], black, vg.Point{X: 10, Y: -2}, "below gq", 0, vg.Point{}},
		op{faces[1], colours[2], vg.Point{X: 10, Y: 10}, "turned", 1.5707963267948966, vg.Point{}},
		op{faces[0], colours[3], vg.Point{X: 0, Y: 0}, "moved", 0, vg.Point{X: 10.3, Y: 20.7}},
	)
	draw := func(cv interface {
		SetColor(color.Color)
		Push()
		Pop()
		Rotate(float64)
		Translate(vg.Point)
		FillString(font.Face, vg.Point, string)
	}, img *image.RGBA) {
		for i := range img.Pix {
			img.Pix[i] = byte(i*7 + i/4*13)
			if i%4 == 3 {
				img.Pix[i] = 0xff
			}
		}
		for _, o := range ops {
			cv.SetColor(o.colour)
			if o.turn != 0 || o.move != (vg.Point{}) {
				cv.Push()
				cv.Translate(o.move)
				cv.Rotate(o.turn)
			}
			cv.FillString(o.face, o.pt, o.text)
			if o.turn != 0 || o.move != (vg.Point{}) {
				cv.Pop()
			}
		}
	}
	ref := vgimg.NewWith(vgimg.UseWH(w, h), vgimg.UseDPI(DPI), vgimg.UseBackgroundColor(color.White))
	draw(ref, ref.Image().(*image.RGBA))
	pc := newPNGCanvas(w, h)
	draw(pc, pc.img)
	got := pc.release()
	samePixels(t, got, ref.Image())
	if bytes.Equal(got.Pix, image.NewRGBA(got.Rect).Pix) {
		t.Error("nothing drawn")
	}
}

// TestPNGPixelsKept checks that the pixels of a chart written are drawn on by the next chart
// that fits in them, the smallest buffer that holds it first, as an image of its own size, and
// that no more than pngKept buffers are held, the largest.
func TestPNGPixelsKept(t *testing.T) {
	pngPixels.Lock()
	saved := pngPixels.free
	pngPixels.free = nil
	if pngPixels.drop != nil {
		pngPixels.drop.Stop() // an earlier test's charts' pixels are not let go meanwhile
	}
	pngPixels.Unlock()
	t.Cleanup(func() {
		pngPixels.Lock()
		pngPixels.free = saved
		pngPixels.Unlock()
	})
	big, small := pngImage(30, 20), pngImage(10, 10)
	releasePNGImage(big)
	releasePNGImage(small)
	// A 9 by 9 chart fits in both: it takes the smaller.
	img := pngImage(9, 9)
	if &img.Pix[:1][0] != &small.Pix[:1][0] {
		t.Errorf("a 9x9 image did not take the 10x10 buffer")
	}
	if img.Rect != image.Rect(0, 0, 9, 9) || img.Stride != 4*9 || len(img.Pix) != 4*9*9 {
		t.Errorf("a 9x9 image from a 10x10 buffer: rect %v, stride %d, %d bytes", img.Rect, img.Stride, len(img.Pix))
	}
	// Given back, it is the whole buffer again: a 10x10 chart fits.
	releasePNGImage(img)
	if again := pngImage(10, 10); &again.Pix[:1][0] != &small.Pix[:1][0] {
		t.Errorf("a 10x10 image did not take the 10x10 buffer given back as 9x9")
	} else {
		releasePNGImage(again)
	}
	// Too large for any: fresh pixels.
	if huge := pngImage(40, 40); len(huge.Pix) != 4*40*40 || &huge.Pix[:1][0] == &big.Pix[:1][0] {
		t.Errorf("a 40x40 image: %d bytes, or a buffer too small", len(huge.Pix))
	}
	// More than pngKept given back: the largest are held.
	for i := range pngKept + 2 {
		releasePNGImage(image.NewRGBA(image.Rect(0, 0, 11+i, 11+i)))
	}
	pngPixels.Lock()
	defer pngPixels.Unlock()
	if len(pngPixels.free) != pngKept {
		t.Fatalf("%d buffers held, want %d", len(pngPixels.free), pngKept)
	}
	for _, b := range pngPixels.free {
		if cap(b) < 4*13*13 {
			t.Errorf("a buffer of %d bytes held, smaller than the %d largest", cap(b), pngKept)
		}
	}
}
