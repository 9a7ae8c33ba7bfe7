package main

import (
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/placesim/placesim/scenarios"
	"github.com/placesim/placesim/sim"
)

// decode decodes the JSON text into v, rejecting fields v does not have, so a test sees the
// documented shape and nothing else.
func decode(t *testing.T, text string, v any) {
	t.Helper()
	dec := json.NewDecoder(strings.NewReader(text))
	dec.DisallowUnknownFields()
	if err := dec.Decode(v); err != nil {
		t.Fatalf("not the JSON documented: %v\n%s", err, text)
	}
}

func TestCompletion(t *testing.T) {
	// Help run in the process before must not trouble the fish script (urfave/cli shares its
	// help command between apps).
	mustRun(t, "help", "run")
	commands := visibleNames(newApp(nil, nil))
	for _, shell := range completionShells {
		t.Run(shell, func(t *testing.T) {
			o := mustRun(t, "completion", shell)
			for _, cmd := range append(commands, "placesim") {
				if !strings.Contains(o.stdout, cmd) {
					t.Errorf("the %s script does not mention %s:\n%s", shell, cmd, o.stdout)
				}
			}
			switch shell {
			case "bash":
				// Without -o nospace: a word completed is followed by a space, as in other commands.
				if !strings.Contains(o.stdout, "complete -o bashdefault -o default -F _placesim_bash_autocomplete placesim\n") {
					t.Errorf("the bash script does not register its function:\n%s", o.stdout)
				}
			case "zsh":
				if !strings.HasPrefix(o.stdout, "#compdef placesim\n") {
					t.Errorf("the zsh script does not begin with #compdef:\n%.80s", o.stdout)
				}
			case "fish":
				if !strings.Contains(o.stdout, "complete -c placesim") || !strings.Contains(o.stdout, "-l reps") {
					t.Errorf("the fish script does not complete placesim's commands and flags:\n%.400s", o.stdout)
				}
				// A flag's description reads as help gives it, without the backticks that mark
				// its placeholder.
				if !strings.Contains(o.stdout, "-l reps -r -d 'run N replications'") || strings.Contains(o.stdout, "`") {
					t.Errorf("the fish script's descriptions keep their placeholders' backticks:\n%s", o.stdout)
				}
				// help once among the commands, never as a command's argument; each command's
				// names, the shells, offered where they go.
				_, commandsLine, _ := strings.Cut(o.stdout, "if contains -- $i ")
				commandsLine, _, _ = strings.Cut(commandsLine, "\n")
				if n := strings.Count(commandsLine, "help h"); n != 1 || strings.Contains(o.stdout, "-l help -s h -d 'show help'\ncomplete -c placesim -n '__fish_placesim_no_subcommand' -f -l help") {
					t.Errorf("the fish script offers help %d times, or --help twice:\n%s", n, o.stdout)
				}
				for _, want := range []string{"__fish_seen_subcommand_from completion' -a 'bash zsh fish'", "__fish_seen_subcommand_from run' -a 'allowance-uplift", "south-east",
					"complete -c placesim -l formats -a 'png svg pdf png,svg,pdf'\n"} {
					if !strings.Contains(o.stdout, want) {
						t.Errorf("the fish script lacks %q:\n%s", want, o.stdout)
					}
				}
			}
		})
	}
	// The bash and zsh scripts ask __complete (TestBashCompletionScript). urfave/cli's own
	// --generate-bash-completion stays on (EnableBashCompletion) for the scripts an earlier
	// placesim wrote, still installed, which ask with it: the commands, then a command's
	// flags. urfave/cli reads the word being completed from os.Args, as the shell gives it.
	complete := func(args ...string) outcome {
		t.Helper()
		saved := os.Args
		os.Args = append([]string{"placesim"}, args...)
		defer func() { os.Args = saved }()
		return mustRun(t, args...)
	}
	o := complete("--generate-bash-completion")
	for _, cmd := range commands {
		if !strings.Contains(o.stdout, cmd+"\n") && !strings.Contains(o.stdout, cmd+":") {
			t.Errorf("--generate-bash-completion does not offer %s:\n%s", cmd, o.stdout)
		}
	}
	if o := complete("run", "--re", "--generate-bash-completion"); !strings.Contains(o.stdout, "--reps") {
		t.Errorf("run --generate-bash-completion does not offer --reps:\n%s", o.stdout)
	}
	for _, args := range [][]string{{"completion"}, {"completion", "powershell"}, {"completion", "bash", "zsh"}} {
		if o := placesim(t, args...); o.code != exitUsage || !strings.Contains(o.stderr, "bash, zsh, fish") {
			t.Errorf("placesim %v: exit %d, stderr %q", args, o.code, o.stderr)
		}
	}
}

