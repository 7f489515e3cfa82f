# lib.sh - shared by the shell tests: assertions, a scratch directory, and
# reading lockbench's CSV by column name.  Each test ends with `finish`,
# which prints "N passed, N failed" and sets the exit status.
: "${LOCKBENCH:?LOCKBENCH must name the lockbench binary}"
passed=0
failed=0
scratch=$(mktemp -d "${TMPDIR:-/tmp}/lockbench-test.XXXXXX")
trap 'rm -rf "$scratch"' EXIT

ok() { passed=$((passed + 1)); }
fail() { failed=$((failed + 1)); printf 'FAIL: %s\n' "$*" >&2; }
check() { # description command...: passes when the command succeeds
	d=$1; shift
	if "$@"; then ok; else fail "$d"; fi
}
finish() {
	printf '%d passed, %d failed\n' "$passed" "$failed"
	[ "$failed" -eq 0 ] && [ "$passed" -gt 0 ]
}
skip() { printf 'SKIP: %s\n' "$*"; exit 77; }

# An awk function for the programs below: split_csv(line, f) splits one
# line of CSV into f[1..n] (RFC 4180 quoting understood; no field here
# spans lines) and returns n.
AWK_SPLIT_CSV='
	function split_csv(line, f,    n, i, c, q, cur) {
		n = 0; cur = ""; q = 0
		for (i = 1; i <= length(line); i++) {
			c = substr(line, i, 1)
			if (q) {
				if (c == "\"") {
					if (substr(line, i + 1, 1) == "\"") { cur = cur "\""; i++ }
					else q = 0
				} else cur = cur c
			} else if (c == "\"") q = 1
			else if (c == ",") { f[++n] = cur; cur = "" }
			else cur = cur c
		}
		f[++n] = cur
		return n
	}'

# csv_col FILE NAME: the NAME column of every data row, one per line.
csv_col() {
	awk -v want="$2" "$AWK_SPLIT_CSV"'
	NR == 1 { n = split_csv($0, h); for (i = 1; i <= n; i++) if (h[i] == want) k = i; next }
	k { split_csv($0, f); print f[k] }
	END { if (!k) { print "csv_col: no column " want > "/dev/stderr"; exit 1 } }' "$1"
}

# not_ok_rows FILE: "case C rep R lock L threads T: STATUS (ERROR)" for
# each data row whose status is not ok, on one line, for a failure message.
not_ok_rows() {
	awk "$AWK_SPLIT_CSV"'
	NR == 1 { n = split_csv($0, h); for (i = 1; i <= n; i++) k[h[i]] = i; next }
	{ split_csv($0, f) }
	f[k["status"]] != "ok" {
		printf "%scase %s rep %s %s threads %s: %s (%s)", sep, f[k["case"]], f[k["rep"]],
			f[k["lock"]], f[k["threads"]], f[k["status"]], f[k["error"]]; sep = "; " }' "$1"
}

# csv_fields FILE: the field count of every line (header included).
csv_fields() {
	awk '{ n = 0; q = 0
	       for (i = 1; i <= length($0); i++) {
	               c = substr($0, i, 1)
	               if (c == "\"") q = !q
	               else if (c == "," && !q) n++
	       }
	       print n + 1 }' "$1"
}

# all_equal VALUE: every line on stdin is VALUE, and there is one at least.
all_equal() {
	awk -v v="$1" '$0 != v { bad = 1 } END { exit (bad || NR == 0) }'
}

nproc_online() { getconf _NPROCESSORS_ONLN 2>/dev/null || echo 1; }

# stub_gnuplot DIR: DIR/gnuplot, a stand-in for gnuplot that writes the
# NAME.png and NAME.svg that `gnuplot NAME.gp` would, each a line of text.
# For the tests of what lockbench writes into chart scripts and pages,
# which then run with or without gnuplot; tests/plot-draw.sh draws with
# the real one.
stub_gnuplot() {
	mkdir -p "$1"
	cat >"$1/gnuplot" <<'STUB'
#!/bin/sh
n=${1%.gp}
[ -f "$1" ] || { echo "stand-in gnuplot: no $1" >&2; exit 1; }
echo "stand-in PNG for $1" >"$n.png"
echo "<svg><!-- stand-in for $1 --></svg>" >"$n.svg"
STUB
	chmod +x "$1/gnuplot"
}

# median_cv [DECIMALS]: numbers on stdin -> "median cv%" (two passes:
# mean, then spread), the median with DECIMALS decimals (default 0), for
# the benchmarks.
median_cv() {
	sort -g | awk -v d="${1:-0}" '{ v[NR] = $1; s += $1 }
	END { m = (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2
	      mean = s / NR
	      for (i = 1; i <= NR; i++) q += (v[i] - mean) ^ 2
	      sd = NR > 1 ? sqrt(q / (NR - 1)) : 0
	      printf "%." d "f %.1f", m, 100 * sd / mean }'
}
