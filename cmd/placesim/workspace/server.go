package workspace

import (
	"bytes"
	"cmp"
	"context"
	"embed"
	"encoding/json"
	"errors"
	"fmt"
	"html/template"
	"io"
	"io/fs"
	"math"
	"net/http"
	"net/url"
	"os"
	"path"
	"path/filepath"
	"reflect"
	"runtime/debug"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"
	"unicode/utf8"

	"github.com/placesim/placesim/model"
	"github.com/placesim/placesim/plots"
	"github.com/placesim/placesim/scenarios"
	"github.com/placesim/placesim/sim"
)

//go:embed web
var webFS embed.FS

// Config is the workspace's settings: its folder, how much it simulates and what bounds it.
type Config struct {
	// Dir is the folder scenario files are saved in and loaded from. A name can never reach
	// outside it.
	Dir string
	// Addr is the address the workspace is served on, as host:port: a request whose Host
	// header names another is refused (see the package documentation).
	Addr string
	// PublicURLs are the addresses users reach the workspace by when that is not Addr: through
	// a reverse proxy, TLS in front of it or a remapped port ("https://placesim.council.example",
	// "http://localhost:9000"). A request whose Host names one is answered, and a page whose
	// origin is one may change things. Each is checked by CheckPublicURL.
	PublicURLs []string
	// QuickReps is the number of replications of the live comparison; FullReps of a full run.
	QuickReps, FullReps int
	// Seed is the seed of scenarios that do not record one.
	Seed uint64
	// Workers is the number of replications run side by side (0: one per CPU).
	Workers int
	// Limits bounds the simulations (zero: DefaultLimits).
	Limits Limits
	// Version is placesim's version, written into the pages and the charts' source lines
	// ("": dev).
	Version string
	// RegionQuickReps and RegionFullReps are the replications of a region's quick and full
	// runs (0: DefaultRegionQuickReps, DefaultRegionFullReps).
	RegionQuickReps, RegionFullReps int
	// Log receives reports of panics inside the workspace, and a line for each run the limits
	// refuse (the workspace busy, or the run needing more memory than allowed) or stop (longer
	// than allowed), which names neither the scenario nor who asked (nil: none).
	Log io.Writer
	// RegionFiles, when set, writes file (report.html or results.xlsx) of region reg's run rr of
	// reps replications on seed to w, as placesim run writes it for a region: the region page
	// offers them for download.
	RegionFiles func(w io.Writer, file string, reg *model.Region, rr *sim.RegionResults, seed uint64, reps int) error
	// TempFile, when set, creates the workspace's temporary files (pattern as os.CreateTemp
	// takes it): a region run's monthly records kept on disk, and a report or workbook written
	// before it is sent. Its error is shown to the user as it is, so it should say what is
	// wrong with the temporary folder in plain words. nil: os.CreateTemp in the system's
	// temporary folder.
	TempFile func(pattern string) (*os.File, error)
}

// createTemp creates a temporary file of the workspace's with create (Config.TempFile), or
// with os.CreateTemp when create is nil.
func createTemp(create func(string) (*os.File, error), pattern string) (*os.File, error) {
	if create != nil {
		return create(pattern)
	}
	return os.CreateTemp("", pattern)
}

// Server is the workspace: its pages, its API and the runs in progress. It is an
// http.Handler; Close stops the runs in progress.
type Server struct {
	cfg    Config
	folder *folder
	pages  *template.Template
	mux    *http.ServeMux
	h      http.Handler
	base   *baselines
	gate   *runGate
	sites  sites
	ctx    context.Context
	stop   context.CancelFunc

	mu    sync.Mutex
	tabs  map[string]*tabRun
	bases map[string]keptBase
	// comps are the last quick comparisons, kept for their exports: at most 8, and at most
	// 3,000 replications in all (a replication's monthly record of the default county is about
	// 86 KB); fullComps the last Full runs', apart, so that quick runs (anyone's typing) do not
	// push out board-grade results: at most 3, and at most 3,000 replications in all.
	comps, fullComps *kept[*comparison]
	// meters are the progress of the long requests in progress, by job key.
	meters map[string]*meter
	next   int
	// regionRuns are the last region runs, by region, seed and replications: at most 4, and at
	// most 3,000 councils' replications in all (a full run of the South East is 1,400), as the
	// workspace keeps at most 3,000 replications of a council's runs. regionComps are the
	// region comparisons kept for their board packs: the last 8 (the last 4 runs, each
	// compared).
	regionRuns  *kept[*regionEntry]
	regionComps *kept[*regionComparison]

	life     sync.Mutex // guards closed, active and closeErr
	closed   bool
	active   int // requests being answered
	closeErr error
}

// tabRun is the run in progress for one browser tab.
type tabRun struct {
	cancel context.CancelFunc
	done   chan struct{}
}

// New returns the workspace of cfg. It fails when cfg.Dir cannot be opened as a folder or
// when cfg's replications are fewer than 2 or its limits negative; each problem names the
// setting as placesim serve's flag and as cfg's field ("workspace: --max-runs
// (Limits.MaxRuns): must not be negative, not -1").
func New(cfg Config) (*Server, error) {
	if err := cfg.check(); err != nil {
		return nil, err
	}
	fo, err := openFolder(cfg.Dir)
	if err != nil {
		return nil, err
	}
	pages, err := template.New("").Funcs(template.FuncMap{
		"level":   func(v float64, u unit) string { return level(v, u) },
		"signed":  func(v float64, u unit) string { return signed(v, u) },
		"count":   withCommas,
		"verdict": verdict,
		"verdictWord": func(v string) string {
			return map[string]string{"good": "better", "bad": "worse"}[v]
		},
		"pct": func(v float64) string { return fmt.Sprintf("%.0f%%", 100*v) },
		// summaryLabel is a headline's label as the summary above the results names it: the
		// label before its colon, "Sufficiency gap", not the whole definition.
		"summaryLabel": func(label string) string { l, _, _ := strings.Cut(label, ":"); return strings.TrimSpace(l) },
		"safeSVG":      func(s string) template.HTML { return template.HTML(s) },
		"join":         strings.Join,
		"list":         func(xs ...any) []any { return xs },
	}).ParseFS(webFS, "web/*.html")
	if err != nil {
		return nil, err
	}
	if cfg.Limits == (Limits{}) {
		cfg.Limits = DefaultLimits()
	}
	if cfg.Version == "" {
		cfg.Version = "dev"
	}
	if cfg.RegionQuickReps == 0 {
		cfg.RegionQuickReps = DefaultRegionQuickReps
	}
	if cfg.RegionFullReps == 0 {
		cfg.RegionFullReps = DefaultRegionFullReps
	}
	logw := cfg.Log
	if logw == nil {
		logw = io.Discard
	}
	var logMu sync.Mutex
	logf := func(format string, args ...any) {
		logMu.Lock()
		defer logMu.Unlock()
		fmt.Fprintf(logw, format+"\n", args...)
	}
	ctx, stop := context.WithCancel(context.Background())
	gate := newRunGate(cfg.Limits, logf)
	gate.tempFile = cfg.TempFile
	gate.quickReps, gate.fullReps = cfg.QuickReps, cfg.FullReps
	s := &Server{
		cfg: cfg, folder: fo, pages: pages, mux: http.NewServeMux(), gate: gate, sites: newSites(cfg.Addr, cfg.PublicURLs),
		base: &baselines{entries: newKept[*baselineEntry](4, nil, 0), hashes: map[*model.Scenario]string{}, ctx: ctx, workers: cfg.Workers, gate: gate},
		ctx:  ctx, stop: stop, tabs: map[string]*tabRun{}, meters: map[string]*meter{}, bases: map[string]keptBase{},
		comps:       newKept(8, func(c *comparison) int { return c.Reps }, 3000),
		fullComps:   newKept(3, func(c *comparison) int { return c.Reps }, 3000),
		regionRuns:  newKept(4, func(e *regionEntry) int { return e.work }, 3000),
		regionComps: newKept[*regionComparison](8, nil, 0),
	}
	static, _ := fs.Sub(webFS, "web/static")
	s.mux.Handle("GET /static/", http.StripPrefix("/static/", cacheable(http.FileServerFS(static))))
	s.mux.HandleFunc("GET /favicon.ico", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "image/svg+xml")
		b, _ := fs.ReadFile(static, "favicon.svg")
		w.Write(b)
	})
	s.mux.HandleFunc("GET /{$}", s.workspace)
	s.mux.HandleFunc("POST /api/run", s.apiRun)
	s.mux.HandleFunc("GET /api/progress", s.apiProgress)
	s.mux.HandleFunc("POST /api/save", s.apiSave)
	s.mux.HandleFunc("POST /api/upload", s.apiUpload)
	s.mux.HandleFunc("POST /download", s.download)
	s.mux.HandleFunc("GET /files/{name}", s.downloadSaved)
	s.mux.HandleFunc("GET /export/{id}/{file}", s.export)
	s.mux.HandleFunc("GET /compare", s.compare)
	s.mux.HandleFunc("GET /regions", s.regions)
	s.mux.HandleFunc("GET /region", s.regionPage)
	s.mux.HandleFunc("POST /api/region/run", s.apiRegionRun)
	s.mux.HandleFunc("POST /api/region/save", s.apiRegionSave)
	s.mux.HandleFunc("GET /region-export/{id}/{file}", s.regionExport)
	s.h = guard(recoverPanics(compressed(s.mux), logf), s.sites)
	return s, nil
}

