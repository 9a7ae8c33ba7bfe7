package main

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/placesim/placesim/model"
	"github.com/placesim/placesim/scenarios"
	"github.com/placesim/placesim/scenarios/ssda903"
	"github.com/urfave/cli/v2"
)

// returnFlags are the flags of calibrate and backtest that say which return to read.
func returnFlags() []cli.Flag {
	return []cli.Flag{
		&cli.StringSliceFlag{Name: "episodes", Usage: "read the episodes `FILE`s of the return, one or several years; more files may follow the flag, or it may be repeated"},
		&cli.StringSliceFlag{Name: "header", Usage: "read the header `FILE`s (children's dates of birth and sex); more files may follow the flag, or it may be repeated"},
		&cli.StringSliceFlag{Name: "uasc", Usage: "read the UASC `FILE`s (unaccompanied asylum-seeking children); more files may follow the flag, or it may be repeated"},
		&cli.StringFlag{Name: "la", Usage: "read the rows of council `NAME` from files that hold several (their LA column)"},
		&cli.StringFlag{Name: "from", Usage: "estimate rates from `DATE` (YYYY-MM-DD)", DefaultText: "the start of the first collection year"},
		&cli.StringFlag{Name: "base", Value: "default", Usage: "extend the scenario `NAME` (a built-in scenario or a file) for what the return cannot say"},
		&cli.BoolFlag{Name: "no-trend", Usage: "assume entries stay at the rate of the window's last 12 months instead of fitting a trend"},
		&cli.BoolFlag{Name: "homes-filled-first", Usage: "fill the council's own children's homes first, placing a child elsewhere only when they are full, whatever the return shows"},
		&cli.BoolFlag{Name: "quiet", Aliases: []string{"q"}, Usage: "print nothing on success, but for a warning that needs reading (such as a return's problem, or no UASC file given)"},
	}
}

// fileFlags are the flags that take several files, each following the flag.
var fileFlags = []string{"episodes", "header", "uasc"}

// returnArguments applies the flags of c's command, which parses none itself
// (SkipFlagParsing): shells expand "--episodes data/*-episodes.csv" into the flag and several
// files, so a word that is not a flag after one of fileFlags is another file for it. Any other
// word is an error. helped reports that -h or --help has shown the command's help.
func returnArguments(c *cli.Context) (helped bool, err error) {
	in := c.Args().Slice()
	last := ""
	for i := 0; i < len(in); i++ {
		a := in[i]
		if len(a) < 2 || a[0] != '-' {
			if last == "" {
				return false, usagef(c.Command.Name, "takes no arguments, got %q: name the files with --episodes, --header and --uasc", a)
			}
			if err := c.Set(last, a); err != nil {
				return false, usagef(c.Command.Name, "%v", err)
			}
			continue
		}
		name, value, hasValue := strings.Cut(strings.TrimPrefix(a[1:], "-"), "=")
		if slices.Contains(cli.HelpFlag.Names(), name) {
			return true, showCommandHelp(c)
		}
		f := lookupFlag(c.Command.Flags, name)
		if f == nil {
			return false, unknownFlag(c.Command.Name, c.Command.Flags, a)
		}
		last = ""
		if _, isBool := f.(*cli.BoolFlag); isBool {
			if !hasValue {
				value = "true"
			}
		} else if !hasValue {
			if i+1 == len(in) {
				return false, usagef(c.Command.Name, "flag needs an argument: %s", a)
			}
			i++
			value = in[i]
		}
		if err := c.Set(name, value); err != nil {
			// In the words run uses: "--reps must be a whole number of at least 1, not abc".
			return false, &usageError{cmd: c.Command.Name, err: flagValueError(c.App, c.Command.Name,
				fmt.Errorf("invalid value %q for flag --%s: %v", value, name, err))}
		}
		if slices.Contains(fileFlags, name) {
			last = name
		}
	}
	return false, checkEmptyOut(c)
}

