package workspace

import (
	"compress/gzip"
	"net"
	"net/http"
	"os"
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
