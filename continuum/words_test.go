package continuum

import "testing"

func TestPlural(t *testing.T) {
	for _, tt := range []struct {
		n    int
		want string
	}{{0, "0 targets"}, {1, "1 target"}, {36, "36 targets"}, {1042, "1,042 targets"}, {2000000, "2,000,000 targets"}, {-1500, "-1,500 targets"}} {
		if got := Plural(tt.n, "target", "targets"); got != tt.want {
			t.Errorf("Plural(%d) = %q, want %q", tt.n, got, tt.want)
		}
	}
}

func TestByteSize(t *testing.T) {
	for n, want := range map[int64]string{1: "1 byte", 980: "980 bytes", 812_400: "812 KB", 2_400_000: "2.4 MB", 1_230_000_000: "1.2 GB"} {
		if got := ByteSize(n); got != want {
			t.Errorf("ByteSize(%d) = %q, want %q", n, got, want)
		}
	}
}