// ServeHTTP answers a request to the workspace: its pages, its static assets and its API.
// After Close it answers 503 Service Unavailable.
func (s *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	s.life.Lock()
	if s.closed {
		s.life.Unlock()
		// Every page shows the reason: the API's callers read it from JSON as a run's error.
		if strings.HasPrefix(r.URL.Path, "/api/") {
			writeJSON(w, http.StatusServiceUnavailable, map[string]string{"error": closedMessage})
		} else {
			http.Error(w, closedMessage, http.StatusServiceUnavailable)
		}
		return
	}
	s.active++
	s.life.Unlock()
	defer func() {
		s.life.Lock()
		defer s.life.Unlock()
		if s.active--; s.closed && s.active == 0 {
			s.closeErr = s.folder.root.Close()
		}
	}()
	s.h.ServeHTTP(w, r)
}

// Close stops the runs in progress, those of requests served through HTTPServer included,
// and closes the workspace's folder once the requests being answered are done (a file being
// saved is saved whole). It is safe to call more than once.
func (s *Server) Close() error {
	s.stop()
	s.life.Lock()
	defer s.life.Unlock()
	if !s.closed {
		s.closed = true
		if s.active == 0 {
			s.closeErr = s.folder.root.Close()
		}
	}
	return s.closeErr
}

// HTTPServer returns an HTTP server of the workspace with its limits on requests (10 seconds
// for headers, 30 for a whole request, 2 minutes idle, 64 KiB of headers, no limit on writing
// an answer, as a full run may take minutes). Every request's context ends when Close is
// called, which stops its run.
func (s *Server) HTTPServer() *http.Server { return newHTTPServer(s, defaultHTTPLimits, s.ctx) }

// check reports what is wrong with cfg, every problem at once.
func (cfg Config) check() error {
	// Each setting is named as placesim serve's flag that sets it, then as the field of
	// Config, for a program that embeds the workspace.
	var errs []error
	bad := func(flag, field, format string, args ...any) {
		name := field
		if flag != "" {
			name = flag + " (" + field + ")"
		}
		errs = append(errs, fmt.Errorf("workspace: %s: %s", name, fmt.Sprintf(format, args...)))
	}
	if cfg.Dir == "" {
		bad("--dir", "Dir", "name the folder of scenario files")
	}
	for _, r := range []struct {
		flag, field string
		n           int
	}{{"--quick-reps", "QuickReps", cfg.QuickReps}, {"--reps", "FullReps", cfg.FullReps}} {
		if r.n < 2 {
			bad(r.flag, r.field, "must be at least 2, not %d", r.n)
		}
	}
	for _, r := range []struct {
		flag, field string
		n, def      int
	}{{"--region-quick-reps", "RegionQuickReps", cfg.RegionQuickReps, DefaultRegionQuickReps}, {"--region-reps", "RegionFullReps", cfg.RegionFullReps, DefaultRegionFullReps}} {
		if r.n != 0 && r.n < 2 {
			bad(r.flag, r.field, "must be at least 2 (or 0 for the default, %d), not %d", r.def, r.n)
		}
	}
	if cfg.Workers < 0 {
		bad("--workers", "Workers", "must be 0 (one per CPU) or more, not %d", cfg.Workers)
	}
	for i, u := range cfg.PublicURLs {
		if err := CheckPublicURL(u); err != nil {
			bad("--public-url "+u, fmt.Sprintf("PublicURLs[%d]", i), "%v", err)
		}
	}
	// MaxWaiting, Wait and MaxEntities have no flags of their own: serve sets MaxWaiting to 4
	// times --max-runs, and the others as DefaultLimits does.
	l := cfg.Limits
	for _, lim := range []struct {
		flag, field string
		negative    bool
		value       any
	}{
		{"--max-runs", "Limits.MaxRuns", l.MaxRuns < 0, l.MaxRuns},
		{"", "Limits.MaxWaiting", l.MaxWaiting < 0, l.MaxWaiting},
		{"", "Limits.Wait", l.Wait < 0, l.Wait},
		{"--max-memory", "Limits.MemoryBytes, in bytes", l.MemoryBytes < 0, l.MemoryBytes},
		{"", "Limits.MaxEntities", l.MaxEntities < 0, l.MaxEntities},
		{"--max-run-time", "Limits.MaxRunTime", l.MaxRunTime < 0, l.MaxRunTime},
	} {
		if lim.negative {
			bad(lim.flag, lim.field, "must not be negative, not %v", lim.value)
		}
	}
	return errors.Join(errs...)
}

// cacheable lets the browser keep the page's assets for an hour.
func cacheable(h http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Cache-Control", "max-age=3600")
		h.ServeHTTP(w, r)
	})
}

// baseRef is the baseline a URL's base= names, as the page's choices name it: "plan" is the
// saved file plan.yaml when no built-in scenario has that name, as s=plan is on the compare page,
// and "./plan.yaml" is plan.yaml.
func (s *Server) baseRef(ref string) string {
	if ref == "" || strings.HasSuffix(ref, ".yaml") || slices.ContainsFunc(scenarios.Builtins(), func(b scenarios.Info) bool { return b.Name == ref }) {
		return canonBase(ref)
	}
	if file, err := checkName(ref); err == nil {
		if _, err := s.folder.read(file); err == nil {
			return file
		}
	}
	if file, _, err := baseFile(ref + ".yaml"); err == nil {
		// "./plan" is plan.yaml too, when it is there.
		if _, err := s.folder.readFile(file); err == nil {
			return file
		}
	}
	return canonBase(ref)
}

// baseFile returns the file of the folder a baseline names, as the scenario loader reads the
// extends of a file at the top of the folder: its path in the folder, "cal.yaml" for
// "cal.yaml", "./cal.yaml" or "sub/../cal.yaml", with isFile true. A name that does not end in
// .yaml or .yml is a built-in's (isFile false). A file ref that reaches outside the folder (an
// absolute path, a backslash, ".." above its top) is refused (err), as the loader refuses it.
func baseFile(ref string) (file string, isFile bool, err error) {
	if !strings.HasSuffix(ref, ".yaml") && !strings.HasSuffix(ref, ".yml") {
		return "", false, nil
	}
	file = path.Clean(ref)
	if path.IsAbs(ref) || filepath.IsAbs(ref) || filepath.VolumeName(ref) != "" || strings.ContainsAny(ref, "\\\x00") || !fs.ValidPath(file) {
		return "", true, fmt.Errorf("the baseline %q is outside the scenario's folder: a baseline is a built-in scenario or a scenario file in the folder (such as cal.yaml or ./cal.yaml)", ref)
	}
	for _, part := range strings.Split(file, "/") {
		// The names the workspace gives files: no hidden file or folder (.placesim-workspace.json's
		// neighbours) is read as a baseline.
		if !fileName.MatchString(part) {
			return "", true, fmt.Errorf("the baseline %q is not a scenario file the workspace reads: each name in its path is letters a to z without accents, digits, dots, dashes and underscores, starting with a letter or digit", ref)
		}
	}
	return file, true, nil
}

// canonBase is the baseline ref names, as the page's choices name it: a file of the folder by
// its path in it ("./cal.yaml" is cal.yaml), a built-in by its name. A ref that names no file
// the folder can hold is left as it is, for loadBase to say why.
func canonBase(ref string) string {
	if file, isFile, err := baseFile(ref); isFile && err == nil {
		return file
	}
	return ref
}

