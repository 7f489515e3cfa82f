#!/bin/sh
# report-input.sh - lockbench plot, report and compare on bad input: a
# missing file, a CSV that is not lockbench's, a newer schema, a quote
# that never ends, a NUL byte, a row of the wrong length, gnuplot missing,
# an output folder in the way, a FIFO, a device, a sparse file of 1 GB or
# one of NUL bytes as results or as a sidecar (merge's too), a number out of range,
# files of more columns together than a table holds, a probe's pair of
# PUs given twice or a row longer than its header.
# Each ends with one line on stderr that
# names the file and line (or the flag), exit status 1 (bad input) or 2
# (bad usage), and nothing written.  A last row cut short by a killed
# sweep, or by a full disk inside a quoted field, is skipped with a
# warning, and the rest is used.  gnuplot on a
# relative PATH entry works; one that draws nothing fails the plot even
# where an earlier run's charts lie.  The page lists each run id once and
# reads a sidecar's long lines whole.  A merge whose output replaces its
# input keeps that input's sidecar.
. "${TESTS_SRCDIR:-$(dirname "$0")}/lib.sh"

D=$TESTS_SRCDIR/data
stub_gnuplot "$scratch/bin"
mkdir "$scratch/work"
cd "$scratch/work" || exit 1
PATH="$scratch/bin:$PATH"
export PATH

head=$(head -1 "$D/report.csv")
row=$(sed -n 2p "$D/report.csv")
printf '%s\n%s\n' "$head" "$row" >good.csv
printf 'name,value\nx,1\n' >other.csv
printf '%s\n2%s\n' "$head" "${row#1}" >newer.csv
printf '%s\n%s\n1,"open\n' "$head" "$row" >open-quote.csv
printf '%s\n%s\n1,2,3\n%s\n' "$head" "$row" "$row" >short-row.csv
printf '%s\n1,x\0y\n' "$head" >nul.csv
: >empty.csv
printf '%s\n' "$head" >header-only.csv
printf '%s\n%s\n%s' "$head" "$row" "${row%%,ok,*}" >cut.csv
printf '%s\n%s\n%s' "$head" "$row" "${row%%think_ns*}" >cut-quote.csv
# set_col COLUMN VALUE: good.csv with COLUMN set to VALUE, every field quoted.
set_col() {
	awk -v col="$1" -v val="$2" "$AWK_SPLIT_CSV"'
	function q(s) { gsub(/"/, "\"\"", s); return "\"" s "\"" }
	NR == 1 { n = split_csv($0, h); for (i = 1; i <= n; i++) if (h[i] == col) k = i; print; next }
	{ split_csv($0, f); f[k] = val; line = q(f[1]); for (i = 2; i <= n; i++) line = line "," q(f[i]); print line }' good.csv
}
# Numbers that no run writes: below 0, beyond any sum, Jain's index above 1.
set_col thread_ops_min -1 >negative.csv
set_col ops_per_sec 1e308 >huge.csv
set_col jain 7 >jain.csv
# Runs are told apart by case and rep, counted from 1: NA or 1.5 is none.
set_col rep NA >rep-na.csv
set_col case 1.5 >case-half.csv
# Two files of 2100 columns of their own each: more than a table holds
# (4096 in all), refused at the second's header, at once.
awk 'NR == 1 { h = $0; for (i = 1; i <= 2100; i++) h = h ",a" i; print h }
     NR == 2 { r = $0; for (i = 1; i <= 2100; i++) r = r ",1"; print r }' good.csv >wide-a.csv
