#!/bin/sh
# profile-report.sh - lockbench report, plot and compare on real profiles
# of tests/profile-pattern: the page of one profile (the program, its
# locks, the 20 ms wait of the hold pattern, the distributions drawn,
# what ran the locks, a crash's status), two profiles of a forking
# program under --as ticket and --as gomutex side by side (both wall
# times, the lock matched by its site), and the one-line refusals: of
# different command lines, of a profile mixed with a sweep's results,
# of malformed profiles (a column named twice, counts whose sum passes
# 1e18).
. "${TESTS_SRCDIR:-$(dirname "$0")}/lib.sh"
: "${PROFILE_PATTERN:?PROFILE_PATTERN must name tests/profile-pattern}"
command -v gnuplot >/dev/null 2>&1 || skip "gnuplot is not installed (apt-get install gnuplot-nox)"
D=$TESTS_SRCDIR/data
cd "$scratch" || exit 1

# profile NAME [lockbench options] -- MODE: the pattern, into NAME.csv
profile() {
	name=$1; shift
	timeout 120 "$LOCKBENCH" profile --out "$name.csv" "$@" >"$name.out" 2>"$name.err" ||
		fail "profile $name: $(tail -n 1 "$name.err")"
}
# cells FILE.html TEXT: the cells of the first table row holding TEXT,
# one per line, tags stripped.
cells() {
	grep -F "$2" "$1" | head -n 1 | sed 's#</td>#\n#g' | sed 's/<[^>]*>//g'
}
# in_ns "39.3ms": the page's time back in ns (awk prints an integer).
in_ns() {
	echo "$1" | awk '/ns$/ { print $0 + 0; next } /us$/ { print $0 * 1e3; next }
		/ms$/ { print $0 * 1e6; next } /s$/ { print $0 * 1e9; next } { print -1 }'
}
# page_time WALL_S: the wall time as the page writes it (three
# significant digits in the largest unit that reads at least 1).
page_time() {
	awk -v s="$1" 'BEGIN { v = s * 1e9; split("ns us ms s", u, " "); k = 1
		while (k < 4 && v >= 1000 * (1 - 5e-4)) { v /= 1000; k++ }
		printf "%.3g%s\n", v, u[k] }'
}
meta() { sed -n "s/^$2=//p" "$1.meta"; }

# ---- report: the hold pattern (a lock held 20 ms while another waits)
profile hold -- "$PROFILE_PATTERN" hold
"$LOCKBENCH" report hold.csv --out hold-r >r.out 2>r.err
check "report hold.csv: exit 0 ($(cat r.err))" [ $? -eq 0 ]
check "report: the page's path on stdout" [ "$(cat r.out)" = hold-r/index.html ]
P=hold-r/index.html
check "report: the command line" grep -qF "$PROFILE_PATTERN hold" $P
check "report: the exit status" grep -q '<th>exit status</th><td>0</td>' $P
check "report: the system's locks ran" grep -q "the system's locks" $P
check "report: the wall time ($(page_time "$(meta hold.csv wall_s)"))" \
	grep -qF "<th>wall time</th><td>$(page_time "$(meta hold.csv wall_s)")</td>" $P
# The lock's row: site main+0x... (the pattern locks it first in main).
cells $P '<code>main+0x' >row.txt
check "report: the lock's site is named" grep -q '^main+0x[0-9a-f]* (.*profile-pattern+0x[0-9a-f]*)$' row.txt
check "report: the lock ran on system" [ "$(sed -n 4p row.txt)" = system ]
check "report: 2 acquisitions" [ "$(sed -n 5p row.txt)" = 2 ]
wmax=$(in_ns "$(sed -n 10p row.txt)")
check "report: wait max $(sed -n 10p row.txt) >= 20 ms" [ "${wmax:-0}" -ge 20000000 ]
check "report: the wait chart" sh -c '[ -s "$1" ] && [ -s "$2" ]' sh \
	hold-r/profile-wait.svg hold-r/profile-wait.png
