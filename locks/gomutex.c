/*
 * gomutex.c - Go's sync.Mutex: barging with a bounded spin, and a
 * starvation mode that hands the lock to the longest waiter.
 *
 * Algorithm.  Go's src/internal/sync/mutex.go (sync.Mutex since Go 1.9,
 * D. Vyukov's starvation mode, golang.org/cl/34310), ported to C11 on
 * sema.c's queued semaphore, which stands in for Go's runtime semaphore.
 *
 * State: one 32-bit word and a semaphore.
 *
 *   LOCKED   (1)  held
 *   WOKEN    (2)  a waiter is awake and competing: unlock need wake none
 *   STARVING (4)  starvation mode: unlock hands the lock to the head waiter
 *   waiters       state >> 3: threads asleep on, or about to sleep on, sema
 *
 * Two modes.  Normal: a thread woken by unlock does not own the lock; it
 * competes with threads that arrive meanwhile (which are running and
 * usually win), and if it loses it sleeps again at the front of the
 * queue.  Starvation: unlock hands the lock straight to the head waiter
 * (LOCKED stays 0; STARVING means "owned"), newcomers neither take it nor
 * spin but queue at the back, and the releaser yields its CPU to the new
 * owner.  A waiter that has waited longer than the threshold (1 ms in
 * Go) switches the mutex into starvation mode; the waiter that receives
 * it switches back when it waited less than that or is the last waiter,
 * or two threads would go on in lock-step in the slow mode for ever.
 *
 * lock: CAS (0) -> LOCKED, else lockSlow, a loop over old = state:
 *   1. spin: while (old & (LOCKED|STARVING)) == LOCKED and rounds remain
 *      (at most `spin` rounds of 30 PAUSEs, none when the process has one
 *      CPU), pause a round; on the way set WOKEN if no one is awake and
 *      there are waiters, so that unlock wakes nobody while we can take
 *      the lock ourselves;
 *   2. new = old, | LOCKED unless STARVING, + one waiter if LOCKED or
 *      STARVING, | STARVING if this thread is starving and the mutex is
 *      LOCKED, minus WOKEN if this thread was woken (it must be set);
 *   3. CAS(old, new).  If old had neither LOCKED nor STARVING, the lock is
 *      ours.  Otherwise sleep on sema, at the back the first time and at
 *      the front after that (lifo), with the wait clock started at the
 *      first sleep; on waking, starving |= waited > threshold.  If the
 *      mutex is STARVING it was handed to us: state += LOCKED - one
 *      waiter, and - STARVING if we are not starving or are the last
 *      waiter.  Otherwise we were only woken: go round again with a
 *      fresh spin budget.
 * unlock: state -= LOCKED; if that leaves 0, done.  Else unlockSlow:
 *   LOCKED was not set: "sync: unlock of unlocked mutex", fatal.  Normal
 *   mode: if there are waiters and none of LOCKED, WOKEN, STARVING is set,
 *   CAS one waiter off and WOKEN on and release sema (RUNNEXT: the
 *   unlocker runs on, so the woken waiter competes only after Go's
 *   runnext wait, sema.c).  Starvation mode: release sema with handoff.
 * trylock: fail if LOCKED or STARVING, else CAS old -> old | LOCKED: a
 *   running thread may take the lock before a woken waiter gets to it.
 *
 * Modes here (option mode=): adaptive is Go's (threshold=, 1 ms by
 * default); normal never enters starvation mode (Go before 1.9, with
 * its spinning; threshold infinite); starvation is threshold 0: a
 * waiter starves as soon as it has slept once, so a woken waiter that
 * loses switches the mutex to starvation mode, where every unlock is a
 * handoff until the lock reaches the last waiter (who switches back).
 * The next contended unlock is a normal wake again: the woken waiter
 * takes the lock unless another thread did first, and only then
 * switches.  So not every contended unlock is a handoff.  A thread that
 * never slept does not set STARVING, as in Go: the invariant that only
 * the thread that owns WOKEN (the one woken, or a spinner that set it)
 * switches the mode, clearing WOKEN in the same CAS, is what lets the
 * receiver of a handoff require WOKEN clear.  spin= sets the spin
 * rounds (Go: 4).  Go also spins only when other processors are running
 * and its own run queue is empty, which a C thread cannot see; it
 * spins when the process may run on more than one CPU (see
 * read_process_cpus).
 *
 * Memory ordering.  Every CAS that can take the lock is an acquire; the
 * fetch_sub in unlock is a release.  The acquiring CAS reads either that
 * fetch_sub's value or a later RMW's (waiter counts, WOKEN), which all
 * continue its release sequence, so the previous critical section
 * happens-before ours.  A handoff in starvation mode passes ownership
 * through sema (release exchange on the waiter's word, acquire load by
 * the waiter), which follows the unlocker's fetch_sub; so the fetch_add
 * with which the new owner fixes the state can be relaxed.  The other
 * RMWs (WOKEN while spinning, a waiter added, the wake in unlockSlow)
 * transfer no data and are relaxed.
 *
 * Fairness.  Normal mode favours running threads: high throughput (a
 * woken waiter sits out the runnext wait, as a woken goroutine does,
 * and the unlocker meanwhile runs on alone), but a waiter can lose for a
 * long time, which is what starvation mode bounds
 * (about threshold plus a queue's worth of handoffs).  Starvation mode
 * is FIFO among sleepers and slow: every hand-over costs a wakeup and
 * a context switch.
 *
 * Progress.  Waiters sleep in the kernel, after spinning a little; a
 * preempted owner costs them latency, not CPU.  In starvation mode a
 * preempted head waiter holds everyone up, as a FIFO spinlock's does.
 *
 * Counters: spins (pause rounds), sleeps, wakeups, handoffs (from sema),
 * starve_enter (this thread set STARVING), starve_exit (this thread,
 * receiving the lock, cleared it).
 */
