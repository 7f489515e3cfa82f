#!/bin/sh
# profile-run.sh - lockbench profile on a program of known lock patterns
# (tests/profile-pattern.c): the exact counts, a timed wait, condition
# variables under every --as lock, recursive mutexes, fork, a crash, and
# the one-line refusals of bad input.
. "${TESTS_SRCDIR:-$(dirname "$0")}/lib.sh"
: "${PROFILE_PATTERN:?PROFILE_PATTERN must name tests/profile-pattern}"
cd "$scratch" || exit 1

# at FILE ADDR NAME: the NAME column of the rows of the lock at ADDR,
# summed over processes.
at() {
	awk -v addr="$2" -v want="$3" "$AWK_SPLIT_CSV"'
	NR == 1 { n = split_csv($0, h); for (i = 1; i <= n; i++) { if (h[i] == want) k = i; if (h[i] == "lock_addr") a = i }; next }
	{ split_csv($0, f); if (f[a] == addr) { s += f[k]; seen = 1; v = f[k] } }
	END { if (!seen) exit 1; if (v ~ /^[0-9]+$/) print s; else print v }' "$1"
}
# profile NAME [lockbench options] -- MODE: run the pattern, into NAME.csv
profile() {
	name=$1; shift
	timeout 120 "$LOCKBENCH" profile --out "$name.csv" "$@" >"$name.out" 2>"$name.err"
}
addr_of() { sed -n "s/^$2=//p" "$1.out" | head -n 1; }

# Two threads x 100,000 lock/unlock: exactly 200,000 acquisitions.
profile count -- "$PROFILE_PATTERN" count
check "count: exit 0" [ $? -eq 0 ]
a=$(addr_of count lock)
check "count: 200000 acquisitions ($(at count.csv "$a" acquisitions))" \
	[ "$(at count.csv "$a" acquisitions)" = 200000 ]
check "count: two threads" [ "$(at count.csv "$a" threads)" = 2 ]
check "count: contended <= acquisitions" [ "$(at count.csv "$a" contended)" -le 200000 ]
site=$(at count.csv "$a" site)
echo "$site" | grep -q '^count_worker+0x[0-9a-f]* (/.*+0x[0-9a-f]*)$' && ok || fail "count: the site names the worker: $site"
# The site resolves with addr2line: object and address from the parentheses.
if command -v addr2line >/dev/null 2>&1; then
	obj=$(echo "$site" | sed 's/^.* (\(.*\)+\(0x[0-9a-f]*\))$/\1/')
	rel=$(echo "$site" | sed 's/^.* (\(.*\)+\(0x[0-9a-f]*\))$/\2/')
	check "count: addr2line -f -e $obj $rel says count_worker" \
		[ "$(addr2line -f -e "$obj" "$rel" | head -n 1)" = count_worker ]
fi
# The table's row of the lock (the summary line above it says 200000 too),
# or, where no acquisition waited, the line that says so.
c=$(at count.csv "$a" contended)
if [ "${c:-x}" = 0 ]; then
	check "count: the table on stderr says no lock was contended" \
		grep -q '^  no lock was contended$' count.err
else
	check "count: the table on stderr: $c contended of 200000, at count_worker" \
		grep -Eq "^ +$c +200000 .* count_worker\+0x" count.err
fi
check "count: header columns" sh -c 'head -n 1 count.csv | grep -q "^lock_addr,kind,site,acquisitions,contended,wait_total_ns,wait_p50_ns,wait_p99_ns,wait_max_ns,hold_p50_ns,hold_p99_ns,hold_max_ns,owner_changes,threads,"'
check "count: sidecar" grep -q "^exit_status=0" count.csv.meta
check "count: sidecar wall time" grep -q "^wall_s=[0-9]" count.csv.meta
# The same exact count when another lock runs the mutex: 2 x 5,000, as
# a FIFO spinlock (mcs, ticket) whose two threads share their CPUs with
# other work falls into a convoy, every hand-over waiting for the next
# thread's turn on a CPU (milliseconds): at 2 x 100,000, 1 run in 40 took
# minutes beside two busy loops.
for as in gomutex mcs ticket ttas; do
	profile "count-$as" --as "$as" -- "$PROFILE_PATTERN" count 5000
	check "count --as $as: exit 0" [ $? -eq 0 ]
	a=$(addr_of "count-$as" lock)
	check "count --as $as: 10000 acquisitions ($(at "count-$as.csv" "$a" acquisitions))" \
		[ "$(at "count-$as.csv" "$a" acquisitions)" = 10000 ]
done

# A lock held 20 ms while another thread sleeps on it: a wait of 20 ms.
profile hold -- "$PROFILE_PATTERN" hold
check "hold: exit 0" [ $? -eq 0 ]
a=$(addr_of hold lock)
check "hold: one contended acquisition" [ "$(at hold.csv "$a" contended)" = 1 ]
w=$(at hold.csv "$a" wait_max_ns)
check "hold: wait_max_ns $w >= 20 ms" [ "${w:-0}" -ge 20000000 ]
check "hold: wait_total_ns >= wait_max_ns" [ "$(at hold.csv "$a" wait_total_ns)" -ge "${w:-0}" ]
check "hold: one owner change" [ "$(at hold.csv "$a" owner_changes)" = 1 ]

