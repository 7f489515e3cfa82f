#!/bin/sh
# cli-errors.sh - every malformed flag or value ends with exit status 2 and
# one line on stderr naming the flag and the value; nothing is written and
# no existing file is touched.
. "${TESTS_SRCDIR:-$(dirname "$0")}/lib.sh"

cd "$scratch" || exit 1
echo "keep me" >existing.csv
before=$(ls -A | sort | tr '\n' ' ')

# bad EXPECTED-TEXT... -- ARGS...: exit 2, exactly one stderr line holding
# every EXPECTED-TEXT, no file made or changed in the scratch directory.
bad() {
	want=""
	while [ "$1" != "--" ]; do want="$want
$1"; shift; done
	shift
	"$LOCKBENCH" "$@" >out.txt 2>err.txt </dev/null
	rc=$?
	what="lockbench $*"
	[ $rc -eq 2 ] && ok || fail "$what: exit $rc, not 2"
	[ "$(wc -l <err.txt)" -eq 1 ] && ok || fail "$what: stderr is not one line: $(cat err.txt)"
	[ ! -s out.txt ] && ok || fail "$what: wrote to stdout: $(head -3 out.txt)"
	echo "$want" | while IFS= read -r w; do
		[ -z "$w" ] && continue
		grep -qF -- "$w" err.txt || { echo "FAIL: $what: stderr lacks '$w': $(cat err.txt)" >&2; echo x >>misses; }
	done
	rm -f out.txt err.txt
	now=$(ls -A | grep -v '^misses$' | sort | tr '\n' ' ')
	[ "$now" = "$before" ] && ok || fail "$what: files changed: '$now' vs '$before'"
	[ "$(cat existing.csv)" = "keep me" ] && ok || fail "$what: existing.csv was touched"
}

R="run --duration 10ms --warmup 0 --reps 1 --workload hits --locks tas"

# subcommands and flags
bad "unknown command" "frobnicate" -- frobnicate
bad "unknown option" "--frob" -- run --frob
bad "--threads" "needs a value" -- run --threads
bad "unexpected argument" "extra" -- run extra
bad "unknown option" "--bogus" -- list --bogus
# locks and their options
bad "--locks" "nope" "unknown lock" -- $R --locks nope
bad "--locks" "unknown option 'foo'" "ttas" -- $R --locks ttas:foo=1
bad "--locks" "type" "fast" -- $R --locks pthread-mutex:type=fast
bad "--locks" "backoff_max" "-5" -- $R --locks ttas:backoff_max=-5
bad "--locks" "backoff_min" "backoff_max" -- $R --locks ttas:backoff_min=100,backoff_max=10
bad "--locks" "type=normal" -- $R --locks type=normal
bad "--locks" "none" "--allow-unsafe" -- $R --locks none --threads 1,2
# gomutex's threshold matters only in mode=adaptive: another value with
# another mode is refused; the default, as lock_opts writes it, is taken.
bad "--locks" "lock 'gomutex'" "threshold=2ms has no effect with mode=normal" "mode=adaptive" \
	-- $R --locks gomutex:mode=normal,threshold=2ms
bad "--locks" "lock 'gorwmutex'" "threshold=0ns has no effect with mode=starvation" \
	-- $R --locks gorwmutex:mode=starvation,threshold=0
for spec in gomutex:mode=normal,threshold=1ms gorwmutex:mode=starvation,threshold=1ms; do
	"$LOCKBENCH" $R --dry-run --locks "$spec" >out.txt 2>err.txt &&
		grep -qF "$spec" out.txt && ok || fail "--locks $spec: not accepted: $(cat err.txt)"
	rm -f out.txt err.txt
done
# threads
for t in 0 -1 abc 100000 "" 3-1 1,,2 2.5; do
	bad "--threads" "'$t'" -- $R --threads "$t"
done
# durations
for d in -1s 5 0s 0 abc 2h; do
	bad "--duration" "'$d'" -- $R --duration "$d"
