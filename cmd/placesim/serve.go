package main

import (
	"compress/gzip"
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"os/exec"
	"os/signal"
	"runtime"
	"strings"
	"syscall"
	"time"

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
			"anywhere else. On a shared server it reads and writes only files in --dir, and\n" +
			"--max-runs, --max-memory and --max-run-time bound the simulations it runs.",
		OnUsageError: onUsage,
		Flags: []cli.Flag{
			&cli.StringFlag{Name: "addr", Value: defaultAddr, Usage: "listen on `HOST:PORT`; an address other than loopback makes the workspace reachable from other machines"},
			&cli.StringFlag{Name: "dir", Value: ".", Usage: "save and load scenario files in `DIR`"},
			&cli.BoolFlag{Name: "open", Usage: "open the workspace in the default browser"},
			&cli.IntFlag{Name: "quick-reps", Value: defaultQuickReps, Usage: "replications of the live comparison after each change (`N`)"},
			&cli.IntFlag{Name: "reps", Value: defaultReps, Usage: "replications of a full run (`N`)"},
			&cli.Uint64Flag{Name: "seed", Value: 1, Usage: "the seed of new scenarios (`N`)"},
			&cli.IntFlag{Name: "workers", Usage: "run `N` replications side by side", DefaultText: "one per CPU"},
			&cli.IntFlag{Name: "max-runs", Usage: "run at most `N` simulations at once; others wait up to 30 seconds, then are refused as busy", DefaultText: "one per CPU, at least 2"},
			&cli.IntFlag{Name: "max-memory", Value: 2048, Usage: "let the simulations in progress hold at most `MIB` mebibytes between them, as estimated"},
			&cli.DurationFlag{Name: "max-run-time", Value: 10 * time.Minute, Usage: "stop a simulation that runs longer than `DURATION` once it has its turn"},
		},
		Action: func(c *cli.Context) error { return serve(c, stderr) },
	}
}

func serve(c *cli.Context, stderr io.Writer) error {
	if c.Args().Present() {
		return usagef("serve", "takes no arguments, got %q", c.Args().Slice())
	}
	cfg := serverConfig{
		Dir: c.String("dir"), QuickReps: c.Int("quick-reps"), FullReps: c.Int("reps"),
		Seed: c.Uint64("seed"), Workers: c.Int("workers"), Limits: defaultRunLimits(), Log: stderr,
	}
	if cfg.QuickReps < 2 || cfg.FullReps < 2 {
		return usagef("serve", "--quick-reps and --reps must be at least 2")
	}
	if c.IsSet("max-runs") {
		n := c.Int("max-runs")
		if n < 1 {
			return usagef("serve", "--max-runs must be at least 1")
		}
		cfg.Limits.MaxRuns, cfg.Limits.MaxWaiting = n, 4*n
	}
	mem := c.Int("max-memory")
	if mem < 64 {
		return usagef("serve", "--max-memory must be at least 64 (MiB)")
	}
	cfg.Limits.MemoryBytes = int64(mem) << 20
	if cfg.Limits.MaxRunTime = c.Duration("max-run-time"); cfg.Limits.MaxRunTime < time.Second {
		return usagef("serve", "--max-run-time must be at least 1s")
	}
	if st, err := os.Stat(cfg.Dir); err != nil || !st.IsDir() {
		return usagef("serve", "--dir %s: not a folder", cfg.Dir)
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
	addr := net.JoinHostPort(host, port)
	srv, err := newServer(cfg, addr)
	if err != nil {
		ln.Close()
		return err
	}
	url := "http://" + addr + "/"
	fmt.Fprintf(c.App.Writer, "placesim: the scenario workspace is at %s (scenarios in %s); Ctrl-C stops it\n", url, cfg.Dir)
	if c.Bool("open") {
		if err := openBrowser(url); err != nil {
			fmt.Fprintf(stderr, "placesim: could not open a browser (%v): open %s yourself\n", err, url)
		}
	}
	hs := newHTTPServer(srv, defaultHTTPLimits, srv.ctx)
	ctx, stop := signal.NotifyContext(c.Context, os.Interrupt, syscall.SIGTERM)
	defer stop()
	done := make(chan error, 1)
	go func() { done <- hs.Serve(ln) }()
	select {
	case err := <-done:
		return err
	case <-ctx.Done():
	}
	shut, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	srv.stop()
	if err := hs.Shutdown(shut); err != nil && !errors.Is(err, context.DeadlineExceeded) {
		return err
	}
	return nil
}

// listen opens the listening socket of addr. explicit says whether the user gave --addr: an
// address that is not loopback needs it, and is then returned with a warning to print. An
// address with no host (":8080") would listen on every interface without naming any, and is
// refused.
func listen(addr string, explicit bool) (net.Listener, string, error) {
	host, port, err := net.SplitHostPort(addr)
	if err != nil {
		return nil, "", fmt.Errorf("--addr %s: want HOST:PORT, such as %s", addr, defaultAddr)
	}
	if host == "" {
		return nil, "", fmt.Errorf("--addr %s: name the address to listen on: %s for this machine only, or 0.0.0.0:%s for every network", addr, net.JoinHostPort("127.0.0.1", port), port)
	}
	warning := ""
	if !isLoopbackHost(host) {
		if !explicit {
			return nil, "", fmt.Errorf("refusing to listen on %s, which is not this machine only, without --addr", addr)
		}
		warning = fmt.Sprintf("listening on %s, not on loopback: anyone who can reach this machine on that address can use the workspace and read and write scenario files in its folder", addr)
	}
	ln, err := net.Listen("tcp", addr)
	if err != nil {
		return nil, "", err
	}
	return ln, warning, nil
}

// isLoopbackHost reports whether host names this machine only: localhost or a loopback IP.
func isLoopbackHost(host string) bool {
	if strings.EqualFold(host, "localhost") {
		return true
	}
	ip := net.ParseIP(strings.Trim(host, "[]"))
	return ip != nil && ip.IsLoopback()
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

// contentSecurityPolicy lets a page load scripts, styles, images and data from its own origin
// only, and never be framed.
const contentSecurityPolicy = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self'; " +
	"connect-src 'self'; font-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'"

// guard wraps h with the workspace's security rules: the Host header must name the address
// served (a page on another site whose name resolves to this machine, DNS rebinding, is
// refused), requests that change anything must come from the workspace's own pages, and every
// response carries a Content-Security-Policy that allows the page its own origin only.
func guard(h http.Handler, allowedHost func(string) bool) http.Handler {
	cop := http.NewCrossOriginProtection()
	cop.SetDenyHandler(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		http.Error(w, "refused: a request that changes something must come from the workspace's own pages", http.StatusForbidden)
	}))
	inner := cop.Handler(h)
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if !allowedHost(r.Host) {
			http.Error(w, "refused: this server answers only to the address it serves", http.StatusMisdirectedRequest)
			return
		}
		if r.Method != http.MethodGet && r.Method != http.MethodHead {
			// A browser names the page a POST comes from; its origin must be this server.
			if o := r.Header.Get("Origin"); o != "" && o != "http://"+r.Host {
				http.Error(w, "refused: a request that changes something must come from the workspace's own pages", http.StatusForbidden)
				return
			}
		}
		hd := w.Header()
		hd.Set("Content-Security-Policy", contentSecurityPolicy)
		hd.Set("X-Content-Type-Options", "nosniff")
		hd.Set("Referrer-Policy", "same-origin")
		hd.Set("Cross-Origin-Opener-Policy", "same-origin")
		hd.Set("Cross-Origin-Resource-Policy", "same-origin")
		inner.ServeHTTP(w, r)
	})
}

