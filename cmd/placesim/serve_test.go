package main

import (
	"bytes"
	"context"
	"errors"
	"io"
	"io/fs"
	"net"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/placesim/placesim/cmd/placesim/workspace"
	"github.com/urfave/cli/v2"
)

func TestListenLoopbackOnly(t *testing.T) {
	tests := []struct {
		addr     string
		explicit bool
		wantErr  string
		warn     bool
	}{
		{"127.0.0.1:0", false, "", false},
		{"localhost:0", true, "", false},
		{"[::1]:0", true, "", false},
		{":0", true, "name the address", false},
		{"0.0.0.0:0", false, "without --addr", false},
		{"0.0.0.0:0", true, "", true},
		{"nonsense", true, "want HOST:PORT", false},
	}
	for _, tt := range tests {
		t.Run(tt.addr, func(t *testing.T) {
			ln, warning, err := listen(tt.addr, tt.explicit)
			if tt.wantErr != "" {
				if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
					t.Fatalf("listen(%q) = %v, want an error with %q", tt.addr, err, tt.wantErr)
				}
				return
			}
			if err != nil {
				if strings.Contains(tt.addr, "::1") {
					t.Skipf("no IPv6 loopback here: %v", err)
				}
				t.Fatal(err)
			}
			ln.Close()
			if (warning != "") != tt.warn {
				t.Errorf("warning %q, want one: %v", warning, tt.warn)
			}
		})
	}
}

// TestServeAddrRefused checks that a host or port serve cannot listen on is refused as the
// flags are read, with what to give instead, not with the network's own error.
func TestServeAddrRefused(t *testing.T) {
	dir := t.TempDir()
	const ports = "give a number from 0 to 65535 (0: any free port)"
	tests := []struct{ addr, want string }{
		{"127.0.0.1:abc", `--addr "127.0.0.1:abc": the port "abc" is not a number: ` + ports},
		{"127.0.0.1:99999", "--addr \"127.0.0.1:99999\": the port 99999 is out of range: " + ports},
		{"localhost:65536", "--addr \"localhost:65536\": the port 65536 is out of range: " + ports},
		{"127.0.0.1:-1", `--addr "127.0.0.1:-1": the port "-1" is not a number: ` + ports},
		{"127.0.0.1:+80", `--addr "127.0.0.1:+80": the port "+80" is not a number: ` + ports},
		{"127.0.0.1:", "--addr \"127.0.0.1:\": no port: " + ports + ", such as 127.0.0.1:8080"},
		{"[::1]:123456", "--addr \"[::1]:123456\": the port 123456 is out of range: " + ports},
		{"bad_host:8080", `--addr "bad_host:8080": the host "bad_host" is neither a name nor an address: give a name such as localhost, or an address such as 127.0.0.1 or [::1]`},
		{"-x.example:8080", `--addr "-x.example:8080": the host "-x.example" is neither a name nor an address: give a name such as localhost, or an address such as 127.0.0.1 or [::1]`},
		{"my host:8080", `--addr "my host:8080": the host "my host" is neither a name nor an address: give a name such as localhost, or an address such as 127.0.0.1 or [::1]`},
	}
	for _, tt := range tests {
		t.Run(tt.addr, func(t *testing.T) {
			var out, errb bytes.Buffer
			// --dir names no folder: the address is refused first, as a flag.
			err := newApp(&out, &errb).Run([]string{"placesim", "serve", "--addr", tt.addr, "--dir", dir + "/missing"})
			var msg bytes.Buffer
			if code := report(&msg, err); code != exitUsage {
				t.Errorf("serve --addr %s: exit %d, want %d", tt.addr, code, exitUsage)
			}
			if want := "placesim serve: " + tt.want + "\nRun 'placesim serve --help' for usage.\n"; msg.String() != want {
				t.Errorf("serve --addr %s said\n%s\nwant\n%s", tt.addr, msg.String(), want)
			}
		})
	}
	// What serve accepts: port 0 (any free port), the largest port, a name, an IPv6 address.
	for _, addr := range []string{"127.0.0.1:0", "localhost:65535", "[::1]:0", "host-1.example.:80"} {
		if err := checkAddr(addr); err != nil {
			t.Errorf("checkAddr(%q) = %v, want nil", addr, err)
		}
	}
}