// checkTargets refuses to write the files of targets when one is a folder, or is one of the
// return's files that c's flags name: what a command writes must not replace what it reads.
// Each target is a path and what it is ("--out c.yaml", "its data-quality report c.quality.md").
func checkTargets(c *cli.Context, targets [][2]string) error {
	cmd := c.Command.Name
	for _, t := range targets {
		path, what := t[0], t[1]
		st, err := os.Stat(path)
		if err != nil {
			continue // not there yet, or not to be told: writing it will say
		}
		if st.IsDir() {
			return usagef(cmd, "%s is a folder, where placesim would write a file: move it, or name another --out", what)
		}
		for _, flag := range fileFlags {
			for _, in := range c.StringSlice(flag) {
				if ist, err := os.Stat(in); err == nil && os.SameFile(st, ist) {
					return usagef(cmd, "%s would overwrite %s, one of the return's files (--%s): name another --out", what, in, flag)
				}
			}
		}
	}
	return nil
}

// notRegularTarget is the error of a file calibrate writes, at path, that exists and is not a
// regular file: writing it would put a new file in its place (a device such as /dev/full, a
// named pipe or a link would be gone). named says that what is the file --out names, which
// the user may name instead through its link; the report beside it cannot be named so.
func notRegularTarget(cmd, path, what string, mode fs.FileMode, named bool) error {
	kind := "not a regular file"
	switch {
	case mode&fs.ModeSymlink != 0:
		if to, err := filepath.EvalSymlinks(path); err == nil && !named {
			return usagef(cmd, "%s is a symbolic link to %s: placesim would replace the link with a file; name another --out", what, to)
		} else if err == nil {
			return usagef(cmd, "%s is a symbolic link to %s: placesim would replace the link with a file; name %s itself, or another --out", what, to, to)
		}
		kind = "a symbolic link"
	case mode&fs.ModeDevice != 0:
		kind = "a device"
	case mode&fs.ModeNamedPipe != 0:
		kind = "a named pipe"
	case mode&fs.ModeSocket != 0:
		kind = "a socket"
	}
	return usagef(cmd, "%s is %s, where placesim would write a file of its own in its place: name another --out", what, kind)
}

// parseDate reads a date flag, or returns the zero time when it is not set.
func parseDate(c *cli.Context, flag string) (time.Time, error) {
	return parseDateFlag(c.Command.Name, flag, c.String(flag))
}

// parseDateFlag reads the text s of command cmd's date flag, or returns the zero time when s is
// empty. A date's year is from 1900 to 2200, as the dates of a return are.
func parseDateFlag(cmd, flag, s string) (time.Time, error) {
	s = strings.TrimSpace(s)
	if s == "" {
		return time.Time{}, nil
	}
	t, err := time.Parse(time.DateOnly, s)
	if err != nil {
		return time.Time{}, usagef(cmd, "--%s %q: want a date such as 2024-04-01", flag, s)
	}
	if t.Year() < 1900 || t.Year() > 2200 {
		return time.Time{}, usagef(cmd, "--%s %q: want a date in the years 1900 to 2200, such as 2024-04-01", flag, s)
	}
	return t, nil
}

// openProblem says in plain words why the return's file name could not be opened (err):
// "2019-episodes.csv: no such file", "…: cannot be read: permission denied".
func openProblem(name string, err error) error {
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return fmt.Errorf("%s: no such file", name)
	case errors.Is(err, fs.ErrPermission):
		return fmt.Errorf("%s: cannot be read: permission denied", name)
	}
	var pe *fs.PathError
	if errors.As(err, &pe) {
		err = pe.Err
	}
	return fmt.Errorf("%s: cannot be read: %v", name, err)
}

// councilMissing is the error of a --la that names a council none of the episodes files hold:
// the flag, the files, the councils they hold and the nearest of them, whose name is easily
// mistyped ("Bromly").
func councilMissing(cmd string, e *ssda903.CouncilError) error {
	in := "the episodes file " + e.Files[0] + ", which holds"
	if len(e.Files) > 1 {
		in = fmt.Sprintf("the %d episodes files (%s), which hold", len(e.Files), strings.Join(e.Files, ", "))
	}
	hint := ": give one of them"
	lower := make([]string, len(e.Councils))
	for i, c := range e.Councils {
		lower[i] = strings.ToLower(c)
	}
	if near := scenarios.Nearest(e.LA, lower); near != "" {
		hint = "; did you mean --la " + e.Councils[slices.Index(lower, near)] + "?"
	}
	return usagef(cmd, "--la %q: no episode rows of that council in %s %s%s", e.LA, in, e.Held, hint)
}

