package ssda903

import (
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"slices"
	"strconv"
	"strings"
)

// Input is one file of a return: its name, used in errors and in the data-quality report, and
// its contents.
type Input struct {
	// Name names the file, as the user gave it.
	Name string
	// R reads the file's contents: CSV with a header row.
	R io.Reader
}

// Files are the files of one or several years' returns, as councils keep them: one episodes,
// header and UASC file a year, or one of each covering several years. Files are read in the
// order given; when the same episode appears in several files, the later file's row is kept
// (or the one with the later YEAR, when the files have that column).
type Files struct {
	// Episodes are the episodes files (CHILD, DECOM, RNE, LS, PLACE, PLACE_PROVIDER, DEC, REC
	// and others, which are ignored).
	Episodes []Input
	// Header are the header files (CHILD, SEX, DOB and others).
	Header []Input
	// UASC are the files of unaccompanied asylum-seeking children (CHILD, DUC; SEX and DOB
	// are read when present). They may be left out.
	UASC []Input
}

// ReadOptions says which rows of the files to read.
type ReadOptions struct {
	// LA selects one council's rows from files that hold several, by their LA column (case
	// and surrounding spaces do not matter). It must be given when the files hold more than
	// one council, and is ignored by files without the column.
	LA string
}

// maxErrors is how many problems Read reports before it gives up on the files.
const maxErrors = 20

// fileKind says which of the return's tables a file is.
type fileKind uint8

const (
	episodesFile fileKind = iota
	headerFile
	uascFile
)

func (k fileKind) String() string { return [...]string{"episodes", "header", "UASC"}[k] }

// file names the kind of file with its article: "an episodes file".
func (k fileKind) file() string { return [...]string{"an episodes", "a header", "a UASC"}[k] + " file" }

// required are the columns each kind of file must have; other columns are ignored.
var required = [...][]string{
	episodesFile: {"CHILD", "DECOM", "RNE", "LS", "PLACE", "PLACE_PROVIDER", "DEC", "REC"},
	headerFile:   {"CHILD", "SEX", "DOB"},
	uascFile:     {"CHILD", "DUC"},
}

// rawEpisode is one row of an episodes file.
type rawEpisode struct {
	child               int32
	decom, dec          day
	rne, ls, place, rec string
	provider            string
	order               order
}

// rawHeader is one row of a header file, or of a UASC file.
type rawHeader struct {
	child int32
	sex   sex
	dob   day
	duc   day // UASC files only; noDay when empty
	order order
}

// sex is the child's recorded sex: SEX 1 is male and 2 female.
type sex int8

const (
	sexUnknown sex = iota
	sexMale
	sexFemale
)

// order places a row among the returns: a later YEAR, then a later file, then a later line
// wins when the same record is given twice.
type order struct {
	year int32
	file int16
	line int32
}

func (o order) after(p order) bool {
	if o.year != p.year {
		return o.year > p.year
	}
	if o.file != p.file {
		return o.file > p.file
	}
	return o.line > p.line
}

// reader reads the files of a return into raw rows, collecting every problem.
type reader struct {
	la       string
	errs     []error
	children map[string]int32
	ids      []string
	interned map[string]string
	q        *Quality

	episodes []rawEpisode
	headers  []rawHeader
	uascs    []rawHeader
	// councils holds the values seen in LA columns.
	councils map[string]bool
}

// errorf records a problem at file:line, in column col ("" for the whole row or file).
func (r *reader) errorf(file string, line int, col, format string, args ...any) {
	msg := fmt.Sprintf(format, args...)
	loc := file
	if line > 0 {
		loc += ":" + strconv.Itoa(line)
	}
	if col != "" {
		loc += ": " + col
	}
	r.errs = append(r.errs, errors.New(loc+": "+msg))
}

// full reports whether enough problems have been found to stop.
func (r *reader) full() bool { return len(r.errs) >= maxErrors }

func (r *reader) intern(s string) string {
	if v, ok := r.interned[s]; ok {
		return v
	}
	r.interned[s] = s
	return s
}

