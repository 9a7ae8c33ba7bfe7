package ssda903

import (
	"bytes"
	"encoding/csv"
	"errors"
	"io"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/placesim/placesim/model"
	"github.com/placesim/placesim/scenarios"
)

// fuzzMaxBytes bounds each file of a fuzzed return: larger inputs exercise nothing the
// small ones do not, and a calibration of them takes longer than a fuzzing run should wait.
const fuzzMaxBytes = 1 << 14

// FuzzReadReturn reads, cleans and calibrates an episodes, a header and a UASC file as
// given, for the council la ("" for none; the seed corpus is in
// testdata/fuzz/FuzzReadReturn). Whatever the files hold, it
// checks that:
//   - nothing panics, and Read and Calibrate return either a result or an error;
//   - an error, and the data-quality report, hold no postcode, date (other than the
//     first of a month, which the window's bounds are) or long number of the files;
//   - a calibration writes a scenario that loads.
func FuzzReadReturn(f *testing.F) {
	base := baseScenario(f)
	f.Fuzz(func(t *testing.T, episodes, header, uasc []byte, la string) {
		if len(episodes) > fuzzMaxBytes || len(header) > fuzzMaxBytes || len(uasc) > fuzzMaxBytes {
			t.Skip("larger than fuzzMaxBytes")
		}
		fuzzReturn(t, base, episodes, header, uasc, la)
	})
}

// fuzzReturn is FuzzReadReturn's check of one set of files.
func fuzzReturn(t *testing.T, base *model.Scenario, episodes, header, uasc []byte, la string) {
	t.Helper()
	files := Files{
		Episodes: []Input{{Name: "episodes.csv", R: bytes.NewReader(episodes)}},
		Header:   []Input{{Name: "header.csv", R: bytes.NewReader(header)}},
	}
	if len(uasc) > 0 {
		files.UASC = []Input{{Name: "uasc.csv", R: bytes.NewReader(uasc)}}
	}
	// The council asked for is the user's own word, which a message may repeat.
	secrets := slices.DeleteFunc(fuzzSecrets(episodes, header, uasc), func(s string) bool {
		return la != "" && strings.Contains(la, s)
	})
	ret, err := Read(files, ReadOptions{LA: la})
	if (ret == nil) == (err == nil) {
		t.Fatalf("Read returned %v and %v: want a return or an error", ret, err)
	}
	if err != nil {
		fuzzNoSecrets(t, "Read's error", err.Error(), secrets)
		return
	}
	if ret.DataEnd().Compare(ret.DataStart()) <= 0 {
		t.Fatalf("the data run from %v to %v", ret.DataStart(), ret.DataEnd())
	}
	var rep bytes.Buffer
	if err := ret.Quality.WriteReport(&rep); err != nil {
		t.Fatal(err)
	}
	fuzzNoSecrets(t, "the report", rep.String(), secrets)
	cal, err := Calibrate(ret, Options{Base: base})
	if (cal == nil) == (err == nil) {
		t.Fatalf("Calibrate returned %v and %v: want a calibration or an error", cal, err)
	}
	if err != nil {
		fuzzNoSecrets(t, "Calibrate's error", err.Error(), secrets)
		return
	}
	rep.Reset()
	if err := ret.Quality.WriteReport(&rep); err != nil {
		t.Fatal(err)
	}
	fuzzNoSecrets(t, "the report", rep.String(), secrets)
	var y bytes.Buffer
	if err := writeScenario(&y, cal, ScenarioOptions{Name: "fuzz", Extends: "default", Sources: "the fuzzed files"}); err != nil {
		t.Fatal(err)
	}
	fuzzNoSecrets(t, "the scenario", y.String(), secrets)
	if _, err := scenarios.Parse(bytes.NewReader(y.Bytes()), "fuzz.yaml", nil); err != nil {
		t.Fatalf("the calibrated scenario does not load: %v\n%s", err, y.String())
	}
}

// postcode matches a UK postcode, whole ("SW1A 1AA", "B122KE") or its first part and sector
// ("B12 2"); a first part alone ("A90") is too short to tell from a word of a message
// ("SSDA903").
var postcode = regexp.MustCompile(`^[A-Z]{1,2}[0-9][A-Z0-9]?( ?[0-9][A-Z]{2}| [0-9])$`)

// fuzzSecrets returns the cells of the files that no message or report may hold: postcodes,
// dates other than the first of a month, and numbers of six digits or more (a child's
// identifier). Shorter or other cells could appear in a message by chance (a line number, a
// count, a word), so they are not checked.
func fuzzSecrets(files ...[]byte) []string {
	var out []string
	for _, b := range files {
		// Read's line ends: \r\n or a lone \r is one.
		b = bytes.ReplaceAll(bytes.ReplaceAll(b, []byte("\r\n"), []byte("\n")), []byte("\r"), []byte("\n"))
		cr := csv.NewReader(bytes.NewReader(b))
		cr.FieldsPerRecord = -1
		cr.ReuseRecord = true
		for {
			rec, err := cr.Read()
			if errors.Is(err, io.EOF) {
				break
			}
			if err != nil {
				var pe *csv.ParseError
				if errors.As(err, &pe) && pe.Err == csv.ErrFieldCount {
					continue
				}
				break
			}
			for _, cell := range rec {
				cell = strings.TrimSpace(cell)
				switch d, err := parseDay(cell); {
				case err == nil:
					if _, _, dd := d.civil(); dd != 1 {
						out = append(out, cell, d.String(), d.time().Format("02/01/2006"))
					}
				case postcode.MatchString(strings.ToUpper(cell)) && !isCode(strings.ToUpper(cell)):
					out = append(out, cell)
				case len(cell) >= 6 && strings.Trim(cell, "0123456789") == "":
					out = append(out, cell)
				}
			}
		}
	}
	return out
}

// fuzzNoSecrets fails the test if text holds one of secrets.
func fuzzNoSecrets(t *testing.T, what, text string, secrets []string) {
	t.Helper()
	for _, s := range secrets {
		if strings.Contains(text, s) {
			t.Fatalf("%s holds %q, a value of the files:\n%s", what, s, text)
		}
	}
}
