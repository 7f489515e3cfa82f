#!/bin/sh
# cli-outputs.sh - lockbench run never clobbers, follows a symbolic link
# into, interleaves or loses its results, whatever happens around it:
#   - an existing sidecar (FILE.csv.meta) is refused without --force, and
#     a sidecar or a CSV that is a symbolic link is refused even with it;
#   - with stderr (or stdout, or stdin) closed, the CSV does not take its
#     descriptor and no progress line lands in it;
#   - an --out path too long for the CSV or its sidecar is refused, not
#     cut short;
#   - a second run with --force on a file being written is refused, and
#     the first run's file stays a whole CSV;
#   - a closed pipe (| head -1) or a file-size limit (ulimit -f) stops the
#     run with exit status 1, no signal, what was finished kept;
#   - a line break in a flag's value or a file name is shown as \n, so
#     every message stays one line.
. "${TESTS_SRCDIR:-$(dirname "$0")}/lib.sh"

cd "$scratch" || exit 1
R="run --workload hits --locks tas --threads 1 --duration 20ms --warmup 0"

# refused STATUS TEXT -- ARGS...: that status, one line on stderr holding
# TEXT, nothing on stdout.
refused() {
	want_rc=$1 want=$2
	shift 3
	"$LOCKBENCH" "$@" >out.txt 2>err.txt </dev/null
	rc=$?
	[ $rc -eq "$want_rc" ] && ok || fail "lockbench $*: exit $rc, not $want_rc: $(cat err.txt)"
	[ "$(wc -l <err.txt)" -eq 1 ] && ok || fail "lockbench $*: stderr is not one line: $(cat err.txt)"
	grep -qF -- "$want" err.txt && ok || fail "lockbench $*: stderr lacks '$want': $(cat err.txt)"
	[ ! -s out.txt ] && ok || fail "lockbench $*: wrote to stdout"
}

# --- the sidecar: no clobbering, no symbolic links ---------------------
echo "keep me" >a.csv.meta
refused 2 "--out 'a.csv': its sidecar a.csv.meta exists (add --force" -- $R --reps 1 --out a.csv
[ ! -e a.csv ] && [ "$(cat a.csv.meta)" = "keep me" ] && ok ||
	fail "a refused run made a.csv or touched its sidecar"
echo "target" >target.txt
ln -s target.txt b.csv.meta
refused 2 "b.csv.meta: is a symbolic link" -- $R --reps 1 --out b.csv --force
[ "$(cat target.txt)" = target ] && [ ! -e b.csv ] && ok ||
	fail "a run wrote through a sidecar that is a symbolic link, or left its CSV"
ln -s target.txt c.csv
refused 2 "c.csv: is a symbolic link" -- $R --reps 1 --out c.csv --force
[ "$(cat target.txt)" = target ] && [ ! -e c.csv.meta ] && ok ||
	fail "a run wrote through a CSV that is a symbolic link"
# With --force, both are replaced.
echo "old" >d.csv
echo "old" >d.csv.meta
"$LOCKBENCH" $R --reps 1 --out d.csv --force >/dev/null 2>err.txt &&
	[ "$(head -c 7 d.csv)" = "schema," ] && grep -q '^run_id=' d.csv.meta && ok ||
	fail "--force did not replace the CSV and its sidecar: $(cat err.txt)"

# --- closed standard descriptors ---------------------------------------
for fd in 0 1 2; do
	case $fd in
	0) "$LOCKBENCH" $R --reps 2 --out closed$fd.csv <&- >/dev/null 2>&1 ;;
	1) "$LOCKBENCH" $R --reps 2 --out closed$fd.csv >&- 2>/dev/null ;;
	2) "$LOCKBENCH" $R --reps 2 --out closed$fd.csv 2>&- >/dev/null ;;
	esac
	rc=$?
	[ $rc -eq 0 ] && ok || fail "fd $fd closed: exit $rc"
	[ "$(csv_fields closed$fd.csv | sort -u)" = "$(head -1 closed$fd.csv | csv_fields /dev/stdin)" ] &&
		[ "$(wc -l <closed$fd.csv)" -eq 3 ] && ! grep -q '^lockbench' closed$fd.csv && ok ||
		fail "fd $fd closed: the CSV is not header + 2 rows: $(cat closed$fd.csv)"
done

# --- paths too long -----------------------------------------------------
long=$(printf 'd%.0s' $(seq 1 4100))
refused 2 "a path of" -- $R --reps 1 --out "$long.csv"
long=$(printf 'd%.0s' $(seq 1 4089))
refused 2 "a path of" -- $R --reps 1 --out "$long.csv"
cp "$TESTS_SRCDIR/data/report.csv" good.csv
refused 1 "File name too long" -- report good.csv --out "$long"
[ -z "$(ls | grep '^ddd')" ] && ok || fail "a too-long --out made a file"

