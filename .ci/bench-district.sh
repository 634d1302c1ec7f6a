#!/usr/bin/env bash
# bench-district: the whole commands a person waits for, run on a district's
# workbook (2,000 students × 300 targets × 200,000 pieces of evidence, a flex
# block of 20 offerings), side by side with the peers that read the same
# file, in one run. Prints one Markdown table: the median wall time of RUNS
# runs, the spread, the ratio to LibreOffice's conversion, the median CPU
# time (user + system: what the work costs, whatever else the machine is
# doing) and the peak resident memory (GNU time's %M), each row named for
# what it measures.
#
#   CTL=bin/continuumctl RUNS=3 .ci/bench-district.sh
#
# The workbook is generated once into BENCH_CACHE and reused. Figures from a
# machine shared with other work move from run to run: compare the rows of
# one table with each other, not with another run's.
set -euo pipefail

cd "$(dirname "$0")/.."

CTL=${CTL:-bin/continuumctl}
RUNS=${RUNS:-3}
CACHE=${BENCH_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/continuum-planner/bench-district}
BOOK=$CACHE/district.xlsx
TIME=/usr/bin/time

die() { echo "bench-district: $*" >&2; exit 1; }
[ -x "$CTL" ] || die "$CTL is missing; build it first (make bench-district does)"
[ -x "$TIME" ] || die "GNU time ($TIME) is missing: apt-get install time"
[ "$RUNS" -ge 1 ] 2>/dev/null || die "RUNS=$RUNS: expected a number of runs, 1 or more"

mkdir -p "$CACHE"
if [ ! -s "$BOOK" ]; then
	echo "bench-district: generating $BOOK (once)" >&2
	"$CTL" gen "$BOOK" --students 2000 --targets 300 --evidence 200000 --flex-offerings 20 --date 2027-01-15 >&2
fi

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# measure NAME CMD...: runs CMD RUNS times (output discarded), keeping each
# run's wall seconds, peak KB and CPU seconds in $work/NAME.times. A failed run stops
# the bench with its message.
measure() {
	local name=$1
	shift
	: >"$work/$name.times"
	for i in $(seq "$RUNS"); do
		[ -n "${BEFORE_EACH:-}" ] && eval "$BEFORE_EACH"
		if ! "$TIME" -f '%e %M %U %S' -o "$work/one" "$@" >/dev/null 2>"$work/err"; then
			cat "$work/err" >&2
			die "$name failed (run $i): $*"
		fi
		tail -n 1 "$work/one" | awk '{printf "%s %s %.2f\n", $1, $2, $3 + $4}' >>"$work/$name.times"
	done
	echo "bench-district: $name: $(awk '{printf "%ss ", $1}' "$work/$name.times")" >&2
}

# median NAME [FIELD]: the median wall seconds (or FIELD: 3 for CPU) of
# NAME's runs; spread: the fastest and slowest; peak: the largest peak, MB.
median() { awk -v f="${2:-1}" '{print $f}' "$work/$1.times" | sort -n | awk '{a[NR]=$1} END {m=int((NR+1)/2); if (NR%2) print a[m]; else printf "%.2f\n", (a[m]+a[m+1])/2}'; }
spread() { awk '{print $1}' "$work/$1.times" | sort -n | awk 'NR==1{lo=$1} {hi=$1} END {printf "%s–%s", lo, hi}'; }
peak() { awk 'BEGIN{m=0} $2>m{m=$2} END {printf "%d", m/1024}' "$work/$1.times"; }

store=$work/store
echo "bench-district: $RUNS runs of each; workbook $BOOK" >&2

# import: each run into a new, empty store; the last one is kept for the
# commands that read a store.
BEFORE_EACH='rm -rf "$store" "$store.backups"' measure import "$CTL" --db "$store" import "$BOOK"
BEFORE_EACH='rm -f "$work/out.xlsx"' measure export "$CTL" --db "$store" export "$work/out.xlsx"
block=$("$CTL" --db "$store" flex blocks --format csv | awk -F, 'NR == 2 {print $1}')
[ -n "$block" ] || die "the imported workbook has no flex block; delete $BOOK to generate it again"
measure flex "$CTL" --db "$store" flex suggest --block "$block"
measure positions "$CTL" --db "$store" positions --date 2027-01-15