sed '1s/,a\([0-9]*\)/,b\1/g' wide-a.csv >wide-b.csv
# Waits of 0 ns everywhere: nothing to draw on a log axis, not a failure.
set_col lat_p99_ns 0 >zero-wait.csv
# Probe files (lockbench probe): a pair of PUs given twice, in either
# order, and a row longer than the header.
probe_head=pu_a,pu_b,oneway_ns,oneway_ns_p99,samples
printf '%s\n0,1,50.0,60.0,100\n0,2,55.0,60.0,100\n1,0,70.0,80.0,100\n' $probe_head >probe-twice.csv
printf '%s\n0,1,50.0,60.0,100,9\n' $probe_head >probe-long.csv
# Files that are not text, or not files: each refused at once.
mkfifo fifo.csv
ln -s /dev/zero zero.csv
truncate -s 1G sparse.csv
truncate -s 200M holes.csv
cp good.csv fifo-meta.csv
mkfifo fifo-meta.csv.meta
cp good.csv zero-meta.csv
ln -s /dev/zero zero-meta.csv.meta
mkdir full
echo "keep me" >full/notes.txt
echo "keep me" >a-file
before=$(find . | sort | tr '\n' ' ')

# bad STATUS EXPECTED... -- ARGS...: that exit status, one line on stderr
# holding each EXPECTED, nothing on stdout, nothing made or changed.
bad() {
	want_rc=$1
	shift
	want=""
	while [ "$1" != "--" ]; do
		want="$want
$1"
		shift
	done
	shift
	if [ -n "$no_gnuplot" ]; then # a PATH without gnuplot (LOCKBENCH is absolute)
		PATH=/nonexistent "$LOCKBENCH" "$@" >"$scratch/out.txt" 2>"$scratch/err.txt" </dev/null
	else
		"$LOCKBENCH" "$@" >"$scratch/out.txt" 2>"$scratch/err.txt" </dev/null
	fi
	rc=$?
	what="lockbench $*"
	[ $rc -eq "$want_rc" ] && ok || fail "$what: exit $rc, not $want_rc: $(cat "$scratch/err.txt")"
	[ "$(wc -l <"$scratch/err.txt")" -eq 1 ] && ok ||
		fail "$what: stderr is not one line: $(cat "$scratch/err.txt")"
	[ ! -s "$scratch/out.txt" ] && ok || fail "$what: wrote to stdout"
	echo "$want" | while IFS= read -r w; do
		[ -z "$w" ] && continue
		grep -qF -- "$w" "$scratch/err.txt" ||
			echo "FAIL: $what: stderr lacks '$w': $(cat "$scratch/err.txt")" >&2
	done
	echo "$want" | while IFS= read -r w; do
		[ -z "$w" ] || grep -qF -- "$w" "$scratch/err.txt" || exit 1
	done && ok || failed=$((failed + 1))
	[ "$(find . | sort | tr '\n' ' ')" = "$before" ] && ok || fail "$what: files changed"
	[ "$(cat full/notes.txt)" = "keep me" ] && [ "$(cat a-file)" = "keep me" ] && ok ||
		fail "$what: a file was touched"
}

