package ssda903

import (
	"bufio"
	"bytes"
	"crypto/sha256"
	"encoding/csv"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"slices"
	"strconv"
	"strings"
	"unicode"
)

// Input is one file of a return: its name, used in errors and in the data-quality report, and
// its contents.
type Input struct {
	// Name names the file, as the user gave it.
	Name string
	// R reads the file's contents: CSV with a header row.
	R io.Reader
}

// BaseName returns the last element of the file name name as given, after its last slash or
// backslash: the name a report gives a file, the same from whichever folder it was read.
func BaseName(name string) string {
	return name[strings.LastIndexAny(name, `/\`)+1:]
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
	la   string
	errs []error
	// pending holds the problems found in the rows of the episodes file being read (the first
	// maxErrors of pendingRows), while buffering: a file whose columns have shifted says so
	// first, and not after the problems of each cell the shift makes (codeColumns).
	pending     []error
	pendingKeys []string
	pendingRows int
	// problems counts the rows of each problem of a file's rows (by its key: file, column
	// and message), problemKeys lists them in the order found and shown counts those listed
	// (sameProblems).
	problems    map[string]int
	problemKeys []problemKey
	shown       map[string]int
	buffering   bool
	children    map[string]int32
	ids         []string
	interned    map[string]string
	q           *Quality

	episodes []rawEpisode
	headers  []rawHeader
	uascs    []rawHeader
	// councils holds the values seen in LA columns.
	councils map[string]bool
	// noneOfCouncil says of each episodes or header file whose rows are all of councils other
	// than la's that it holds none of la's.
	noneOfCouncil []error
	// badYears counts the rows whose YEAR cannot be read.
	badYears int
	// fileYears are the last collection years of the episodes files without a YEAR column,
	// in the order given.
	fileYears []fileYear
	// headerDUC are the indexes of the header files with a DUC column: UASC files, most
	// likely, given as header files.
	headerDUC []int
	// headerAt is, by child, the first header row read of the child (clean).
	headerAt []order
	// warnings are what Return.Warnings returns.
	warnings []string
	// withYear and withoutYear name the files of each kind with a YEAR column and those
	// without one, in the order given.
	withYear, withoutYear [3][]string
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
	err := errors.New(loc + ": " + msg)
	key := ""
	if line > 0 {
		// A problem of a row: the rows of the file with the same one are counted.
		key = file + "\x00" + col + "\x00" + msg
		if r.problems[key] == 0 {
			r.problemKeys = append(r.problemKeys, problemKey{file, col, msg, key})
		}
		r.problems[key]++
	}
	if r.buffering {
		r.pendingRows++
		if len(r.pending) < maxErrors {
			r.pending = append(r.pending, err)
			r.pendingKeys = append(r.pendingKeys, key)
		}
		return
	}
	if line > 0 && r.full() {
		return // counted, for sameProblems
	}
	r.errs = append(r.errs, err)
	r.shown[key]++
}

// problemKey is a problem of a file's rows: its file, column and message.
type problemKey struct{ file, col, msg, key string }

// sameProblems records, after the problems of file's rows listed, a line for each problem
// more of its rows have than are listed: how many rows of the file have it, so that the
// first 20 problems found do not hide how many rows need mending.
func (r *reader) sameProblems(file string) {
	for _, p := range r.problemKeys {
		n, shown := r.problems[p.key], r.shown[p.key]
		if p.file != file || n <= shown || shown == 0 && n == 1 {
			continue
		}
		what := fmt.Sprintf("%d rows of the file have this problem", n)
		if shown > 0 {
			what += fmt.Sprintf(", %d of them listed above", shown)
		}
		r.errs = append(r.errs, fmt.Errorf("%s: %s: %s: %s", file, p.col, p.msg, what))
	}
}

// flush ends buffering and records the problems pending, up to maxErrors in all; when the
// file's columns have shifted (shifted, its problems already recorded), the pending ones are
// said in a line after them, as what the shift makes of the cells.
func (r *reader) flush(name string, shifted bool) {
	r.buffering = false
	switch {
	case len(r.pending) == 0:
	case shifted:
		n := strconv.Itoa(r.pendingRows)
		if r.pendingRows >= MinChildren {
			n = small(r.pendingRows) // with thousands separators
		}
		r.errs = append(r.errs, fmt.Errorf("%s: and %s %s in its rows that shifted columns would make, such as %q: fix the columns first",
			name, n, plural(r.pendingRows, "problem"), r.pending[0].Error()))
	default:
		n := min(len(r.pending), max(0, maxErrors-len(r.errs)))
		r.errs = append(r.errs, r.pending[:n]...)
		for _, k := range r.pendingKeys[:n] {
			r.shown[k]++
		}
	}
	r.pending, r.pendingKeys, r.pendingRows = nil, nil, 0
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
	shiftFound := false
	defer func() {
		if !shiftFound {
			r.sameProblems(in.Name)
		}
	}()
	if k == episodesFile {
		// The problems of an episodes file are held until its codes are counted: a file
		// whose columns have shifted is read to its end and said to be shifted first.
		r.buffering = true
		defer func() { r.flush(in.Name, shiftFound) }()
	}
	sum := sha256.New()
	src, err := newSource(io.TeeReader(in.R, sum))
	if err != nil {
		r.errorf(in.Name, 0, "", "%v", err)
		return
	}
	cr := csv.NewReader(src)
	cr.ReuseRecord = true
	cr.FieldsPerRecord = -1
	head, err := cr.Read()
	if err == io.EOF {
		r.errorf(in.Name, 0, "", "the file is empty: want %s with a header row", k.file())
		return
	}
	if err != nil {
		// A header row of quoted names with another separator ("CHILD";"DECOM", as R's
		// write.csv2 saves) is no CSV row with commas: its separator is the problem.
		if sep, what := otherSeparator([]string{src.first}); sep != 0 {
			r.errorf(in.Name, 1, "", "the columns are separated by %s, not commas: save it as CSV with commas (in Excel, \"CSV UTF-8 (Comma delimited)\")", what)
			return
		}
		r.csvError(in.Name, src, nil, err)
		return
	}
	cols := columns{pos: map[string]int{}, la: -1, year: -1}
	var names []string
	problems := len(r.errs)
	for i, h := range head {
		name := columnName(h)
		names = append(names, name)
		first, dup := cols.pos[name]
		if !dup {
			cols.pos[name] = i
			continue
		}
		// A column placesim reads must be there once: which of two it should read cannot be
		// told (an export joined in a spreadsheet repeats its key columns).
		if slices.Contains(required[k], name) || name == "LA" || name == "YEAR" || k == uascFile && (name == "SEX" || name == "DOB") {
			r.errorf(in.Name, 1, name, "the header row names this column twice, as its columns %d and %d: remove or rename one of them", first+1, i+1)
		}
	}
	if len(r.errs) > problems {
		return
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
		if sep, what := otherSeparator(head); sep != 0 {
			r.errorf(in.Name, 1, "", "the columns are separated by %s, not commas: save it as CSV with commas (in Excel, \"CSV UTF-8 (Comma delimited)\")", what)
			return
		}
		hint, found := "", foundColumns(names)
		// Another table only where the file holds none of this kind's own columns but
		// CHILD: an export missing one column may carry a joined MISSING or REVIEW.
		own := len(required[k]) - len(missing)
		if _, ok := cols.pos["CHILD"]; ok {
			own--
		}
		if other := otherTable(cols.pos); other != "" && own == 0 {
			hint = fmt.Sprintf(" (it looks like %s, not %s)", other, k.file())
			found = strings.TrimSuffix(found, headerRowMissing)
		} else if guess := guessKind(cols.pos); guess != k && guess != 255 {
			hint = fmt.Sprintf(" (it looks like %s)", guess.file())
		}
		r.errorf(in.Name, 1, "", "missing %s %s: %s needs %s; %s%s",
			plural(len(missing), "column"), strings.Join(missing, ", "), k.file(),
			strings.Join(required[k], ", "), found, hint)
		return
	}
	if _, ok := cols.pos["DUC"]; ok && k == headerFile {
		r.headerDUC = append(r.headerDUC, index)
	}
	if cols.year >= 0 {
		r.withYear[k] = append(r.withYear[k], in.Name)
	} else {
		r.withoutYear[k] = append(r.withoutYear[k], in.Name)
	}
	// The row's width the header row gives: its columns up to the last one named (a
	// spreadsheet may save empty columns after them, which rows need not fill).
	width := len(names)
	for width > 0 && names[width-1] == "" {
		width--
	}
	summary := FileSummary{Name: in.Name, Kind: k.String()}
	var others []string // the other councils whose rows the file holds, named as councils
	var shifted codeColumns
	years := yearCounts{}
	broken := false
	for {
		rec, err := cr.Read()
		if err == io.EOF {
			break
		}
		if err != nil {
			r.csvError(in.Name, src, names, err)
			broken = true
			break
		}
		line, _ := cr.FieldPos(0)
		if blankRow(rec) {
			// A row of empty cells (",,,,", as a spreadsheet saves rows formatted and left
			// empty) is skipped, as a blank line is.
			continue
		}
		summary.Rows++
		if len(rec) < width {
			// Which cell is missing cannot be told: one left out anywhere moves the rest
			// left, and a row cut short reads an ended episode as open.
			r.errorf(in.Name, line, "", "the row has %d of the header row's %d columns: %s; a row cut short, or with a cell left out, cannot be read: export the file again",
				len(rec), width, missingColumns(names[len(rec):width]))
			continue
		}
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
				if councilLike(la) && !slices.Contains(others, la) {
					others = append(others, la)
				}
				continue
			}
		}
		o := order{file: int16(index), line: int32(line)}
		if cols.year >= 0 && cols.year < len(rec) {
			if y, err := strconv.Atoi(strings.TrimSpace(rec[cols.year])); err == nil && y >= 1900 && y <= 2200 {
				o.year = int32(y)
			} else {
				r.badYears++
			}
		}
		id := strings.TrimSpace(get("CHILD"))
		if id == "" {
			r.errorf(in.Name, line, "CHILD", "empty: every row needs the child's identifier")
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
			shifted.count(e)
			if cols.year < 0 {
				years.count(e.decom)
				years.count(e.dec)
			}
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
	}
	if summary.Rows == 0 && !broken {
		switch k {
		case episodesFile:
			r.errorf(in.Name, 0, "", "the file holds its header row and no rows below it: a year of the return without its episodes would be read as a year in which no child was in care, and every estimate would be wrong; export the file again, or leave it out of the episodes files")
		case headerFile:
			r.errorf(in.Name, 0, "", "the file holds its header row and no rows below it: the children's dates of birth are in it; export the file again, or leave it out of the header files")
		}
		// A UASC file with no rows is a year in which the council looked after no
		// unaccompanied asylum-seeking child.
	}
	if summary.Rows > 0 && summary.Rows == summary.OtherCouncils && !broken && k != uascFile {
		// As a file with no rows: the council's year would be missing. Read says so unless no
		// file holds the council at all, which it says once, naming the councils they hold.
		slices.Sort(others)
		held := "other councils"
		if len(others) > 0 {
			held = "other councils (" + strings.Join(others[:min(len(others), 4)], ", ")
			if len(others) > 4 {
				held += fmt.Sprintf(" and %d more", len(others)-4)
			}
			held += ")"
		}
		what := "episodes"
		if k == headerFile {
			what = "children's dates of birth"
		}
		r.noneOfCouncil = append(r.noneOfCouncil, fmt.Errorf("%s: holds no rows of council %q: its %s are of %s, and a year of the return without the council's %s would be read wrongly; give that council's file for the year, or check --la",
			in.Name, r.la, plural(summary.Rows, "row"), held, what))
	}
	if k == episodesFile {
		r.buffering = false
		shiftFound = shifted.check(r, in.Name)
		if y := years.latest(); y != 0 {
			r.fileYears = append(r.fileYears, fileYear{name: BaseName(in.Name), year: y, index: index})
		}
	}
	// Read to its end, the file's every byte went through sum.
	summary.SHA256 = hex.EncodeToString(sum.Sum(nil))
	r.q.Files = append(r.q.Files, summary)
}

// blankRow reports whether every cell of rec is empty or spaces.
func blankRow(rec []string) bool {
	for _, c := range rec {
		if strings.TrimSpace(c) != "" {
			return false
		}
	}
	return true
}

// yearCounts counts the dates of an episodes file by the collection year (April to March)
// they fall in, keyed by the year the collection year ends in.
type yearCounts map[int]int

func (yc yearCounts) count(d day) {
	if d == noDay {
		return
	}
	y, _, _ := d.yearStart().civil()
	yc[y+1]++
}

// latest returns the last collection year of the file's dates that holds at least 1 in 20 of
// its busiest year's, so that a mistyped date does not count; 0 when there is none. A year's
// return holds the episodes open in it, all of them starting and ending on or before its end:
// this is the year of the return, or of the last of several.
func (yc yearCounts) latest() int {
	busiest := 0
	for _, n := range yc {
		busiest = max(busiest, n)
	}
	latest := 0
	for y, n := range yc {
		if 20*n >= busiest && y > latest {
			latest = y
		}
	}
	return latest
}

// fileYear is the last collection year of an episodes file without a YEAR column.
type fileYear struct {
	name  string
	year  int
	index int
}

// orderNote returns, for the data-quality report, a note when an episodes file is given after
// one whose dates reach a later year (neither with a YEAR column), naming the first such file:
// each file is read as the return of the year its dates reach, so that the order given does
// not decide which row of an episode in two returns is kept.
func orderNote(files []fileYear) string {
	newest, falls := -1, 0
	var first string
	for i, f := range files {
		if newest >= 0 && f.year < files[newest].year {
			if falls == 0 {
				first = fmt.Sprintf("%s (its dates reach the year to March %d) is given after %s (to March %d)",
					f.name, f.year, files[newest].name, files[newest].year)
			}
			falls++
		}
		if newest < 0 || f.year >= files[newest].year {
			newest = i
		}
	}
	if falls == 0 {
		return ""
	}
	if falls > 1 {
		first += fmt.Sprintf(", and %d more %s after a newer one", falls-1, plural(falls-1, "file"))
	}
	return "The episodes files were not given oldest first: " + first +
		". Each is read as the return of the last year its dates reach, whatever the order given: where an episode is in two returns, the latest return's row is kept."
}

// codeColumns counts, in one episodes file, the values of each code column and those that
// are not codes of that column.
type codeColumns struct {
	values, wrong [5]int
}

// codeColumnNames are the columns codeColumns counts, in its order.
var codeColumnNames = [5]string{"RNE", "LS", "PLACE", "PLACE_PROVIDER", "REC"}

// codeColumnWhat says what each code column holds.
var codeColumnWhat = [5]string{"reason for new episode", "legal status", "placement type", "placement provider", "reason episode ceased"}

func (cc *codeColumns) count(e rawEpisode) {
	ok := [5]bool{
		slices.Contains(newEpisodeReasons, e.rne),
		slices.Contains(legalStatuses, e.ls),
		lookupPlace(e.place) != nil,
		slices.Contains(providers, e.provider),
		e.rec == recContinues || lookupREC(e.rec) != nil,
	}
	for i, v := range [5]string{e.rne, e.ls, e.place, e.provider, e.rec} {
		if v == "" {
			continue
		}
		cc.values[i]++
		if !ok[i] {
			cc.wrong[i]++
		}
	}
}

// shiftedRows is the fewest rows of a code column without its codes that can say the
// columns are shifted: fewer are counted in the report as unknown codes.
const shiftedRows = 5

// check records an error when more than half of the values of a code column, and
// shiftedRows or more, are not its codes: the columns are shifted, or the header row names
// them wrongly, and nothing read from the file could be trusted.
// It reports whether it did.
func (cc *codeColumns) check(r *reader, name string) bool {
	found := false
	for i, col := range codeColumnNames {
		if n, bad := cc.values[i], cc.wrong[i]; bad >= shiftedRows && 2*bad > n {
			r.errorf(name, 1, col, "%d of the %d rows with a value hold no %s code: are the columns shifted, or misnamed in the header row?",
				bad, n, codeColumnWhat[i])
			found = true
		}
	}
	return found
}

// csvError records an error of the CSV reader reading src: at a quote, the line the field
// opens on and its column, named by names (the header row's) where they are known.
func (r *reader) csvError(name string, src *source, names []string, err error) {
	var pe *csv.ParseError
	if !errors.As(err, &pe) {
		r.errorf(name, 0, "", "%v", err)
		return
	}
	if q := src.bad; q != nil && pe.Err == csv.ErrQuote {
		col := fmt.Sprintf("column %d", q.field+1)
		if q.field < len(names) && names[q.field] != "" && slices.Contains(columnNames, names[q.field]) {
			col = names[q.field]
		}
		if q.unclosed {
			r.errorf(name, q.line, col, "a quote opens the value and is never closed, so the rest of the file would be read into it: remove the quote, or close it")
		} else {
			r.errorf(name, q.line, col, "the value goes on after its closing quote: a quote inside a quoted value is written twice (\"\")")
		}
		return
	}
	r.errorf(name, pe.StartLine, "", "a quote is out of place on line %d, at character %d: a quoted value opens and ends with a quote, and a quote inside it is written twice (\"\")", pe.Line, pe.Column)
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

// CouncilError is Read's error when ReadOptions.LA names a council whose rows none of the
// episodes files hold.
type CouncilError struct {
	// LA is the council asked for; Files the episodes files, as named in Input.
	LA    string
	Files []string
	// Councils are the councils the files' LA column names (the values that look like a
	// council's name or code), sorted; Held says what the column holds, for a message: the
	// councils and how many other values.
	Councils []string
	Held     string
}

func (e *CouncilError) Error() string {
	return fmt.Sprintf("no episode rows for council %q in %s (the files hold %s)", e.LA, strings.Join(e.Files, ", "), e.Held)
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
		problems: map[string]int{},
		shown:    map[string]int{},
		q:        &Quality{},
	}
	// The council asked for names the scenario and the report only when it reads as a
	// council's name or code: anything else (a stray character, a byte that is not UTF-8)
	// would not make a scenario file that loads.
	if councilLike(r.la) {
		r.q.LA = r.la
	}
	r.q.NoUASCFile = len(files.UASC) == 0
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
	// Only values that look like a council's name or code are shown: a file whose columns
	// have shifted would put a child's details in the LA column.
	var councils []string
	for c := range r.councils {
		if councilLike(c) {
			councils = append(councils, c)
		} else {
			r.q.UnnamedCouncils++
		}
	}
	slices.Sort(councils)
	r.q.Councils = councils
	r.q.note("rows whose YEAR is not a year (ordered by file and row instead)", r.badYears)
	if r.la == "" && len(r.councils) > 1 {
		return nil, fmt.Errorf("the files hold %d councils (%s): choose one with --la", len(r.councils), r.q.councilList())
	}
	if r.la == "" && len(councils) == 1 && r.q.UnnamedCouncils == 0 {
		r.q.LA = councils[0]
	}
	if len(r.episodes) == 0 {
		if r.la != "" && len(r.councils) > 0 {
			e := &CouncilError{LA: r.la, Councils: councils, Held: r.q.councilList()}
			for _, in := range files.Episodes {
				e.Files = append(e.Files, in.Name)
			}
			return nil, e
		}
		return nil, errors.New("the episodes files hold no rows")
	}
	if len(r.noneOfCouncil) > 0 {
		return nil, errors.Join(r.noneOfCouncil...)
	}
	same := r.sameFiles()
	if err := r.yearGap(files.Episodes); err != nil || len(same) > 0 {
		return nil, errors.Join(append(same, err)...)
	}
	// A file's rows are the return of the year its dates reach, whatever the order the
	// files are given in: where an episode is in two returns, the latest return's row is
	// kept (clean).
	if len(r.fileYears) > 0 {
		year := make([]int32, len(files.Episodes))
		for _, f := range r.fileYears {
			year[f.index] = int32(f.year)
		}
		for i := range r.episodes {
			if e := &r.episodes[i]; e.order.year == 0 {
				e.order.year = year[e.order.file]
			}
		}
	}
	r.headerYears(files)
	form := notJoined
	if first := r.joinedFirst(files); first != 0 {
		form = r.joinedReturns(first)
	}
	ret, err := r.clean(files)
	if ret != nil {
		ret.warnings = append(ret.warnings, r.warnings...)
		ret.Quality.Order = orderNote(r.fileYears)
		if n := joinedNote(form, BaseName(files.Episodes[0].Name)); n != "" {
			ret.Quality.Order = n
		}
		ret.joined = form
		ret.yearColumn = len(r.withYear[episodesFile]) > 0
		if r.la != "" && len(r.councils) == 0 {
			ret.warnings = append(ret.warnings, fmt.Sprintf("--la %s: no file has an LA column, so every row is read as that council's and --la only names it", r.la))
		}
	}
	return ret, err
}

// sameFiles returns an error for each episodes file whose contents are byte for byte those
// of an earlier one (the same SHA-256), naming both: a year's file saved over another's, whose
// year would be read twice and the other not at all. A header or UASC file alike an earlier
// one of its kind (a UASC file with rows) is said in a warning: a child's details would be
// missed only where the year's new children are, which the cleaning counts, and a small
// council's UASC may be the same two years running.
func (r *reader) sameFiles() []error {
	var errs []error
	for i, f := range r.q.Files {
		for _, g := range r.q.Files[:i] {
			if g.Kind != f.Kind || g.SHA256 != f.SHA256 {
				continue
			}
			what := fmt.Sprintf("%s: is byte for byte the same file as %s (SHA-256 %s…)", f.Name, g.Name, f.SHA256[:12])
			switch {
			case f.Kind == episodesFile.String():
				errs = append(errs, fmt.Errorf("%s: a year's episodes file saved over another's makes one year's return read twice and the other year's not at all; give each year's own file", what))
			case f.Rows > 0:
				r.warnings = append(r.warnings, fmt.Sprintf("%s: is one of them another year's %s file saved under its name?", what, f.Kind))
			}
			break
		}
	}
	return errs
}

// Warnings returns what the reading found that may make the return read wrongly without
// stopping it, each in a sentence: a --la that only names the council, the files having no LA
// column.
func (r *Return) Warnings() []string { return r.warnings }

// joined returns the problems found, with a last line when reading stopped early.
func (r *reader) joined() error {
	errs := r.errs
	if len(errs) >= maxErrors {
		errs = append(errs, fmt.Errorf("stopped after %d problems", maxErrors))
	}
	return errors.Join(errs...)
}

// columnNames are the columns of the SSDA903 tables: a file's header row may be quoted in an
// error when it holds only these. Any other name is counted, not shown: a file without its
// header row has a child's details in its first row.
var columnNames = []string{
	"CHILD", "DECOM", "RNE", "LS", "CIN", "PLACE", "PLACE_PROVIDER", "DEC", "REC", "REASON_PLACE_CHANGE",
	"HOME_POST", "PL_POST", "URN", "SEX", "DOB", "ETHNIC", "UPN", "MOTHER", "MC_DOB", "DUC", "LA", "YEAR",
	"DATE_INT", "DATE_MATCH", "FOSTER_CARE", "NB_ADOPTR", "SEX_ADOPTR", "LS_ADOPTR",
	"DATE_PLACED", "DATE_PLACED_CEASED", "REASON_PLACED_CEASED", "MISSING", "MIS_START", "MIS_END",
	"REVIEW", "REVIEW_CODE", "PREV_PERM", "LA_PERM", "DATE_PERM", "IN_TOUCH", "ACTIV", "ACCOM",
	"SDQ_SCORE", "SDQ_REASON", "CONVICTED", "HEALTH_CHECK", "IMMUNISATIONS", "TEETH_CHECK",
	"HEALTH_ASSESSMENT", "SUBSTANCE_MISUSE", "INTERVENTION_RECEIVED", "INTERVENTION_OFFERED",
}

// splitColumns returns the SSDA903 column names among names, in their order, and how many
// others there are.
func splitColumns(names []string) (known []string, others int) {
	for _, n := range names {
		if slices.Contains(columnNames, n) {
			known = append(known, n)
		} else {
			others++
		}
	}
	return known, others
}

// headerRowMissing is foundColumns' question when a header row holds no SSDA903 column.
const headerRowMissing = " (is the header row missing?)"

// columnName returns a header row's name as the column it names: in upper case, without
// surrounding spaces or a byte-order mark, and with the spaces within it underscores, as
// "Place Provider" or "place_provider " name PLACE_PROVIDER.
func columnName(h string) string {
	return strings.ToUpper(strings.Join(strings.Fields(strings.TrimPrefix(h, "\ufeff")), "_"))
}

// otherTables are the tables of the SSDA903 return that placesim does not read, each told by
// a column of its own, and the Children in Need census, told by its columns' names.
var otherTables = []struct {
	cols []string
	what string
}{
	{[]string{"MISSING", "MIS_START", "MIS_END"}, "the SSDA903 missing table (MISSING, MIS_START, MIS_END: the times a child went missing)"},
	{[]string{"DATE_INT", "DATE_MATCH", "FOSTER_CARE", "NB_ADOPTR", "SEX_ADOPTR", "LS_ADOPTR"}, "the SSDA903 adoption table (AD1)"},
	{[]string{"DATE_PLACED", "DATE_PLACED_CEASED", "REASON_PLACED_CEASED"}, "the SSDA903 table of children placed for adoption"},
	{[]string{"REVIEW", "REVIEW_CODE"}, "the SSDA903 reviews table"},
	{[]string{"PREV_PERM", "LA_PERM", "DATE_PERM"}, "the SSDA903 previous permanence table"},
	{[]string{"IN_TOUCH", "ACTIV", "ACCOM"}, "the SSDA903 care leavers table (OC3)"},
	{[]string{"SDQ_SCORE", "CONVICTED", "HEALTH_CHECK", "IMMUNISATIONS", "TEETH_CHECK", "SUBSTANCE_MISUSE"}, "the SSDA903 outcomes table (OC2)"},
	{[]string{"LACHILDID", "CINREFERRALDATE", "CINCLOSUREDATE", "REFERRALSOURCE", "PRIMARYNEEDCODE", "LA_CHILD_ID", "CIN_REFERRAL_DATE"}, "a Children in Need census file, another return than the SSDA903"},
}

// otherTable names the other table a header row's columns (by pos) are of, or "".
func otherTable(pos map[string]int) string {
	for _, t := range otherTables {
		for _, c := range t.cols {
			if _, ok := pos[c]; ok {
				return t.what
			}
		}
	}
	return ""
}

// foundColumns says which columns a header row holds: the SSDA903 column names in it, and
// how many others.
func foundColumns(names []string) string {
	known, others := splitColumns(names)
	switch {
	case len(known) == 0:
		return fmt.Sprintf("found none of the SSDA903 columns among its %d", len(names)) + headerRowMissing
	case others == 0:
		return "found " + strings.Join(known, ", ")
	}
	return fmt.Sprintf("found %s and %d other %s (not shown)", strings.Join(known, ", "), others, plural(others, "column"))
}

// missingColumns names the columns a row cut short has no cell for: the SSDA903 columns
// among names, and how many others (not shown, as a file without its header row has a
// child's details in its first row).
func missingColumns(names []string) string {
	known, others := splitColumns(names)
	if others > 0 {
		known = append(known, fmt.Sprintf("%d other %s", others, plural(others, "column")))
	}
	if len(known) > 1 {
		known[len(known)-2] += " and " + known[len(known)-1]
		known = known[:len(known)-1]
	}
	return "no cell for " + strings.Join(known, ", ")
}

// otherSeparator returns the separator of a header row read as one with commas, head, when
// it is another that splits it into SSDA903 columns (a semicolon, as Excel saves CSV where a
// comma marks decimals; a tab, as it saves "Text (Tab delimited)"; a vertical bar), with its
// name in words; 0 otherwise.
func otherSeparator(head []string) (rune, string) {
	line := strings.Join(head, ",")
	for _, sep := range []struct {
		r    rune
		what string
	}{{';', "semicolons"}, {'\t', "tabs"}, {'|', "vertical bars"}} {
		known := 0
		for _, name := range strings.Split(line, string(sep.r)) {
			if slices.Contains(columnNames, columnName(strings.Trim(strings.TrimSpace(strings.TrimPrefix(name, "\ufeff")), `"`))) {
				known++
			}
		}
		if known >= 2 {
			return sep.r, sep.what
		}
	}
	return 0, ""
}