// readReturn reads the return the flags name, warning on stderr of what may make it read
// wrongly (report names the data-quality report, which the warnings may point to). It also
// returns a description of the files for the scenario's heading. to is the window's last day,
// zero for the data's.
func readReturn(c *cli.Context, report string, to time.Time) (*ssda903.Return, string, error) {
	cmd := c.Command.Name
	episodes, header, uasc := c.StringSlice("episodes"), c.StringSlice("header"), c.StringSlice("uasc")
	if len(episodes) == 0 {
		return nil, "", usagef(cmd, "name the episodes files of the return with --episodes")
	}
	if len(header) == 0 {
		return nil, "", usagef(cmd, "name the header files of the return with --header")
	}
	var files ssda903.Files
	var closers []io.Closer
	defer func() {
		for _, f := range closers {
			f.Close()
		}
	}()
	// A file named twice (a glob and the file again, or ./f and f) is one file read twice:
	// refused, rather than said to be a copy of itself.
	type given struct {
		name, flag string
		info       os.FileInfo
	}
	var seen []given
	open := func(flag string, names []string) ([]ssda903.Input, error) {
		var out []ssda903.Input
		for _, n := range names {
			f, err := os.Open(n)
			if err != nil {
				return nil, &inputError{openProblem(n, err)}
			}
			closers = append(closers, f)
			st, err := f.Stat()
			if err == nil && st.IsDir() {
				return nil, &inputError{fmt.Errorf("%s: is a folder, not a file: name the files in it, such as %s", n, filepath.Join(n, "*.csv"))}
			}
			for _, g := range seen {
				if filepath.Clean(g.name) != filepath.Clean(n) && (err != nil || !os.SameFile(g.info, st)) {
					continue
				}
				if g.flag == "episodes" && flag == "header" && !slices.ContainsFunc(seen, func(h given) bool {
					return h.flag == "header" && (h.name == g.name || os.SameFile(h.info, g.info))
				}) {
					// A joined export: the episodes with each child's header columns on every
					// row, read once as each.
					continue
				}
				where := "--" + flag
				if g.flag != flag {
					where = "--" + g.flag + ", then --" + flag
				}
				if g.name == n {
					return nil, usagef(cmd, "%s: is given twice (%s): name each file once", n, where)
				}
				return nil, usagef(cmd, "%s: is given twice, as %s and %s (%s): name each file once", n, g.name, n, where)
			}
			if err == nil {
				seen = append(seen, given{n, flag, st})
			}
			out = append(out, ssda903.Input{Name: n, R: f})
		}
		return out, nil
	}
	var err error
	if files.Episodes, err = open("episodes", episodes); err != nil {
		return nil, "", err
	}
	if files.Header, err = open("header", header); err != nil {
		return nil, "", err
	}
	if files.UASC, err = open("uasc", uasc); err != nil {
		return nil, "", err
	}
	ret, err := ssda903.Read(files, ssda903.ReadOptions{LA: c.String("la")})
	var ce *ssda903.CouncilError
	if errors.As(err, &ce) {
		return nil, "", councilMissing(cmd, ce)
	}
	if err != nil {
		return nil, "", &inputError{err}
	}
	for _, w := range ret.Warnings() {
		fmt.Fprintf(c.App.ErrWriter, "placesim: warning: %s\n", w)
	}
	if w := ret.DropWarning(report, to); w != "" {
		fmt.Fprintf(c.App.ErrWriter, "placesim: warning: %s\n", w)
	}
	if len(uasc) == 0 {
		fmt.Fprintf(c.App.ErrWriter, "placesim: warning: no UASC file given (--uasc): unaccompanied asylum-seeking children cannot be told apart from the others, so they are counted as other children entering care and the scenario has no UASC arrivals; give the return's UASC files with --uasc\n")
	}
	describe := func(n int, what string) string {
		if n == 1 {
			return "1 " + what + " file"
		}
		return fmt.Sprintf("%d %s files", n, what)
	}
	parts := []string{describe(len(episodes), "episodes"), describe(len(header), "header")}
	if len(uasc) > 0 {
		parts = append(parts, describe(len(uasc), "UASC"))
	}
	sources := strings.Join(parts[:len(parts)-1], ", ") + " and " + parts[len(parts)-1]
	return ret, sources, nil
}

