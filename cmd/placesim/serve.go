package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"net"
	"net/netip"
	"os"
	"os/exec"
	"os/signal"
	"path/filepath"
	"runtime"
	"strconv"
	"strings"
	"syscall"
	"time"

	"github.com/placesim/placesim/cmd/placesim/workspace"
	"github.com/urfave/cli/v2"
)

// defaultAddr is where serve listens unless --addr says otherwise: loopback only.
const defaultAddr = "127.0.0.1:8080"

// serveCommand returns the serve command: the scenario workspace in the browser.
func serveCommand(stderr io.Writer, onUsage cli.OnUsageErrorFunc) *cli.Command {
	return &cli.Command{
		Name:  "serve",
		Usage: "open a scenario workspace in the browser",
		Description: "serve runs a small web app, from the placesim binary itself, in which a strategy lead\n" +
			"moves levers in plain words (carers recruited a year, a new children's home, block-booked\n" +
			"beds, prices) and sees within a second or two what they do to places, the sufficiency\n" +
			"gap and cost, against the baseline and with their uncertainty. Scenarios are saved as\n" +
			"the YAML files the rest of placesim reads, in --dir. It listens on " + defaultAddr + "\n" +
			"(this machine only) unless --addr names another address, and makes no request to\n" +
			"anywhere else. On a shared server it reads and writes files only in --dir, but for the\n" +
			"temporary files (placesim-*) of a region run's report and workbook, which it writes in\n" +
			"$TMPDIR (/tmp unless set) and removes once sent; --max-runs, --max-memory and\n" +
			"--max-run-time bound the simulations it runs.\n\n" +
			"Its page /regions opens a region (the built-in south-east and its strategies, or a\n" +
			"region file in --dir): its councils side by side, the shared market and the spot price\n" +
			"premium, levers for a provider's places, a pooled block and councils' recruitment, a\n" +
			"quick run (--region-quick-reps) and a full run (--region-reps) paired council by council\n" +
			"with the region's baseline, its board pack, and save as a region file.",
		OnUsageError: onUsage,
		Flags: []cli.Flag{
			&cli.StringFlag{Name: "addr", Value: defaultAddr, Usage: "listen on `HOST:PORT`; an address other than loopback makes the workspace reachable from other machines"},
			&cli.GenericFlag{Name: "public-url", Value: &publicURLs{}, Usage: "answer, too, to `URL`: an address users reach the workspace by through a reverse proxy, TLS in front of it or a remapped port (https://placesim.council.example, http://localhost:9000); repeat it for each"},
			&cli.StringFlag{Name: "dir", Value: ".", Usage: "save and load scenario files in `DIR`, made when it is not there (in a folder that is), and removed again if serve then does not start"},
			&cli.BoolFlag{Name: "open", Usage: "open the workspace in the default browser"},
			&cli.IntFlag{Name: "quick-reps", Value: workspace.DefaultQuickReps, Usage: "replications of the live comparison after each change (`N`, at least 2)"},
			&cli.IntFlag{Name: "reps", Value: defaultReps, Usage: "replications of a full run (`N`, at least 2)"},
			&cli.IntFlag{Name: "region-quick-reps", Value: workspace.DefaultRegionQuickReps, Usage: "replications of a region's quick run (`N`, at least 2, and no more than a run of the built-in south-east, the region the page opens on, can hold within --max-memory)"},
			&cli.IntFlag{Name: "region-reps", Value: workspace.DefaultRegionFullReps, Usage: "replications of a region's full run (`N`, at least 2, and no more than a run of the south-east can hold within --max-memory)"},
			&cli.Uint64Flag{Name: "seed", Value: 1, Usage: "the seed of new scenarios (`N`)"},
			&cli.IntFlag{Name: "workers", Usage: "run `N` replications side by side", DefaultText: "one per CPU"},
			&cli.IntFlag{Name: "max-runs", Usage: "run at most `N` simulations at once; up to 4×N more wait, each at most 30 seconds, then are refused as busy, and a run beyond those 4×N waiting is refused as busy at once", DefaultText: "one per CPU, at least 2"},
			&cli.IntFlag{Name: "max-memory", Value: 2048, Usage: "let the simulations in progress hold at most `MIB` mebibytes between them, as estimated"},
			&cli.DurationFlag{Name: "max-run-time", Value: 10 * time.Minute, Usage: "stop a simulation that runs longer than `DURATION` once it has its turn, and refuse a scenario's run estimated at more than three times it"},
		},
		Action: func(c *cli.Context) error { return serve(c, stderr) },
	}
}