# Condition-variable ping-pong, plain and under each lockbench lock.
for as in "" gomutex gomutex:mode=starvation mcs ticket ttas tas pthread-spin pthread-mutex; do
	n=pp${as:+-$(echo "$as" | tr ':=' '__')}
	profile "$n" ${as:+--as "$as"} -- "$PROFILE_PATTERN" pingpong
	check "pingpong ${as:-plain}: exit 0 ($(tail -n 1 "$n.err"))" [ $? -eq 0 ]
	a=$(addr_of "$n" lock)
	acq=$(at "$n.csv" "$a" acquisitions)
	check "pingpong ${as:-plain}: the mutex counted ($acq >= 2000)" [ "${acq:-0}" -ge 2000 ]
	check "pingpong ${as:-plain}: the lock column" [ "$(at "$n.csv" "$a" lock)" = "${as:-system}" ]
	c=$(addr_of "$n" cond)
	check "pingpong ${as:-plain}: the condition variable's row" [ "$(at "$n.csv" "$c" kind)" = cond ]
done

# A recursive mutex keeps its semantics (the program checks them), and
# under --as stays the system's, and says so.
for as in "" mcs; do
	n=rec${as:+-$as}
	profile "$n" ${as:+--as "$as"} -- "$PROFILE_PATTERN" recursive
	check "recursive ${as:-plain}: exit 0" [ $? -eq 0 ]
	a=$(addr_of "$n" lock)
	e=$(addr_of "$n" errorcheck)
	check "recursive ${as:-plain}: 2 acquisitions" [ "$(at "$n.csv" "$a" acquisitions)" = 2 ]
	check "recursive ${as:-plain}: EDEADLK is no acquisition" [ "$(at "$n.csv" "$e" acquisitions)" = 1 ]
done
check "recursive --as: real (recursive)" [ "$(at rec-mcs.csv "$(addr_of rec-mcs lock)" lock)" = "real (recursive)" ]
check "recursive --as: real (errorcheck)" [ "$(at rec-mcs.csv "$(addr_of rec-mcs errorcheck)" lock)" = "real (errorcheck)" ]

# fork: the child has a profile of its own.
profile fork -- "$PROFILE_PATTERN" fork
check "fork: exit 0" [ $? -eq 0 ]
a=$(addr_of fork lock)
check "fork: two processes" [ "$(csv_col fork.csv pid | sort -u | wc -l)" -eq 2 ]
check "fork: 3 + 5 acquisitions" [ "$(at fork.csv "$a" acquisitions)" = 8 ]

# A crash: the status is 128+11, the signal is reported, the profile kept.
profile crash -- "$PROFILE_PATTERN" crash
rc=$?
check "crash: exit 139 ($rc)" [ $rc -eq 139 ]
check "crash: the signal reported" grep -q "killed by signal 11" crash.err
check "crash: the acquisitions before it" [ "$(at crash.csv "$(addr_of crash lock)" acquisitions)" = 1000 ]
check "crash: the sidecar" grep -q "^signal=11" crash.csv.meta

# Nothing to interpose: no locks; a static program.
profile none -- "$PROFILE_PATTERN" none
check "none: exit 0" [ $? -eq 0 ]
check "none: says so" grep -q "used no pthread locks" none.err
if ldd /sbin/ldconfig 2>&1 | grep -q "statically linked"; then
	timeout 60 "$LOCKBENCH" profile -- /sbin/ldconfig --version >/dev/null 2>static.err
	check "static: exit 0" [ $? -eq 0 ]
	check "static: says so" grep -q "statically linked" static.err
fi

# Bad input: one line each, exit 2 (127: a program that cannot run).
"$LOCKBENCH" profile 2>e1.txt
check "no PROGRAM: exit 2" [ $? -eq 2 ]
"$LOCKBENCH" profile --as nosuch -- true 2>e2.txt
check "unknown --as: exit 2" [ $? -eq 2 ]
"$LOCKBENCH" profile --as none -- true 2>e3.txt
check "unsafe --as: exit 2" [ $? -eq 2 ]
"$LOCKBENCH" profile --as gomutex:mode=nosuch -- true 2>e4.txt
check "bad --as option: exit 2" [ $? -eq 2 ]
"$LOCKBENCH" profile -- ./no-such-program 2>e5.txt
check "missing PROGRAM: exit 127" [ $? -eq 127 ]
for e in e1 e2 e3 e4 e5; do
	check "$e: one line" [ "$(wc -l <$e.txt)" -eq 1 ]
done
check "no PROGRAM: says so" grep -q "no PROGRAM" e1.txt
check "unknown --as: names it" grep -q "unknown lock 'nosuch'" e2.txt
check "unsafe --as: --allow-unsafe" grep -q -- "--allow-unsafe" e3.txt
"$LOCKBENCH" profile --as none --allow-unsafe -- "$PROFILE_PATTERN" none 2>/dev/null
check "unsafe --as with --allow-unsafe: runs" [ $? -eq 0 ]
"$LOCKBENCH" profile --out count.csv -- true 2>e6.txt
check "an existing --out is kept without --force" [ $? -eq 2 ]
"$LOCKBENCH" profile -- sh -c 'exit 7' 2>/dev/null
check "the program's exit status" [ $? -eq 7 ]
finish