// loadBase loads the scenario a calibration extends, and returns what the calibrated file
// writes as its extends: the built-in name, or the file's path relative to dir.
func loadBase(c *cli.Context, dir string) (*scenarios.Resolved, string, error) {
	ref := c.String("base")
	s, err := scenarios.Resolve(ref, nil)
	if err != nil {
		if err := regionGiven(c.Command.Name, "--base ", err); err != nil {
			return nil, "", err
		}
		return nil, "", &inputError{err}
	}
	extends := ref
	if st, err := os.Stat(ref); err == nil && st.Mode().IsRegular() {
		abs, err1 := filepath.Abs(ref)
		d, err2 := filepath.Abs(dir)
		if err := errors.Join(err1, err2); err != nil {
			return nil, "", err
		}
		if extends, err = filepath.Rel(d, abs); err != nil {
			return nil, "", err
		}
		extends = filepath.ToSlash(extends)
		if !strings.Contains(extends, "/") {
			extends = "./" + extends
		}
	}
	return s, extends, nil
}

// calibration is a calibrated scenario as written, checked and loaded.
type calibration struct {
	cal      *ssda903.Calibration
	yaml     []byte
	report   []byte
	scenario *model.Scenario
}

// calibrateReturn calibrates ret over from to to (its last day), writes the scenario file for path (its
// name and its extends are relative to it), and checks that it loads.
func calibrateReturn(c *cli.Context, ret *ssda903.Return, sources, path, name string, from, to time.Time) (*calibration, error) {
	rb, extends, err := loadBase(c, filepath.Dir(path))
	if err != nil {
		return nil, err
	}
	base := rb.Scenario
	cal, err := ssda903.Calibrate(ret, ssda903.Options{From: from, To: to, Base: base, NoTrend: c.Bool("no-trend"), HomesFilledFirst: c.Bool("homes-filled-first")})
	if err != nil {
		return nil, &inputError{err}
	}
	if err := checkWindowLength(c, cal.Estimates); err != nil {
		return nil, err
	}
	if err := checkPopulation(c, cal.Estimates); err != nil {
		return nil, err
	}
	if !c.IsSet("population") {
		whose := "the default county's"
		if c.String("base") != "default" {
			whose = "the base's (" + extends + ")"
		}
		fmt.Fprintf(c.App.ErrWriter, "placesim: warning: children living in the area: %s is %s: give --population (ONS mid-year estimate of 0-17s)\n",
			thousands(base.ChildPopulation), whose)
	}
	if warn := cal.Estimates.Entries.Warning(); warn != "" {
		fmt.Fprintf(c.App.ErrWriter, "placesim: warning: %s\n", warn)
	}
	for _, w := range cal.Warnings() {
		fmt.Fprintf(c.App.ErrWriter, "placesim: warning: %s\n", w)
	}
	var y, rep bytes.Buffer
	sc, notes := cal.Scenario(ssda903.ScenarioOptions{Name: name, Extends: extends, Sources: sources, ChildPopulation: c.Int("population")})
	if err := scenarios.Encode(&y, sc, scenarios.EncodeOptions{Header: notes.Header, Comments: notes.Comments, Sections: notes.Sections,
		Base: base, Extends: extends, BaseTryFirst: rb.TryFirst}); err != nil {
		return nil, err
	}
	if err := ret.Quality.WriteReport(&rep); err != nil {
		return nil, err
	}
	// The file extends the base by name or relative path: read it from where it will be.
	label := path
	if !filepath.IsAbs(label) {
		label = filepath.Join(".", label)
	}
	resolved, err := scenarios.ParseResolved(bytes.NewReader(y.Bytes()), label, nil)
	if err != nil {
		return nil, fmt.Errorf("the calibrated scenario does not load (a fault of placesim; please report it):\n%w", err)
	}
	return &calibration{cal: cal, yaml: y.Bytes(), report: rep.Bytes(), scenario: resolved.Scenario}, nil
}