// TestServeListenRefused checks what serve says when it cannot listen on an address it
// accepts: a port another program holds.
func TestServeListenRefused(t *testing.T) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Skip("cannot listen here:", err)
	}
	defer ln.Close()
	addr := ln.Addr().String()
	var out, errb bytes.Buffer
	err = newApp(&out, &errb).Run([]string{"placesim", "serve", "--addr", addr, "--dir", t.TempDir()})
	var msg bytes.Buffer
	if code := report(&msg, err); code != exitUsage {
		t.Errorf("serve --addr %s: exit %d, want %d", addr, code, exitUsage)
	}
	want := "placesim serve: --addr \"" + addr + "\": the port is in use by another program (another placesim serve?): stop it, or give another port, or 0 for any free one\nRun 'placesim serve --help' for usage.\n"
	if msg.String() != want {
		t.Errorf("serve said\n%s\nwant\n%s", msg.String(), want)
	}
}

func TestServeWarnsOnStderr(t *testing.T) {
	var out, errb bytes.Buffer
	app := newApp(&out, &errb)
	ctx, cancel := context.WithTimeout(context.Background(), 500*time.Millisecond)
	defer cancel()
	err := app.RunContext(ctx, []string{"placesim", "serve", "--addr", "0.0.0.0:0", "--dir", t.TempDir()})
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(errb.String(), "not on loopback") {
		t.Errorf("stderr %q: want a warning about listening beyond loopback", errb.String())
	}
	// The warning names the port in use, as stdout does, not the 0 asked for.
	if port := regexp.MustCompile(`http://0\.0\.0\.0:(\d+)/`).FindStringSubmatch(out.String()); port == nil || !strings.Contains(errb.String(), "listening on 0.0.0.0:"+port[1]+", not on loopback") {
		t.Errorf("stderr %q: want the port stdout gives (%q)", errb.String(), out.String())
	}
	if !strings.Contains(out.String(), "the scenario workspace is at http://0.0.0.0:") || !strings.Contains(out.String(), "/regions") {
		t.Errorf("stdout %q: want the address", out.String())
	}
	errb.Reset()
	out.Reset()
	ctx2, cancel2 := context.WithTimeout(context.Background(), 300*time.Millisecond)
	defer cancel2()
	if err := newApp(&out, &errb).RunContext(ctx2, []string{"placesim", "serve", "--addr", "127.0.0.1:0", "--dir", t.TempDir()}); err != nil {
		t.Fatal(err)
	}
	if errb.Len() != 0 {
		t.Errorf("stderr %q on loopback: want nothing", errb.String())
	}
	if err := newApp(&out, &errb).Run([]string{"placesim", "serve", "--addr", ":8080"}); report(io.Discard, err) != exitUsage {
		t.Errorf("serve --addr :8080: %v, want a usage error", err)
	}
}

// TestServeLimitFlags checks the command line's limits.
func TestServeLimitFlags(t *testing.T) {
	for _, args := range [][]string{{"--max-runs", "0"}, {"--max-memory", "10"}, {"--max-run-time", "0s"}} {
		var out, errb bytes.Buffer
		err := newApp(&out, &errb).Run(append([]string{"placesim", "serve", "--dir", t.TempDir()}, args...))
		if report(io.Discard, err) != exitUsage {
			t.Errorf("serve %v: %v, want a usage error", args, err)
		}
	}
}