check "report: the page shows it" grep -q 'src="profile-wait.svg"' $P
# The chart's data: the lock's one wait in the octave that holds 20 ms or more.
x=$(awk '/^\$data << EOD/ { d = 1; next } /^EOD/ { d = 0 } d && /^[0-9]/ { print $1 }' \
	hold-r/profile-wait.gp | sort -g | tail -n 1)
check "report: the chart's longest wait at $x ns, in an octave from 2^24 ns (16.8 ms) up" \
	awk -v x="$x" 'BEGIN { exit !(x >= 16777216) }'
check "report: the chart is labelled by the site" grep -q "^array lb_series\[1\] = \['#1 mutex main+0x" hold-r/profile-wait.gp

# ---- report: 1000 lock/unlock under --as ticket, then SIGSEGV (holds
# sampled; the exit status 128+11).  One thread: a spinlock's waits on a
# machine busy with other work do not slow it.
timeout 120 "$LOCKBENCH" profile --as ticket --out crash.csv -- "$PROFILE_PATTERN" crash >crash.out 2>crash.err
check "profile crash --as ticket: exit 139" [ $? -eq 139 ]
"$LOCKBENCH" report crash.csv --out crash-r >/dev/null 2>r.err
check "report crash.csv: exit 0 ($(cat r.err))" [ $? -eq 0 ]
P=crash-r/index.html
check "report --as: the page says which lock ran" grep -q '<code>ticket</code> (<code>--as</code>)' $P
check "report: the exit status and the signal" \
	grep -q '<th>exit status</th><td>139 (killed by signal 11)</td>' $P
cells $P '<code>main+0x' >row.txt
check "report --as: the row ran on ticket" [ "$(sed -n 4p row.txt)" = ticket ]
check "report --as: 1000 acquisitions" [ "$(sed -n 5p row.txt)" = 1000 ]
check "report --as: its holds sampled" [ "$(sed -n 11p row.txt)" != NA ]
check "report --as: the hold chart" [ -s crash-r/profile-hold.svg ]
check "report --as: no wait chart, and the page says why" grep -q 'No lock waited' $P
"$LOCKBENCH" plot crash.csv --out crash-p >p.out 2>/dev/null
check "plot crash.csv: the hold chart" [ "$(cat p.out)" = crash-p/profile-hold.png ]

# ---- compare: fork (3 acquisitions, then 5 in the child) under --as
# ticket and --as gomutex: the lock of both processes, matched by site.
profile ticket --as ticket -- "$PROFILE_PATTERN" fork
profile gomutex --as gomutex -- "$PROFILE_PATTERN" fork
"$LOCKBENCH" compare ticket.csv gomutex.csv --out cmp >/dev/null 2>c.err
check "compare: exit 0 ($(cat c.err))" [ $? -eq 0 ]
C=cmp/index.html
for s in ticket gomutex; do
	w=$(page_time "$(meta $s.csv wall_s)")
	cells $C "<td><code>$s.csv</code>" >side.txt
	check "compare: $s's wall time $w" [ "$(sed -n 4p side.txt)" = "$w" ]
	check "compare: $s named as --as $s" [ "$(sed -n 2p side.txt)" = "--as $s" ]
done
check "compare: the first against itself" [ "$(cells $C '<td><code>ticket.csv</code>' | sed -n 5p)" = 1.00x ]
cells $C '<code>main+0x' >match.txt
check "compare: the lock of both processes, matched by site: 2 locks, 8 acquisitions a side" \
	[ "$(sed -n '3,4p;10,11p' match.txt | tr '\n' ' ')" = "2 8 2 8 " ]
check "compare: the lock in one row only" [ "$(grep -c '<code>main+0x' $C)" -eq 1 ]

