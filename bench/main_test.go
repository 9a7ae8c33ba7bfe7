package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestWriteRegion(t *testing.T) {
	file := filepath.Join(t.TempDir(), "README.md")
	before := "# Title\n\n<!-- bench:speed -->\nold table\n<!-- /bench:speed -->\n\nafter\n"
	if err := os.WriteFile(file, []byte(before), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := writeRegion(file, "bench:speed", "| new | table |\n"); err != nil {
		t.Fatal(err)
	}
	got, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	want := "# Title\n\n<!-- bench:speed -->\n| new | table |\n<!-- /bench:speed -->\n\nafter\n"
	if string(got) != want {
		t.Errorf("got\n%s\nwant\n%s", got, want)
	}
}

func TestWriteRegionMissing(t *testing.T) {
	file := filepath.Join(t.TempDir(), "README.md")
	if err := os.WriteFile(file, []byte("no markers here\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	err := writeRegion(file, "bench:speed", "x\n")
	if err == nil || !strings.Contains(err.Error(), "no <!-- bench:speed -->") {
		t.Errorf("error %v, want one naming the missing region", err)
	}
}

func TestMedian(t *testing.T) {
	for _, c := range []struct {
		in   []float64
		want float64
	}{
		{[]float64{3}, 3},
		{[]float64{5, 1, 3}, 3},
		{[]float64{4, 1, 3, 2}, 2.5},
	} {
		if got := median(c.in); got != c.want {
			t.Errorf("median(%v) = %v, want %v", c.in, got, c.want)
		}
	}
}