done
bad "--duration" "no unit" -- $R --duration 5
bad "--warmup" "'-3ms'" -- $R --warmup -3ms
bad "--warmup" "'7'" -- $R --warmup 7
bad "--timeout" "'100ms'" "longer than" -- $R --duration 200ms --timeout 100ms
bad "--timeout" "'x'" -- $R --timeout x
bad "--reps" "'0'" -- $R --reps 0
bad "--reps" "'many'" -- $R --reps many
bad "--sample-every" "'5x'" "not a count" -- $R --sample-every 5x
bad "--sample-every" "'2s'" -- $R --sample-every 2s
bad "--sample-every" "'1000001'" -- $R --sample-every 1000001
# workload parameters
for r in 1.5 -0.1 abc ""; do
	bad "--read-ratio" "'$r'" -- $R --read-ratio "$r"
done
bad "--keys" "'0'" -- $R --keys 0
bad "--keys" "'lots'" -- $R --keys lots
bad "--dist" "'pareto'" -- $R --dist pareto
bad "--skew" "'0'" -- $R --skew 0
bad "--cs-ns" "'fast'" -- $R --cs-ns fast
bad "--think-ns" "'-4'" -- $R --think-ns -4
bad "--workload" "'sleep'" "unknown workload" -- $R --workload sleep
bad "--seed" "'x'" -- $R --seed x
# pinning
bad "--pin" "'999'" "does not exist" -- $R --pin 999
bad "--pin" "'abc'" -- $R --pin abc
bad "--pin" "'0-'" -- $R --pin 0-
# output
bad "--out" "existing.csv" "exists" -- $R --out existing.csv
bad "--out" "no-such-dir/x.csv" -- $R --out no-such-dir/x.csv
bad "--out" "is a directory" -- $R --out .
bad "--out" "/proc/lockbench.csv" "cannot create" -- $R --out /proc/lockbench.csv
bad "--platform" "'a b'" -- $R --platform "a b"
# topo
bad "--threads" "'0'" -- topo --threads 0
bad "--synthetic" "'bogus:x'" -- topo --synthetic bogus:x

# bounds, empty values and empty list items
bad "--keys" "'16777217'" -- $R --keys 16777217
bad "--cs-ns" "'11s'" -- $R --cs-ns 11s
bad "--skew" "'11'" -- $R --skew 11
bad "--reps" "'1001'" -- $R --reps 1001
bad "--warmup" "'61m'" -- $R --warmup 61m
bad "--duration" "'61m'" -- $R --duration 61m
bad "--duration" "'500us'" "1ms" -- $R --duration 500us
bad "--timeout" "'0'" -- $R --timeout 0
bad "--timeout" "'1441m'" "1440m" -- $R --timeout 1441m
bad "--seed" "'-1'" -- $R --seed -1
bad "--seed" "'99999999999999999999999'" -- $R --seed 99999999999999999999999
bad "--platform" "''" -- $R --platform ""
bad "--platform" "'$(printf 'p%.0s' $(seq 1 64))'" -- $R --platform "$(printf 'p%.0s' $(seq 1 64))"
bad "--out" "''" -- $R --out ""
bad "--locks" "unknown lock ''" -- $R --locks ""
bad "--locks" "'tas,'" -- $R --locks tas,
bad "--workload" "unknown workload ''" -- $R --workload ""
bad "--read-ratio" "'0.5,'" -- $R --read-ratio 0.5,
bad "--threads" "'1-'" -- $R --threads 1-
bad "--pin" "''" -- $R --pin ""
bad "--pin" "'0,,1'" -- $R --pin 0,,1
bad "--force" "takes no value" -- $R --force=yes
bad "'--d'" "ambiguous" -- $R --d 1s
bad "--out" "existing.csv" "exists" -- $R --dry-run --out existing.csv
bad "unexpected argument 'foo'" -- $R foo --threads 1
bad "unexpected argument" "extra" -- topo extra
bad "--synthetic" "''" -- topo --synthetic ""

