/*
 * pthread_spin.c - the system spinlock, pthread_spin_lock(3).
 *
 * Algorithm.  glibc's spinlock is one int and a test-and-test-and-set
 * loop without backoff: an atomic read-modify-write to take it and, while
 * that fails, spin with a pause instruction on plain loads until the word
 * reads free, then try the atomic again.  The encoding is per
 * architecture.  x86-64 (hand-written assembly, glibc 2.36):
 *
 *   (1)   free
 *   (<=0) held; each failed attempt decrements it further
 *
 * lock is `lock decl`, and whoever brings the word from 1 to 0 owns it;
 * unlock stores (1).  The generic C version uses (0) free and (1) held,
 * an atomic exchange to take it and a compare-and-swap to retry.  See
 * locks/ttas.c for why spinning on loads rather than on the atomic
 * matters, and what backoff adds.
 *
 * Memory ordering.  The atomic that takes the lock is an acquire and
 * reads the "free" value stored by the previous owner's release, so the
 * previous critical section happens-before this one (POSIX XBD 4.12).
 *
 * Fairness.  None: whichever spinner's atomic reaches the cache line
 * first after the release wins, which favours the releasing thread and
 * its neighbours in the cache hierarchy.  Starvation is possible.
 *
 * Progress.  Waiters never sleep.  When the owner is preempted, every
 * waiter burns its whole time slice; with more runnable threads than CPUs
 * throughput collapses.  Because it is not FIFO, a preempted waiter at
 * least costs nothing: the lock goes to whichever waiter is running.
 */
#include <errno.h>
#include <pthread.h>

#include "locks/lock.h"

struct pspin {
	pthread_spinlock_t s;
};

static int pspin_init(void *l, const struct lb_optset *o)
{
	struct pspin *p = l;
	int err;

	(void)o;
	err = pthread_spin_init(&p->s, PTHREAD_PROCESS_PRIVATE);
	if (err != 0) {
		errno = err;
		return -1;
	}
	return 0;
}

static void pspin_destroy(void *l)
{
	struct pspin *p = l;

	pthread_spin_destroy(&p->s);
}

static void pspin_lock(void *l, void *ctx)
{
	struct pspin *p = l;

	(void)ctx;
	pthread_spin_lock(&p->s);
}

static bool pspin_trylock(void *l, void *ctx)
{
	struct pspin *p = l;

	(void)ctx;
	return pthread_spin_trylock(&p->s) == 0;
}

static void pspin_unlock(void *l, void *ctx)
{
	struct pspin *p = l;

	(void)ctx;
	pthread_spin_unlock(&p->s);
}

LB_LOCK_CYCLE(pspin_cycle, pspin_lock, pspin_unlock)

const struct lb_lock_ops lb_lock_pthread_spin = {
	.name = "pthread-spin",
	.summary = "POSIX spinlock (glibc: test-and-test-and-set, no backoff)",
	.caps = LB_CAP_TRYLOCK,
	.size = sizeof(struct pspin),
	.ctx_size = 0,
	.options = NULL,
	.check = NULL,
	.init = pspin_init,
	.destroy = pspin_destroy,
	.lock = pspin_lock,
	.unlock = pspin_unlock,
	.trylock = pspin_trylock,
	.rlock = NULL,
	.runlock = NULL,
	.cycle = pspin_cycle,
};
