package main

import (
	"io"
	"os"
	"unsafe"
)

// bulkFile is a large output file being written (a run's kpis.csv, 85 to 95 MB): on Linux its
// whole blocks go straight to the file system, around the page cache, as whole blocks of
// bulkChunk bytes (see createBulk), and only its last part, under a block, through the cache.
// Filling the page cache with a new file's pages costs the system more than the disk's own
// writing of them: on a shared virtual machine, writing kpis.csv through the cache took a
// third of the CPU time of `placesim run` on the queueing check. The bytes are the same.
type bulkFile struct {
	f *os.File
	// buf holds the bytes not yet written, from a start aligned to bulkAlign; its capacity is
	// bulkChunk.
	buf []byte
	// direct is set while whole blocks go around the cache; once a write so fails for a
	// reason other than the disk's, the rest goes through it.
	direct bool
	err    error
}

const (
	// bulkAlign is the alignment of the memory, the offsets and the lengths of the writes
	// that go around the page cache: a page, a multiple of every disk's logical block.
	bulkAlign = 4096
	// bulkChunk is the size of each such write.
	bulkChunk = 1 << 20
)

// newBulkFile returns a bulkFile writing to f, whose writes go around the page cache when
// direct is set.
func newBulkFile(f *os.File, direct bool) *bulkFile {
	mem := make([]byte, bulkChunk+bulkAlign)
	off := int(-uintptr(unsafe.Pointer(unsafe.SliceData(mem))) & (bulkAlign - 1))
	return &bulkFile{f: f, buf: mem[off : off : off+bulkChunk], direct: direct}
}

// Write keeps p, writing out each chunk that fills.
func (b *bulkFile) Write(p []byte) (int, error) {
	if b.err != nil {
		return 0, b.err
	}
	n := len(p)
	if b.direct && len(b.buf) == 0 && len(p)%bulkAlign == 0 && aligned(p) {
		// Whole blocks from aligned memory (kpis.csv's rows, a megabyte at a time) go
		// as they are.
		if b.err = b.writeDirect(p); b.err != nil {
			return 0, b.err
		}
		return n, nil
	}
	for len(p) > 0 {
		k := copy(b.buf[len(b.buf):cap(b.buf)], p)
		b.buf, p = b.buf[:len(b.buf)+k], p[k:]
		if len(b.buf) == cap(b.buf) {
			if b.err = b.writeOut(len(b.buf)); b.err != nil {
				return n - len(p), b.err
			}
		}
	}
	return n, nil
}

// aligned reports whether p starts at an address aligned to bulkAlign.
func aligned(p []byte) bool {
	return uintptr(unsafe.Pointer(unsafe.SliceData(p)))&(bulkAlign-1) == 0
}

// writeDirect writes p, whole blocks from aligned memory, around the page cache; what such a
// write is refused goes through the cache, with the rest of the file.
func (b *bulkFile) writeDirect(p []byte) error {
	w, err := b.f.Write(p)
	if err == nil || !directRefused(err) {
		return err
	}
	if err := endDirect(b.f); err != nil {
		return err
	}
	b.direct = false
	_, err = b.f.Write(p[w:])
	return err
}

// writeOut writes the first n bytes kept, n a multiple of bulkAlign, and keeps the rest.
func (b *bulkFile) writeOut(n int) error {
	if n == 0 {
		return nil
	}
	var err error
	if b.direct {
		// A write refused for its alignment (the file system's blocks are larger, say):
		// what it did not write goes through the page cache, with the rest of the file.
		err = b.writeDirect(b.buf[:n])
	} else {
		_, err = b.f.Write(b.buf[:n])
	}
	if err != nil {
		return err
	}
	b.buf = b.buf[:copy(b.buf, b.buf[n:])]
	return nil
}

// Close writes out what is kept, its whole blocks around the page cache and the rest through
// it, and closes the file.
func (b *bulkFile) Close() error {
	err := b.err
	if err == nil {
		err = b.writeOut(len(b.buf) &^ (bulkAlign - 1))
	}
	if err == nil && len(b.buf) > 0 {
		if b.direct {
			err = endDirect(b.f)
			b.direct = false
		}
		if err == nil {
			_, err = b.f.Write(b.buf)
		}
	}
	b.buf = b.buf[:0]
	if cerr := b.f.Close(); err == nil {
		err = cerr
	}
	if b.err == nil {
		b.err = os.ErrClosed
	}
	return err
}

var _ io.WriteCloser = (*bulkFile)(nil)
