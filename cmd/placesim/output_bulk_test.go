package main

import (
	"bytes"
	"math/rand/v2"
	"os"
	"path/filepath"
	"testing"
)

// TestBulkFile writes files of many sizes through a bulkFile, in pieces of many sizes, around
// the page cache where the file system allows it and through it: each reads back as written.
func TestBulkFile(t *testing.T) {
	dir := t.TempDir()
	rng := rand.New(rand.NewPCG(1, 2))
	for _, size := range []int{0, 1, bulkAlign - 1, bulkAlign, bulkAlign + 1, bulkChunk - 1, bulkChunk, bulkChunk + 1, 3*bulkChunk + 5*bulkAlign + 17} {
		want := make([]byte, size)
		for i := range want {
			want[i] = byte(rng.IntN(256))
		}
		for _, direct := range []bool{true, false} {
			path := filepath.Join(dir, "kpis.csv")
			var b *bulkFile
			if direct {
				var err error
				if b, err = createBulk(path); err != nil {
					t.Fatal(err)
				}
			} else {
				f, err := os.Create(path)
				if err != nil {
					t.Fatal(err)
				}
				b = newBulkFile(f, false)
			}
			for p := want; len(p) > 0; {
				k := min(len(p), 1+rng.IntN(3*bulkAlign))
				if rng.IntN(8) == 0 {
					k = min(len(p), bulkChunk+rng.IntN(bulkChunk))
				}
				if n, err := b.Write(p[:k]); n != k || err != nil {
					t.Fatalf("size %d: wrote %d of %d: %v", size, n, k, err)
				}
				p = p[k:]
			}
			if err := b.Close(); err != nil {
				t.Fatalf("size %d: %v", size, err)
			}
			if _, err := b.Write([]byte("x")); err == nil {
				t.Errorf("size %d: a write after Close was taken", size)
			}
			got, err := os.ReadFile(path)
			if err != nil {
				t.Fatal(err)
			}
			if !bytes.Equal(got, want) {
				t.Errorf("size %d, direct %v: read back %d bytes, not as written", size, direct, len(got))
			}
		}
	}
}

// TestBulkFileWholeBlocks writes whole blocks from one buffer again and again, as kpis.csv's
// rows come (a megabyte at a time), then a tail: it reads back as written.
func TestBulkFileWholeBlocks(t *testing.T) {
	path := filepath.Join(t.TempDir(), "kpis.csv")
	b, err := createBulk(path)
	if err != nil {
		t.Fatal(err)
	}
	buf := make([]byte, bulkChunk)
	var want []byte
	for i := range 4 {
		for j := range buf {
			buf[j] = byte(i*7 + j)
		}
		p := buf
		if i == 2 {
			p = buf[:bulkAlign] // a single block
		}
		if i == 3 {
			p = buf[:1000] // the tail
		}
		want = append(want, p...)
		if n, err := b.Write(p); n != len(p) || err != nil {
			t.Fatalf("write %d: %d of %d bytes: %v", i, n, len(p), err)
		}
	}
	if err := b.Close(); err != nil {
		t.Fatal(err)
	}
	got, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(got, want) {
		t.Errorf("read back %d bytes, not the %d written", len(got), len(want))
	}
}