func TestSchemaCommand(t *testing.T) {
	o := mustRun(t, "schema")
	var s struct {
		Schema     string                    `json:"$schema"`
		ID         string                    `json:"$id"`
		Properties map[string]map[string]any `json:"properties"`
	}
	if err := json.Unmarshal([]byte(o.stdout), &s); err != nil {
		t.Fatal(err)
	}
	if s.ID != scenarios.SchemaURL || !strings.Contains(s.Schema, "draft-07") {
		t.Errorf("$schema %q, $id %q", s.Schema, s.ID)
	}
	if d, _ := s.Properties["years"]["description"].(string); !strings.Contains(d, "between 1 and 50 years") {
		t.Errorf("years: description %q", d)
	}
	want, err := os.ReadFile(filepath.Join("..", "..", "scenarios", "scenario.schema.json"))
	if err != nil {
		t.Fatal(err)
	}
	if o.stdout != string(want) {
		t.Error("placesim schema does not write scenarios/scenario.schema.json, the file editors fetch")
	}
}

// TestSchemaRegionCommand checks that placesim schema --region writes region.schema.json, the
// schema region files name, and that it is not the scenario schema.
func TestSchemaRegionCommand(t *testing.T) {
	o := mustRun(t, "schema", "--region")
	want, err := os.ReadFile(filepath.Join("..", "..", "scenarios", "region.schema.json"))
	if err != nil {
		t.Fatal(err)
	}
	if o.stdout != string(want) {
		t.Error("placesim schema --region does not write scenarios/region.schema.json, the file region files name")
	}
	if !strings.Contains(o.stdout, `"$id": "`+scenarios.RegionSchemaURL+`"`) {
		t.Errorf("placesim schema --region: no $id %s", scenarios.RegionSchemaURL)
	}
}

func TestVersionFormats(t *testing.T) {
	want := "placesim " + placesimVersion() + "\n"
	for _, args := range [][]string{{"version"}, {"--version"}, {"-v"}} {
		if o := mustRun(t, args...); o.stdout != want {
			t.Errorf("placesim %v prints %q, want %q", args, o.stdout, want)
		}
	}
	var v versionJSON
	decode(t, mustRun(t, "version", "--json").stdout, &v)
	if v.Name != "placesim" || v.Version != placesimVersion() || !strings.HasPrefix(v.Go, "go") || v.OS == "" || v.Arch == "" {
		t.Errorf("version --json: %+v", v)
	}
}

func TestScenariosJSON(t *testing.T) {
	var list []scenarioJSON
	decode(t, mustRun(t, "scenarios", "--json").stdout, &list)
	if len(list) != len(scenarios.Builtins()) {
		t.Fatalf("%d scenarios, want %d", len(list), len(scenarios.Builtins()))
	}
	for _, s := range list {
		if s.Name == "" || !strings.HasSuffix(s.File, ".yaml") || s.Description == "" {
			t.Errorf("scenario %+v", s)
		}
	}
}