// councilLike reports whether an LA value looks like a council's name ("Southwark", "Brighton
// and Hove", "King's Lynn"), an old three-digit council code or an ONS code such as
// E09000028: words of letters without digits, or those codes. A postcode, a child's
// identifier or a date does not.
func councilLike(s string) bool {
	if s == "" || len(s) > 60 {
		return false
	}
	allDigits := func(t string) bool {
		for i := 0; i < len(t); i++ {
			if t[i] < '0' || t[i] > '9' {
				return false
			}
		}
		return true
	}
	if len(s) == 3 && allDigits(s) {
		return true
	}
	if len(s) == 9 && (s[0] == 'E' || s[0] == 'W') && allDigits(s[1:]) {
		return true
	}
	letters := 0
	for _, c := range s {
		switch {
		case unicode.IsLetter(c):
			letters++
		case c == ' ' || c == '-' || c == '\'' || c == '’' || c == '.' || c == ',' || c == '&' || c == '(' || c == ')':
		default:
			return false
		}
	}
	return letters >= 3
}

// sniffBytes is how much of a file's start is looked at to tell how it is written.
const sniffBytes = 1 << 16

// source is a file of a return on its way to the CSV reader. It passes each line end, \n,
// \r\n or a lone \r (classic Mac), on as one \n, whatever mix of them a file holds (a
// spreadsheet that saved part of it again, a hand edit), so that the CSV reader counts lines
// as an editor shows them. It drops a UTF-8 byte-order mark, and follows the fields' quoting
// as encoding/csv does: a quote inside a field that does not open with one (12 "The Oaks", as
// some exports write) is passed on as an apostrophe, so that it is part of the value, and the
// first quoted field that is never closed, or goes on after its closing quote, is noted with
// the line it opens on and its place in the row, for the error. A file with \n or \r\n line
// ends that the CSV reader reads without an error is read as the CSV reader reads it.
type source struct {
	r       io.Reader
	afterCR bool // the last byte read was a \r: a \n next is part of its line end
	state   quoteState
	line    int // the line of the next byte, from 1
	field   int // the field of the next byte in its row, from 0
	// open is the line and field of the quoted field being read.
	openLine, openField int
	// bad is the first quoted field the CSV reader will refuse, or nil.
	bad *quoteProblem
	// first is the file's first line (its first sniffBytes bytes at most), as written.
	first string
}

