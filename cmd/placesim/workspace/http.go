package workspace

import (
	"compress/gzip"
	"errors"
	"fmt"
	"net"
	"net/http"
	"net/url"
	"os"
	"strconv"
	"strings"
)

// IsLoopbackHost reports whether host (a name or an IP address, an IPv6 one with or without
// its brackets) names this machine only: localhost or a loopback IP. The workspace answers
// only to such names when it serves on loopback, and placesim serve refuses to listen beyond
// loopback unless asked.
func IsLoopbackHost(host string) bool {
	if strings.EqualFold(host, "localhost") {
		return true
	}
	ip := net.ParseIP(strings.Trim(host, "[]"))
	return ip != nil && ip.IsLoopback()
}

// contentSecurityPolicy lets a page load scripts, styles, images and data from its own origin
// only, and never be framed.
const contentSecurityPolicy = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self'; " +
	"connect-src 'self'; font-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'"

// guard wraps h with the workspace's security rules: the Host header must name an address the
// workspace answers to (a page on another site whose name resolves to this machine, DNS
// rebinding, is refused), requests that change anything must come from the workspace's own
// pages, and every response carries a Content-Security-Policy that allows the page its own
// origin only.
func guard(h http.Handler, st sites) http.Handler {
	cop := http.NewCrossOriginProtection()
	for _, u := range st.public {
		// An older browser's page behind a proxy that passes on another Host: its origin is
		// the public address.
		cop.AddTrustedOrigin(u.Scheme + "://" + u.Host)
	}
	cop.SetDenyHandler(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		o := r.Header.Get("Origin")
		if o == "" || st.origin(o, r.Host) {
			// The browser's Sec-Fetch-Site refused it: the page is another site's.
			o = "a page of another site (Sec-Fetch-Site: " + r.Header.Get("Sec-Fetch-Site") + ")"
		}
		http.Error(w, st.originRefused(o, r.Host), http.StatusForbidden)
	}))
	inner := cop.Handler(h)
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if !st.host(r.Host) {
			http.Error(w, st.hostRefused(r.Host), http.StatusMisdirectedRequest)
			return
		}
		if r.Method != http.MethodGet && r.Method != http.MethodHead {
			// A browser names the page a POST comes from; its origin must be this server.
			if o := r.Header.Get("Origin"); o != "" && !st.origin(o, r.Host) {
				http.Error(w, st.originRefused(o, r.Host), http.StatusForbidden)
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

// sites are the addresses the workspace answers to: the one it listens on (with, on loopback
// or on every interface, this machine's other names for it), and the public addresses users
// reach it by through a reverse proxy, TLS in front of it or a remapped port (Config.PublicURLs).
type sites struct {
	addr   string
	listen func(string) bool
	public []*url.URL // each with its scheme and host only
}

// newSites returns the sites of a workspace listening on addr and reached at public, whose
// addresses CheckPublicURL accepts.
func newSites(addr string, public []string) sites {
	st := sites{addr: addr, listen: hostChecker(addr)}
	for _, p := range public {
		if u, err := url.Parse(p); err == nil {
			st.public = append(st.public, &url.URL{Scheme: u.Scheme, Host: canonicalHost(u)})
		}
	}
	return st
}

// canonicalHost is u's host as a browser writes it in an Origin header: in lower case, with
// no port when it is the scheme's default (https://X.EXAMPLE:443 is https://x.example).
func canonicalHost(u *url.URL) string {
	h := strings.ToLower(u.Host)
	if p := u.Port(); p != "" && p == defaultPort(u.Scheme) {
		h = strings.TrimSuffix(h, ":"+p)
	}
	return h
}

// CheckPublicURL checks an address users reach the workspace by (Config.PublicURLs): http://
// or https:// and a host, with a port or not, and no path, as a browser's address bar shows the
// workspace's first page.
func CheckPublicURL(s string) error {
	const want = "give http:// or https:// and the host users reach the workspace by, with its port if it has one, such as https://placesim.council.example or http://localhost:9000"
	u, err := url.Parse(s)
	switch {
	case err != nil || (u.Scheme != "http" && u.Scheme != "https"):
		return errors.New(want)
	case u.Opaque != "" || u.Hostname() == "" || strings.ContainsAny(u.Hostname(), " %"):
		return errors.New(want)
	case u.User != nil:
		return errors.New("a user name or password has no place in it: " + want)
	case (u.Path != "" && u.Path != "/") || u.RawQuery != "" || u.Fragment != "" || u.ForceQuery:
		return errors.New("the workspace is served at the root of its address, not under a path: give the address without one (a proxy passes every path on as it is)")
	}
	if p := u.Port(); p != "" {
		if n, err := strconv.Atoi(p); err != nil || n < 1 || n > 65535 {
			return fmt.Errorf("the port %s is out of range: give a number from 1 to 65535", p)
		}
	}
	return nil
}

// host reports whether a request's Host header h names an address the workspace answers to.
func (st sites) host(h string) bool {
	if st.listen(h) {
		return true
	}
	for _, u := range st.public {
		if sameHost(u, h) {
			return true
		}
	}
	return false
}

// origin reports whether o, the origin of the page a request comes from (its Origin header, or
// its Referer), is the workspace's own for a request to Host h: h itself over http, or over
// https through TLS in front of the workspace, or a public address.
func (st sites) origin(o, h string) bool {
	u, err := url.Parse(o)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		return false
	}
	if sameHost(u, h) {
		return true
	}
	for _, p := range st.public {
		if p.Scheme == u.Scheme && sameHost(p, u.Host) {
			return true
		}
	}
	return false
}

// sameHost reports whether Host header h names u's host and port; a Host without a port names
// the default port of u's scheme.
func sameHost(u *url.URL, h string) bool {
	hh, hp, err := net.SplitHostPort(h)
	if err != nil {
		hh, hp = h, ""
	}
	if hp == "" {
		hp = defaultPort(u.Scheme)
	}
	up := u.Port()
	if up == "" {
		up = defaultPort(u.Scheme)
	}
	return strings.EqualFold(strings.Trim(hh, "[]"), u.Hostname()) && hp == up
}

// defaultPort is the port of scheme (http or https) when an address names none.
func defaultPort(scheme string) string {
	if scheme == "https" {
		return "443"
	}
	return "80"
}

// names says which addresses the workspace answers to: "127.0.0.1:8080, localhost:8080 or
// another loopback address with port 8080".
func (st sites) names() string {
	host, port, err := net.SplitHostPort(st.addr)
	if err != nil {
		return "no address"
	}
	var s string
	ip := net.ParseIP(host)
	switch {
	case ip != nil && ip.IsUnspecified():
		// Not the machine's name: whoever sent the request may be a page of another site.
		s = "this machine's IP addresses, localhost and its name, with port " + port
	case IsLoopbackHost(host):
		s = net.JoinHostPort(host, port) + ", localhost:" + port + " or another loopback address with port " + port
		if strings.EqualFold(host, "localhost") {
			s = "localhost:" + port + " or a loopback address with port " + port
		}
	default:
		s = net.JoinHostPort(host, port)
	}
	if len(st.public) > 0 {
		var ps []string
		for _, u := range st.public {
			ps = append(ps, u.String())
		}
		s += ", and " + strings.Join(ps, ", ") + " (--public-url)"
	}
	return s
}

// hostRefused says why a request for Host h is refused, and what flag makes the workspace
// answer to it.
func (st sites) hostRefused(h string) string {
	if h == "" {
		return "refused: this workspace answers only to " + st.names() + ", and the request named no host"
	}
	return fmt.Sprintf("refused: this workspace answers only to %s, not to %s: if that is the address users reach it by "+
		"(through a reverse proxy, TLS in front of it or a remapped port), start placesim serve with --public-url http://%s "+
		"(https://%s with TLS in front)", st.names(), h, h, h)
}

// originRefused says why a request to Host h that changes something, from a page of origin o,
// is refused.
func (st sites) originRefused(o, h string) string {
	own := []string{"http://" + h, "https://" + h}
	for _, u := range st.public {
		own = append(own, u.String())
	}
	msg := fmt.Sprintf("refused: a request that changes something must come from the workspace's own pages, at %s or %s; this one came from %s",
		strings.Join(own[:len(own)-1], ", "), own[len(own)-1], o)
	if u, err := url.Parse(o); err == nil && (u.Scheme == "http" || u.Scheme == "https") && u.Host != "" {
		msg += fmt.Sprintf(": if users reach the workspace at %s (through a reverse proxy), start placesim serve with --public-url %s", o, o)
	}
	return msg
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
		case IsLoopbackHost(host) || wildcard:
			if IsLoopbackHost(hh) {
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