# WaitGroups, their workloads and the preset
W="run --duration 10ms --warmup 0 --reps 1 --workload waitgroup"
bad "--waitgroups" "unknown waitgroup 'nope'" "known: " -- $W --waitgroups nope
bad "--waitgroups" "waitgroup 'wg-go'" "unknown option 'foo'" -- $W --waitgroups wg-go:foo=1
bad "--waitgroups" "unknown waitgroup ''" -- $W --waitgroups ""
bad "--waitgroups" "'wg-go,'" -- $W --waitgroups wg-go,
bad "--waitgroups" "option with no waitgroup before it" -- $W --waitgroups spin=1
bad "--waitgroups" "wg-seed-racy" "--allow-unsafe" -- $W --waitgroups wg-seed-racy --threads 1,2
bad "--waitgroups" "no workload chosen uses a WaitGroup" "seed, waitgroup, errgroup" -- $R --waitgroups wg-go
bad "--locks" "no workload chosen uses a lock" "getset, hits, seed" -- $W --locks tas
bad "--spawn" "'fork'" "not pool or thread" -- $W --spawn fork
bad "--spawn" "at most two" -- $W --spawn pool,thread,pool
bad "--spawn" "''" -- $W --spawn ""
bad "--spawn" "'pool' is given twice" -- $W --spawn pool,pool
# Options past their 255 bytes are refused, not cut (cut, a value could
# read as another: backoff_max=000...1000 as 100).
zeros=$(printf '%0140d' 0)
bad "--locks" "a lock's options are at most 255 bytes: too long at 'backoff_max=" -- \
	run --locks "ttas:backoff_min=${zeros}4,backoff_max=${zeros}1000" --dry-run
bad "--waitgroups" "a waitgroup's options are at most 255 bytes" -- \
	$W --waitgroups "wg-go:spin=$zeros$zeros" --dry-run
bad "--work-ns" "'fast'" -- $W --work-ns fast
bad "--work-ns" "'11s'" -- $W --work-ns 11s
bad "--work-ns" "'1us,'" -- $W --work-ns 1us,
bad "--preset" "'nope'" "unknown preset" "starvation" -- run --preset nope
bad "--preset" "''" "unknown preset" -- run --preset ""
bad "--preset" "needs a value" -- run --preset
bad "--threads" "'0'" -- run --preset starvation --threads 0

# an unwritable directory.  Root writes anywhere: as root, lockbench runs
# as nobody (setpriv), through a wrapper here, where nobody may look.
if [ "$(id -u)" -ne 0 ]; then
	mkdir ro && chmod 555 ro && before=$(ls -A | sort | tr '\n' ' ')
	bad "--out" "ro/x.csv" "cannot create" -- $R --out ro/x.csv
elif command -v setpriv >/dev/null 2>&1; then
	chmod 755 . && mkdir ro && chmod 555 ro &&
		printf '#!/bin/sh\nexec setpriv --reuid=65534 --regid=65534 --clear-groups "$LB_AS_ROOT" "$@"\n' >as-nobody &&
		chmod 755 as-nobody && before=$(ls -A | sort | tr '\n' ' ')
	LB_AS_ROOT=$LOCKBENCH LOCKBENCH=$scratch/as-nobody
	export LB_AS_ROOT
	if "$LOCKBENCH" --version >/dev/null 2>&1; then
		bad "--out" "ro/x.csv" "cannot create" -- $R --out ro/x.csv
	else
		echo "--out ro/x.csv: nobody cannot run $LB_AS_ROOT, not checked"
	fi
	LOCKBENCH=$LB_AS_ROOT
else
	echo "--out ro/x.csv: root, and no setpriv to run as nobody, not checked"
fi

[ -f misses ] && failed=$((failed + $(wc -l <misses)))
finish