for cmd in plot report compare; do
	bad 2 "lockbench $cmd: no results file given" -- $cmd
	bad 2 "unknown option '--frob'" -- $cmd good.csv --frob
	bad 2 "--out" "needs a value" -- $cmd good.csv --out
	bad 1 "nope.csv: No such file or directory" -- $cmd nope.csv
	bad 1 "other.csv:1: not a lockbench results file" "'name'" -- $cmd other.csv
	bad 1 "newer.csv:2: schema 2 is newer than this lockbench reads (schema 1)" -- $cmd newer.csv
	bad 1 "open-quote.csv:3: a quoted field opened on this line never ends" -- $cmd open-quote.csv
	bad 1 "short-row.csv:3: 3 fields, but the header has 46" -- $cmd short-row.csv
	bad 1 "nul.csv:2: a NUL byte" -- $cmd nul.csv
	bad 1 "empty.csv: empty" -- $cmd empty.csv
	bad 1 "fifo.csv: is a FIFO, not a regular file: refused" -- $cmd fifo.csv
	bad 1 "zero.csv: is a character device, not a regular file: refused" -- $cmd zero.csv
	bad 1 "/dev/zero: is a character device, not a regular file: refused" -- $cmd /dev/zero
	bad 1 "sparse.csv: 1073741824 bytes, more than the 256 MiB" -- $cmd sparse.csv
	bad 1 "holes.csv:1: a NUL byte: not a text file" -- $cmd holes.csv
	bad 1 "header-only.csv: no rows" -- $cmd header-only.csv
	bad 1 "negative.csv:2: column thread_ops_min: -1 is out of range (0 to 1e18)" -- $cmd negative.csv
	bad 1 "huge.csv:2: column ops_per_sec: 1e308 is out of range (0 to 1e18)" -- $cmd huge.csv
	bad 1 "jain.csv:2: column jain: 7 is out of range (0 to 1)" -- $cmd jain.csv
	bad 1 "rep-na.csv:2: rep 'NA' is not a repetition number" -- $cmd rep-na.csv
	bad 1 "case-half.csv:2: case '1.5' is not a case number" -- $cmd case-half.csv
	bad 1 "wide-b.csv:1: more than 4096 columns in all the files together" -- \
		$cmd wide-a.csv wide-b.csv
	# the second file's fault names the second file
	bad 1 "other.csv:1:" -- $cmd good.csv other.csv
	# the output folder
	bad 2 "--out 'full': exists and is not empty (add --force" -- $cmd good.csv good.csv --out full
	bad 2 "--out 'a-file': exists and is not a folder" -- $cmd good.csv good.csv --out a-file
	bad 2 "--out '': an empty path" -- $cmd good.csv --out ""
	# gnuplot missing: say which package to install
	no_gnuplot=1
	bad 1 "gnuplot not found" "gnuplot-nox" -- $cmd good.csv good.csv --out new
	no_gnuplot=
done
# A sidecar that is not a text file is refused as a results file is
# (plot does not read sidecars), by merge too, before it writes anything.
for cmd in report compare; do
	bad 1 "fifo-meta.csv.meta: is a FIFO, not a regular file: refused" -- $cmd fifo-meta.csv good.csv
	bad 1 "zero-meta.csv.meta: is a character device" -- $cmd zero-meta.csv good.csv
done
bad 1 "lockbench merge: fifo-meta.csv.meta: is a FIFO, not a regular file: refused" -- \
	merge fifo-meta.csv --out m.csv
bad 1 "lockbench merge: zero-meta.csv.meta: is a character device" -- merge zero-meta.csv --out m.csv
bad 1 "probe-twice.csv:4: a second row for PUs 1 and 0 (the first is line 2)" -- \
	plot probe-twice.csv --out new
bad 1 "probe-long.csv:2: 6 fields, but the header has 5" -- plot probe-long.csv --out new
# compare needs two platforms, or two files of one
bad 1 "good.csv: every row is from platform 'box-a': nothing to compare" -- compare good.csv
# merge reads rows as the others do: two copies of a row whose rep is NA
# are not two runs.
bad 1 "rep-na.csv:2: rep 'NA' is not a repetition number" -- merge rep-na.csv rep-na.csv --out m.csv
# A merge whose --out replaces its input (--force) reads the input's
# sidecar before it makes the output's: its keys are kept.
cp good.csv self.csv
printf 'run_id=self-1\ncommand=lockbench run --locks ticket\n' >self.csv.meta
"$LOCKBENCH" merge self.csv --out self.csv --force >/dev/null 2>"$scratch/err.txt" &&
	grep -qx 'run_id=self-1' self.csv.meta && grep -qx 'command=lockbench run --locks ticket' \
	self.csv.meta && [ "$(wc -l <self.csv)" -eq 2 ] && ok ||
	fail "merge over its own input: the input's sidecar is lost: $(cat "$scratch/err.txt" self.csv.meta)"