lo=""
if command -v soffice >/dev/null 2>&1; then
	lo=$work/lo
	# One conversion first, not counted, so that the profile's creation
	# is not timed.
	soffice -env:UserInstallation="file://$work/lo-profile" --headless --convert-to csv --outdir "$lo" "$BOOK" >/dev/null 2>&1 || true
	measure libreoffice soffice -env:UserInstallation="file://$work/lo-profile" --headless --convert-to csv --outdir "$lo" "$BOOK"
fi

py=""
for p in /usr/bin/python3 python3; do
	if command -v "$p" >/dev/null 2>&1 && "$p" -c 'import openpyxl' 2>/dev/null; then
		py=$p
		break
	fi
done
if [ -n "$py" ]; then
	cat >"$work/read.py" <<'EOF'
import sys
import openpyxl
book = openpyxl.load_workbook(sys.argv[1], read_only=True)
cells = 0
for sheet in book.worksheets:
    sheet.reset_dimensions()  # a streamed sheet's stored size says A1: read every row there is
    for row in sheet.iter_rows(values_only=True):
        cells += len(row)
print(cells)
EOF
	measure openpyxl "$py" "$work/read.py" "$BOOK"
fi

measure floor sh -c "unzip -p '$BOOK' 'xl/worksheets/*' | wc -c"

ratio() {
	if [ -z "$lo" ]; then echo "—"; return; fi
	awk -v a="$(median "$1")" -v b="$(median libreoffice)" 'BEGIN {printf "%.2f", a/b}'
}
row() { # NAME WHAT COMMAND GOAL
	printf '| %s | `%s` | **%s** | %s | %s | %s | %s | %s |\n' "$2" "$3" "$(median "$1")" "$(spread "$1")" "$(ratio "$1")" "$(median "$1" 3)" "$(peak "$1")" "$4"
}

echo
echo "District workbook: 2,000 students × 300 targets × 200,000 evidence, 20 flex offerings ($(du -k "$BOOK" | awk '{printf "%.1f MB", $1/1024}')); $RUNS runs each, $(nproc) cores, $(date -u +%Y-%m-%d)."
echo
echo '| what is measured (whole command, process start to exit) | command | median wall s | min–max s | × LibreOffice (wall) | median CPU s | peak RSS MB | goal |'
echo '|---|---|---|---|---|---|---|---|'
row import "import (whole command): read, check, plan, back up, write and sync into an empty store" "continuumctl --db NEW import district.xlsx" "≤ 0.5× LibreOffice, < 300 MB"
row export "export (whole command): read the store, compute positions, write the workbook" "continuumctl --db STORE export out.xlsx" "< 3 s"
row flex "flex suggest (whole command): read the store, positions, suggest, print" "continuumctl --db STORE flex suggest --block B" "< 1 s"
row positions "positions (whole command): read the store, every position, print" "continuumctl --db STORE positions" "< 1 s"
if [ -n "$lo" ]; then
	row libreoffice "LibreOffice headless, xlsx → CSV (first sheet; loads the whole workbook)" "soffice --headless --convert-to csv district.xlsx" "peer"
else
	echo "| LibreOffice headless | — | not installed | | | | | peer |"
fi
if [ -n "$py" ]; then
	row openpyxl "openpyxl read-only: every cell of every sheet" "python3 read.py district.xlsx" "peer"
else
	echo "| openpyxl read-only | — | python3-openpyxl not installed: skipped | | | | | peer |"
fi
row floor "physical floor: inflate every sheet's XML once, nothing parsed" "unzip -p district.xlsx 'xl/worksheets/*' \| wc -c" "—"