# ---- refusals: one line each
one_line() { # NAME RC-WANTED command...: exit status and one line on stderr
	n=$1 want=$2; shift 2
	"$@" >/dev/null 2>e.txt
	rc=$?
	check "$n: exit $want ($rc: $(cat e.txt))" [ $rc -eq "$want" ]
	check "$n: one line" [ "$(wc -l <e.txt)" -eq 1 ]
}
one_line "compare of different command lines" 2 "$LOCKBENCH" compare ticket.csv hold.csv --out x1
check "different command lines: says so" grep -q "not the same command line" e.txt
"$LOCKBENCH" compare --any-command ticket.csv hold.csv --out x2 >/dev/null 2>&1
check "different command lines with --any-command: compared" [ $? -eq 0 ]
one_line "compare of a profile and a sweep's results" 2 "$LOCKBENCH" compare ticket.csv "$D/report.csv" --out x3
check "mixed: says so" grep -q "is a profile (lockbench profile) and .* is not" e.txt
one_line "report of a sweep and a profile" 2 "$LOCKBENCH" report "$D/report.csv" ticket.csv --out x4
one_line "compare of one profile" 2 "$LOCKBENCH" compare ticket.csv --out x5
one_line "--any-command on a sweep" 2 "$LOCKBENCH" compare --any-command "$D/compare-a.csv" "$D/compare-b.csv" --out x6
cp ticket.csv nometa.csv
one_line "compare without a sidecar" 2 "$LOCKBENCH" compare ticket.csv nometa.csv --out x7
# Malformed profiles: a count that is not one, a field too many, a
# histogram that does not match its maximum, a required column missing,
# more contended acquisitions than acquisitions.
awk -F, 'NR == 2 { $4 = "12x" } { print }' OFS=, ticket.csv >bad-count.csv
awk 'NR == 2 { $0 = $0 ",1" } { print }' ticket.csv >bad-fields.csv
awk 'NR == 2 { sub(/,[0-9]+:[0-9]+/, ",3:1") } { print }' hold.csv >bad-hist.csv
sed '1s/,site,/,place,/' ticket.csv >bad-header.csv
# More contended acquisitions than acquisitions (columns 4 and 5).
awk -F, 'NR == 2 { $5 = $4 + 1 } { print }' OFS=, ticket.csv >bad-contended.csv
for b in bad-count bad-fields bad-hist bad-header bad-contended; do
	check "$b.csv differs from its source" sh -c "! cmp -s $b.csv ticket.csv && ! cmp -s $b.csv hold.csv"
	one_line "report of $b.csv" 1 "$LOCKBENCH" report $b.csv --out "x-$b"
	check "$b: nothing written" [ ! -e "x-$b" ]
done
one_line "report of bad-count.csv, again" 1 "$LOCKBENCH" report bad-count.csv --out x8
check "bad-count: names the column and line" grep -q 'bad-count.csv:2: acquisitions' e.txt
one_line "report of bad-hist.csv, again" 1 "$LOCKBENCH" report bad-hist.csv --out x9
check "bad-hist: names the histogram" grep -q 'bad-hist.csv:2: wait_hist' e.txt
one_line "report of bad-contended.csv, again" 1 "$LOCKBENCH" report bad-contended.csv --out x10
check "bad-contended: names the column, the line and the acquisitions" \
	grep -q 'bad-contended.csv:2: contended: [0-9]* is more than the [0-9]* acquisitions' e.txt
# A column named twice in the header: which one holds the value is not
# known, so neither is taken.
awk -F, 'NR == 1 { $0 = $0 ",acquisitions" } NR > 1 { $0 = $0 ",1" } { print }' ticket.csv \
	>bad-twice.csv
one_line "report of bad-twice.csv" 1 "$LOCKBENCH" report bad-twice.csv --out x12
check "bad-twice: names the column" \
	grep -q "bad-twice.csv:1: column 'acquisitions' appears twice in the header" e.txt
check "bad-twice: nothing written" [ ! -e x12 ]
# Counts that add up past 1e18 over the rows (the page adds them up, and
# a sum of uint64 would wrap round): two rows of 9e17 acquisitions,
# refused at the second.
awk -F, 'NR == 2 { $4 = "900000000000000000"; print } { print }' OFS=, ticket.csv >bad-sum.csv
one_line "report of bad-sum.csv" 1 "$LOCKBENCH" report bad-sum.csv --out x11
check "bad-sum: names the column and the line where the sum passes 1e18" \
	grep -q 'bad-sum.csv:3: acquisitions: the rows up to this one add up to more than 1e18' e.txt
check "bad-sum: nothing written" [ ! -e x11 ]
finish