// loadBase reads a baseline: a scenario file in the folder ("plan.yaml", "./plan.yaml") or a
// built-in name. Baselines are kept once read: a built-in one for good, a file for as long as
// its text is the same.
func (s *Server) loadBase(ref string) (*model.Scenario, error) {
	if ref == "" {
		ref = "default"
	}
	text := ""
	file, fromFile, err := baseFile(ref)
	switch {
	case err != nil:
		return nil, err
	case fromFile:
		ref = file
		if text, err = s.folder.readFile(file); err != nil {
			return nil, err
		}
	case strings.ContainsAny(ref, `/\`):
		return nil, fmt.Errorf("the baseline %q is neither a built-in scenario nor a scenario file (NAME.yaml) in the folder", ref)
	case !slices.ContainsFunc(scenarios.Builtins(), func(b scenarios.Info) bool { return b.Name == ref }):
		var re *scenarios.RegionError
		if _, err := scenarios.LoadBuiltin(ref); errors.As(err, &re) {
			return nil, err
		}
		return nil, fmt.Errorf("there is no built-in scenario %q and no file %s.yaml in %s", ref, ref, s.folder.path)
	}
	s.mu.Lock()
	kept, ok := s.bases[ref]
	s.mu.Unlock()
	if ok && kept.text == text {
		return kept.s, nil
	}
	var sc *model.Scenario
	if fromFile {
		// An empty file is a file, and read as one: it is not a built-in's name.
		sc, err = scenarios.ParseFS(strings.NewReader(text), s.folder.root.FS(), ref, nil)
	} else {
		sc, err = scenarios.LoadBuiltin(ref)
	}
	if err != nil {
		return nil, err
	}
	s.mu.Lock()
	s.bases[ref] = keptBase{text: text, s: sc}
	s.mu.Unlock()
	return sc, nil
}

// openable reads a saved file's text as the workspace opens it, and returns it, or the file's
// problems (FILE:LINE:COLUMN: FIELD: what is wrong) as the folder's loader says them when it
// cannot be opened: its text is not YAML, or what it extends (or, a whole scenario, the file
// itself) cannot be read. Problems of its values are the levers' to show. A misspelt extends
// is suggested the built-in or the file of the folder it is close to, as placesim validate
// suggests one: the loader does it, through the folder's FS.
func (s *Server) openable(file, text string) (*scenarios.Document, []string) {
	f, err := scenarios.ParseDocument(text)
	if err == nil {
		ref := f.String("extends")
		if ref == "" {
			ref = file
		}
		if _, err = s.loadBase(ref); err == nil {
			return f, nil
		}
	}
	_, verr := scenarios.ParseResolvedFS(strings.NewReader(text), s.folder.root.FS(), file, nil)
	if verr == nil {
		return nil, []string{file + ": " + err.Error()}
	}
	var out []string
	for _, p := range scenarios.Problems(verr) {
		out = append(out, p.Error())
	}
	return nil, out
}

// ownBaseline says why file, whose text extends ext, opens as a baseline rather than as a
// scenario on ext, or "" when it opens as a scenario: it covers other years than ext, so that
// the two cannot be set side by side (a council's calibrated file starts on the day after its
// return's window, the built-in it extends in April 2026).
func (s *Server) ownBaseline(file, text, ext string) string {
	if ext == "" {
		return ""
	}
	sc, err := scenarios.ParseFS(strings.NewReader(text), s.folder.root.FS(), file, nil)
	if err != nil {
		return "" // its problems are shown beside the levers
	}
	base, err := s.loadBase(ext)
	if err != nil || (sc.Years == base.Years && sc.Start.Equal(base.Start)) {
		return ""
	}
	return fmt.Sprintf("%s covers %s and the baseline it extends, %s, covers %s: a scenario is set against its baseline over the same years, so %s is opened as the baseline, and this is a new scenario on it that changes nothing yet. Move a lever to see what it does to %s; Save keeps it as a file that extends %s.",
		file, span(sc), canonBase(ext), span(base), file, strings.TrimSuffix(file, ".yaml"), file)
}

// keptBase is a baseline as read, with the text of its file ("" for a built-in one).
type keptBase struct {
	text string
	s    *model.Scenario
}

// wsState is the workspace's state as the page holds it and sends it.
type wsState struct {
	Tab         string            `json:"tab"`
	Base        string            `json:"base"`
	File        string            `json:"file"`
	Name        string            `json:"name"`
	Description string            `json:"description"`
	Seed        uint64            `json:"seed,omitempty"`
	Text        string            `json:"text"`
	Values      map[string]string `json:"values"`
	Notes       map[string]string `json:"notes"`
	// UseText says the file's text was edited by hand: take it as it is and read the levers
	// from it.
	UseText bool `json:"useText"`
	// Full asks for a full run; Check only checks the inputs, without running.
	Full  bool `json:"full"`
	Check bool `json:"check"`

	// seedText is the Seed box as the page sent it, and seedSent says it did: a string, or a
	// number as written, so that no seed above 2^53 is rounded on its way.
	seedText string
	seedSent bool
}

// UnmarshalJSON reads a state as the page sends it, its seed as a string ("18446744073709551615")
// or a number, kept as written for resolve to check; a field the state does not have is refused.
func (st *wsState) UnmarshalJSON(b []byte) error {
	type plain wsState
	var in struct {
		*plain
		Seed json.RawMessage `json:"seed"`
	}
	in.plain = (*plain)(st)
	dec := json.NewDecoder(bytes.NewReader(b))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&in); err != nil {
		return err
	}
	st.Seed, st.seedText, st.seedSent = 0, "", false
	switch raw := strings.TrimSpace(string(in.Seed)); {
	case raw == "" || raw == "null":
	case strings.HasPrefix(raw, `"`):
		if err := json.Unmarshal([]byte(raw), &st.seedText); err != nil {
			return err
		}
		st.seedSent = true
	default:
		st.seedText, st.seedSent = raw, true
	}
	return nil
}

// seedRange says which seeds the workspace takes: those of placesim run --seed, from 1; 0 is
// what the folder's record of saved runs keeps for a file saved with no seed, and no command
// takes it.
const seedRange = "want a whole number from 1 to 18446744073709551615"

// parseSeed reads the Seed box: a whole number in seedRange, in decimal digits.
func parseSeed(text string) (uint64, bool) {
	text = strings.TrimSpace(text)
	if text == "" || strings.Trim(text, "0123456789") != "" {
		return 0, false
	}
	seed, err := strconv.ParseUint(text, 10, 64)
	return seed, err == nil && seed > 0
}

// resolved is a workspace state worked out: the file, the levers' views, and the scenario.
type resolved struct {
	st       wsState
	baseS    *model.Scenario
	levers   []*lever
	file     *scenarios.Document
	text     string
	s        *model.Scenario
	idle     model.Problems // what in s acts on nothing it has (scenarios.Resolved.Idle)
	fullText string
	views    []leverView
	problems []string
	// warnings are the scenario's warnings, as placesim validate says them: a list that
	// replaces one its baseline wrote, a change that acts on nothing. It runs all the same.
	warnings []string
	bad      map[string]string
	// outOfRange says that a lever's value in the file is outside its box's range.
	outOfRange bool
	// notice says what Apply did not take from the file's text as typed.
	notice string
}

// resolve works out a state: it applies the levers to the file and reads the scenario.
func (s *Server) resolve(st wsState) (*resolved, error) {
	seedBad := false
	if st.seedSent {
		seed, ok := parseSeed(st.seedText)
		st.Seed, seedBad = seed, !ok
		if seedBad {
			// ParseUint gives its nearest seed for one out of range: run none, and keep
			// what was typed (query writes it), so that no other seed runs in its place.
			st.Seed = 0
		}
	}
	if st.Seed == 0 {
		st.Seed = s.cfg.Seed
	}
	if st.Name == "" {
		st.Name = "untitled"
	}
	if st.Base == "" {
		st.Base = "default"
	}
	// The Baseline names a file as the folder lists it: "./cal.yaml" is cal.yaml.
	st.Base = canonBase(st.Base)
	rv := &resolved{st: st}
	baseS, err := s.loadBase(st.Base)
	if err != nil {
		return nil, err
	}
	rv.baseS = baseS
	rv.levers = leversFor(baseS)
	f, err := scenarios.ParseDocument(st.Text)
	if err != nil {
		return nil, err
	}
	rv.file = f
	if st.UseText {
		// The file's name and what it extends are the Name box's and the Baseline's: say so
		// when the text typed says otherwise, rather than replace them in silence.
		var replaced []string
		if n := f.String("name"); n != "" && n != st.Name {
			replaced = append(replaced, fmt.Sprintf("name: %s is the Name box's %s", n, st.Name))
		}
		if e := f.String("extends"); e != "" && canonBase(e) != st.Base {
			replaced = append(replaced, fmt.Sprintf("extends: %s is the Baseline's %s", e, st.Base))
		}
		if len(replaced) > 0 {
			rv.notice = "Applied, but " + strings.Join(replaced, " and ") + ": these two come from the Name box and the Baseline choice above; change them there."
		}
	}
	f.SetString("name", st.Name)
	f.SetString("extends", st.Base)
	if !st.UseText {
		f.SetString("description", strings.TrimSpace(st.Description))
		rv.bad = applyLevers(f, rv.levers, baseS, leverState{Values: st.Values, Notes: st.Notes})
	} else {
		st.Values, st.Notes = nil, nil
		rv.st = st
		rv.bad = map[string]string{}
	}
	if seedBad {
		rv.bad["seed"] = seedRange
	}
	dropSeedComment(f)
	rv.text = f.Text()
	fileLabel := st.Name + ".yaml"
	if _, err := checkName(st.Name); err != nil {
		rv.problems = append(rv.problems, err.Error())
		fileLabel = "untitled.yaml"
	}
	fieldErrs := map[string][]string{}
	// atLever are the lever fields' problems as validate says them, in order: those no
	// lever shows are listed with the scenario's.
	var atLever [][2]string
	// The file is read as one in the folder: what it extends must be in the folder too, or
	// built in.
	res, err := scenarios.ParseResolvedFS(strings.NewReader(rv.text), s.folder.root.FS(), fileLabel, nil)
	var warnings []error
	if err != nil {
		warnings = scenarios.ErrorWarnings(err) // what a list dropped is often why it fails
	} else {
		warnings = res.Warnings
	}
	if err != nil {
		for _, e := range flatten(err) {
			var se *scenarios.Error
			// Levers name fields in the scenario the file and its baseline make (their
			// lists merged), not as the file numbers its own items.
			text := e.Error()
			isOwn := errors.As(e, &se) && se.File == fileLabel && se.Field != ""
			if isOwn {
				// A date in the file is said in the workspace's dates, as its boxes say theirs.
				text = strings.Replace(text, se.Message, fileDateProblem(se.Message, fieldKey(se.Field), baseS, false), 1)
			}
			if isOwn && leverField(rv.levers, se.ScenarioField(), len(baseS.Interventions)) {
				fieldErrs[se.ScenarioField()] = append(fieldErrs[se.ScenarioField()], fileDateProblem(se.Message, fieldKey(se.Field), baseS, true))
				atLever = append(atLever, [2]string{se.ScenarioField(), text})
				continue
			}
			rv.problems = append(rv.problems, text)
		}
	} else {
		rv.s, rv.idle = res.Scenario, res.Idle
		var b bytes.Buffer
		if err := scenarios.Encode(&b, res.Scenario, scenarios.EncodeOptions{Comments: res.Comments}); err == nil {
			// The schema line is for editors of files; the page shows the fields.
			rv.fullText = strings.TrimPrefix(b.String(), scenarios.SchemaComment+"\n")
		}
		if rv.s.Years != baseS.Years || !rv.s.Start.Equal(baseS.Start) {
			rv.problems = append(rv.problems, fmt.Sprintf("the scenario covers %s and its baseline %s: a comparison needs the same years", span(rv.s), span(baseS)))
		}
		// Every lever within its box's range, however its value got into the file.
		for field, msg := range rangeProblems(f, rv.levers, baseS, rv.s) {
			fieldErrs[field] = append(fieldErrs[field], msg)
			rv.outOfRange = true
		}
		if err := s.gate.checkWork(rv.s); err != nil {
			rv.problems = append(rv.problems, err.Error())
		}
	}
	rv.warnings = boxWarnings(warnings, fileLabel, baseS, rv.s, rv.levers)
	shown := map[string]bool{}
	rv.views = viewLevers(f, rv.levers, baseS, rv.s, leverState{Values: st.Values, Notes: st.Notes}, rv.bad, fieldErrs, shown)
	for _, p := range atLever {
		if !shown[p[0]] {
			// An intervention no lever manages (a kind the baseline has not), or a box
			// refused that hides it: the page lists it above the levers.
			rv.problems = append(rv.problems, p[1])
		}
	}
	return rv, nil
}

// leverField reports whether a validation problem's field belongs to a lever, so that it is
// shown beside it.
func leverField(ls []*lever, field string, nBase int) bool {
	for _, l := range ls {
		if (!l.isIntervention() || l.OnTop) && l.Field == field {
			return true
		}
	}
	return strings.HasPrefix(field, "interventions[") && interventionIndex(field) >= nBase
}

// interventionIndex reads N from "interventions[N]...", or -1.
func interventionIndex(field string) int {
	rest, ok := strings.CutPrefix(field, "interventions[")
	if !ok {
		return -1
	}
	n, _, ok := strings.Cut(rest, "]")
	if !ok {
		return -1
	}
	i, err := strconv.Atoi(n)
	if err != nil {
		return -1
	}
	return i
}

// ok reports whether the state resolved to a scenario that can be run.
func (rv *resolved) ok() bool {
	return rv.s != nil && len(rv.problems) == 0 && len(rv.bad) == 0 && !rv.outOfRange
}

// refusal says why the state cannot be saved or downloaded, one problem a line: the
// scenario's problems, then each box's, named by its lever ("Carers recruited a year: want a
// number such as 24"), then the seed's; "" when it can be.
func (rv *resolved) refusal() string {
	if rv.ok() {
		return ""
	}
	lines := append([]string(nil), rv.problems...)
	for _, v := range rv.views {
		for _, in := range v.Inputs {
			if in.Error == "" {
				continue
			}
			label := v.Label
			if len(v.Inputs) > 1 && in.Label != "" {
				label += ", " + strings.ToLower(in.Label)
			}
			lines = append(lines, label+": "+in.Error)
		}
	}
	if msg := rv.bad["seed"]; msg != "" {
		lines = append(lines, "Seed: "+msg)
	}
	if len(lines) == 0 {
		lines = append(lines, "the scenario has problems: put them right first")
	}
	return strings.Join(lines, "\n")
}

// query is the state as the page's URL holds it: the baseline, the file it was opened from,
// the name, the seed if not the server's, and each lever that differs from the baseline, with
// its note.
func (rv *resolved) query(defaultSeed uint64) string {
	q := url.Values{}
	if rv.st.Base != "" && rv.st.Base != "default" {
		q.Set("base", rv.st.Base)
	}
	if rv.st.File != "" {
		q.Set("file", rv.st.File)
	}
	if rv.st.Name != "" && rv.st.Name != "untitled" {
		q.Set("name", rv.st.Name)
	}
	if d := rv.file.String("description"); d != "" {
		q.Set("about", d)
	}
	if rv.bad["seed"] != "" {
		// A refused seed stays as typed, refused again on reload, never replaced by another.
		if strings.TrimSpace(rv.st.seedText) != "" {
			q.Set("seed", rv.st.seedText)
		}
	} else if rv.st.Seed != 0 && rv.st.Seed != defaultSeed {
		q.Set("seed", strconv.FormatUint(rv.st.Seed, 10))
	}
	for _, v := range rv.views {
		if !v.Changed {
			continue
		}
		for _, in := range v.Inputs {
			q.Set(in.ID, in.Value)
		}
		if v.Note != "" {
			q.Set("note."+v.ID, v.Note)
		}
	}
	return q.Encode()
}

// workspacePage is what the workspace template shows.
type workspacePage struct {
	St wsState
	// Unlisted says which files of the folder are not listed, and why (folder.unlisted).
	Unlisted string
	Text     string
	FullText string
	Groups   []leverGroup
	Problems []string
	// Warnings are the scenario's warnings (resolved.warnings).
	Warnings  []string
	Bases     []baseChoice
	Saved     []string
	QuickReps int
	FullReps  int
	Version   string
	Query     string
	// Fresh says that the page shows a new scenario that changes nothing yet: it says
	// where to start.
	Fresh bool
	// Seed is what the Seed box holds, and SeedError why it cannot be run, when it cannot
	// (a seed in the page's URL such as ?seed=abc).
	Seed, SeedError string
	// FileMsg says that the file asked for (?file=) was not opened, FileProblems why (its
	// problems as placesim validate says them, a list) and FileNext what to do; FileNote says
	// how it was opened, when not as a scenario on its own baseline.
	FileMsg, FileNext, FileNote string
	FileProblems                []string
	// NameError says why the scenario cannot be saved under its name (a built-in's), and
	// BuiltinNames are the names the page says so of as they are typed (builtinNames).
	NameError    string
	BuiltinNames map[string]string
	// Opened is the SHA-256 of the text of the file opened (St.File), which a save over it
	// sends back: the file is not overwritten if it has changed since.
	Opened string
}

type leverGroup struct {
	Name   string
	Levers []leverView
	// More says that the group is shown folded away (moreGroup), and Open that it is
	// unfolded: one of its levers is in use or refused.
	More, Open bool
}

type baseChoice struct {
	Ref, Label string
	Selected   bool
}

// groups sorts lever views under their headings.
func groups(views []leverView) []leverGroup {
	var out []leverGroup
	for _, g := range leverGroups {
		lg := leverGroup{Name: g}
		for _, v := range views {
			if v.Group == g {
				lg.Levers = append(lg.Levers, v)
				lg.More = g == moreGroup
				lg.Open = lg.Open || lg.More && (v.Changed || slices.ContainsFunc(v.Inputs, func(in inputView) bool { return in.Error != "" }))
			}
		}
		if len(lg.Levers) > 0 {
			out = append(out, lg)
		}
	}
	return out
}

// workspace serves the workspace page: a new scenario on a baseline, a saved file, or the
// state of a URL.
func (s *Server) workspace(w http.ResponseWriter, r *http.Request) {
	q := r.URL.Query()
	st := wsState{Base: s.baseRef(q.Get("base")), Name: q.Get("name"), Seed: s.cfg.Seed, Values: map[string]string{}, Notes: map[string]string{}}
	if v := q.Get("seed"); v != "" {
		if seed, ok := parseSeed(v); ok {
			st.Seed = seed
		} else {
			// The Seed box shows it as typed, refused beside it, as if typed there.
			st.seedText, st.seedSent = v, true
		}
	}
	if st.Base == "" {
		st.Base = "default"
	}
	// fileMsg says that the file asked for was not opened, and fileProblems why: the page then
	// opens a new scenario on the baseline, with the file's problems in its file panel.
	fileMsg, fileNote, opened := "", "", ""
	var fileProblems []string
	if name := q.Get("file"); name != "" {
		text, err := s.folder.read(name)
		if err != nil {
			http.Error(w, err.Error(), http.StatusNotFound)
			return
		}
		file, _ := checkName(name)
		f, problems := s.openable(file, text)
		if len(problems) > 0 {
			fileMsg, fileProblems = file+" is not opened:", problems
		} else if note := s.ownBaseline(file, text, f.String("extends")); note != "" {
			// A file of other years than its baseline's (a council's calibrated file, which
			// starts on the day after its return's window) cannot be set against it: it is
			// the baseline of what the user makes of it.
			st.Base, st.Name, fileNote = file, strings.TrimSuffix(file, ".yaml")+"-plan", note
			f = nil
		} else if ext := f.String("extends"); ext != "" {
			st.Base, st.Text, st.File = canonBase(ext), text, strings.TrimSuffix(file, ".yaml")
			opened = fileSHA256(text)
			st.Name = st.File
			seed, ok, err := s.folder.savedSeed(file)
			if err != nil {
				http.Error(w, err.Error(), http.StatusInternalServerError)
				return
			}
			if ok {
				st.Seed = seed
			}
		} else {
			// A whole scenario: start a new one from it.
			st.Base = file
			st.Name = strings.TrimSuffix(file, ".yaml") + "-plan"
		}
		if f != nil {
			st.Description = f.String("description")
		}
	}
	for k, v := range q {
		if note, ok := strings.CutPrefix(k, "note."); ok {
			st.Notes[note] = v[0]
		} else if !slices.Contains([]string{"base", "file", "name", "seed", "about", "new"}, k) {
			st.Values[k] = v[0]
		}
	}
	if st.Name == "" {
		st.Name = "untitled"
	}
	if about := q.Get("about"); about != "" {
		st.Description = about
	}
	rv, err := s.resolve(st)
	if err != nil {
		http.Error(w, err.Error(), http.StatusUnprocessableEntity)
		return
	}
	if rv.ok() && s.sites.sameOrigin(r) {
		// Start the baseline now: the first results then come sooner. The page asks for
		// them within seconds; if it does not, the run stops.
		go func() {
			ctx, cancel := context.WithTimeout(s.ctx, prefetchWait)
			defer cancel()
			s.base.get(ctx, rv.baseS, rv.st.Seed, s.cfg.QuickReps)
		}()
	}
	saved, _ := s.folder.list()
	page := workspacePage{St: rv.st, Text: rv.text, FullText: rv.fullText, Groups: groups(rv.views), Problems: rv.problems, Warnings: rv.warnings,
		Saved: saved, QuickReps: s.cfg.QuickReps, FullReps: s.cfg.FullReps, Version: s.cfg.Version, Query: rv.query(s.cfg.Seed)}
	page.St.Description = rv.file.String("description")
	page.Seed = strconv.FormatUint(rv.st.Seed, 10)
	if msg := rv.bad["seed"]; msg != "" {
		page.Seed, page.SeedError = st.seedText, msg
	}
	page.FileMsg, page.FileProblems, page.FileNote = fileMsg, fileProblems, fileNote
	if fileMsg != "" {
		page.FileNext = "Put it right in the file (or Upload a corrected one), then open it again. Meanwhile this is a new scenario on the baseline."
	}
	page.Opened = opened
	page.Unlisted = s.folder.unlisted()
	page.BuiltinNames = builtinNames()
	if err := typedNameError(rv.st.Name); err != nil {
		page.NameError = err.Error()
	}
	page.Fresh = st.File == "" && rv.s != nil && sameScenario(rv.s, rv.baseS)
	for _, b := range scenarios.Builtins() {
		if b.Name == "erlang" {
			continue // the queueing check is not a council
		}
		page.Bases = append(page.Bases, baseChoice{Ref: b.Name, Label: b.Name + " (built in)", Selected: b.Name == rv.st.Base})
	}
	for _, name := range saved {
		ref := name + ".yaml"
		if name == rv.st.Name {
			continue
		}
		page.Bases = append(page.Bases, baseChoice{Ref: ref, Label: ref, Selected: ref == rv.st.Base})
	}
	page.Bases = withSelected(page.Bases, rv.st.Base)
	s.render(w, "workspace.html", page)
}

// render executes a page template into w.
func (s *Server) render(w http.ResponseWriter, name string, data any) {
	var b bytes.Buffer
	if err := s.pages.ExecuteTemplate(&b, name, data); err != nil {
		http.Error(w, err.Error(), http.StatusInternalServerError)
		return
	}
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.Write(b.Bytes())
}

// prefetchWait is how long a baseline started by opening the workspace page runs with no
// request waiting for it.
const prefetchWait = 30 * time.Second

// maxBody is the most a request body may hold: a scenario file is a few tens of kilobytes.
const maxBody = 1 << 20

// readJSON decodes a request's JSON body into v.
func readJSON(w http.ResponseWriter, r *http.Request, v any) bool {
	if r.ContentLength > maxBody {
		writeJSON(w, http.StatusRequestEntityTooLarge, map[string]string{"error": bodyTooLarge})
		return false
	}
	dec := json.NewDecoder(http.MaxBytesReader(w, r.Body, maxBody))
	dec.DisallowUnknownFields()
	if err := dec.Decode(v); err != nil {
		if tooLarge(err) {
			writeJSON(w, http.StatusRequestEntityTooLarge, map[string]string{"error": bodyTooLarge})
			return false
		}
		writeJSON(w, http.StatusBadRequest, map[string]string{"error": "a request the workspace cannot read: " + err.Error()})
		return false
	}
	return true
}

// bodyTooLarge is the answer to a request whose body passes maxBody.
const bodyTooLarge = "the request is too large: the workspace takes at most 1 MiB at once (a scenario file is a few tens of kilobytes)"

// tooLarge reports whether err is that of a request body that passed maxBody (one that says
// it is larger is answered so before it is read).
func tooLarge(err error) bool {
	var mb *http.MaxBytesError
	return errors.As(err, &mb)
}

// writeJSON writes v as the response.
func writeJSON(w http.ResponseWriter, status int, v any) {
	w.Header().Set("Content-Type", "application/json")
	w.Header().Set("Cache-Control", "no-store")
	w.WriteHeader(status)
	json.NewEncoder(w).Encode(v)
}

// inputState is one box's value and problem as a run's answer gives them.
type inputState struct {
	Value string `json:"value"`
	Error string `json:"error"`
}

// runResponse is the answer to a change of the levers.
type runResponse struct {
	Text     string                `json:"text"`
	FullText string                `json:"fullText"`
	Query    string                `json:"query"`
	Inputs   map[string]inputState `json:"inputs"`
	Notes    map[string]string     `json:"notes"`
	Changed  map[string]bool       `json:"changed"`
	Effects  map[string]string     `json:"effects"`
	Problems []string              `json:"problems"`
	// Warnings are the scenario's warnings (resolved.warnings): it runs all the same.
	Warnings  []string `json:"warnings"`
	Results   string   `json:"results,omitempty"`
	Stamp     string   `json:"stamp,omitempty"`
	Cancelled bool     `json:"cancelled,omitempty"`
	Millis    int64    `json:"millis"`
	// Error says why a run failed when the answer's status is not 200 OK: the server is busy
	// or has stopped (503), or the simulation stopped on a bug (500).
	Error string `json:"error,omitempty"`
	// Notice says what Apply did not take from the file's text: its name and what it
	// extends come from the Name box and the Baseline.
	Notice string `json:"notice,omitempty"`
}

// startTab registers a run for tab, stopping the tab's run in progress first and waiting
// for it to end: each tab has at most one run at a time, and a stale run never holds up
// the machine. release must be called when the run ends.
func (s *Server) startTab(parent context.Context, tab string) (context.Context, func()) {
	ctx, cancel := context.WithCancel(parent)
	me := &tabRun{cancel: cancel, done: make(chan struct{})}
	s.mu.Lock()
	prev := s.tabs[tab]
	s.tabs[tab] = me
	s.mu.Unlock()
	if prev != nil {
		prev.cancel()
		<-prev.done
	}
	return ctx, func() {
		cancel()
		close(me.done)
		s.mu.Lock()
		if s.tabs[tab] == me {
			delete(s.tabs, tab)
		}
		s.mu.Unlock()
	}
}

// apiRun checks the levers, updates the file, and runs the paired comparison with the
// baseline: a quick one, or a full one when asked.
func (s *Server) apiRun(w http.ResponseWriter, r *http.Request) {
	began := time.Now()
	var st wsState
	if !readJSON(w, r, &st) {
		return
	}
	if st.Tab == "" {
		writeJSON(w, http.StatusBadRequest, map[string]string{"error": "tab: missing"})
		return
	}
	ctx := r.Context()
	if !st.Check {
		var release func()
		ctx, release = s.startTab(ctx, st.Tab)
		defer release()
		var stop func()
		ctx, stop = s.startMeter(ctx, st.Tab)
		defer stop()
	}
	rv, err := s.resolve(st)
	if err != nil {
		writeJSON(w, http.StatusOK, runResponse{Problems: []string{err.Error()}, Text: st.Text})
		return
	}
	resp := runResponse{Text: rv.text, FullText: rv.fullText, Query: rv.query(s.cfg.Seed), Problems: rv.problems, Warnings: rv.warnings, Notice: rv.notice,
		Inputs: map[string]inputState{}, Notes: map[string]string{}, Changed: map[string]bool{}, Effects: map[string]string{}}
	for _, v := range rv.views {
		resp.Changed[v.ID] = v.Changed
		resp.Effects[v.ID] = v.Effect
		resp.Notes[v.ID] = v.Note
		for _, in := range v.Inputs {
			resp.Inputs[in.ID] = inputState{Value: in.Value, Error: in.Error}
		}
	}
	resp.Inputs["seed"] = inputState{Value: strconv.FormatUint(rv.st.Seed, 10), Error: rv.bad["seed"]}
	if rv.bad["seed"] != "" {
		resp.Inputs["seed"] = inputState{Value: st.seedText, Error: rv.bad["seed"]}
	}
	if !rv.ok() || st.Check {
		resp.Millis = time.Since(began).Milliseconds()
		writeJSON(w, http.StatusOK, resp)
		return
	}
	reps := s.cfg.QuickReps
	if st.Full {
		reps = s.cfg.FullReps
	}
	c, err := s.compareState(ctx, rv, reps, st.Full)
	switch {
	case s.stopping(ctx):
		// The workspace is stopping (Close, its server stopped): nobody will finish the run.
		resp.Error = stoppedMessage
		resp.Millis = time.Since(began).Milliseconds()
		writeJSON(w, http.StatusServiceUnavailable, resp)
		return
	case ctx.Err() != nil:
		resp.Cancelled = true
		writeJSON(w, http.StatusOK, resp)
		return
	case err != nil:
		resp.Problems = append(resp.Problems, err.Error())
		status := runStatus(err)
		if status != http.StatusOK {
			resp.Error = err.Error()
		}
		if status == http.StatusServiceUnavailable {
			w.Header().Set("Retry-After", strconv.Itoa(retryAfter))
		}
		resp.Millis = time.Since(began).Milliseconds()
		writeJSON(w, status, resp)
		return
	}
	html, err := s.resultsHTML(c)
	if err != nil {
		resp.Problems = append(resp.Problems, err.Error())
	}
	resp.Results = html
	kind := "quick"
	if st.Full {
		kind = "full"
	}
	resp.Stamp = fmt.Sprintf("Up to date: %s run of %s paired with the baseline (seed %d), %s",
		kind, plural(c.Reps, "replication"), c.Seed, c.When.Format("15:04:05"))
	resp.Millis = time.Since(began).Milliseconds()
	writeJSON(w, http.StatusOK, resp)
}

// stoppedMessage answers a run that the workspace stopped because it is stopping itself.
const stoppedMessage = "the workspace has stopped before this run finished: it was shut down on its server; run it again once the workspace is back"

// closedMessage answers every request once the workspace has stopped (Close).
const closedMessage = "the workspace has stopped: it was shut down on its server; run it again once the workspace is back"

// stopping reports whether ctx, a request's, ended because the workspace is stopping itself
// (Close, its server stopped), not because its page went away or cancelled it.
func (s *Server) stopping(ctx context.Context) bool { return ctx.Err() != nil && s.ctx.Err() != nil }

// runStatus is the HTTP status of a run that failed with err: 503 when the server is busy,
// 500 when the simulation stopped on a bug, and otherwise 200 OK with the problem in the
// answer (a scenario beyond the limits, say).
func runStatus(err error) int {
	var busy *busyError
	var bug *runPanic
	switch {
	case errors.As(err, &busy):
		return http.StatusServiceUnavailable
	case errors.As(err, &bug):
		return http.StatusInternalServerError
	}
	return http.StatusOK
}

// compareState runs the baseline (or takes its run from the cache) and the scenario, and
// pairs them; the comparison is kept for its exports.
func (s *Server) compareState(ctx context.Context, rv *resolved, reps int, full bool) (*comparison, error) {
	same := sameScenario(rv.s, rv.baseS)
	meterOf(ctx).expect(reps)
	if !same {
		meterOf(ctx).expect(reps)
	}
	base, err := s.base.get(ctx, rv.baseS, rv.st.Seed, reps)
	if err != nil {
		return nil, err
	}
	var alt *runOut
	if same {
		// Nothing changed but the name: the baseline's run is the scenario's (a fresh
		// workspace shows its first results as soon as the baseline's are in).
		alt = &runOut{s: rv.s, res: base.res, reps: base.reps, took: base.took}
	} else if alt, err = s.gate.run(ctx, rv.s, rv.st.Seed, reps, s.cfg.Workers); err != nil {
		return nil, err
	}
	c, err := compareRuns(base, alt, rv.st.Seed, full)
	if err != nil {
		return nil, err
	}
	c.Version, c.Dir, c.Idle = s.cfg.Version, s.cfg.Dir, rv.idle
	if rv.st.File != "" {
		file, _ := checkName(rv.st.File)
		if s.holds(rv.st.File, rv) {
			c.Saved = file
		} else {
			c.Changed = file
		}
	}
	s.keep(c)
	return c, nil
}

// holds reports whether the workspace's file name holds the scenario rv resolved to: the same
// text, or a text that reads as the same scenario.
func (s *Server) holds(name string, rv *resolved) bool {
	text, err := s.folder.read(name)
	if err != nil {
		return false
	}
	if text == scenarios.WithSchemaLine(rv.text) || text == rv.text {
		return true
	}
	file, _ := checkName(name)
	res, err := scenarios.ParseResolvedFS(strings.NewReader(text), s.folder.root.FS(), file, nil)
	return err == nil && reflect.DeepEqual(res.Scenario, rv.s)
}

// sameScenario reports whether a and b differ at most in their names and descriptions.
func sameScenario(a, b *model.Scenario) bool {
	ca, cb := *a, *b
	ca.Name, ca.Description, cb.Name, cb.Description = "", "", "", ""
	ha, err1 := scenarioHash(&ca)
	hb, err2 := scenarioHash(&cb)
	return err1 == nil && err2 == nil && ha == hb
}

// keep stores a comparison for its exports. A quick run's forgets the oldest quick run beyond
// 8, or beyond 3,000 replications in all (a replication's monthly record of the default county
// is about 86 KB); a Full run's, kept apart, the oldest Full run beyond 3, or beyond 3,000
// replications in all: only another Full run pushes one out.
func (s *Server) keep(c *comparison) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.next++
	c.ID = strconv.Itoa(s.next)
	if c.Full {
		s.fullComps.put(c.ID, c)
		return
	}
	s.comps.put(c.ID, c)
}

