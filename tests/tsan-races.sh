#!/bin/sh
# tsan-races.sh - ThreadSanitizer must see the races that are there: `none`
# (two threads incrementing a counter under a lock that does not lock)
# and `wg-seed-racy` (the Go text's WaitGroup without a lock), and none
# where a safe lock or WaitGroup orders the same accesses.  Without this,
# a clean TSan build proves nothing.
. "${TESTS_SRCDIR:-$(dirname "$0")}/lib.sh"
cd "$scratch" || exit 1
[ "${LB_TSAN:-no}" = yes ] || skip "not a ThreadSanitizer build (configure --enable-tsan)"
: "${TSAN_RACE:?TSAN_RACE must name the tsan-race program}"

# A fresh environment for each: no suppressions, every report.
race() { # KIND NAME: run tsan-race, output in KIND-NAME.txt, exit status in $rc
	TSAN_OPTIONS="exitcode=66 halt_on_error=0" "$TSAN_RACE" "$1" "$2" >"$1-$2.txt" 2>&1
	rc=$?
}

race lock none
check "none: exit status 66, TSan's for a report (got $rc)" [ $rc -eq 66 ]
check "none: 'ThreadSanitizer: data race' reported" grep -q "ThreadSanitizer: data race" lock-none.txt
check "none: the race is the counter in lock_worker" grep -q "lock_worker" lock-none.txt

race wg wg-seed-racy
check "wg-seed-racy: exit status 66 (got $rc)" [ $rc -eq 66 ]
check "wg-seed-racy: 'ThreadSanitizer: data race' reported" \
	grep -q "ThreadSanitizer: data race" wg-wg-seed-racy.txt
check "wg-seed-racy: the race is in the WaitGroup's Done" grep -q "seed_done" wg-wg-seed-racy.txt

# The controls: the same program, a primitive that orders the accesses.
for l in gomutex gorwmutex pthread-mutex ticket mcs; do
	race lock $l
	check "$l: no report, exit 0 (got $rc: $(grep -m1 WARNING lock-$l.txt))" [ $rc -eq 0 ]
done
for w in wg-go wg-cond wg-seed wg-seed-rw wg-seed-fixed; do
	race wg $w
	check "$w: no report, exit 0 (got $rc: $(grep -m1 WARNING wg-$w.txt))" [ $rc -eq 0 ]
done
finish