#include <errno.h>
#include <sched.h>
#include <stdint.h>
#include <stdio.h>

#include "harness/clock.h"
#include "locks/gomutex.h"

/* The CPUs this process may run on: Go's ncpu, which the runtime reads
 * once as the program starts (osinit, getproccount) and never again.
 * sched_getaffinity(0) gives the calling thread's mask, not the
 * process's: read at lb_gomutex_init it would see one CPU on any thread
 * that a benchmark has pinned, and such a mutex would never spin.  So it
 * is read here, once, by a constructor: that runs on the main thread
 * before main, before anything can pin it, and a forked child inherits
 * the value with the rest of memory.  A program started under taskset
 * (or a cpuset) gets the mask it was given, as a Go program does.
 * (A library loaded by dlopen after its host pinned the loading thread
 * would see that thread's mask; lockbench's programs link it in.) */
static int process_ncpu = 1;

__attribute__((constructor)) static void read_process_cpus(void)
{
	cpu_set_t set;

	if (sched_getaffinity(0, sizeof set, &set) == 0)
		process_ncpu = CPU_COUNT(&set);
}

void lb_gomutex_init(struct lb_gomutex *m, const struct lb_gomutex_cfg *cfg)
{
	atomic_init(&m->state, 0);
	lb_sema_init(&m->sema, 0);
	m->starve_ns = cfg->mode == LB_GOMUTEX_NORMAL     ? UINT64_MAX
		     : cfg->mode == LB_GOMUTEX_STARVATION ? 0
							  : cfg->threshold_ns;
	m->spin = process_ncpu > 1 ? cfg->spin : 0;
}

/* ---- lock ----------------------------------------------------------- */

static _Noreturn void inconsistent(void)
{
	lb_go_fatal("fatal error", "sync: inconsistent mutex state");
}