// TestServeFlagRanges checks that a flag's value beyond its range is refused as serve starts,
// naming the flag and its range (exit 2), before anything listens.
func TestServeFlagRanges(t *testing.T) {
	tests := []struct {
		args []string
		want string
	}{
		{[]string{"--seed", "0"}, "--seed must be a whole number from 1 to 18446744073709551615, not \"0\" (0 stands for no seed in the workspace's record of saved runs, so no command takes it)"},
		{[]string{"--seed", "-1"}, "--seed must be a whole number from 1 to 18446744073709551615, not \"-1\""},
		{[]string{"--workers", "-1"}, "--workers must be 0 (one per CPU) or more, not \"-1\""},
		{[]string{"--max-runs", "0"}, "--max-runs must be a whole number from 1 to 1000, not \"0\""},
		{[]string{"--max-runs", "1001"}, "--max-runs must be a whole number from 1 to 1000, not \"1001\""},
		{[]string{"--max-runs", "3000000000000000000"}, "--max-runs must be a whole number from 1 to 1000, not \"3000000000000000000\""},
		{[]string{"--max-runs", "30000000000000000000"}, "--max-runs must be a whole number from 1 to 1000, not \"30000000000000000000\", which is out of range"},
		{[]string{"--max-memory", "63"}, "--max-memory must be a whole number of MiB from 64 to 16777216 (16 TiB), not \"63\""},
		{[]string{"--max-memory", "16777217"}, "--max-memory must be a whole number of MiB from 64 to 16777216 (16 TiB), not \"16777217\""},
		{[]string{"--max-memory", "17592186044416"}, "--max-memory must be a whole number of MiB from 64 to 16777216 (16 TiB), not \"17592186044416\""},
		{[]string{"--max-memory", "35184372088831"}, "--max-memory must be a whole number of MiB from 64 to 16777216 (16 TiB), not \"35184372088831\""},
	}
	for _, tt := range tests {
		t.Run(strings.Join(tt.args, " "), func(t *testing.T) {
			var out, errb, msg bytes.Buffer
			// --dir names no folder: the flag is refused first, and nothing listens.
			err := newApp(&out, &errb).Run(append([]string{"placesim", "serve", "--dir", t.TempDir() + "/missing"}, tt.args...))
			if code := report(&msg, err); code != exitUsage {
				t.Errorf("serve %v: exit %d, want %d", tt.args, code, exitUsage)
			}
			if want := "placesim serve: " + tt.want + "\nRun 'placesim serve --help' for usage.\n"; msg.String() != want {
				t.Errorf("serve %v said\n%s\nwant\n%s", tt.args, msg.String(), want)
			}
			if out.Len() != 0 {
				t.Errorf("serve %v said it serves: %q", tt.args, out.String())
			}
		})
	}
}

// TestServeHelpSaysWhereItWrites checks that serve's help names every place it writes: the
// folder, and the temporary folder while it makes a region run's files.
func TestServeHelpSaysWhereItWrites(t *testing.T) {
	var out, errb bytes.Buffer
	if err := newApp(&out, &errb).Run([]string{"placesim", "serve", "--help"}); err != nil {
		t.Fatal(err)
	}
	help := strings.Join(strings.Fields(out.String()), " ")
	const want = "On a shared server it reads and writes files only in --dir, but for the temporary files (placesim-*) of a region run's report and workbook, which it writes in $TMPDIR (/tmp unless set) and removes once sent;"
	if !strings.Contains(help, want) {
		t.Errorf("serve --help says\n%s\nwant %q", out.String(), want)
	}
}