func TestValidateJSON(t *testing.T) {
	dir := t.TempDir()
	bad := filepath.Join(dir, "bad.yaml")
	if err := os.WriteFile(bad, []byte("extends: default\nyears: 0\nentries: {per_yaer: 3}\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	o := placesim(t, "validate", "--json", "default", bad)
	if o.code != exitFailure {
		t.Errorf("exit %d, want %d", o.code, exitFailure)
	}
	var v validateJSON
	decode(t, o.stdout, &v)
	if v.OK || len(v.Files) != 2 || !v.Files[0].OK || len(v.Files[0].Problems) != 0 || v.Files[1].OK {
		t.Fatalf("validate --json: %+v", v)
	}
	fields := map[string]jsonProblem{}
	for _, p := range v.Files[1].Problems {
		fields[p.Field] = p
	}
	if p := fields["years"]; p.File != bad || p.Line != 2 || p.Column != 8 || !strings.Contains(p.Message, "between 1 and 50") ||
		p.Text != p.File+":2:8: years: "+p.Message {
		t.Errorf("the problem with years: %+v", p)
	}
	if _, ok := fields["entries.per_yaer"]; !ok {
		t.Errorf("no problem with entries.per_yaer in %+v", v.Files[1].Problems)
	}
	if strings.Contains(o.stderr, "years:") {
		t.Errorf("with --json the problems are not printed on stderr too:\n%s", o.stderr)
	}
}

// TestValidateJSONMissingFile checks that a file that does not exist is named as the file of
// its problem, as a problem inside a file is.
func TestValidateJSONMissingFile(t *testing.T) {
	missing := filepath.Join(t.TempDir(), "nosuch.yaml")
	o := placesim(t, "validate", "--json", missing)
	var v validateJSON
	decode(t, o.stdout, &v)
	if o.code != exitFailure || len(v.Files) != 1 || len(v.Files[0].Problems) != 1 {
		t.Fatalf("exit %d, validate --json: %+v", o.code, v)
	}
	p := v.Files[0].Problems[0]
	if p.File != missing || !strings.HasPrefix(p.Message, "no such file") || p.Text != missing+": "+p.Message {
		t.Errorf("the problem of a missing file: %+v", p)
	}
}

// TestValidateHelpJSON checks that validate --help gives every field of a problem in --json.
func TestValidateHelpJSON(t *testing.T) {
	o := placesim(t, "validate", "--help")
	help := strings.Join(strings.Fields(o.stdout), " ")
	for _, field := range []string{"file", "line", "column", "field", "message", "text"} {
		if !strings.Contains(help, `"`+field+`"`) {
			t.Errorf("validate --help leaves out the problems' %q:\n%s", field, o.stdout)
		}
	}
}

func TestCompareJSON(t *testing.T) {
	out := filepath.Join(t.TempDir(), "c")
	o := mustRun(t, "compare", "default", "early-help", "--reps", "6", "--years", "2", "--set", "warmup_years=0",
		"--charts=false", "-q", "--json", "--out", out)
	var c compareJSON
	decode(t, o.stdout, &c)
	if c.Baseline != "default" || c.Reps != 6 || c.Text != "1" || c.Number == nil || *c.Number != 1 || len(c.Comparisons) != 1 || c.Comparisons[0].Scenario != "early-help" {
		t.Fatalf("compare --json: %+v", c)
	}
	var total *compareRowJSON
	periods := map[string]bool{}
	for i, r := range c.Comparisons[0].Rows {
		periods[r.Period] = true
		if r.KPI == "cost_total" && r.Period == "all" {
			total = &c.Comparisons[0].Rows[i]
		}
	}
	if len(periods) != 3 { // two financial years and the whole run
		t.Errorf("periods %v", periods)
	}
	if total == nil {
		t.Fatal("no cost_total over the whole run")
	}
	if total.Unit != "£" || total.All != "total" || total.DiffLo == nil || total.DiffHi == nil || total.ChanceBetter == nil ||
		!(*total.DiffLo <= total.DiffMean && total.DiffMean <= *total.DiffHi) || total.N != 6 {
		t.Errorf("cost_total over the whole run: %+v", *total)
	}
}

// TestReadmeKPIAll checks the columns "unit" and "`all` is" of README.md's table of KPIs
// against sim's catalogue, which the workbook's columns of the same names are written from,
// each name pattern tried with a kind, route, category and band of the default scenario: a
// row's unit is those of its names, in order, each once.
func TestReadmeKPIAll(t *testing.T) {
	text, err := os.ReadFile(filepath.Join("..", "..", "README.md"))
	if err != nil {
		t.Fatal(err)
	}
	rows := 0
	for _, table := range []struct {
		heading string
		fill    *strings.Replacer
	}{
		{"| KPI | unit | `all` is | what it is |", strings.NewReplacer("<kind>", "inhouse_foster", "<route>", "adoption", "<category>", "foster", "<band>", "10_15")},
		{"| Region KPI | unit | `all` is | what it is |", strings.NewReplacer("<kind>", "ifa", "<zone>", "kent")},
	} {
		at := strings.Index(string(text), table.heading)
		if at < 0 {
			t.Fatalf("README.md has no table headed %s", table.heading)
		}
		rows += readmeKPIRows(t, string(text)[at:], table.fill)
	}
	if rows < 40 {
		t.Errorf("only %d KPIs in README's table", rows)
	}
}

// readmeKPIRows checks the rows of the README's table of KPIs at the start of section, each
// name pattern filled in by fill, and returns how many names it holds.
func readmeKPIRows(t *testing.T, section string, fill *strings.Replacer) int {
	t.Helper()
	section = section[:strings.Index(section, "\n\n")]
	rows := 0
	for _, line := range strings.Split(section, "\n")[2:] {
		cells := strings.Split(line, " | ")
		var units []string
		for _, name := range regexp.MustCompile("`([^`]+)`").FindAllStringSubmatch(cells[0], -1) {
			kpi := fill.Replace(name[1])
			info, ok := sim.KPIInfo(kpi)
			if !ok {
				t.Errorf("README names KPI %s, which sim's catalogue does not know", kpi)
				continue
			}
			rows++
			if u := info.Unit.String(); !slices.Contains(units, u) {
				units = append(units, u)
			}
			if want := info.Aggregate.String(); cells[2] != want {
				t.Errorf("README says all of %s is %q, sim's catalogue %q", name[1], cells[2], want)
			}
		}
		if want := strings.Join(units, ", "); cells[1] != want {
			t.Errorf("README's unit of %s is %q, sim's catalogue %q", cells[0], cells[1], want)
		}
	}
	return rows
}

// TestReadmeNamesRegionKPIs checks that README.md's tables of KPIs name every KPI of a region's
// summary.csv, by name or by a pattern of names (`market_places_<kind>_in_<zone>`).
func TestReadmeNamesRegionKPIs(t *testing.T) {
	text, err := os.ReadFile(filepath.Join("..", "..", "README.md"))
	if err != nil {
		t.Fatal(err)
	}
	var patterns []*regexp.Regexp
	for _, heading := range []string{"| KPI | unit | `all` is | what it is |", "| Region KPI | unit | `all` is | what it is |"} {
		at := strings.Index(string(text), heading)
		if at < 0 {
			continue
		}
		section := string(text)[at:]
		section = section[:strings.Index(section, "\n\n")]
		for _, line := range strings.Split(section, "\n")[2:] {
			cell := strings.Split(line, " | ")[0]
			for _, name := range regexp.MustCompile("`([^`]+)`").FindAllStringSubmatch(cell, -1) {
				re := regexp.MustCompile(`<[a-z]+>`).ReplaceAllString(regexp.QuoteMeta(name[1]), `[a-z0-9_-]+`)
				patterns = append(patterns, regexp.MustCompile("^"+re+"$"))
			}
		}
	}
	out := filepath.Join(t.TempDir(), "r")
	mustRun(t, "run", testRegionFile(t), "--reps", "1", "--years", "1", "--charts=false", "--out", out, "-q")
	seen := map[string]bool{}
	for _, r := range readRows(t, out, "summary.csv")[1:] {
		if k := r[3]; !seen[k] {
			seen[k] = true
			if !slices.ContainsFunc(patterns, func(p *regexp.Regexp) bool { return p.MatchString(k) }) {
				t.Errorf("README.md's tables of KPIs do not name %s, which a region's summary.csv holds", k)
			}
		}
	}
}

// TestBashCompletionScript loads the bash script as the README says (source <(placesim
// completion bash)) in a bash without the bash-completion package, and completes a command and
// a flag with it, as bash would at a tab.
func TestBashCompletionScript(t *testing.T) {
	bash, err := exec.LookPath("bash")
	if err != nil {
		t.Skip("no bash to run the script")
	}
	bin := t.TempDir()
	self, err := os.Executable()
	if err != nil {
		t.Fatal(err)
	}
	// placesim on the PATH is this test binary, acting as placesim.
	wrapper := "#!/bin/sh\nPLACESIM_TEST_AS_PLACESIM=1 exec '" + self + "' \"$@\"\n"
	if err := os.WriteFile(filepath.Join(bin, "placesim"), []byte(wrapper), 0o755); err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "my-council.yaml"), nil, 0o644); err != nil {
		t.Fatal(err)
	}
	for _, tt := range []struct {
		words string // the words on the command line, the last being completed
		want  string // among the completions
		not   string // not among them, if not ""
	}{
		{"placesim ru", "run", ""},
		{"placesim run --re", "--reps", ""},
		{"placesim compare default --disc", "--discount-rate", ""},
		// A flag at its first two dashes, which ended the flags when urfave/cli's script
		// asked for them.
		{"placesim run --", "--reps", "-q"},
		{"placesim --", "--version", ""},
		{"placesim sweep --reps 20 --", "--vary", ""},
		{"placesim run -", "-q", ""},
		// The names a command takes, not "help" wherever an argument goes.
		{"placesim ''", "run", "h"},
		{"placesim run ''", "default", "help"},
		{"placesim run south", "south-east", ""},
		{"placesim run my", "my-council.yaml", ""},
		{"placesim compare default ''", "uasc-surge", "help"},
		{"placesim completion ''", "zsh", "help"},
		{"placesim help comp", "compare", ""},
		{"placesim run --formats ''", "svg", "default"},
		{"placesim run --kpi ifa_s", "ifa_share", ""},
		{"placesim sweep erlang --kpi ''", "children_in_care", "default"},
		{"placesim run --reps 20 -- ''", "default", "--reps"},
		// A flag's value after = (--formats=p), as bash splits it into words: the values,
		// without the flag, as bash replaces only what follows the =.
		{"placesim run --formats = p", "png", "--formats=png"},
		{"placesim run --formats = p", "pdf", "svg"},
		{"placesim run --formats =", "svg", "default"},
		{"placesim run --kpi = ifa_s", "ifa_share", "--kpi=ifa_share"},
		{"placesim sweep erlang --kpi = ''", "children_in_care", "default"},
	} {
		t.Run(tt.words, func(t *testing.T) {
			script := `source <(placesim completion bash) || exit 1
declare -F _get_comp_words_by_ref >/dev/null && { echo "bash-completion is loaded" >&2; exit 1; }
COMP_WORDS=(` + tt.words + `); COMP_CWORD=$((${#COMP_WORDS[@]} - 1))
_placesim_bash_autocomplete
printf '%s\n' "${COMPREPLY[@]}"`
			cmd := exec.Command(bash, "--norc", "--noprofile", "-c", script)
			cmd.Dir = dir
			cmd.Env = append(os.Environ(), "PATH="+bin+string(os.PathListSeparator)+os.Getenv("PATH"))
			var stdout, stderr strings.Builder
			cmd.Stdout, cmd.Stderr = &stdout, &stderr
			if err := cmd.Run(); err != nil || stderr.Len() > 0 {
				t.Fatalf("bash: %v\n%s", err, stderr.String())
			}
			if got := strings.Fields(stdout.String()); !slices.Contains(got, tt.want) || (tt.not != "" && slices.Contains(got, tt.not)) {
				t.Errorf("completing %q offers %q, want %s among them and not %q", tt.words, got, tt.want, tt.not)
			}
		})
	}
}