// quoteState is where a source is in a row.
type quoteState uint8

const (
	fieldStart quoteState = iota
	unquoted
	quoted
	quoteInQuoted // a quote inside a quoted field: its end, or the first of ""
	stopped       // after a problem: the CSV reader stops there
)

// quoteProblem is a quoted field the CSV reader refuses.
type quoteProblem struct {
	line, field int
	unclosed    bool // never closed; otherwise text follows its closing quote
}

// newSource returns the source of file in, or an error when the file is not text placesim
// can read: a spreadsheet's own file, a compressed file, UTF-16 text (told by its byte-order
// mark, or by every other byte of its first line NUL), or any other file whose first line
// holds a NUL byte.
func newSource(in io.Reader) (*source, error) {
	br := bufio.NewReaderSize(in, sniffBytes)
	head, err := br.Peek(sniffBytes)
	if err != nil && err != io.EOF && err != bufio.ErrBufferFull {
		return nil, err
	}
	if err := notCSV(head); err != nil {
		return nil, err
	}
	if bytes.HasPrefix(head, []byte{0xFF, 0xFE}) || bytes.HasPrefix(head, []byte{0xFE, 0xFF}) {
		return nil, errUTF16
	}
	for _, c := range compressed {
		if bytes.HasPrefix(head, []byte(c.magic)) {
			return nil, fmt.Errorf("the file is compressed (%s), which placesim does not read: %s it first, and give the CSV file it holds", c.name, c.undo)
		}
	}
	first := head
	if i := bytes.IndexByte(first, '\n'); i >= 0 {
		first = first[:i]
	}
	if bytes.IndexByte(first, 0) >= 0 {
		if utf16Text(first) {
			return nil, errUTF16
		}
		return nil, errNotText
	}
	s := &source{r: br, line: 1, first: string(bytes.TrimSuffix(first, []byte{'\r'}))}
	if bytes.HasPrefix(head, []byte("\ufeff")) {
		br.Discard(3)
	}
	return s, nil
}