func (r *reader) childID(s string) int32 {
	if id, ok := r.children[s]; ok {
		return id
	}
	id := int32(len(r.ids))
	r.children[s] = id
	r.ids = append(r.ids, s)
	return id
}

// columns maps the header row's names to their positions.
type columns struct {
	pos      map[string]int
	la, year int
}

// readFile reads one file of kind k; index is its position among the files of its kind.
func (r *reader) readFile(in Input, k fileKind, index int) {
	cr := csv.NewReader(in.R)
	cr.ReuseRecord = true
	cr.FieldsPerRecord = -1
	head, err := cr.Read()
	if err == io.EOF {
		r.errorf(in.Name, 0, "", "the file is empty: want %s with a header row", k.file())
		return
	}
	if err != nil {
		r.csvError(in.Name, err)
		return
	}
	cols := columns{pos: map[string]int{}, la: -1, year: -1}
	var names []string
	for i, h := range head {
		name := strings.ToUpper(strings.TrimSpace(strings.TrimPrefix(h, "\ufeff")))
		names = append(names, name)
		if _, dup := cols.pos[name]; !dup {
			cols.pos[name] = i
		}
	}
	if i, ok := cols.pos["LA"]; ok {
		cols.la = i
	}
	if i, ok := cols.pos["YEAR"]; ok {
		cols.year = i
	}
	var missing []string
	for _, c := range required[k] {
		if _, ok := cols.pos[c]; !ok {
			missing = append(missing, c)
		}
	}
	if len(missing) > 0 {
		hint := ""
		if guess := guessKind(cols.pos); guess != k && guess != 255 {
			hint = fmt.Sprintf(" (it looks like %s)", guess.file())
		}
		r.errorf(in.Name, 1, "", "missing %s %s: %s needs %s; found %s%s",
			plural(len(missing), "column"), strings.Join(missing, ", "), k.file(),
			strings.Join(required[k], ", "), strings.Join(names, ", "), hint)
		return
	}
	summary := FileSummary{Name: in.Name, Kind: k.String()}
	for {
		rec, err := cr.Read()
		if err == io.EOF {
			break
		}
		if err != nil {
			r.csvError(in.Name, err)
			break
		}
		line, _ := cr.FieldPos(0)
		summary.Rows++
		get := func(name string) string {
			if i := cols.pos[name]; i < len(rec) {
				return rec[i]
			}
			return ""
		}
		if cols.la >= 0 && cols.la < len(rec) {
			la := strings.TrimSpace(rec[cols.la])
			r.councils[la] = true
			if r.la != "" && !strings.EqualFold(la, r.la) {
				summary.OtherCouncils++
				continue
			}
		}
		o := order{file: int16(index), line: int32(line)}
		if cols.year >= 0 && cols.year < len(rec) {
			if y, err := strconv.Atoi(strings.TrimSpace(rec[cols.year])); err == nil {
				o.year = int32(y)
			}
		}
		id := strings.TrimSpace(get("CHILD"))
		if id == "" {
			r.errorf(in.Name, line, "CHILD", "empty: every row needs the child's identifier")
			if r.full() {
				return
			}
			continue
		}
		date := func(col string, optional bool) day {
			s := strings.TrimSpace(get(col))
			if s == "" {
				if !optional {
					r.errorf(in.Name, line, col, "empty: the date is required")
				}
				return noDay
			}
			d, err := parseDay(s)
			if err != nil {
				r.errorf(in.Name, line, col, "%v", err)
			}
			return d
		}
		switch k {
		case episodesFile:
			e := rawEpisode{
				child:    r.childID(id),
				decom:    date("DECOM", false),
				dec:      date("DEC", true),
				rne:      r.intern(code(get("RNE"))),
				ls:       r.intern(code(get("LS"))),
				place:    r.intern(code(get("PLACE"))),
				provider: r.intern(code(get("PLACE_PROVIDER"))),
				rec:      r.intern(code(get("REC"))),
				order:    o,
			}
			r.episodes = append(r.episodes, e)
		case headerFile, uascFile:
			h := rawHeader{child: r.childID(id), sex: readSex(get("SEX")), order: o, duc: noDay}
			if _, ok := cols.pos["DOB"]; ok {
				h.dob = date("DOB", true)
			} else {
				h.dob = noDay
			}
			if k == uascFile {
				h.duc = date("DUC", true)
				r.uascs = append(r.uascs, h)
			} else {
				r.headers = append(r.headers, h)
			}
		}
		if r.full() {
			return
		}
	}
	r.q.Files = append(r.q.Files, summary)
}