// The bounds of serve's limits: far beyond any council's server, and within what the
// workspace's counts of runs waiting (4 for each run) and of bytes hold.
const (
	maxServeRuns      = 1000
	maxServeMemoryMiB = 16 << 20 // 16 TiB
)

// serveConfig reads the serve command's flags into the workspace's settings, all but its
// address. It returns a usage error for a value out of range.
func serveConfig(c *cli.Context, stderr io.Writer) (workspace.Config, error) {
	cfg := workspace.Config{
		Dir: c.String("dir"), QuickReps: c.Int("quick-reps"), FullReps: c.Int("reps"),
		RegionQuickReps: c.Int("region-quick-reps"), RegionFullReps: c.Int("region-reps"),
		Seed: c.Uint64("seed"), Workers: c.Int("workers"), Limits: workspace.DefaultLimits(),
		Version: placesimVersion(), Log: stderr, RegionFiles: workspaceRegionFile, PublicURLs: *c.Generic("public-url").(*publicURLs),
		TempFile: serveTempFile,
	}
	for _, u := range cfg.PublicURLs {
		if err := workspace.CheckPublicURL(u); err != nil {
			return cfg, usagef("serve", "--public-url %s: %v", u, err)
		}
	}
	if cfg.Seed == 0 {
		// The workspace records a scenario's seed, 0 meaning none: its seed box takes 1 or more.
		return cfg, usagef("serve", "%s", seedZero)
	}
	if cfg.QuickReps < 2 || cfg.FullReps < 2 {
		return cfg, usagef("serve", "--quick-reps and --reps must be at least 2")
	}
	if cfg.RegionQuickReps < 2 || cfg.RegionFullReps < 2 {
		return cfg, usagef("serve", "--region-quick-reps and --region-reps must be at least 2")
	}
	if cfg.Workers < 0 {
		return cfg, usagef("serve", "--workers must be 0 (one per CPU) or more, not \"%d\"", cfg.Workers)
	}
	if c.IsSet("max-runs") {
		n := c.Int("max-runs")
		if n < 1 || n > maxServeRuns {
			return cfg, usagef("serve", "--max-runs must be a whole number from 1 to %d, not \"%d\"", maxServeRuns, n)
		}
		cfg.Limits.MaxRuns, cfg.Limits.MaxWaiting = n, 4*n
	}
	mem := c.Int("max-memory")
	if mem < 64 || mem > maxServeMemoryMiB {
		return cfg, usagef("serve", "--max-memory must be a whole number of MiB from 64 to %d (16 TiB), not \"%d\"", maxServeMemoryMiB, mem)
	}
	cfg.Limits.MemoryBytes = int64(mem) << 20
	if cfg.Limits.MaxRunTime = c.Duration("max-run-time"); cfg.Limits.MaxRunTime < time.Second {
		return cfg, usagef("serve", "--max-run-time must be at least 1s")
	}
	// Replications whose every run the memory limit would refuse are refused now.
	if err := workspace.CheckReps(cfg); err != nil {
		return cfg, usagef("serve", "%v", err)
	}
	return cfg, nil
}

// publicURLs is the value of --public-url: each time the flag is given adds an address.
type publicURLs []string

func (p *publicURLs) Set(s string) error { *p = append(*p, s); return nil }
func (p *publicURLs) String() string {
	if p == nil {
		return ""
	}
	return strings.Join(*p, " ")
}

// checkServeDir tells, before serve listens, whether the workspace may write in dir, where it
// saves scenarios and regions: a temporary file is made there and removed. A folder it may
// not write in is refused as serve starts, rather than at every save.
func checkServeDir(dir string) error {
	f, err := os.CreateTemp(dir, ".placesim-serve-check-*")
	if err != nil {
		return usagef("serve", "--dir %s: scenarios could not be saved there: %s", dir, workspace.WhyNotWritten(err))
	}
	f.Close()
	return os.Remove(f.Name())
}