var newline, comma = []byte{'\n'}, []byte{','}

// saveAsCSV says what to do with a spreadsheet's own file.
const saveAsCSV = `open it in Excel and save each sheet as "CSV UTF-8 (Comma delimited)"`

// The errors of a spreadsheet's own file given for a CSV file.
var (
	errXLSX = errors.New("the file is an Excel workbook (.xlsx), which placesim does not read: " + saveAsCSV)
	errXLS  = errors.New("the file is an old Excel file (.xls), which placesim does not read: " + saveAsCSV)
	errODS  = errors.New("the file is an OpenDocument spreadsheet (.ods), which placesim does not read: " + saveAsCSV +
		` (in LibreOffice Calc, "Text CSV" with the character set "Unicode (UTF-8)")`)
	errZip = errors.New("the file is a zip archive, which placesim does not read: if it holds the CSV files, unzip it and give those; if it is a spreadsheet, " + saveAsCSV)
)

// notCSV returns an error when head, the start of a file, is that of a spreadsheet's own
// file or of a zip archive, told by its first bytes whatever the file is named: an Excel
// workbook (a zip archive holding xl/ files), an old Excel file (an OLE2 compound file,
// D0 CF 11 E0 A1 B1 1A E1) or an OpenDocument spreadsheet (a zip archive whose first file,
// mimetype, names it).
func notCSV(head []byte) error {
	if bytes.HasPrefix(head, []byte{0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1}) {
		return errXLS
	}
	if !bytes.HasPrefix(head, []byte("PK\x03\x04")) {
		return nil
	}
	// An OpenDocument file's first file is its mimetype, stored as it is.
	if bytes.Contains(head[:min(len(head), 1024)], []byte("application/vnd.oasis.opendocument.spreadsheet")) {
		return errODS
	}
	// The names of the archive's files, in the headers of those that start in head and in
	// its directory at the end when head holds it.
	for _, h := range []struct {
		sig      string
		nameLen  int // the offset of the name's length
		nameFrom int // the offset of the name
	}{{"PK\x03\x04", 26, 30}, {"PK\x01\x02", 28, 46}} {
		for b := head; ; {
			i := bytes.Index(b, []byte(h.sig))
			if i < 0 {
				break
			}
			b = b[i:]
			if len(b) < h.nameFrom {
				break
			}
			n := int(b[h.nameLen]) | int(b[h.nameLen+1])<<8
			if name := b[h.nameFrom:min(len(b), h.nameFrom+n)]; bytes.HasPrefix(name, []byte("xl/")) {
				return errXLSX
			}
			b = b[len(h.sig):]
		}
	}
	return errZip
}

