/*
 * ticket.c - the ticket lock: FIFO by taking a number.
 *
 * Algorithm.  A bakery queue in two counters: take the next ticket, wait
 * until the "now serving" display shows it.  It descends from Lamport's
 * bakery algorithm (CACM 1974) and Reed and Kanodia's eventcounts and
 * sequencers (CACM 1979); J. M. Mellor-Crummey and M. L. Scott,
 * "Algorithms for Scalable Synchronization on Shared-Memory
 * Multiprocessors", ACM TOCS 9(1), 1991, analyse it as a spinlock.  Linux
 * used it for x86 spinlocks from 2.6.25 (2008) until qspinlock (4.2).
 *
 * State (next, owner), two unsigned counters that wrap modulo 2^32:
 *
 *   (n, n)      free
 *   (n+1, n)    held by ticket n, nobody waiting
 *   (n+k, n)    held by ticket n, k-1 waiters holding n+1 .. n+k-1
 *
 * lock:     my = fetch_add(next, 1); while (owner != my) pause;
 * unlock:   owner = owner + 1          (only the holder writes owner)
 * trylock:  o = owner; if next == o, CAS(next, o, o+1): take a ticket
 *           only when that ticket is the one being served.
 *
 * Wrap-around is harmless: only equality is tested, and fewer than 2^32
 * threads can hold tickets.
 *
 * Memory ordering.  The waiter's load of owner that sees its ticket is an
 * acquire; it reads the value stored by the previous holder's release in
 * ticket_unlock, so the previous critical section happens-before this
 * one.  fetch_add on next can be relaxed: a ticket only says whose turn
 * it will be and grants nothing.  trylock reads owner with acquire (same
 * pairing); its CAS on next may be relaxed: it succeeds only while
 * ticket o has not been handed out, so owner cannot have moved past o,
 * and the load above already synchronised with the store that made it o.
 *
 * Fairness.  Strict FIFO: tickets are served in the order they were
 * taken, so no waiter starves and the wait is bounded by the number of
 * threads ahead of it.  (trylock never queues: it succeeds only when the
 * lock is free with nobody waiting.)
 *
 * Cost.  Every waiter spins on the same owner word, so each release
 * invalidates all their copies: O(waiters) coherence traffic per
 * hand-over, where mcs.c has O(1).
 *
 * Progress.  FIFO is its weakness under oversubscription.  The lock
 * passes to exactly one thread, the next ticket; if that thread is not
 * running, nobody can take the free lock and every running waiter spins
 * away its time slice until the scheduler runs it.  With more threads
 * than CPUs a hand-over can cost a scheduler time slice instead of a
 * cache miss (lock-waiter preemption; virtualised Linux uses
 * paravirtualised spinlocks to survive it).
 */
#include <stdatomic.h>

#include "harness/clock.h"
#include "locks/lock.h"

struct ticket {
	atomic_uint next;  /* the next ticket to hand out     */
	atomic_uint owner; /* the ticket now holding the lock */
};

static int ticket_init(void *l, const struct lb_optset *o)
{
	struct ticket *t = l;

	(void)o;
	atomic_init(&t->next, 0);
	atomic_init(&t->owner, 0);
	return 0;
}

static void ticket_destroy(void *l)
{
	(void)l;
}

static void ticket_wait(struct ticket *t, unsigned my)
{
	/* acquire: pairs with the release store in ticket_unlock */
	while (atomic_load_explicit(&t->owner, memory_order_acquire) != my)
		lb_cpu_relax();
}

static void ticket_lock(void *l, void *ctx)
{
	struct ticket *t = l;
	unsigned my;

	(void)ctx;
	my = atomic_fetch_add_explicit(&t->next, 1, memory_order_relaxed);
	/* acquire: pairs with the release store in ticket_unlock */
	if (atomic_load_explicit(&t->owner, memory_order_acquire) == my)
		return;
	ticket_wait(t, my);
}

static bool ticket_trylock(void *l, void *ctx)
{
	struct ticket *t = l;
	unsigned o;

	(void)ctx;
	/* acquire: pairs with the release store in ticket_unlock */
	o = atomic_load_explicit(&t->owner, memory_order_acquire);
	/* Held or queued: fail without taking the line exclusive. */
	if (atomic_load_explicit(&t->next, memory_order_relaxed) != o)
		return false;
	return atomic_compare_exchange_strong_explicit(&t->next, &o, o + 1,
						       memory_order_relaxed,
						       memory_order_relaxed);
}

static void ticket_unlock(void *l, void *ctx)
{
	struct ticket *t = l;
	unsigned o;

	(void)ctx;
	/* Only the holder writes owner, so a relaxed load reads our ticket. */
	o = atomic_load_explicit(&t->owner, memory_order_relaxed);
	/* release: pairs with the acquire loads of owner in ticket_lock,
	 * ticket_wait and ticket_trylock */
	atomic_store_explicit(&t->owner, o + 1, memory_order_release);
}

LB_LOCK_CYCLE(ticket_cycle, ticket_lock, ticket_unlock)

const struct lb_lock_ops lb_lock_ticket = {
	.name = "ticket",
	.summary = "ticket spinlock: FIFO, all waiters spin on one counter",
	.caps = LB_CAP_TRYLOCK,
	.size = sizeof(struct ticket),
	.ctx_size = 0,
	.options = NULL,
	.check = NULL,
	.init = ticket_init,
	.destroy = ticket_destroy,
	.lock = ticket_lock,
	.unlock = ticket_unlock,
	.trylock = ticket_trylock,
	.rlock = NULL,
	.runlock = NULL,
	.cycle = ticket_cycle,
};