func serve(c *cli.Context, stderr io.Writer) error {
	if c.Args().Present() {
		return usagef("serve", "takes no arguments, got %q", c.Args().Slice())
	}
	cfg, err := serveConfig(c, stderr)
	if err != nil {
		return err
	}
	if err := checkAddr(c.String("addr")); err != nil {
		return usagef("serve", "%v", err)
	}
	made, err := makeServeDir(cfg.Dir, stderr)
	if err != nil {
		return err
	}
	started := false
	if made {
		// A folder serve made for a workspace that then does not start (a port in use) is
		// removed again, if nothing was put in it: the user asked for a workspace, not it.
		defer func() {
			if !started && os.Remove(cfg.Dir) == nil {
				fmt.Fprintf(stderr, "placesim: note: removed the folder %s again, as the workspace did not start\n", cfg.Dir)
			}
		}()
	}
	if err := checkServeDir(cfg.Dir); err != nil {
		return err
	}
	if err := checkServeTemp(); err != nil {
		return err
	}
	ln, warning, err := listen(c.String("addr"), c.IsSet("addr"))
	if err != nil {
		return usagef("serve", "%v", err)
	}
	if warning != "" {
		fmt.Fprintf(stderr, "placesim: %s\n", warning)
	}
	// The address as asked, with the port the system gave: 0.0.0.0 rather than [::].
	host, _, _ := net.SplitHostPort(c.String("addr"))
	_, port, _ := net.SplitHostPort(ln.Addr().String())
	cfg.Addr = net.JoinHostPort(host, port)
	srv, err := workspace.New(cfg)
	if err != nil {
		ln.Close()
		return err
	}
	started = true
	url := "http://" + cfg.Addr + "/"
	fmt.Fprintf(c.App.Writer, "placesim: the scenario workspace is at %s (scenarios in %s); Ctrl-C stops it\n", url, cfg.Dir)
	fmt.Fprintf(c.App.Writer, "placesim: regions, councils sharing one market of places, are at %sregions\n", url)
	for _, u := range cfg.PublicURLs {
		fmt.Fprintf(c.App.Writer, "placesim: it answers at %s too (--public-url)\n", strings.TrimSuffix(u, "/")+"/")
	}
	if c.Bool("open") {
		if err := openBrowser(url); err != nil {
			fmt.Fprintf(stderr, "placesim: could not open a browser (%v): open %s yourself\n", err, url)
		}
	}
	hs := srv.HTTPServer()
	ctx, stop := signal.NotifyContext(c.Context, os.Interrupt, syscall.SIGTERM)
	defer stop()
	done := make(chan error, 1)
	go func() { done <- hs.Serve(ln) }()
	select {
	case err := <-done:
		srv.Close()
		return err
	case <-ctx.Done():
	}
	shut, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	cerr := srv.Close()
	if err := hs.Shutdown(shut); err != nil && !errors.Is(err, context.DeadlineExceeded) {
		return err
	}
	return cerr
}

// listen opens the listening socket of addr. explicit says whether the user gave --addr: an
// address that is not loopback needs it, and is then returned with a warning to print. An
// address with no host (":8080") would listen on every interface without naming any, and is
// refused.
func listen(addr string, explicit bool) (net.Listener, string, error) {
	if err := checkAddr(addr); err != nil {
		return nil, "", err
	}
	host, _, _ := net.SplitHostPort(addr)
	warning := ""
	if !workspace.IsLoopbackHost(host) {
		if !explicit {
			return nil, "", fmt.Errorf("refusing to listen on %s, which is not this machine only, without --addr", addr)
		}
		warning = fmt.Sprintf("listening on %s, not on loopback: anyone who can reach this machine on that address can use the workspace and read and write scenario files in its folder", addr)
	}
	ln, err := net.Listen("tcp", addr)
	if err != nil {
		return nil, "", listenError(addr, err)
	}
	if warning != "" {
		// The port in use, which port 0 leaves to the system.
		_, port, _ := net.SplitHostPort(ln.Addr().String())
		warning = fmt.Sprintf("listening on %s, not on loopback: anyone who can reach this machine on that address can use the workspace and read and write scenario files in its folder", net.JoinHostPort(host, port))
	}
	return ln, warning, nil
}

// makeServeDir makes serve's --dir when it is not there and the folder it would be in is (a
// new workspace's folder, as README.md's first example names), saying so on stderr, and
// reports whether it made it; a path that is a file, or whose folder is not there either, is
// refused.
func makeServeDir(dir string, stderr io.Writer) (bool, error) {
	st, err := os.Stat(dir)
	switch {
	case err == nil && st.IsDir():
		return false, nil
	case err == nil:
		return false, usagef("serve", "--dir %s: not a folder (a file): give the folder of the scenario files", dir)
	case !errors.Is(err, fs.ErrNotExist):
		return false, usagef("serve", "--dir %s: %v", dir, err)
	}
	parent := filepath.Dir(filepath.Clean(dir))
	if st, err := os.Stat(parent); err != nil || !st.IsDir() {
		return false, usagef("serve", "--dir %s: no such folder, nor %s to make it in: give a folder that exists, or one to make in a folder that does", dir, parent)
	}
	if err := os.Mkdir(dir, 0o755); err != nil {
		if errors.Is(err, fs.ErrExist) {
			// Made by another in the meantime: not serve's to remove.
			return false, nil
		}
		return false, usagef("serve", "--dir %s: no such folder, and it could not be made: %v", dir, err)
	}
	fmt.Fprintf(stderr, "placesim: note: made the folder %s (--dir), which was not there: the workspace saves its scenarios in it\n", dir)
	return true, nil
}