// TestServeConfig checks that serve's flags reach the workspace's settings.
func TestServeConfig(t *testing.T) {
	defaults := workspace.DefaultLimits()
	tests := []struct {
		name  string
		args  []string
		check func(t *testing.T, cfg workspace.Config)
	}{
		{"defaults", nil, func(t *testing.T, cfg workspace.Config) {
			if cfg.RegionQuickReps != workspace.DefaultRegionQuickReps || cfg.RegionFullReps != workspace.DefaultRegionFullReps {
				t.Errorf("config %+v: want a region's default replications, %d and %d", cfg, workspace.DefaultRegionQuickReps, workspace.DefaultRegionFullReps)
			}
			if cfg.Dir != "." || cfg.QuickReps != workspace.DefaultQuickReps || cfg.FullReps != defaultReps || cfg.Seed != 1 || cfg.Workers != 0 {
				t.Errorf("config %+v: want the folder \".\", %d and %d replications, seed 1, a worker per CPU", cfg, workspace.DefaultQuickReps, defaultReps)
			}
			if cfg.Limits.MaxRuns != defaults.MaxRuns || cfg.Limits.MaxWaiting != defaults.MaxWaiting || cfg.Limits.MemoryBytes != 2048<<20 || cfg.Limits.MaxRunTime != 10*time.Minute {
				t.Errorf("limits %+v: want the defaults with 2048 MiB and 10 minutes", cfg.Limits)
			}
			if len(cfg.PublicURLs) != 0 {
				t.Errorf("public addresses %q: want none", cfg.PublicURLs)
			}
			if cfg.Version != placesimVersion() || cfg.Log == nil {
				t.Errorf("version %q, log %v: want placesim's version and stderr", cfg.Version, cfg.Log)
			}
		}},
		{"every flag", []string{"--dir", "plans", "--quick-reps", "50", "--reps", "400", "--seed", "7", "--workers", "3",
			"--max-runs", "5", "--max-memory", "512", "--max-run-time", "90s", "--region-quick-reps", "4", "--region-reps", "40",
			"--public-url", "https://placesim.council.example", "--public-url", "http://localhost:9000"}, func(t *testing.T, cfg workspace.Config) {
			if want := []string{"https://placesim.council.example", "http://localhost:9000"}; !slices.Equal(cfg.PublicURLs, want) {
				t.Errorf("public addresses %q, want %q", cfg.PublicURLs, want)
			}
			if cfg.RegionQuickReps != 4 || cfg.RegionFullReps != 40 {
				t.Errorf("config %+v: want 4 and 40 replications of a region's runs", cfg)
			}
			if cfg.Dir != "plans" || cfg.QuickReps != 50 || cfg.FullReps != 400 || cfg.Seed != 7 || cfg.Workers != 3 {
				t.Errorf("config %+v: want the flags' values", cfg)
			}
			if cfg.Limits.MaxRuns != 5 || cfg.Limits.MaxWaiting != 20 || cfg.Limits.MemoryBytes != 512<<20 || cfg.Limits.MaxRunTime != 90*time.Second {
				t.Errorf("limits %+v: want 5 runs, 20 waiting, 512 MiB, 90 s", cfg.Limits)
			}
			if cfg.Limits.Wait != defaults.Wait || cfg.Limits.MaxEntities != defaults.MaxEntities {
				t.Errorf("limits %+v: want the default wait and work bound", cfg.Limits)
			}
		}},
		{"the largest limits", []string{"--max-runs", "1000", "--max-memory", "16777216"}, func(t *testing.T, cfg workspace.Config) {
			if cfg.Limits.MaxRuns != 1000 || cfg.Limits.MaxWaiting != 4000 || cfg.Limits.MemoryBytes != 16<<40 {
				t.Errorf("limits %+v: want 1000 runs, 4000 waiting, 16 TiB", cfg.Limits)
			}
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var errb bytes.Buffer
			cmd := serveCommand(&errb, nil)
			var cfg workspace.Config
			cmd.Action = func(c *cli.Context) error {
				var err error
				cfg, err = serveConfig(c, &errb)
				return err
			}
			app := &cli.App{Commands: []*cli.Command{cmd}, Writer: io.Discard, ErrWriter: io.Discard}
			if err := app.Run(append([]string{"placesim", "serve"}, tt.args...)); err != nil {
				t.Fatal(err)
			}
			tt.check(t, cfg)
		})
	}
}

// TestServeUsage checks that serve refuses bad usage before it listens, naming what is wrong.
func TestServeUsage(t *testing.T) {
	dir := t.TempDir()
	afile := filepath.Join(dir, "plan.yaml")
	if err := os.WriteFile(afile, nil, 0o644); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name string
		args []string
		want string
	}{
		{"an argument", []string{"--dir", dir, "plan.yaml"}, `takes no arguments, got ["plan.yaml"]`},
		{"a folder in a folder that is not there", []string{"--dir", dir + "/missing/sub"}, "--dir " + dir + "/missing/sub: no such folder, nor " + dir + "/missing to make it in"},
		{"a file", []string{"--dir", afile}, "--dir " + afile + ": not a folder (a file)"},
		{"one replication", []string{"--dir", dir, "--quick-reps", "1"}, "--quick-reps and --reps must be at least 2"},
		{"one full replication", []string{"--dir", dir, "--reps", "1"}, "--quick-reps and --reps must be at least 2"},
		{"one region replication", []string{"--dir", dir, "--region-quick-reps", "1"}, "--region-quick-reps and --region-reps must be at least 2"},
		{"no host", []string{"--dir", dir, "--addr", ":0"}, "name the address to listen on"},
		{"a public address without its scheme", []string{"--dir", dir, "--public-url", "https://ok.example", "--public-url", "vm.council.local:18438"},
			"--public-url vm.council.local:18438: give http:// or https:// and the host users reach the workspace by, with its port if it has one, such as https://placesim.council.example or http://localhost:9000"},
		{"a public address under a path", []string{"--dir", dir, "--public-url", "https://council.example/placesim"},
			"--public-url https://council.example/placesim: the workspace is served at the root of its address, not under a path"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var out, errb bytes.Buffer
			err := newApp(&out, &errb).Run(append([]string{"placesim", "serve"}, tt.args...))
			if report(io.Discard, err) != exitUsage || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("serve %v: %v, want a usage error with %q", tt.args, err, tt.want)
			}
			if strings.Contains(out.String(), "the scenario workspace is at") {
				t.Errorf("serve %v said it serves: %q", tt.args, out.String())
			}
		})
	}
}