// keptComparison returns the comparison of id kept for its exports, a quick run's or a Full run's, or nil.
func (s *Server) keptComparison(id string) *comparison {
	s.mu.Lock()
	defer s.mu.Unlock()
	if c, ok := s.fullComps.get(id); ok {
		return c
	}
	c, _ := s.comps.get(id)
	return c
}

// resultsView is what the results template shows.
type resultsView struct {
	// Same says that the scenario is the baseline as it is.
	Same   bool
	C      *comparison
	H      wsHeadlines
	Charts []chartView
	Base   string
	Alt    string
	// Caution says when the runs are too few for the ranges of 90% of runs the tables give
	// (plots.FewRunsNote), as the board pack does, or is "".
	Caution string
	// Idle says which of the scenario's changes act on nothing it has (plots.IdleNotes), as
	// the board pack does: a what-if laid over a council without what it acts on.
	Idle []string
	// AsItIs says which levers the scenario changes that describe the council as it is, not
	// a strategy (asItIsNote), or is "".
	AsItIs string
}

type chartView struct {
	Name, Title, Subtitle, SVG, What string
	// Marks says the chart's dotted lines in words (paneChart.Marks).
	Marks   string
	Formats []string
	Head    []string
	Rows    [][]string
}

// resultsHTML renders the results pane of a comparison.
func (s *Server) resultsHTML(c *comparison) (string, error) {
	v := resultsView{C: c, H: headlineFigures(c), Base: c.Base.s.Name, Alt: c.Alt.s.Name, Same: sameScenario(c.Base.s, c.Alt.s),
		Caution: plots.FewRunsNote(c.Reps, 0.9, ""), Idle: plots.IdleNotes(c.Alt.s, c.idle()), AsItIs: asItIsNote(c.Base.s, c.Alt.s)}
	charts, err := paneCharts(c)
	if err != nil {
		return "", err
	}
	// The charts are drawn side by side: the simulation is over, and every core is free.
	v.Charts = make([]chartView, len(charts))
	errs := make([]error, len(charts))
	var wg sync.WaitGroup
	for i, ch := range charts {
		wg.Go(func() {
			defer func() {
				if v := recover(); v != nil {
					s.gate.logf("placesim: serve: drawing %s: panic: %v\n%s", ch.Name, v, debug.Stack())
					errs[i] = fmt.Errorf("drawing the chart %s stopped on an error inside placesim (%v): this is a bug", ch.Name, v)
				}
			}()
			svg, err := ch.svg()
			v.Charts[i] = chartView{Name: ch.Name, Title: ch.Title, Subtitle: ch.Subtitle, SVG: svg, What: ch.What, Marks: ch.Marks,
				Formats: ch.Formats, Head: ch.Head, Rows: ch.Rows}
			errs[i] = err
		})
	}
	wg.Wait()
	if err := errors.Join(errs...); err != nil {
		return "", err
	}
	var b bytes.Buffer
	if err := s.pages.ExecuteTemplate(&b, "results", v); err != nil {
		return "", err
	}
	return b.String(), nil
}