// compressed are the first bytes of compressed files, what makes them and how to undo it.
var compressed = []struct{ magic, name, undo string }{
	{"\x1F\x8B", "gzip, a .gz file", "gunzip"},
	{"BZh", "bzip2, a .bz2 file", "bunzip2"},
	{"\xFD7zXZ\x00", "xz, a .xz file", "unxz"},
	{"\x28\xB5\x2F\xFD", "zstd, a .zst file", "unzstd"},
	{"7z\xBC\xAF\x27\x1C", "7-Zip, a .7z file", "extract"},
}

// utf16Text reports whether b, the first line of a file up to its first \n, is ASCII text
// written in UTF-16 without a byte-order mark: every other byte NUL, the bytes between
// them printable ASCII or a line end.
func utf16Text(b []byte) bool {
	b = bytes.TrimSuffix(b, []byte{0}) // the \n's own NUL, little-endian
	if len(b) < 4 {
		return false
	}
	// Which bytes are NUL: the odd ones (little-endian) or the even ones (big-endian).
	nul := 1
	if b[0] == 0 {
		nul = 0
	}
	for i, c := range b {
		if (i%2 == nul) != (c == 0) {
			return false
		}
		if c != 0 && (c < 0x20 && c != '\t' && c != '\r' || c > 0x7E) {
			return false
		}
	}
	return true
}