// TestServeMakesItsFolder starts serve with a --dir that is not there, as README.md's first
// example of the workspace does: serve makes it and says so on stderr.
func TestServeMakesItsFolder(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "scenarios-of-ours")
	var out, errb bytes.Buffer
	ctx, cancel := context.WithTimeout(context.Background(), 300*time.Millisecond)
	defer cancel()
	if err := newApp(&out, &errb).RunContext(ctx, []string{"placesim", "serve", "--addr", "127.0.0.1:0", "--dir", dir}); err != nil {
		t.Fatal(err)
	}
	if st, err := os.Stat(dir); err != nil || !st.IsDir() {
		t.Errorf("serve did not make %s: %v", dir, err)
	}
	if want := "placesim: note: made the folder " + dir + " (--dir), which was not there: the workspace saves its scenarios in it\n"; errb.String() != want {
		t.Errorf("stderr %q, want %q", errb.String(), want)
	}
	if !strings.Contains(out.String(), "the scenario workspace is at") {
		t.Errorf("stdout %q: want the address", out.String())
	}
	// README.md shows the lines serve prints, stderr's then stdout's, at the default address.
	readme, err := os.ReadFile(filepath.Join("..", "..", "README.md"))
	if err != nil {
		t.Fatal(err)
	}
	const cmd = "```\n$ placesim serve --dir scenarios-of-ours\n"
	text := string(readme)
	start := strings.Index(text, cmd)
	if start < 0 {
		t.Fatalf("README.md has no example of %q", strings.Trim(cmd, "`\n"))
	}
	shown, _, _ := strings.Cut(text[start+len(cmd):], "```")
	addr := regexp.MustCompile(`http://127\.0\.0\.1:[0-9]+/`)
	got := strings.ReplaceAll(errb.String()+out.String(), dir, "scenarios-of-ours")
	got = addr.ReplaceAllString(got, "http://127.0.0.1:8080/")
	if got != shown {
		t.Errorf("README.md shows serve printing\n%s\nit prints\n%s", shown, got)
	}
}

// TestServeRemovesFolderItMadeWhenItCannotStart checks that a --dir serve made is removed
// again when serve then cannot listen (a port in use): it had stayed, an empty folder the user
// never asked for once serve did not start, and says so on stderr. A folder that was there
// stays.
func TestServeRemovesFolderItMadeWhenItCannotStart(t *testing.T) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Skip("cannot listen here:", err)
	}
	defer ln.Close()
	addr := ln.Addr().String()
	dir := filepath.Join(t.TempDir(), "scenarios-of-ours")
	var out, errb bytes.Buffer
	err = newApp(&out, &errb).Run([]string{"placesim", "serve", "--addr", addr, "--dir", dir})
	if report(io.Discard, err) != exitUsage {
		t.Fatalf("serve --addr %s: %v, want a usage error", addr, err)
	}
	if _, err := os.Stat(dir); !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("serve did not start, and %s, which it made, is still there (%v)", dir, err)
	}
	if want := "placesim: note: made the folder " + dir + " (--dir), which was not there: the workspace saves its scenarios in it\n" +
		"placesim: note: removed the folder " + dir + " again, as the workspace did not start\n"; errb.String() != want {
		t.Errorf("stderr %q, want %q", errb.String(), want)
	}
	kept := t.TempDir()
	errb.Reset()
	newApp(&out, &errb).Run([]string{"placesim", "serve", "--addr", addr, "--dir", kept})
	if st, err := os.Stat(kept); err != nil || !st.IsDir() {
		t.Errorf("serve removed %s, which was there before it: %v", kept, err)
	}
	if errb.Len() != 0 {
		t.Errorf("stderr %q, want nothing", errb.String())
	}
}