// maxPopulation is the most children under 18 --population takes, as a scenario's
// child_population.
const maxPopulation = 20_000_000

// minPopulationPerChildInCare is the fewest children living in an area for each child in its
// council's care that --population takes: England's councils have about 70 children in care
// for each 10,000 children (the highest some 250), so a population under 10 times the children
// in care is a slip (62 for 62,000), not a council.
const minPopulationPerChildInCare = 10

// checkPopulationRange refuses a --population out of 1 to maxPopulation.
func checkPopulationRange(c *cli.Context) error {
	if n := c.Int("population"); c.IsSet("population") && (n < 1 || n > maxPopulation) {
		return usagef(c.Command.Name, "--population %q: want the council's children under 18, from 1 to 20,000,000, such as --population 62000", flagText(c, "population"))
	}
	return nil
}

// populationFlag is the flag of the council's children under 18, which the return does not
// hold.
func populationFlag() cli.Flag {
	return &cli.IntFlag{Name: "population", Usage: "the council's children under 18, `N` (ONS mid-year estimates), which the return does not hold", DefaultText: "the base's"}
}

// checkPopulation refuses a --population smaller than minPopulationPerChildInCare times the
// children in care at the end of the window, e.
func checkPopulation(c *cli.Context, e ssda903.Estimates) error {
	if !c.IsSet("population") {
		return nil
	}
	inCare := 0
	for _, cl := range e.Stock {
		inCare += cl.Count
	}
	if n := c.Int("population"); n < minPopulationPerChildInCare*inCare {
		return usagef(c.Command.Name, "--population %q: fewer children living in the area than %d times the council's %s children in care on %s: give the council's children under 18 (ONS mid-year estimate of 0-17s), such as --population 62000",
			flagText(c, "population"), minPopulationPerChildInCare, thousands(inCare), e.To.Format(time.DateOnly))
	}
	return nil
}

// thousands writes n with its thousands separated by commas: 62,000.
func thousands(n int) string {
	s := strconv.Itoa(n)
	for i := len(s) - 3; i > 0 && s[i-1] != '-'; i -= 3 {
		s = s[:i] + "," + s[i:]
	}
	return s
}

// minWindowDays is the shortest calibration window whose entries are estimated when fewer
// than ssda903.MinChildren children entered in it: a year, all of its seasons.
const minWindowDays = 365

// checkWindowLength refuses a calibration window shorter than a year in which fewer than
// ssda903.MinChildren children entered care: too short to say how many enter (a window of a
// day holds none, and the scenario would have none enter), where a year with so few is a
// small council's.
func checkWindowLength(c *cli.Context, e ssda903.Estimates) error {
	days := int(e.To.Sub(e.From).Hours()/24) + 1
	if e.Entries.Count >= ssda903.MinChildren || days >= minWindowDays {
		return nil
	}
	cmd := c.Command.Name
	ends := "--to " + flagText(c, "to")
	longer := "an earlier --from or a later --to"
	if cmd == "backtest" {
		ends = "the day before --at " + flagText(c, "at")
		longer = "an earlier --from or a later --at"
	} else if flagText(c, "to") == "" {
		ends = "the data's last day"
	}
	return usagef(cmd, "the calibration window, %s to %s (%s), is %s long and fewer than %d children entered care in it: too few to estimate the entries from; give a window of at least a year (%s)",
		e.From.Format(time.DateOnly), e.To.Format(time.DateOnly), ends, plural(days, "day"), ssda903.MinChildren, longer)
}