void lb_gomutex_lock_slow(struct lb_gomutex *m, struct lb_lock_stats *st)
{
	const int32_t one_waiter = 1 << LB_GOMUTEX_WAITER_SHIFT;
	uint64_t wait_start = 0;
	bool starving = false;
	bool awoke = false;
	unsigned iter = 0;
	int32_t old = atomic_load_explicit(&m->state, memory_order_relaxed);

	for (;;) {
		/* 1. Spin, in normal mode while the lock is held. */
		if ((old & (LB_GOMUTEX_LOCKED | LB_GOMUTEX_STARVING)) == LB_GOMUTEX_LOCKED &&
		    iter < m->spin) {
			if (!awoke && !(old & LB_GOMUTEX_WOKEN) &&
			    (old >> LB_GOMUTEX_WAITER_SHIFT) != 0 &&
			    atomic_compare_exchange_strong_explicit(&m->state, &old,
								    old | LB_GOMUTEX_WOKEN,
								    memory_order_relaxed,
								    memory_order_relaxed))
				awoke = true;
			lb_spin_round();
			LB_STAT(st, spins, 1);
			iter++;
			old = atomic_load_explicit(&m->state, memory_order_relaxed);
			continue;
		}

		/* 2. The state we want. */
		int32_t new_state = old;
		if (!(old & LB_GOMUTEX_STARVING))
			new_state |= LB_GOMUTEX_LOCKED; /* newcomers never take a starving mutex */
		if (old & (LB_GOMUTEX_LOCKED | LB_GOMUTEX_STARVING))
			new_state += one_waiter;
		if (starving && (old & LB_GOMUTEX_LOCKED))
			new_state |= LB_GOMUTEX_STARVING; /* unlock expects waiters: we are one */
		if (awoke) {
			if (!(new_state & LB_GOMUTEX_WOKEN))
				inconsistent();
			new_state &= ~LB_GOMUTEX_WOKEN;
		}

		/* 3. Take it, or queue and sleep.  acquire: pairs with the
		 * release fetch_sub in lb_gomutex_unlock (the CAS that takes
		 * the lock reads its release sequence) */
		if (!atomic_compare_exchange_strong_explicit(&m->state, &old, new_state,
							     memory_order_acquire,
							     memory_order_relaxed))
			continue; /* old now holds the state seen */
		if (!(old & (LB_GOMUTEX_LOCKED | LB_GOMUTEX_STARVING)))
			return;
		if ((new_state & LB_GOMUTEX_STARVING) && !(old & LB_GOMUTEX_STARVING))
			LB_STAT(st, starve_enter, 1);

		bool lifo = wait_start != 0;
		if (wait_start == 0)
			wait_start = lb_now_ns();
		lb_sema_acquire(&m->sema, lifo, st);
		starving = starving || lb_now_ns() - wait_start > m->starve_ns;
		old = atomic_load_explicit(&m->state, memory_order_relaxed);
		if (old & LB_GOMUTEX_STARVING) {
			/* Handed to us: LOCKED is 0 and we still count as a
			 * waiter.  Ownership came through sema's acquire. */
			if ((old & (LB_GOMUTEX_LOCKED | LB_GOMUTEX_WOKEN)) ||
			    (old >> LB_GOMUTEX_WAITER_SHIFT) == 0)
				inconsistent();
			int32_t delta = LB_GOMUTEX_LOCKED - one_waiter;
			if (!starving || (old >> LB_GOMUTEX_WAITER_SHIFT) == 1) {
				delta -= LB_GOMUTEX_STARVING;
				LB_STAT(st, starve_exit, 1);
			}
			atomic_fetch_add_explicit(&m->state, delta, memory_order_relaxed);
			return;
		}
		awoke = true;
		iter = 0;
	}
}

bool lb_gomutex_trylock(struct lb_gomutex *m)
{
	int32_t old = atomic_load_explicit(&m->state, memory_order_relaxed);

	if (old & (LB_GOMUTEX_LOCKED | LB_GOMUTEX_STARVING))
		return false;
	/* A waiter may be about to wake, but we are running: take it first.
	 * acquire: pairs with the release fetch_sub in lb_gomutex_unlock */
	return atomic_compare_exchange_strong_explicit(&m->state, &old, old | LB_GOMUTEX_LOCKED,
						       memory_order_acquire, memory_order_relaxed);
}

/* ---- unlock --------------------------------------------------------- */

void lb_gomutex_unlock_slow(struct lb_gomutex *m, int32_t new_state, struct lb_lock_stats *st)
{
	const int32_t one_waiter = 1 << LB_GOMUTEX_WAITER_SHIFT;
	int32_t old = new_state;

	if (((new_state + LB_GOMUTEX_LOCKED) & LB_GOMUTEX_LOCKED) == 0)
		lb_go_fatal("fatal error", "sync: unlock of unlocked mutex");
	if (new_state & LB_GOMUTEX_STARVING) {
		/* Hand the lock to the head waiter, and yield to it. */
		lb_sema_release(&m->sema, LB_SEMA_HANDOFF, st);
		return;
	}
	for (;;) {
		/* No waiters, or one is awake, or the lock is taken again, or
		 * starvation mode began (not ours to serve): wake nobody. */
		if ((old >> LB_GOMUTEX_WAITER_SHIFT) == 0 ||
		    (old & (LB_GOMUTEX_LOCKED | LB_GOMUTEX_WOKEN | LB_GOMUTEX_STARVING)))
			return;
		/* Take the right to wake one. */
		if (atomic_compare_exchange_strong_explicit(&m->state, &old,
							    (old - one_waiter) | LB_GOMUTEX_WOKEN,
							    memory_order_relaxed,
							    memory_order_relaxed)) {
			lb_sema_release(&m->sema, LB_SEMA_RUNNEXT, st);
			return;
		}
	}
}

/* ---- options -------------------------------------------------------- */

enum { OPT_MODE, OPT_THRESHOLD, OPT_SPIN };

#define THRESHOLD_DEFAULT "1ms"