// listenError says why serve could not listen on addr, in words a user acts on: a port another
// program holds, a host name that does not resolve, an address not of this machine.
func listenError(addr string, err error) error {
	host, _, _ := net.SplitHostPort(addr)
	var dns *net.DNSError
	switch {
	case errors.Is(err, syscall.EADDRINUSE):
		return fmt.Errorf("--addr %q: the port is in use by another program (another placesim serve?): stop it, or give another port, or 0 for any free one", addr)
	case errors.Is(err, syscall.EADDRNOTAVAIL):
		return fmt.Errorf("--addr %q: %s is not an address of this machine: give one of its own, such as 127.0.0.1", addr, host)
	case errors.Is(err, syscall.EACCES):
		return fmt.Errorf("--addr %q: listening on this port needs privileges this user lacks: give a port of 1024 or more", addr)
	case errors.As(err, &dns):
		return fmt.Errorf("--addr %q: the host name %q cannot be found: give a name this machine resolves, such as localhost, or an address", addr, host)
	}
	return fmt.Errorf("--addr %q: cannot listen: %v", addr, err)
}

// checkAddr checks --addr as the flags are read, before anything listens: HOST:PORT, with a
// host that is a name (localhost) or an address (127.0.0.1, [::1]) and a port that is a number
// from 0 to 65535, 0 asking the system for any free port.
func checkAddr(addr string) error {
	host, port, err := net.SplitHostPort(addr)
	if err != nil {
		return fmt.Errorf("--addr %q: want HOST:PORT, such as %s", addr, defaultAddr)
	}
	if host == "" {
		return fmt.Errorf("--addr %q: name the address to listen on: %s for this machine only, or 0.0.0.0:%s for every network", addr, net.JoinHostPort("127.0.0.1", port), port)
	}
	if _, err := netip.ParseAddr(host); err != nil && !isHostName(host) {
		return fmt.Errorf("--addr %q: the host %q is neither a name nor an address: give a name such as localhost, or an address such as 127.0.0.1 or [::1]", addr, host)
	}
	const ports = "a number from 0 to 65535 (0: any free port)"
	if port == "" {
		return fmt.Errorf("--addr %q: no port: give %s, such as %s", addr, ports, net.JoinHostPort(host, "8080"))
	}
	for _, r := range port {
		if r < '0' || r > '9' {
			return fmt.Errorf("--addr %q: the port %q is not a number: give %s", addr, port, ports)
		}
	}
	if n, err := strconv.Atoi(port); err != nil || n > 65535 {
		return fmt.Errorf("--addr %q: the port %s is out of range: give %s", addr, port, ports)
	}
	return nil
}

// isHostName reports whether host is a host name as DNS spells it: dot-separated labels of
// letters, digits and hyphens, each 1 to 63 long and neither beginning nor ending with a
// hyphen, 253 characters at most (a final dot aside).
func isHostName(host string) bool {
	host = strings.TrimSuffix(host, ".")
	if host == "" || len(host) > 253 {
		return false
	}
	for label := range strings.SplitSeq(host, ".") {
		if label == "" || len(label) > 63 || label[0] == '-' || label[len(label)-1] == '-' {
			return false
		}
		for _, r := range label {
			if !(r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' || r == '-') {
				return false
			}
		}
	}
	return true
}

// openBrowser asks the desktop to open url.
func openBrowser(url string) error {
	var cmd *exec.Cmd
	switch runtime.GOOS {
	case "darwin":
		cmd = exec.Command("open", url)
	case "windows":
		cmd = exec.Command("rundll32", "url.dll,FileProtocolHandler", url)
	default:
		cmd = exec.Command("xdg-open", url)
	}
	if err := cmd.Start(); err != nil {
		return err
	}
	go cmd.Wait()
	return nil
}