// flagText returns a flag's value as typed, spaces trimmed.
func flagText(c *cli.Context, flag string) string {
	if typed, ok := typedValue(c, flag); ok {
		return strings.TrimSpace(typed)
	}
	return strings.TrimSpace(c.String(flag))
}

// calibrateCommand returns the calibrate command, which reports on stderr.
func calibrateCommand(stderr io.Writer, onUsage cli.OnUsageErrorFunc) *cli.Command {
	return &cli.Command{
		Name:      "calibrate",
		Usage:     "write a council's scenario from its SSDA903 return",
		ArgsUsage: " ",
		Description: "calibrate reads a council's SSDA903 return (the episodes, header and UASC files of one or\n" +
			"several years, as the council keeps them), cleans it, estimates what the return can say\n" +
			"(entries with their trend and seasonality, ages, UASC, time in care, exit routes,\n" +
			"placements and moves, the children in care at the end of --to) and writes:\n" +
			"\n" +
			"  --out FILE           a scenario that extends --base for everything else, every number\n" +
			"                       commented with the children behind it and its 90% interval; its\n" +
			"                       prices are the base's, in the base's year's terms (prices_at)\n" +
			"  FILE.quality.md      the data-quality report: rows read, dropped and why, unknown codes,\n" +
			"                       estimates resting on fewer than 10 children, figures held to a\n" +
			"                       bound (what the estimate gave and the bound)\n" +
			"\n" +
			"Neither file holds a child's identifier, date of birth or postcode, or a count below 5,\n" +
			"and no message quotes a value of the files. A return with no episode left after the\n" +
			"cleaning, or a window in which no child is in care, is refused (exit status 2).\n" +
			"\n" +
			"Example:\n" +
			"\n" +
			"  placesim calibrate --episodes data/*-episodes.csv --header data/*-header.csv \\\n" +
			"    --uasc data/*-uasc.csv --out my-council.yaml",
		OnUsageError:    onUsage,
		SkipFlagParsing: true,
		Flags: append(returnFlags(),
			&cli.StringFlag{Name: "to", Usage: "end the window on `DATE` (YYYY-MM-DD), its last day: the starting stock is the children in care at its end, and the scenario starts the day after", DefaultText: "the last day of the data"},
			&cli.StringFlag{Name: "out", Usage: "write the scenario to `FILE` (and the report beside it)"},
			&cli.StringFlag{Name: "name", Usage: "name the scenario `NAME`", DefaultText: "the file's name"},
			populationFlag(),
		),
		Action: func(c *cli.Context) error { return calibrateAction(c, stderr) },
	}
}

// writeBytes returns an outputFile's write that writes b.
func writeBytes(b []byte) func(io.Writer) error {
	return func(w io.Writer) error { _, err := w.Write(b); return err }
}

// qualityPath returns the path of the data-quality report beside a scenario file.
func qualityPath(out string) string {
	return strings.TrimSuffix(out, filepath.Ext(out)) + ".quality.md"
}