// verdict is the class of a change: "good", "bad" or "" (no clear change, or no better way).
// It judges the change as the page prints it: an interval whose end prints as 0 ("0.0 (0.0
// to 0.3)", "£0") contains zero as far as the reader can see, and gets no word.
func verdict(f figure, better int) string {
	if better == 0 || !f.Valid || (f.DiffLo <= 0 && f.DiffHi >= 0) || math.IsNaN(f.Diff) {
		return ""
	}
	if printsZero(signed(f.Diff, f.Unit)) || printsZero(signed(f.DiffLo, f.Unit)) || printsZero(signed(f.DiffHi, f.Unit)) {
		return ""
	}
	if (f.Diff < 0) == (better < 0) {
		return "good"
	}
	return "bad"
}

// printsZero reports whether a printed figure (signed's "+1.2", "0.0", "£0", "-£1.8m", "0.0
// pts") reads as zero: it has no digit other than 0.
func printsZero(s string) bool {
	return strings.ContainsAny(s, "0123456789") && !strings.ContainsAny(s, "123456789")
}

// saveRequest asks to save the workspace's file.
type saveRequest struct {
	Name      string  `json:"name"`
	State     wsState `json:"state"`
	Overwrite bool    `json:"overwrite"`
	// Open is the file the page was opened from, which save may overwrite without asking
	// while its text is still what the page opened: Opened is the SHA-256 of that text, as
	// the page was given it (workspacePage.Opened) or as the page's last save answered.
	Open   string `json:"open"`
	Opened string `json:"opened"`
}