# --- two writers of one file --------------------------------------------
# A writer that holds the file (flock, as lockbench does) refuses a run.
echo "busy" >held.csv
if command -v flock >/dev/null 2>&1; then
	flock -x held.csv sleep 30 &
	holder=$!
	i=0
	while [ $i -lt 100 ] && flock -n -x held.csv true; do sleep 0.1; i=$((i + 1)); done
	refused 1 "held.csv: another lockbench is writing it" -- $R --reps 1 --out held.csv --force
	[ "$(cat held.csv)" = busy ] && ok || fail "a refused --force run truncated a held file"
	kill $holder 2>/dev/null
	wait $holder 2>/dev/null
fi
# Two lockbench runs: the second, started while the first writes, is
# refused, and the first leaves a whole CSV.  The first runs 24 cases of
# 0.25 s, many times longer than the second needs to start.
"$LOCKBENCH" run --workload hits --locks tas,ttas --threads 1,2 --reps 6 --duration 250ms \
	--warmup 0 --out two.csv >/dev/null 2>two-a.err &
first=$!
i=0
while [ $i -lt 200 ] && [ ! -s two.csv ]; do sleep 0.05; i=$((i + 1)); done
"$LOCKBENCH" $R --reps 3 --out two.csv --force >/dev/null 2>two-b.err
rc=$?
[ $rc -eq 1 ] && grep -qF "two.csv: another lockbench is writing it" two-b.err && ok ||
	fail "a second --force run on a file being written was not refused: exit $rc: $(cat two-b.err)"
wait $first
[ $? -eq 0 ] && ok || fail "the first writer failed: $(cat two-a.err)"
[ "$(csv_fields two.csv | sort -u | wc -l)" -eq 1 ] && [ "$(wc -l <two.csv)" -eq 25 ] && ok ||
	fail "two writers: two.csv is not one header and 24 rows of one width"

# --- a closed pipe --------------------------------------------------------
# stderr and stdout into head -1: the first line read, the pipe closed.
{ "$LOCKBENCH" $R --reps 20 --out pipe.csv 2>&1; echo $? >pipe.rc; } | head -1 >/dev/null
rc=$(cat pipe.rc)
[ "$rc" -eq 1 ] && ok || fail "| head -1: exit $rc, not 1 (141 is death by SIGPIPE)"
rows=$(($(wc -l <pipe.csv) - 1))
# The sweep writes a run's row before it writes the run's progress line, and
# sees the closed pipe only after that line: so the first run's row at least.
[ $rows -ge 1 ] && [ $rows -lt 20 ] && [ "$(csv_fields pipe.csv | sort -u | wc -l)" -eq 1 ] &&
	"$LOCKBENCH" report pipe.csv --out pipe-report >/dev/null 2>&1 && ok ||
	fail "| head -1: pipe.csv is not whole rows of a stopped sweep ($rows rows)"
# stdout alone into head -1: said on stderr.
{ "$LOCKBENCH" $R --reps 2 --out pipe2.csv 2>pipe2.err; echo $? >pipe2.rc; } | head -0
rc=$(cat pipe2.rc)
[ "$rc" -eq 1 ] && grep -qF "cannot write the standard output: Broken pipe" pipe2.err && ok ||
	fail "stdout into a closed pipe: exit $rc: $(cat pipe2.err)"
[ "$(wc -l <pipe2.csv)" -eq 3 ] && ok || fail "stdout into a closed pipe: the rows were not kept"

# --- a file-size limit ----------------------------------------------------
# 8 blocks (4 KiB in POSIX sh's 512-byte blocks, or 8 KiB): the header and a
# few rows of the 30 fit.
(ulimit -f 8 && exec "$LOCKBENCH" $R --reps 30 --out big.csv >/dev/null 2>big.err)
rc=$?
[ $rc -eq 1 ] && ok || fail "ulimit -f: exit $rc, not 1: $(cat big.err)"
grep -qF "cannot write big.csv: File too large" big.err && ok ||
	fail "ulimit -f: not said: $(cat big.err)"
"$LOCKBENCH" plot big.csv --out big >/dev/null 2>big-plot.err && ok ||
	fail "ulimit -f: the finished rows cannot be read back: $(cat big-plot.err)"

# --- one line, whatever the value holds -----------------------------------
nl='
'
refused 2 "unknown lock 'a\\nb'" -- run --locks "a${nl}b"
refused 2 "--duration" -- run --duration "1s${nl}x"
refused 1 'no\nsuch.csv: No such file' -- report "no${nl}such.csv"
echo "keep me" >"o${nl}ut.csv.meta"
refused 2 "--out 'o\nut.csv': its sidecar o\nut.csv.meta exists" -- $R --out "o${nl}ut.csv"
finish