const struct lb_optdesc lb_gomutex_options[] = {
	[OPT_MODE] = {
		.key = "mode",
		.type = LB_OPT_ENUM,
		.def = "adaptive",
		.choices = "adaptive|normal|starvation",
		.help = "adaptive (Go: starvation mode after a wait > threshold), "
			"normal (never starvation mode) or starvation (threshold 0)",
	},
	[OPT_THRESHOLD] = {
		.key = "threshold",
		.type = LB_OPT_DURATION,
		.def = THRESHOLD_DEFAULT,
		.min = 0,
		.max = 10e9,
		.help = "mode=adaptive: a wait longer than this switches to starvation mode "
			"(other modes take only the default)",
	},
	[OPT_SPIN] = {
		.key = "spin",
		.type = LB_OPT_UINT,
		.def = "4",
		.min = 0,
		.max = 1000,
		.help = "rounds of 30 pauses to spin before sleeping (none on one CPU)",
	},
	{ .key = NULL },
};

int lb_gomutex_check(const char *owner, const struct lb_optset *o, char *err, size_t errlen)
{
	uint64_t def = 0;
	char why[LB_ERR_LEN];

	if (lb_parse_duration_ns(THRESHOLD_DEFAULT, &def, why, sizeof why) < 0) {
		snprintf(err, errlen, "%s: threshold default: %s", owner, why);
		return -1;
	}
	/* Other modes ignore threshold; the default stays accepted, as every
	 * canonical spec (lock_opts in the CSV) carries it. */
	if (o->v[OPT_MODE].i != LB_GOMUTEX_ADAPTIVE && (uint64_t)o->v[OPT_THRESHOLD].i != def) {
		char given[32];
		lb_format_duration((uint64_t)o->v[OPT_THRESHOLD].i, given, sizeof given);
		snprintf(err, errlen,
			 "%s: threshold=%s has no effect with mode=%s: threshold applies only to "
			 "mode=adaptive (drop it, or leave it at " THRESHOLD_DEFAULT ")",
			 owner, given, o->v[OPT_MODE].i == LB_GOMUTEX_NORMAL ? "normal" : "starvation");
		errno = EINVAL;
		return -1;
	}
	return 0;
}

struct lb_gomutex_cfg lb_gomutex_cfg_of(const struct lb_optset *o)
{
	/* The enum's choices are in lb_gomutex_mode's order. */
	return (struct lb_gomutex_cfg){
		.mode = (enum lb_gomutex_mode)o->v[OPT_MODE].i,
		.threshold_ns = (uint64_t)o->v[OPT_THRESHOLD].i,
		.spin = (unsigned)o->v[OPT_SPIN].i,
	};
}

/* ---- the `gomutex` lock --------------------------------------------- */

static int gomutex_check(const struct lb_optset *o, char *err, size_t errlen)
{
	return lb_gomutex_check("lock 'gomutex'", o, err, errlen);
}

static int gomutex_init(void *l, const struct lb_optset *o)
{
	struct lb_gomutex_cfg cfg = lb_gomutex_cfg_of(o);

	lb_gomutex_init(l, &cfg);
	return 0;
}

static void gomutex_destroy(void *l)
{
	(void)l;
}

static void gomutex_lock(void *l, void *ctx)
{
	lb_gomutex_lock(l, ctx);
}

static void gomutex_unlock(void *l, void *ctx)
{
	lb_gomutex_unlock(l, ctx);
}

static bool gomutex_trylock(void *l, void *ctx)
{
	(void)ctx;
	return lb_gomutex_trylock(l);
}

LB_LOCK_CYCLE(gomutex_cycle, gomutex_lock, gomutex_unlock)

const struct lb_lock_ops lb_lock_gomutex = {
	.name = "gomutex",
	.summary = "Go's sync.Mutex: spin, then sleep in a FIFO; starvation mode hands off",
	.caps = LB_CAP_TRYLOCK | LB_CAP_HAS_STATS,
	.size = sizeof(struct lb_gomutex),
	.ctx_size = sizeof(struct lb_lock_stats),
	.stats = LB_STAT_spins | LB_STAT_sleeps | LB_STAT_wakeups | LB_STAT_handoffs |
		 LB_STAT_starve_enter | LB_STAT_starve_exit,
	.options = lb_gomutex_options,
	.check = gomutex_check,
	.init = gomutex_init,
	.destroy = gomutex_destroy,
	.lock = gomutex_lock,
	.unlock = gomutex_unlock,
	.trylock = gomutex_trylock,
	.rlock = NULL,
	.runlock = NULL,
	.cycle = gomutex_cycle,
};