// saveResponse says how a save went.
type saveResponse struct {
	Saved  string `json:"saved,omitempty"`
	URL    string `json:"url,omitempty"`
	Exists bool   `json:"exists,omitempty"`
	// Changed says the file opened has changed since: the page offers to overwrite it.
	Changed bool   `json:"changed,omitempty"`
	Error   string `json:"error,omitempty"`
	// NameError says that Error is about the name typed: the page says it beside that box.
	NameError bool `json:"nameError,omitempty"`
	// Opened is the SHA-256 of the text saved, which the page sends with its next save.
	Opened  string `json:"opened,omitempty"`
	Message string `json:"message,omitempty"`
}

// apiSave saves the workspace's file as name.yaml in the folder: it refuses to overwrite
// another file unless asked, the file opened if it has changed since it was opened (another
// tab or user saved it meanwhile) unless asked, and a file that does not resolve to a valid
// scenario.
func (s *Server) apiSave(w http.ResponseWriter, r *http.Request) {
	var req saveRequest
	if !readJSON(w, r, &req) {
		return
	}
	file, name, ok := s.fileNamed(w, req.Name)
	if !ok {
		return
	}
	if canonBase(req.State.Base) == file {
		writeJSON(w, http.StatusOK, saveResponse{Error: fmt.Sprintf("%s is this scenario's baseline: save under another name", file), NameError: true})
		return
	}
	// opened is what the file was when the page opened it: a save over it is refused if it
	// is no longer that. A page that sends no hash cannot show it was not.
	opened := ""
	if name == req.Open && !req.Overwrite {
		opened = cmp.Or(req.Opened, "unknown")
	}
	if opened == "" && s.refuseOverwrite(w, file, name, req.Overwrite) {
		return
	}
	st := req.State
	st.Name = name
	rv, err := s.resolve(st)
	if err != nil {
		writeJSON(w, http.StatusOK, saveResponse{Error: err.Error()})
		return
	}
	if msg := rv.refusal(); msg != "" {
		writeJSON(w, http.StatusOK, saveResponse{Error: msg})
		return
	}
	reps := s.cfg.QuickReps
	if rv.st.Full {
		reps = s.cfg.FullReps
	}
	run := savedRun{Seed: rv.st.Seed, Replications: reps, Placesim: s.cfg.Version}
	text := scenarios.WithSchemaLine(rv.text)
	if err := s.folder.save(name, text, run, req.Overwrite, opened); err != nil {
		s.saveFailed(w, file, err)
		return
	}
	writeJSON(w, http.StatusOK, saveResponse{Saved: file, URL: "/?file=" + url.QueryEscape(name), Opened: fileSHA256(text),
		Message: savedMessage(file, s.cfg.Dir, rv.st.Base, run)})
}

