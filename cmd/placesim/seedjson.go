package main

import (
	"bytes"
	"strconv"

	"github.com/placesim/placesim/sim/shard"
)

// maxExactSeed is the largest seed that every JSON reader reads back exactly: jq, JavaScript
// and R hold a JSON number as a double, whose 53-bit significand holds every whole number up
// to 2^53 and rounds some above it (9007199254740993 reads back as 9007199254740992).
const maxExactSeed = 1 << 53

// jsonSeed is a master seed as the JSON placesim writes holds it (manifest.json and
// compare --json): seed_text always, the seed's decimal digits as a string, which every JSON
// reader keeps whatever the seed; and seed, the same seed as a number, only where every
// reader reads that number exactly (up to maxExactSeed), so that no reader is given a wrong
// seed. Embedded in a struct, its fields are that struct's.
type jsonSeed struct {
	// Number is the seed as a JSON number; nil (left out) above maxExactSeed.
	Number *uint64 `json:"seed,omitempty"`
	// Text is the seed in decimal digits.
	Text string `json:"seed_text,omitempty"`
}

// newJSONSeed returns seed as jsonSeed writes it.
func newJSONSeed(seed uint64) jsonSeed {
	j := jsonSeed{Text: strconv.FormatUint(seed, 10)}
	if seed <= maxExactSeed {
		j.Number = &seed
	}
	return j
}

// seedPos returns the line and column of the seed in the JSON text b: of seed_text, or of
// seed in a manifest written before seed_text.
func seedPos(b []byte) string {
	if bytes.Contains(b, []byte(`"seed_text"`)) {
		return shard.FieldPos(b, "seed_text")
	}
	return shard.FieldPos(b, "seed")
}

// value returns the seed j holds. It reads a manifest of any placesim: those written before
// seed_text have the seed as a number alone (exact, whatever its size, to Go's reader). field
// names the field a problem is in: "seed" or "seed_text".
func (j jsonSeed) value() (seed uint64, field string, err error) {
	return shard.SeedOf(j.Text, j.Number)
}