# The default folder is the first file's name without .csv, plus a suffix;
# one that holds files is refused without --force.
"$LOCKBENCH" report good.csv >"$scratch/out.txt" 2>"$scratch/err.txt" &&
	[ "$(cat "$scratch/out.txt")" = "good-report/index.html" ] && [ -f good-report/index.html ] &&
	ok || fail "report good.csv: $(cat "$scratch/err.txt")"
"$LOCKBENCH" report good.csv >"$scratch/out.txt" 2>"$scratch/err.txt"
[ $? -eq 2 ] && grep -qF "output folder 'good-report': exists and is not empty" "$scratch/err.txt" &&
	ok || fail "report twice: $(cat "$scratch/err.txt")"
# --force replaces what lockbench wrote and leaves the rest
echo "mine" >good-report/mine.txt
echo "stale" >good-report/index.html
"$LOCKBENCH" report good.csv --force >/dev/null 2>"$scratch/err.txt" &&
	grep -q '<!DOCTYPE html>' good-report/index.html && [ "$(cat good-report/mine.txt)" = mine ] &&
	ok || fail "report --force: $(cat "$scratch/err.txt")"
# Nor through a page that is a symbolic link: refused, by name, before a
# chart is drawn over (the charts stay as they were).
echo "theirs" >"$scratch/target.html"
ln -sf "$scratch/target.html" good-report/index.html
first=$(ls good-report/*.png | head -1)
echo "old chart" >"$first"
"$LOCKBENCH" report good.csv --force >/dev/null 2>"$scratch/err.txt"
[ $? -eq 2 ] && grep -qF "good-report/index.html: is a symbolic link" "$scratch/err.txt" &&
	[ "$(cat "$scratch/target.html")" = theirs ] && [ "$(cat "$first")" = "old chart" ] &&
	ok || fail "report --force over a page that is a symbolic link: $(cat "$scratch/err.txt")"
rm good-report/index.html

# p99 waits of 0 ns: the wait chart is left out (as where the rows have
# none), the rest drawn.
"$LOCKBENCH" plot zero-wait.csv --out zw >"$scratch/out.txt" 2>"$scratch/err.txt" &&
	[ -f zw/01-hits-throughput.gp ] && [ ! -f zw/01-hits-wait.gp ] && ok ||
	fail "plot with p99 waits of 0: $(cat "$scratch/err.txt"; ls zw)"

# A last row cut short: a warning naming the file and line, the rest used.
"$LOCKBENCH" plot cut.csv --out cut >"$scratch/out.txt" 2>"$scratch/err.txt"
[ $? -eq 0 ] && ok || fail "plot cut.csv: exit status not 0: $(cat "$scratch/err.txt")"
grep -qF "lockbench plot: warning: cut.csv:3: the last row is cut short (4 of 46 fields, no line break at the end): skipped" \
	"$scratch/err.txt" && ok || fail "plot cut.csv: no warning: $(cat "$scratch/err.txt")"
[ -f cut/01-hits-throughput.gp ] && ok || fail "plot cut.csv: no chart"
# Cut inside a quoted field, as a full disk leaves it: the same.
"$LOCKBENCH" report cut-quote.csv --out cutq >"$scratch/out.txt" 2>"$scratch/err.txt"
# (exit 0: the whole row before the cut was read; with no row, the
# report would fail on a file of only a header)
[ $? -eq 0 ] && ok || fail "report cut-quote.csv: exit status not 0: $(cat "$scratch/err.txt")"
grep -qF "lockbench report: warning: cut-quote.csv:3: the last row is cut short (20 of 46 fields, the last inside a quote that never closes, no line break at the end): skipped" \
	"$scratch/err.txt" && ok || fail "report cut-quote.csv: no warning: $(cat "$scratch/err.txt")"

# Two files of one platform: compared with each other, with a warning.
"$LOCKBENCH" compare good.csv cut.csv --out same >"$scratch/out.txt" 2>"$scratch/err.txt"
[ $? -eq 0 ] && grep -qF "every row is from platform 'box-a': comparing the files with each other" \
	"$scratch/err.txt" && grep -q 'compared with each other instead' same/index.html &&
	ok || fail "compare of one platform's files: $(cat "$scratch/err.txt")"

# gnuplot found through a relative PATH entry still runs from the charts'
# folder.
PATH="../bin:$PATH" "$LOCKBENCH" plot good.csv --out rel >"$scratch/out.txt" 2>"$scratch/err.txt" &&
	[ -s rel/01-hits-throughput.png ] && ok ||
	fail "plot with gnuplot on a relative PATH: $(cat "$scratch/err.txt")"
# Charts an earlier run drew do not pass for this run's: a gnuplot that
# draws nothing is an error, even over a folder that holds them.
mkdir "$scratch/lazy"
printf '#!/bin/sh\nexit 0\n' >"$scratch/lazy/gnuplot"
chmod +x "$scratch/lazy/gnuplot"
"$LOCKBENCH" plot good.csv --out old >"$scratch/out.txt" 2>"$scratch/err.txt" &&
	[ -s old/01-hits-throughput.png ] && ok || fail "plot good.csv: $(cat "$scratch/err.txt")"
PATH="$scratch/lazy:$PATH" "$LOCKBENCH" plot good.csv --out old --force \
	>"$scratch/out.txt" 2>"$scratch/err.txt"
[ $? -eq 1 ] && grep -qF "but made no old/01-hits-" "$scratch/err.txt" && ok ||
	fail "plot over old charts with a gnuplot that draws nothing: $(cat "$scratch/err.txt")"
# A gnuplot that fails on one chart, after drawing half of it: that chart
# leaves no picture, the others are drawn, and the one line names the
# input, the chart's script and gnuplot's complaint.
mkdir "$scratch/picky"
cat >"$scratch/picky/gnuplot" <<EOF
#!/bin/sh
case "\$1" in *-throughput.gp)
	echo half >"\${1%.gp}.png"
	echo "\$1, line 9: all went wrong" >&2
	exit 1 ;;
esac
exec "$scratch/bin/gnuplot" "\$@"
EOF
chmod +x "$scratch/picky/gnuplot"
PATH="$scratch/picky:$PATH" "$LOCKBENCH" plot good.csv --out picky >"$scratch/out.txt" 2>"$scratch/err.txt"
[ $? -eq 1 ] && [ "$(wc -l <"$scratch/err.txt")" -eq 1 ] &&
	grep -q "^lockbench plot: the charts of good.csv: gnuplot failed on picky/01-hits-throughput.gp (exit status 1): .* line 9: all went wrong; the other [0-9]* charts drawn$" "$scratch/err.txt" &&
	ok || fail "plot with a gnuplot that fails on one chart: $(cat "$scratch/err.txt")"
[ ! -e picky/01-hits-throughput.png ] && [ -s picky/01-hits-throughput.gp ] &&
	[ -s picky/01-hits-wait.png ] && [ -s picky/01-hits-wait.svg ] && ok ||
	fail "plot with a gnuplot that fails on one chart: $(ls picky)"

# Run ids are listed once each, and one that begins another is its own;
# a sidecar's line is read whole, however long.
printf '%s\n%s\n%s\n' "$head" "$row" "$(echo "$row" | sed 's/-box-a-100,/-box-a-10,/')" >runs.csv
long=$(printf 'a%.0s' $(seq 1 5000))
printf 'command=%s=z\n' "$long" >runs.csv.meta
"$LOCKBENCH" report runs.csv --out runs >"$scratch/out.txt" 2>"$scratch/err.txt" &&
	grep -qF '<td><code>runs.csv</code></td><td>20250101T120000-box-a-100; 20250101T120000-box-a-10</td>' \
		runs/index.html && ok || fail "report of two runs: both ids not listed: $(cat "$scratch/err.txt")"
grep -qF "<td>$long=z</td>" runs/index.html && ok || fail "report: a 5000-byte sidecar line cut"
finish
