package workspace

import "testing"

func TestIsLoopbackHost(t *testing.T) {
	for _, tt := range []struct {
		host string
		want bool
	}{
		{"localhost", true}, {"LocalHost", true}, {"127.0.0.1", true}, {"127.1.2.3", true},
		{"::1", true}, {"[::1]", true},
		{"", false}, {"0.0.0.0", false}, {"::", false}, {"192.168.1.10", false},
		{"localhost.example.org", false}, {"example.org", false},
	} {
		if got := IsLoopbackHost(tt.host); got != tt.want {
			t.Errorf("IsLoopbackHost(%q) = %v, want %v", tt.host, got, tt.want)
		}
	}
}