// savedMessage says where file was saved, in folder dir, and the commands that run it as the
// workspace ran it, with the seed and replications it ran on: the command line does not read
// the workspace's record of them (.placesim-workspace.json), so that a scenario saved at seed
// 42 gives the workspace's figures only with --seed 42. base is the baseline it is compared
// with ("default", "plan.yaml").
func savedMessage(file, dir, base string, run savedRun) string {
	flags := fmt.Sprintf("--seed %d --reps %d", run.Seed, run.Replications)
	return fmt.Sprintf("Saved as %s in %s. To run it on the command line as the workspace ran it, in that folder: placesim run %s %s, and placesim compare %s %s %s",
		file, dir, file, flags, base, file, flags)
}

// fileNamed checks name as a scenario file's name in the folder and returns the file
// ("plan.yaml") and its name without the extension, or answers with why it cannot be one.
func (s *Server) fileNamed(w http.ResponseWriter, name string) (file, stem string, ok bool) {
	file, err := checkName(name)
	if err == nil {
		err = builtinName(name)
	}
	if err == nil {
		err = reservedName(name)
	}
	if twin := s.folder.caseTwin(strings.TrimSuffix(file, ".yaml")); err == nil && twin != "" {
		err = fmt.Errorf("%s is in the folder already, and %s differs from it in capitals alone: Windows and macOS take the two for one file; save as %s, or under another name",
			twin, file, stemOf(twin))
	}
	if err != nil {
		writeJSON(w, http.StatusOK, saveResponse{Error: err.Error(), NameError: true})
		return "", "", false
	}
	return file, strings.TrimSuffix(file, ".yaml"), true
}

// builtinName says why a file cannot be saved as name when a built-in scenario or region has
// that name: the file's own name would be the built-in's, so that placesim run would write
// over the built-in's out folder and placesim compare would set the built-in against itself.
func builtinName(name string) error {
	// Quoted as typed, with its extension ("default.yaml"), as reservedName quotes it.
	typed := strings.TrimSpace(name)
	name = stemOf(typed)
	for i, infos := range [][]scenarios.Info{scenarios.Builtins(), scenarios.BuiltinRegions()} {
		kind := [...]string{"scenario", "region"}[i]
		for _, b := range infos {
			if strings.EqualFold(b.Name, name) {
				return fmt.Errorf("%q is the name of placesim's built-in %s %s: a file of that name would be taken for it (placesim run would write over its out folder, and placesim compare would set it against itself); save under another name, such as %s-plan", typed, kind, b.Name, name)
			}
		}
	}
	return nil
}

// typedNameError says why a file cannot be saved as name that the pages say as it is typed:
// a built-in's name (builtinName) or a Windows device's (reservedName).
func typedNameError(name string) error {
	if err := builtinName(name); err != nil {
		return err
	}
	if _, err := checkName(name); err != nil {
		// Refused at Save for its characters (a space before the extension), not as a device's.
		return nil
	}
	return reservedName(name)
}

// builtinNames returns what builtinName refuses, for the pages to say so as a name is typed:
// by each built-in scenario's and region's name in lower case, what it is ("scenario
// default", "region south-east"); a scenario's where a region has its name too, as
// builtinName says it.
func builtinNames() map[string]string {
	out := map[string]string{}
	for i, infos := range [][]scenarios.Info{scenarios.Builtins(), scenarios.BuiltinRegions()} {
		kind := [...]string{"scenario", "region"}[i]
		for _, b := range infos {
			if k := strings.ToLower(b.Name); out[k] == "" {
				out[k] = kind + " " + b.Name
			}
		}
	}
	return out
}