// TestZshCompletionScript runs the zsh script's function as zsh's completion would at a tab,
// with _describe and _files standing in for zsh's own (which need a line being edited): the
// words it offers are placesim's, as the bash script's are. It skips the test without zsh.
func TestZshCompletionScript(t *testing.T) {
	zsh, err := exec.LookPath("zsh")
	if err != nil {
		t.Skip("no zsh to run the script")
	}
	bin := t.TempDir()
	self, err := os.Executable()
	if err != nil {
		t.Fatal(err)
	}
	wrapper := "#!/bin/sh\nPLACESIM_TEST_AS_PLACESIM=1 exec '" + self + "' \"$@\"\n"
	if err := os.WriteFile(filepath.Join(bin, "placesim"), []byte(wrapper), 0o755); err != nil {
		t.Fatal(err)
	}
	for _, tt := range []struct {
		words string // the words on the command line, the last being completed
		want  string // what the function offers
	}{
		{"placesim run --", "describe: --reps "},
		{"placesim run ''", "describe: allowance-uplift "},
		{"placesim completion ''", "describe: bash zsh fish\n"},
		{"placesim run --out ''", "files\n"},
		// A flag's value after = is one word in zsh: the values with the flag before them,
		// which zsh keeps where they begin with the word.
		{"placesim run --formats=p", "describe: --formats=png --formats=svg --formats=pdf "},
		{"placesim run --kpi=ifa_s", "describe: --kpi=children_in_care "},
	} {
		t.Run(tt.words, func(t *testing.T) {
			script := `compdef() {}
_describe() { print -r -- "describe: ${(j: :)${(P)2}}" }
_files() { print files }
source <(placesim completion zsh) || exit 1
words=(` + tt.words + `); CURRENT=$#words
_placesim_zsh_autocomplete`
			cmd := exec.Command(zsh, "-f", "-c", script)
			cmd.Env = append(os.Environ(), "PATH="+bin+string(os.PathListSeparator)+os.Getenv("PATH"))
			var stdout, stderr strings.Builder
			cmd.Stdout, cmd.Stderr = &stdout, &stderr
			if err := cmd.Run(); err != nil || stderr.Len() > 0 {
				t.Fatalf("zsh: %v\n%s", err, stderr.String())
			}
			if !strings.HasPrefix(stdout.String(), tt.want) {
				t.Errorf("completing %q offers %q, want it to begin %q", tt.words, stdout.String(), tt.want)
			}
		})
	}
}
