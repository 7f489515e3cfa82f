#!/bin/sh
# mutants.sh - `make check-mutants`: show that the tests of the Go
# primitives fail when the behaviour they guard is broken.
#
# Each mutant is one small change to one of locks/gomutex.c, sema.c,
# gorwmutex.c, wg_go.c or errgroup.c: a literal text replaced by another.  The
# script copies the distributed sources into a scratch directory
# (`make distdir`), configures a build there once, and then, for each
# mutant, puts the pristine file back, applies the change, and runs
#     make check TESTS='tests/test-gosync'   (or tests/test-waitgroups)
# the part of make check that tests the mutated file, under a time
# limit.  (The sources pass both first, unmutated.)  A mutant
# is caught when that fails (a failed check, a crash, or a hang killed at
# the limit); it SURVIVED when it passes.  A mutant whose text is not
# found exactly once in its file is an error: the list has gone stale.
# The checked-out tree is never touched.
#
# Prints one line per mutant and exits 1 if any survived or could not be
# applied, 0 when every one was caught.
#
# Environment: SRCDIR (the source tree), BUILDDIR (a configured build of
# it, whose configure arguments the scratch build reuses), MAKE,
# MUTANT_LIMIT (seconds per mutant, default 120), MUTANTS (names to run,
# space separated; default all).
set -u

SRCDIR=${SRCDIR:?SRCDIR: the source tree}
BUILDDIR=${BUILDDIR:?BUILDDIR: a configured build}
MAKE=${MAKE:-make}
LIMIT=${MUTANT_LIMIT:-120}
TESTS_RUN='tests/test-gosync tests/test-waitgroups'

