/*
 * ttas.c - test-and-test-and-set with bounded exponential backoff.
 *
 * Algorithm.  Test-and-test-and-set (L. Rudolph and Z. Segall, "Dynamic
 * Decentralized Cache Schemes for MIMD Parallel Processors", ISCA 1984)
 * waits by reading the lock word, not by writing it, and tries the atomic
 * exchange only when the word reads free.  Exponential backoff (T. E.
 * Anderson, "The Performance of Spin Lock Alternatives for Shared-Memory
 * Multiprocessors", IEEE TPDS 1(1), 1990) makes a thread that lost the
 * race wait before it looks again, twice as long after each loss.
 *
 *   (0)  free
 *   (1)  held
 *
 * Fast path: one exchange, which succeeds when the lock is free.  Slow
 * path, per round:
 *
 *   1. spin on a relaxed load while the word reads (1);
 *   2. exchange(word, 1): (0) back means the lock is ours;
 *   3. lost the race: pause for `backoff` rounds, then double `backoff`,
 *      from backoff_min up to at most backoff_max, and go to 1.
 *
 * The backoff is deterministic (no random jitter) and lives on the stack:
 * every acquisition starts again at backoff_min.
 *
 * Why it helps.  A waiter reading the word keeps a shared copy of the
 * cache line and spins in its own cache without bus traffic, unlike
 * tas.c, where every spin is a write.  The release store invalidates all
 * those copies at once, though: every waiter misses, sees (0) and
 * exchanges, a burst of n read-modify-writes of which one wins.  Backoff
 * spreads the losers out in time so the next release finds fewer of them
 * racing.  The price is latency: the lock can sit free while everyone is
 * backing off; backoff_max bounds that idle time, backoff_min is the
 * wait after a first lost race.
 *
 * Memory ordering.  Only the exchange that returns (0) takes the lock; it
 * is an acquire and reads the (0) written by the previous owner's release
 * store, so that critical section happens-before ours.  The spinning loads
 * are relaxed: they only decide when to try, and grant nothing.
 *
 * Fairness.  None, and backoff makes it worse: a thread that has lost a
 * few races waits longer between looks than a newcomer, whose fast path
 * tries at once.  Starvation is possible.
 *
 * Progress.  Waiters never sleep: a preempted owner makes every waiter
 * burn its time slice.  A preempted waiter costs nothing, since any
 * running waiter can take the lock.
 */
#include <errno.h>
#include <stdatomic.h>
#include <stdio.h>

#include "harness/clock.h"
#include "locks/lock.h"

struct ttas {
	atomic_uint held;     /* (0) free, (1) held                */
	unsigned backoff_min; /* pause rounds after the first loss */
	unsigned backoff_max; /* cap on the doubling               */
};

enum { OPT_BACKOFF_MIN, OPT_BACKOFF_MAX };

static const struct lb_optdesc ttas_options[] = {
	[OPT_BACKOFF_MIN] = {
		.key = "backoff_min",
		.type = LB_OPT_UINT,
		.def = "4",
		.min = 1,
		.max = 1048576,
		.help = "pause rounds after the first lost race",
	},
	[OPT_BACKOFF_MAX] = {
		.key = "backoff_max",
		.type = LB_OPT_UINT,
		.def = "1024",
		.min = 1,
		.max = 1048576,
		.help = "most pause rounds between tries (the doubling stops here)",
	},
	{ .key = NULL },
};

static int ttas_check(const struct lb_optset *o, char *err, size_t errlen)
{
	long long lo = o->v[OPT_BACKOFF_MIN].i, hi = o->v[OPT_BACKOFF_MAX].i;

	if (lo > hi) {
		snprintf(err, errlen,
			 "lock 'ttas': backoff_min (%lld) must not be greater than backoff_max (%lld)",
			 lo, hi);
		errno = EINVAL;
		return -1;
	}
	return 0;
}

static int ttas_init(void *l, const struct lb_optset *o)
{
	struct ttas *t = l;

	/* The option table and ttas_check have bounded both values. */
	atomic_init(&t->held, 0);
	t->backoff_min = (unsigned)o->v[OPT_BACKOFF_MIN].i;
	t->backoff_max = (unsigned)o->v[OPT_BACKOFF_MAX].i;
	return 0;
}

static void ttas_destroy(void *l)
{
	(void)l;
}

static void ttas_lock_slow(struct ttas *t)
{
	unsigned backoff = t->backoff_min;

	for (;;) {
		while (atomic_load_explicit(&t->held, memory_order_relaxed))
			lb_cpu_relax();
		/* acquire: pairs with the release store in ttas_unlock */
		if (atomic_exchange_explicit(&t->held, 1, memory_order_acquire) == 0)
			return;
		for (unsigned i = 0; i < backoff; i++)
			lb_cpu_relax();
		backoff = backoff > t->backoff_max / 2 ? t->backoff_max : backoff * 2;
	}
}

static void ttas_lock(void *l, void *ctx)
{
	struct ttas *t = l;

	(void)ctx;
	/* acquire: pairs with the release store in ttas_unlock */
	if (atomic_exchange_explicit(&t->held, 1, memory_order_acquire) == 0)
		return;
	ttas_lock_slow(t);
}

static bool ttas_trylock(void *l, void *ctx)
{
	struct ttas *t = l;

	(void)ctx;
	/* Test first: a held lock fails without taking the line exclusive. */
	if (atomic_load_explicit(&t->held, memory_order_relaxed))
		return false;
	/* acquire: pairs with the release store in ttas_unlock */
	return atomic_exchange_explicit(&t->held, 1, memory_order_acquire) == 0;
}

static void ttas_unlock(void *l, void *ctx)
{
	struct ttas *t = l;

	(void)ctx;
	/* release: pairs with the acquire exchanges in ttas_lock, ttas_lock_slow
	 * and ttas_trylock */
	atomic_store_explicit(&t->held, 0, memory_order_release);
}

LB_LOCK_CYCLE(ttas_cycle, ttas_lock, ttas_unlock)

const struct lb_lock_ops lb_lock_ttas = {
	.name = "ttas",
	.summary = "test-and-test-and-set spinlock with bounded exponential backoff",
	.caps = LB_CAP_TRYLOCK,
	.size = sizeof(struct ttas),
	.ctx_size = 0,
	.options = ttas_options,
	.check = ttas_check,
	.init = ttas_init,
	.destroy = ttas_destroy,
	.lock = ttas_lock,
	.unlock = ttas_unlock,
	.trylock = ttas_trylock,
	.rlock = NULL,
	.runlock = NULL,
	.cycle = ttas_cycle,
};
