/*
 * tas.c - the test-and-set spinlock.
 *
 * Algorithm.  The oldest hardware lock: an atomic instruction that sets a
 * word and returns its old value (IBM System/360's TS, 1964; today an
 * atomic exchange, `xchg` on x86).  Whoever gets back "free" owns the
 * lock.  T. E. Anderson, "The Performance of Spin Lock Alternatives for
 * Shared-Memory Multiprocessors", IEEE TPDS 1(1), 1990, measures it
 * against the refinements in ttas.c and mcs.c.
 *
 *   (0)  free
 *   (1)  held
 *
 * lock:    while (exchange(word, 1) == 1) pause;
 * unlock:  store(word, 0)
 *
 * Cost.  Every turn of the spin is an atomic read-modify-write, which
 * needs the cache line in exclusive state: each waiter keeps stealing the
 * line from the others and from the owner, whose unlock store must then
 * fetch it back.  Coherence traffic grows with the number of waiters and
 * slows the owner down, so throughput falls as contention rises.  This is
 * the baseline that test-and-test-and-set (ttas.c) improves on.
 *
 * Memory ordering.  The exchange is an acquire and the unlock store a
 * release.  The exchange that returns (0) reads the value written by the
 * previous owner's release store (failed exchanges only write (1) over
 * (1)), so that owner's critical section happens-before ours.  Nothing
 * stronger (no seq_cst) is needed: a lock only has to order each critical
 * section after the previous one.
 *
 * Fairness.  None.  The line goes to whichever core's exchange reaches it
 * first, which favours the releasing thread (it has the line) and nearby
 * cores.  Starvation is possible.
 *
 * Progress.  Waiters never sleep: a preempted owner makes every waiter
 * burn its time slice.  Not being FIFO, it loses nothing when a waiter is
 * preempted: the lock goes to a waiter that is running.
 */
#include <stdatomic.h>

#include "harness/clock.h"
#include "locks/lock.h"

struct tas {
	atomic_uint held; /* (0) free, (1) held */
};

static int tas_init(void *l, const struct lb_optset *o)
{
	struct tas *t = l;

	(void)o;
	atomic_init(&t->held, 0);
	return 0;
}

static void tas_destroy(void *l)
{
	(void)l;
}

static void tas_lock(void *l, void *ctx)
{
	struct tas *t = l;

	(void)ctx;
	/* acquire: pairs with the release store in tas_unlock */
	while (atomic_exchange_explicit(&t->held, 1, memory_order_acquire))
		lb_cpu_relax();
}

static bool tas_trylock(void *l, void *ctx)
{
	struct tas *t = l;

	(void)ctx;
	/* acquire: pairs with the release store in tas_unlock */
	return atomic_exchange_explicit(&t->held, 1, memory_order_acquire) == 0;
}

static void tas_unlock(void *l, void *ctx)
{
	struct tas *t = l;

	(void)ctx;
	/* release: pairs with the acquire exchange in tas_lock/tas_trylock */
	atomic_store_explicit(&t->held, 0, memory_order_release);
}

LB_LOCK_CYCLE(tas_cycle, tas_lock, tas_unlock)

const struct lb_lock_ops lb_lock_tas = {
	.name = "tas",
	.summary = "test-and-set spinlock: spins on the atomic exchange itself",
	.caps = LB_CAP_TRYLOCK,
	.size = sizeof(struct tas),
	.ctx_size = 0,
	.options = NULL,
	.check = NULL,
	.init = tas_init,
	.destroy = tas_destroy,
	.lock = tas_lock,
	.unlock = tas_unlock,
	.trylock = tas_trylock,
	.rlock = NULL,
	.runlock = NULL,
	.cycle = tas_cycle,
};