// hostChecker returns the test of a request's Host header for a server listening on addr:
// the address itself and, on loopback, localhost and the loopback IPs with the same port. On
// an address that listens on every interface (0.0.0.0, ::), any IP literal, localhost or this
// machine's name, with the port.
func hostChecker(addr string) func(string) bool {
	host, port, err := net.SplitHostPort(addr)
	if err != nil {
		return func(string) bool { return false }
	}
	ip := net.ParseIP(host)
	wildcard := ip != nil && ip.IsUnspecified()
	name, _ := os.Hostname()
	return func(h string) bool {
		hh, hp, err := net.SplitHostPort(h)
		if err != nil || hp != port {
			return false
		}
		switch {
		case strings.EqualFold(hh, host):
			return true
		case isLoopbackHost(host) || wildcard:
			if isLoopbackHost(hh) {
				return true
			}
			if wildcard && (net.ParseIP(hh) != nil || (name != "" && strings.EqualFold(hh, name))) {
				return true
			}
		}
		return false
	}
}

// compressed wraps h so that text it sends (pages, JSON with the results and their inline
// charts, scripts, style sheets, SVG and CSV) goes gzipped to a browser that accepts it: a
// results answer of about 120 KB travels as about 25 KB.
func compressed(h http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Add("Vary", "Accept-Encoding")
		if !strings.Contains(r.Header.Get("Accept-Encoding"), "gzip") || r.Method == http.MethodHead || r.Header.Get("Range") != "" {
			h.ServeHTTP(w, r)
			return
		}
		gw := &gzipWriter{ResponseWriter: w}
		defer gw.close()
		h.ServeHTTP(gw, r)
	})
}

// gzipWriter compresses a response once its headers show it is text.
type gzipWriter struct {
	http.ResponseWriter
	zw      *gzip.Writer
	decided bool
}

func (g *gzipWriter) WriteHeader(status int) {
	if !g.decided {
		g.decided = true
		hd := g.Header()
		typ := hd.Get("Content-Type")
		text := strings.HasPrefix(typ, "text/") || strings.Contains(typ, "json") || strings.Contains(typ, "javascript") ||
			strings.Contains(typ, "svg") || strings.Contains(typ, "yaml")
		if text && hd.Get("Content-Encoding") == "" && status != http.StatusNoContent && status != http.StatusNotModified {
			hd.Del("Content-Length")
			hd.Set("Content-Encoding", "gzip")
			g.zw = gzip.NewWriter(g.ResponseWriter)
		}
	}
	g.ResponseWriter.WriteHeader(status)
}

func (g *gzipWriter) Write(b []byte) (int, error) {
	if !g.decided {
		if g.Header().Get("Content-Type") == "" {
			g.Header().Set("Content-Type", http.DetectContentType(b))
		}
		g.WriteHeader(http.StatusOK)
	}
	if g.zw != nil {
		return g.zw.Write(b)
	}
	return g.ResponseWriter.Write(b)
}

func (g *gzipWriter) close() {
	if g.zw != nil {
		g.zw.Close()
	}
}
