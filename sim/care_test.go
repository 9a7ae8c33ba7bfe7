package sim

import (
	"testing"
	"unsafe"
)

// TestChildFitsACacheLine checks that what the events of a child read stays on one cache line
// of 64 bytes: a field added to child that most events do not read belongs in childCold.
func TestChildFitsACacheLine(t *testing.T) {
	if n := unsafe.Sizeof(child{}); n > 64 {
		t.Errorf("a child takes %d bytes, more than a cache line of 64", n)
	}
}

// TestKindStateFitsACacheLine checks that what the events read and count of a provision kind
// stays on one cache line of 64 bytes: a field that placing a child or freeing a place does not
// read belongs elsewhere.
func TestKindStateFitsACacheLine(t *testing.T) {
	if n := unsafe.Sizeof(kindState{}); n > 64 {
		t.Errorf("a kind's state takes %d bytes, more than a cache line of 64", n)
	}
}