func calibrateAction(c *cli.Context, stderr io.Writer) error {
	if helped, err := returnArguments(c); err != nil || helped {
		return err
	}
	out := c.String("out")
	if out == "" {
		return usagef("calibrate", "name the scenario file to write with --out, such as --out my-council.yaml")
	}
	if st, err := os.Stat(out); err == nil && st.IsDir() {
		return usagef("calibrate", "--out %s: is a directory; name a file such as %s", out, filepath.Join(out, "my-council.yaml"))
	}
	if c.IsSet("name") && strings.TrimSpace(c.String("name")) == "" {
		return usagef("calibrate", "--name %q is blank: give the scenario a name, or leave --name out to name it after the file", c.String("name"))
	}
	if c.String("name") == "" && strings.TrimSpace(strings.TrimSuffix(filepath.Base(out), filepath.Ext(out))) == "" {
		return usagef("calibrate", "--out %s: the file's name gives the scenario no name: name the file, such as --out my-council.yaml, or give --name", out)
	}
	if _, err := os.Stat(out); err != nil && !errors.Is(err, fs.ErrNotExist) {
		// A folder --out would be in is a file, or cannot be looked into: said as run says it.
		return checkOut("calibrate", out)
	}
	report := qualityPath(out)
	targets := [][2]string{{out, "--out " + out}, {report, "the data-quality report " + report}}
	if err := checkTargets(c, targets); err != nil {
		return err
	}
	for i, t := range targets {
		if st, err := os.Lstat(t[0]); err == nil && !st.Mode().IsRegular() {
			return notRegularTarget("calibrate", t[0], t[1], st.Mode(), i == 0)
		}
	}
	from, err := parseDate(c, "from")
	if err != nil {
		return err
	}
	to, err := parseDate(c, "to")
	if err != nil {
		return err
	}
	if err := checkPopulationRange(c); err != nil {
		return err
	}
	if !from.IsZero() && !to.IsZero() && to.Before(from) {
		return usagef("calibrate", "--from %s is after --to %s: the window from one to the other is empty; give a --from on or before --to",
			flagText(c, "from"), flagText(c, "to"))
	}
	began := time.Now()
	ret, sources, err := readReturn(c, report, to)
	if err != nil {
		return err
	}
	if err := checkWindow(c, "calibrate", ret.DataStart(), ret.DataEnd(), from, to); err != nil {
		return err
	}
	name := c.String("name")
	if name == "" {
		name = strings.TrimSuffix(filepath.Base(out), filepath.Ext(out))
	}
	cal, err := calibrateReturn(c, ret, sources, out, name, from, to)
	if err != nil {
		return err
	}
	if err := writeFilesInto(filepath.Dir(out), []outputFile{
		{filepath.Base(out), writeBytes(cal.yaml)},
		{filepath.Base(report), writeBytes(cal.report)},
	}); err != nil {
		return fmt.Errorf("writing %s and %s: %w", out, report, err)
	}
	if !c.Bool("quiet") {
		e := cal.cal.Estimates
		var stock int
		for _, g := range cal.scenario.Stock {
			stock += g.Count
		}
		entries := fmt.Sprintf("%.1f entries", cal.scenario.Entries.PerYear)
		if e.Entries.Warning() != "" {
			entries += " (see the warning above)"
		}
		fmt.Fprintf(stderr, "placesim: calibrated %s from %s up to %s in %.1fs: %d children in care, %s and %.1f UASC arrivals a year; wrote %s and %s\n",
			councilName(ret), e.From.Format(time.DateOnly), e.Start.Format(time.DateOnly), time.Since(began).Seconds(),
			stock, entries, cal.scenario.UASC.PerYear, out, report)
	}
	return nil
}

// councilName names the council of a return for messages.
func councilName(ret *ssda903.Return) string {
	if ret.Quality.LA != "" {
		return ret.Quality.LA
	}
	return "the council"
}

// checkWindow checks --from and --to of command (calibrate, or backtest, which has no --to:
// a zero to) against the data, which run from start up to end (the day after their last): each
// outside them is refused by one family of messages, naming the command, the flag, its value
// and the data's first or last day, both where both are outside, --from first.
func checkWindow(c *cli.Context, command string, start, end, from, to time.Time) error {
	first, last := start.Format(time.DateOnly), end.AddDate(0, 0, -1).Format(time.DateOnly)
	var msgs []string
	for _, f := range []struct {
		name string
		at   time.Time
	}{{"from", from}, {"to", to}} {
		why := ""
		if f.name == "from" {
			why = " (a return holds only the periods of care still open on the first day of its first collection year, so its entries before that day are the few whose stays lasted to it)"
		}
		switch {
		case f.at.IsZero():
		case f.at.Before(start):
			msgs = append(msgs, fmt.Sprintf("--%s %s: the data begin on %s, after it%s: give a --%s within the data", f.name, flagText(c, f.name), first, why, f.name))
		case !f.at.Before(end):
			msgs = append(msgs, fmt.Sprintf("--%s %s: the data end on %s, before it: give a --%s within the data", f.name, flagText(c, f.name), last, f.name))
		}
	}
	if len(msgs) > 0 {
		return usagef(command, "%s", strings.Join(msgs, "; "))
	}
	return nil
}