// errNotText says a file is not text: it holds NUL bytes in its first line, which no CSV
// file does.
var errNotText = errors.New(`the file is not text (its first line holds bytes no CSV file holds), which placesim does not read: give the return's CSV file, as Excel saves "CSV UTF-8 (Comma delimited)"`)

// errUTF16 says a file is UTF-16 text.
var errUTF16 = errors.New(`the file is UTF-16 text (as Excel saves "Unicode Text"), which placesim does not read: open it in Excel and save it as "CSV UTF-8 (Comma delimited)"`)

func (s *source) Read(p []byte) (int, error) {
	var n int
	var err error
	for {
		var read int
		read, err = s.r.Read(p)
		n = s.lineEnds(p[:read])
		// A read of only the \n of a \r\n begun in the last read leaves nothing: read on.
		if n > 0 || read == 0 || err != nil {
			break
		}
	}
	b := p[:n]
	for i := 0; i < len(b) && s.state != stopped; {
		switch s.state {
		case fieldStart, unquoted:
			// Only a quote changes what is read: count the lines and fields up to it.
			j := bytes.IndexByte(b[i:], '"')
			seg := b[i:]
			if j >= 0 {
				seg = seg[:j]
			}
			if k := bytes.LastIndexByte(seg, '\n'); k >= 0 {
				s.line += bytes.Count(seg, newline)
				s.field = bytes.Count(seg[k+1:], comma)
			} else {
				s.field += bytes.Count(seg, comma)
			}
			if n := len(seg); n > 0 {
				if c := seg[n-1]; c == ',' || c == '\n' {
					s.state = fieldStart
				} else {
					s.state = unquoted
				}
			}
			if j < 0 {
				i = len(b)
				continue
			}
			i += j
			if s.state == fieldStart {
				s.state, s.openLine, s.openField = quoted, s.line, s.field
			} else {
				b[i] = '\''
			}
		case quoted:
			j := bytes.IndexByte(b[i:], '"')
			if j < 0 {
				s.line += bytes.Count(b[i:], newline)
				i = len(b)
				continue
			}
			s.line += bytes.Count(b[i:i+j], newline)
			i += j
			s.state = quoteInQuoted
		case quoteInQuoted:
			switch b[i] {
			case '"':
				s.state = quoted
			case ',':
				s.state = fieldStart
				s.field++
			case '\n':
				s.state = fieldStart
				s.line++
				s.field = 0
			default:
				s.problem(false)
			}
		}
		i++
	}
	if err == io.EOF && s.state == quoted {
		s.problem(true)
	}
	return n, err
}

// lineEnds writes each line end of b, \r\n or a lone \r, as \n, in place, and returns the
// length of what is left. A \r\n split between two reads is one line end.
func (s *source) lineEnds(b []byte) int {
	i := 0
	if s.afterCR && len(b) > 0 {
		s.afterCR = false
		if b[0] == '\n' {
			i = 1
		}
	}
	w := 0
	for {
		j := bytes.IndexByte(b[i:], '\r')
		if j < 0 {
			if w == i {
				return len(b)
			}
			return w + copy(b[w:], b[i:])
		}
		w += copy(b[w:], b[i:i+j])
		b[w] = '\n'
		w++
		i += j + 1
		if i == len(b) {
			s.afterCR = true
			return w
		}
		if b[i] == '\n' {
			i++
		}
	}
}

// problem notes the quoted field being read as one the CSV reader refuses, and stops
// following the fields: the reader stops there.
func (s *source) problem(unclosed bool) {
	s.bad = &quoteProblem{line: s.openLine, field: s.openField, unclosed: unclosed}
	s.state = stopped
}