# name|file|from|to|tests, one per line; from and to are literal text
# without '|',
# tests the programs that guard that file: gosync (test-gosync) for the
# mutex, the RWMutex and their semaphore, wg (test-waitgroups) for the
# WaitGroup and the errgroup over it.
MUTANTS_LIST='requeue-back|locks/gomutex.c|bool lifo = wait_start != 0;|bool lifo = false;|gosync
never-starve|locks/gomutex.c|if (starving && (old & LB_GOMUTEX_LOCKED))|if (0)|gosync
threshold-x1000|locks/gomutex.c|: cfg->threshold_ns;|: cfg->threshold_ns * 1000;|gosync
no-spin|locks/gomutex.c|m->spin = process_ncpu > 1 ? cfg->spin : 0;|m->spin = 0;|gosync
spin-from-thread-mask|locks/gomutex.c|m->spin = process_ncpu > 1 ? cfg->spin : 0;|read_process_cpus(); m->spin = process_ncpu > 1 ? cfg->spin : 0;|gosync
no-handoff|locks/gomutex.c|lb_sema_release(&m->sema, LB_SEMA_HANDOFF, st);|lb_sema_release(&m->sema, LB_SEMA_RUNNEXT, st);|gosync
unlock-wakes-at-once|locks/gomutex.c|LB_SEMA_RUNNEXT|LB_SEMA_WAKE|gosync
waiter-count-kept|locks/gomutex.c|int32_t delta = LB_GOMUTEX_LOCKED - one_waiter;|int32_t delta = LB_GOMUTEX_LOCKED;|gosync
never-leave-starvation|locks/gomutex.c|delta -= LB_GOMUTEX_STARVING;|(void)0;|gosync
handoff-through-count|locks/sema.c|wake(w, TICKET, st);|atomic_fetch_add(&s->count, 1); wake(w, WOKEN, st);|gosync
queue-lifo-ignored|locks/sema.c|} else if (lifo) {|} else if (lifo && 0) {|gosync
runnext-no-wait|locks/sema.c|if (how == NEXT)|if (0)|gosync
wake-waits-too|locks/sema.c|how == LB_SEMA_RUNNEXT ? NEXT : WOKEN|NEXT|gosync
writer-ignores-readers|locks/gorwmutex.c|lb_sema_acquire(&rw->writer_sem, false, st);|(void)0;|gosync
reader-ignores-writer|locks/gorwmutex.c|lb_sema_acquire(&rw->reader_sem, false, st);|(void)st;|gosync
wg-negative-unchecked|locks/wg_go.c|if (v < 0)|if (0)|wg
wg-add-during-wait-unchecked|locks/wg_go.c|if (w != 0 && delta > 0 && v == (int32_t)delta)|if (0)|wg
wg-reuse-unchecked|locks/wg_go.c|if (atomic_load_explicit(&wg->state, memory_order_relaxed) != 0)|if (0)|wg
eg-error-lost|locks/errgroup.c|return atomic_load_explicit(&g->err, memory_order_acquire);|return 0;|wg
eg-last-error-wins|locks/errgroup.c|if (err != 0 && atomic_compare_exchange_strong_explicit(&g->err, &none, err,|if (err != 0 && (none = atomic_load(&g->err), 1) && atomic_compare_exchange_strong_explicit(&g->err, &none, err,|wg
eg-cancel-without-error|locks/errgroup.c|if (err != 0 && atomic_compare_exchange_strong_explicit(&g->err, &none, err,|if (atomic_compare_exchange_strong_explicit(&g->err, &none, err,|wg
eg-never-cancel|locks/errgroup.c|atomic_store_explicit(&g->cancelled, true, memory_order_release);|(void)0;|wg'

scratch=$(mktemp -d "${TMPDIR:-/tmp}/lockbench-mutants.XXXXXX") || exit 1
trap 'chmod -R u+w "$scratch" 2>/dev/null; rm -rf "$scratch"' EXIT INT TERM
log=$scratch/log

# The sources, and a build configured as BUILDDIR's.
if ! (cd "$BUILDDIR" && $MAKE distdir distdir="$scratch/src") >"$log" 2>&1; then
	echo "mutants: make distdir failed:" >&2
	tail -20 "$log" >&2
	exit 1
fi
chmod -R u+w "$scratch/src"
mkdir "$scratch/build" "$scratch/pristine"
config=$(cd "$BUILDDIR" && ./config.status --config) || exit 1
if ! (cd "$scratch/build" && eval "\"$scratch/src/configure\" $config") >"$log" 2>&1 ||
   ! $MAKE -C "$scratch/build" >"$log" 2>&1; then
	echo "mutants: the scratch build failed:" >&2
	tail -20 "$log" >&2
	exit 1
fi

# The unmutated sources must pass, or a caught mutant proves nothing.
if ! timeout "$LIMIT" $MAKE -C "$scratch/build" check TESTS="$TESTS_RUN" >"$log" 2>&1; then
	echo "mutants: the tests fail without any mutant:" >&2
	tail -30 "$log" >&2
	exit 1
fi

t_all=$(date +%s)
caught=0 survived=0 broken=0
IFS='
'
for line in $MUTANTS_LIST; do
	name=${line%%|*}; rest=${line#*|}
	file=${rest%%|*}; rest=${rest#*|}
	from=${rest%%|*}; rest=${rest#*|}
	to=${rest%%|*}; which=${rest#*|}
	case $which in
	gosync) run='tests/test-gosync' ;;
	*) run='tests/test-waitgroups' ;;
	esac
	case " ${MUTANTS:-$name} " in *" $name "*) ;; *) continue ;; esac
	src=$scratch/src/$file
	[ -f "$scratch/pristine/${file##*/}" ] || cp "$src" "$scratch/pristine/${file##*/}"
	cp "$scratch/pristine/${file##*/}" "$src"
	# Replace the text; exactly one occurrence, or the list is stale.
	if ! FROM=$from TO=$to perl -0pi -e \
		'$n = s/\Q$ENV{FROM}\E/$ENV{TO}/g; END { exit($n == 1 ? 0 : 3) }' "$src"; then
		printf '%-30s NOT APPLIED (text not found once in %s)\n' "$name" "$file"
		broken=$((broken + 1))
		cp "$scratch/pristine/${file##*/}" "$src"
		continue
	fi
	# A mutant that does not build (under --enable-werror, say) proves
	# nothing about the tests: an error, like a stale one.
	if ! $MAKE -C "$scratch/build" "$run" >"$log" 2>&1; then
		printf '%-30s NOT BUILT: %s\n' "$name" "$(grep -m1 'error' "$log" | cut -c1-100)"
		broken=$((broken + 1))
		cp "$scratch/pristine/${file##*/}" "$src"
		continue
	fi
	rm -f "$scratch/build/$run.log"
	t0=$(date +%s)
	timeout "$LIMIT" $MAKE -C "$scratch/build" check TESTS="$run" >"$log" 2>&1
	rc=$?
	secs=$(($(date +%s) - t0))
	if [ $rc -eq 0 ]; then
		printf '%-30s SURVIVED (%s: %s) %ss\n' "$name" "$file" "$to" "$secs"
		survived=$((survived + 1))
	else
		# What failed: the first failed check, else make's verdict.
		why=$(cat "$scratch/build/$run.log" 2>/dev/null | grep -m1 ': FAIL: ' |
			sed 's/^[^:]*:[0-9]*: FAIL: //' | cut -c1-100)
		[ -n "$why" ] || why=$(grep -m1 -E '^(FAIL|ERROR):' "$log")
		[ $rc -eq 124 ] && why="killed after ${LIMIT}s"
		printf '%-30s caught %3ss  %s\n' "$name" "$secs" "${why:-make check failed}"
		caught=$((caught + 1))
	fi
	cp "$scratch/pristine/${file##*/}" "$src"
done
unset IFS

echo "mutants: $caught caught, $survived survived, $broken not applied or not built" \
	"($(($(date +%s) - t_all))s)"
[ $survived -eq 0 ] && [ $broken -eq 0 ] && [ $caught -gt 0 ]