// csvError records a CSV syntax error with its position.
func (r *reader) csvError(name string, err error) {
	var pe *csv.ParseError
	if errors.As(err, &pe) {
		r.errorf(name, pe.Line, "", "column %d: %v", pe.Column, pe.Err)
		return
	}
	r.errorf(name, 0, "", "%v", err)
}

// guessKind returns the kind of file whose required columns the names hold, or 255.
func guessKind(pos map[string]int) fileKind {
	for k, cols := range required {
		ok := true
		for _, c := range cols {
			if _, has := pos[c]; !has {
				ok = false
				break
			}
		}
		if ok {
			return fileKind(k)
		}
	}
	return 255
}

// readSex reads the SEX column: 1 male, 2 female, anything else unknown.
func readSex(s string) sex {
	switch strings.TrimSpace(s) {
	case "1", "1.0":
		return sexMale
	case "2", "2.0":
		return sexFemale
	}
	return sexUnknown
}

// plural returns word, or its plural unless n is 1 ("columns", "children", "young people").
func plural(n int, word string) string {
	if n == 1 {
		return word
	}
	switch word {
	case "child":
		return "children"
	case "young person":
		return "young people"
	}
	return word + "s"
}

// Read reads and cleans the files of a council's return: the rows of opt.LA's council, dates
// in either form, the same episode given in several years' files once, and each child's
// episodes joined into periods of care. It reports every problem that stops it (a missing
// column, a date it cannot read, a header that does not match the episodes), each naming the
// file, row and column, joined with errors.Join; it reports what it dropped or changed, and
// why, in the Return's Quality.
func Read(files Files, opt ReadOptions) (*Return, error) {
	if len(files.Episodes) == 0 {
		return nil, errors.New("no episodes file given")
	}
	if len(files.Header) == 0 {
		return nil, errors.New("no header file given: the children's dates of birth are in it")
	}
	r := &reader{
		la:       strings.TrimSpace(opt.LA),
		children: map[string]int32{},
		interned: map[string]string{},
		councils: map[string]bool{},
		q:        &Quality{LA: strings.TrimSpace(opt.LA)},
	}
	for _, set := range []struct {
		k  fileKind
		in []Input
	}{{episodesFile, files.Episodes}, {headerFile, files.Header}, {uascFile, files.UASC}} {
		for i, in := range set.in {
			if r.full() {
				break
			}
			r.readFile(in, set.k, i)
		}
	}
	if len(r.errs) > 0 {
		return nil, r.joined()
	}
	councils := make([]string, 0, len(r.councils))
	for c := range r.councils {
		councils = append(councils, c)
	}
	slices.Sort(councils)
	r.q.Councils = councils
	if r.la == "" && len(councils) > 1 {
		return nil, fmt.Errorf("the files hold %d councils (%s): choose one with --la", len(councils), strings.Join(councils, ", "))
	}
	if r.la == "" && len(councils) == 1 {
		r.q.LA = councils[0]
	}
	if len(r.episodes) == 0 {
		if r.la != "" && len(councils) > 0 {
			return nil, fmt.Errorf("no episode rows for council %q (the files hold %s)", r.la, strings.Join(councils, ", "))
		}
		return nil, errors.New("the episodes files hold no rows")
	}
	return r.clean(files)
}

// joined returns the problems found, with a last line when reading stopped early.
func (r *reader) joined() error {
	errs := r.errs
	if len(errs) >= maxErrors {
		errs = append(errs, fmt.Errorf("stopped after %d problems", maxErrors))
	}
	return errors.Join(errs...)
}
