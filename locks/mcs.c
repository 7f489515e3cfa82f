/*
 * mcs.c - the MCS queue lock: FIFO, each waiter spinning on its own flag.
 *
 * Algorithm.  J. M. Mellor-Crummey and M. L. Scott, "Algorithms for
 * Scalable Synchronization on Shared-Memory Multiprocessors", ACM TOCS
 * 9(1), 1991.  Waiters form an explicit linked queue of nodes, one per
 * waiting thread; the lock itself is only a pointer to the last node.
 * Each waiter spins on a flag in its own node, which stays in its own
 * cache until its predecessor writes it, so a hand-over costs O(1) cache
 * misses however many threads wait (ticket.c pays O(waiters)).  Linux's
 * qspinlock uses an MCS queue in its slow path for the same reason.
 *
 * Here a thread's node is its lockbench per-thread context (ctx_size =
 * sizeof(struct mcs_node)), so a context must not be shared between
 * threads, nor used for two MCS locks held at once.
 *
 * State.  The lock is `tail`; a node is (next, granted):
 *
 *   tail == NULL                  free
 *   tail == A, A.next == NULL     held by A, nobody waiting
 *   tail == B, A.next == NULL     held by A; B has swapped itself into
 *                                 tail but not yet linked A.next to B
 *   A -> B -> C, tail == C        held by A; B waits on B.granted, then C
 *
 * lock(N):    N = (NULL, 0); P = exchange(tail, N);
 *             if P == NULL: ours (fast path);
 *             else P.next = N; spin until N.granted (slow path).
 * unlock(N):  if N.next == NULL:
 *                 CAS(tail, N, NULL) succeeds: free, done;
 *                 fails: a successor swapped tail but has not linked yet,
 *                 so spin until N.next != NULL;
 *             N.next.granted = 1.
 * trylock(N): CAS(tail, NULL, N): take it only when free.
 *
 * Note the window in unlock: between a successor's exchange and its link
 * the releaser must wait for it, so even unlock can spin.
 *
 * Memory ordering.  Critical sections are ordered by one of two edges:
 * the successor's acquire spin on granted reads the releaser's release
 * store of granted; or, when nobody waits, the next locker's acquire
 * exchange (or trylock CAS) on tail reads the NULL written by the
 * releaser's release CAS.  The queue itself needs two more edges, so that
 * a node's reset in lock never overwrites what others write into it:
 * the exchange on tail is also a release, so our node's next = NULL
 * happens-before our successor (whose exchange reads our node from tail)
 * links itself there; and the link store is a release read by the
 * predecessor's acquire load of next in unlock, so our granted = 0
 * happens-before its granted = 1.
 *
 * Fairness.  Strict FIFO in the order of the exchanges on tail; no waiter
 * starves.  trylock never queues.
 *
 * Progress.  Like every FIFO spinlock it suffers when the thread next in
 * line is preempted: the lock is handed to that thread alone and nobody
 * else can take it until it runs, so with more threads than CPUs a
 * hand-over can cost a scheduler time slice.  A preempted successor
 * inside the link window also stalls the releaser in unlock.
 */
#include <stdatomic.h>
#include <stddef.h>

#include "harness/clock.h"
#include "locks/lock.h"

struct mcs_node {
	_Atomic(struct mcs_node *) next; /* our successor, once it links  */
	atomic_uint granted;             /* set by the predecessor: go on */
};

struct mcs {
	_Atomic(struct mcs_node *) tail; /* last node in line; NULL: free */
};

static int mcs_init(void *l, const struct lb_optset *o)
{
	struct mcs *m = l;

	(void)o;
	atomic_init(&m->tail, NULL);
	return 0;
}

static void mcs_destroy(void *l)
{
	(void)l;
}

/* Our node is in the queue behind prev: link in and wait for the grant. */
static void mcs_lock_slow(struct mcs_node *prev, struct mcs_node *node)
{
	/* release: pairs with the acquire loads of next in mcs_unlock, so
	 * that our granted = 0 comes before prev's owner writes granted = 1 */
	atomic_store_explicit(&prev->next, node, memory_order_release);
	/* acquire: pairs with the release store of granted in mcs_unlock */
	while (!atomic_load_explicit(&node->granted, memory_order_acquire))
		lb_cpu_relax();
}

static void mcs_lock(void *l, void *ctx)
{
	struct mcs *m = l;
	struct mcs_node *node = ctx, *prev;

	atomic_store_explicit(&node->next, NULL, memory_order_relaxed);
	atomic_store_explicit(&node->granted, 0, memory_order_relaxed);
	/* acq_rel: acquire pairs with the release CAS of tail in mcs_unlock
	 * (prev == NULL: the lock is ours); release publishes our reset node
	 * to the successor whose exchange reads it */
	prev = atomic_exchange_explicit(&m->tail, node, memory_order_acq_rel);
	if (prev == NULL)
		return;
	mcs_lock_slow(prev, node);
}

static bool mcs_trylock(void *l, void *ctx)
{
	struct mcs *m = l;
	struct mcs_node *node = ctx, *expect = NULL;

	/* Test first: a held lock fails without writing the line. */
	if (atomic_load_explicit(&m->tail, memory_order_relaxed) != NULL)
		return false;
	atomic_store_explicit(&node->next, NULL, memory_order_relaxed);
	atomic_store_explicit(&node->granted, 0, memory_order_relaxed);
	/* acq_rel on success: as the exchange in mcs_lock */
	return atomic_compare_exchange_strong_explicit(&m->tail, &expect, node,
						       memory_order_acq_rel,
						       memory_order_relaxed);
}

static void mcs_unlock(void *l, void *ctx)
{
	struct mcs *m = l;
	struct mcs_node *node = ctx, *expect = node, *next;

	/* acquire: pairs with the release link store in mcs_lock_slow */
	next = atomic_load_explicit(&node->next, memory_order_acquire);
	if (next == NULL) {
		/* release: pairs with the acquire exchange in mcs_lock and the
		 * acquire CAS in mcs_trylock of the next thread to find tail NULL */
		if (atomic_compare_exchange_strong_explicit(&m->tail, &expect, NULL,
							    memory_order_release,
							    memory_order_relaxed))
			return;
		/* A successor swapped tail but has not linked yet. */
		do {
			lb_cpu_relax();
			/* acquire: pairs with the release link store in
			 * mcs_lock_slow */
			next = atomic_load_explicit(&node->next, memory_order_acquire);
		} while (next == NULL);
	}
	/* release: pairs with the acquire spin on granted in mcs_lock_slow */
	atomic_store_explicit(&next->granted, 1, memory_order_release);
}

LB_LOCK_CYCLE(mcs_cycle, mcs_lock, mcs_unlock)

const struct lb_lock_ops lb_lock_mcs = {
	.name = "mcs",
	.summary = "MCS queue lock: FIFO, each waiter spins on its own node",
	.caps = LB_CAP_TRYLOCK,
	.size = sizeof(struct mcs),
	.ctx_size = sizeof(struct mcs_node),
	.options = NULL,
	.check = NULL,
	.init = mcs_init,
	.destroy = mcs_destroy,
	.lock = mcs_lock,
	.unlock = mcs_unlock,
	.trylock = mcs_trylock,
	.rlock = NULL,
	.runlock = NULL,
	.cycle = mcs_cycle,
};