// refuseOverwrite answers that file already exists, and reports true, when the folder holds
// it and overwriting it was not asked for.
func (s *Server) refuseOverwrite(w http.ResponseWriter, file, name string, overwrite bool) bool {
	if overwrite || !s.folder.exists(name) {
		return false
	}
	s.saveFailed(w, file, errExists)
	return true
}

// saveFailed answers a save of file that failed with err. A file that exists is answered as
// refuseOverwrite answers it: the name was taken between the check and the save (another tab
// saved it meanwhile).
func (s *Server) saveFailed(w http.ResponseWriter, file string, err error) {
	if errors.Is(err, errExists) {
		writeJSON(w, http.StatusOK, saveResponse{Exists: true, Error: fmt.Sprintf("%s already exists in %s", file, s.cfg.Dir)})
		return
	}
	if errors.Is(err, errChanged) {
		writeJSON(w, http.StatusOK, saveResponse{Changed: true, Error: fmt.Sprintf("%s has changed since you opened it: it was saved from another tab or by another user, or edited outside the workspace, and saving now would lose those changes; reload it to see them, or save under another name", file)})
		return
	}
	writeJSON(w, http.StatusOK, saveResponse{Error: err.Error()})
}

// uploadRequest brings a scenario file from the user's computer.
type uploadRequest struct {
	Name      string `json:"name"`
	Text      string `json:"text"`
	Overwrite bool   `json:"overwrite"`
}

// apiUpload checks an uploaded scenario file as the command line would and saves it in the
// folder; the page then opens it.
func (s *Server) apiUpload(w http.ResponseWriter, r *http.Request) {
	var req uploadRequest
	if !readJSON(w, r, &req) {
		return
	}
	file, name, ok := s.fileNamed(w, req.Name)
	if !ok {
		return
	}
	sc, err := scenarios.ParseFS(strings.NewReader(req.Text), s.folder.root.FS(), file, nil)
	if err != nil {
		var lines []string
		for _, e := range flatten(err) {
			lines = append(lines, e.Error())
		}
		writeJSON(w, http.StatusOK, saveResponse{Error: strings.Join(lines, "\n")})
		return
	}
	if msg := longName(file, req.Text, sc.Name); msg != "" {
		writeJSON(w, http.StatusOK, saveResponse{Error: msg})
		return
	}
	if s.refuseOverwrite(w, file, name, req.Overwrite) {
		return
	}
	// The file is saved under the name it is uploaded as, and its scenario takes that name
	// too: kept as it was, a built-in's (block-contract-3-beds) or another file's, placesim
	// run would write the other's out folder and placesim compare would name the other.
	text, msg := req.Text, fmt.Sprintf("Uploaded as %s", file)
	if sc.Name != name {
		doc, err := scenarios.ParseDocument(text)
		if err != nil {
			writeJSON(w, http.StatusOK, saveResponse{Error: fmt.Sprintf("%s: %v", file, err)})
			return
		}
		doc.SetString("name", name)
		text = doc.Text()
		if sc.Name != "" {
			msg += fmt.Sprintf(", its name: changed from %s to %s, the name it is saved under", sc.Name, name)
		}
	}
	if err := s.folder.write(name, text, req.Overwrite); err != nil {
		s.saveFailed(w, file, err)
		return
	}
	writeJSON(w, http.StatusOK, saveResponse{Saved: file, URL: "/?file=" + url.QueryEscape(name), Message: msg})
}

// maxNameChars is the most characters a scenario's name may have in the workspace: the Name
// box's (fileName), for a file uploaded as for one saved.
const maxNameChars = 80

// longName says why a file uploaded as file, of text, whose scenario is named name, is refused
// for a name longer than Save takes ("plan.yaml:1:7: name: 300 characters, ..."), or "".
func longName(file, text, name string) string {
	n := utf8.RuneCountInString(name)
	if n <= maxNameChars {
		return ""
	}
	line, col := 0, 1
	for i, l := range strings.Split(text, "\n") {
		if rest, ok := strings.CutPrefix(l, "name:"); ok {
			line, col = i+1, len("name:")+1+len(rest)-len(strings.TrimLeft(rest, " "))
			break
		}
	}
	where := file
	if line > 0 {
		where = fmt.Sprintf("%s:%d:%d", file, line, col)
	}
	return fmt.Sprintf("%s: name: %d characters; a scenario's name is at most %d, as Save takes it: shorten it", where, n, maxNameChars)
}

// download sends the workspace's file, as the levers have it now, to be saved by the browser.
func (s *Server) download(w http.ResponseWriter, r *http.Request) {
	r.Body = http.MaxBytesReader(w, r.Body, maxBody)
	if err := r.ParseForm(); err != nil {
		if tooLarge(err) || r.ContentLength > maxBody {
			http.Error(w, bodyTooLarge, http.StatusRequestEntityTooLarge)
			return
		}
		http.Error(w, err.Error(), http.StatusBadRequest)
		return
	}
	var st wsState
	if err := json.Unmarshal([]byte(r.PostForm.Get("state")), &st); err != nil {
		http.Error(w, "state: "+err.Error(), http.StatusBadRequest)
		return
	}
	rv, err := s.resolve(st)
	if err != nil {
		http.Error(w, err.Error(), http.StatusUnprocessableEntity)
		return
	}
	if msg := rv.refusal(); msg != "" {
		// As Save: a file without the levers the page refuses would not be the scenario shown.
		http.Error(w, "Not downloaded: the scenario has problems; put them right first.\n"+msg, http.StatusUnprocessableEntity)
		return
	}
	file, err := checkName(rv.st.Name)
	if err != nil {
		file = "scenario.yaml"
	}
	attach(w, file, "application/yaml")
	io.WriteString(w, scenarios.WithSchemaLine(rv.text))
}

// downloadSaved sends a saved scenario file.
func (s *Server) downloadSaved(w http.ResponseWriter, r *http.Request) {
	text, err := s.folder.read(r.PathValue("name"))
	if err != nil {
		http.Error(w, err.Error(), http.StatusNotFound)
		return
	}
	file, _ := checkName(r.PathValue("name"))
	attach(w, file, "application/yaml")
	io.WriteString(w, text)
}

// attach marks a response as a file to save under name.
func attach(w http.ResponseWriter, name, typ string) {
	w.Header().Set("Content-Type", typ)
	w.Header().Set("Content-Disposition", fmt.Sprintf("attachment; filename=%q", name))
}

// export sends one chart of a comparison as PNG (300 dpi), SVG, PDF or CSV, or the
// comparison's printable board pack.
func (s *Server) export(w http.ResponseWriter, r *http.Request) {
	if !s.sites.sameOrigin(r) {
		// Drawing a chart at 300 dpi costs a second of a core: a page on another site must
		// not be able to ask for it.
		http.Error(w, "refused: exports are for the workspace's own pages; open them from its results", http.StatusForbidden)
		return
	}
	c := s.keptComparison(r.PathValue("id"))
	if c == nil {
		http.Error(w, "these results are no longer kept: change a lever or press Full run, then export again", http.StatusNotFound)
		return
	}
	if r.PathValue("file") == "board-pack.html" {
		var b bytes.Buffer
		if err := boardPack(&b, c); err != nil {
			http.Error(w, err.Error(), http.StatusInternalServerError)
			return
		}
		w.Header().Set("Content-Security-Policy", packPolicy)
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		if r.URL.Query().Get("download") != "" {
			attach(w, c.Alt.s.Name+"-board-pack.html", "text/html; charset=utf-8")
		}
		w.Write(b.Bytes())
		return
	}
	name, format, ok := strings.Cut(r.PathValue("file"), ".")
	types := map[string]string{"png": "image/png", "svg": "image/svg+xml", "pdf": "application/pdf", "csv": "text/csv; charset=utf-8"}
	if !ok || types[format] == "" {
		http.Error(w, "want CHART.png, CHART.svg, CHART.pdf or CHART.csv", http.StatusNotFound)
		return
	}
	charts, err := paneCharts(c)
	if err != nil {
		http.Error(w, err.Error(), http.StatusInternalServerError)
		return
	}
	for _, ch := range charts {
		if ch.Name != name {
			continue
		}
		if !slices.Contains(ch.Formats, format) {
			http.Error(w, fmt.Sprintf("%s exports as %s", name, chartFormats(ch.Formats)), http.StatusNotFound)
			return
		}
		var b bytes.Buffer
		if err := ch.write(&b, format); err != nil {
			http.Error(w, err.Error(), http.StatusInternalServerError)
			return
		}
		attach(w, fmt.Sprintf("%s-%s.%s", c.Alt.s.Name, name, format), types[format])
		w.Write(b.Bytes())
		return
	}
	http.Error(w, fmt.Sprintf("no chart %q", name), http.StatusNotFound)
}
