/*
 * pthread_mutex.c - the system mutex, as glibc implements it.
 *
 * Algorithm.  glibc's mutex is the futex mutex of Drepper, "Futexes Are
 * Tricky" (2004, revised 2011), built on the Linux futex (Franke, Russell
 * and Kirkwood, "Fuss, Futexes and Furwocks", OLS 2002).  One 32-bit word:
 *
 *   (0)  free
 *   (1)  held, nobody asleep
 *   (2)  held, there may be sleepers
 *
 * Fast path: CAS (0) -> (1), entirely in user space.  Slow path: exchange
 * the word to (2); if the old value was (0) the lock is ours, otherwise
 * futex_wait(word, 2) and repeat.  Unlock exchanges the word to (0) and,
 * only when the old value was (2), makes a futex_wake(1) system call.
 * A waker that was wrong about sleepers merely costs one useless wake.
 *
 * Types (option type=):
 *   normal      PTHREAD_MUTEX_NORMAL, glibc's default type: the algorithm
 *               above, on glibc's shortest path.
 *   adaptive    PTHREAD_MUTEX_ADAPTIVE_NP: before sleeping, spin with
 *               trylock attempts for a bounded number of rounds (a running
 *               per-mutex average of what earlier acquisitions needed,
 *               capped by the glibc.pthread.mutex_spin_count tunable), on
 *               the bet that the owner runs on another CPU and will release
 *               soon.  Spinning wins for short critical sections and loses
 *               CPU when the owner is descheduled.
 *   errorcheck  PTHREAD_MUTEX_ERRORCHECK: also checks the owner's thread
 *               id: relocking returns EDEADLK, unlocking a mutex another
 *               thread holds returns EPERM.  Taken through glibc's general
 *               (slower) path.
 *
 * Memory ordering.  The CAS or exchange that takes the lock is an acquire
 * and the exchange in unlock is a release; the acquiring RMW reads the
 * (0) that the previous owner's unlock wrote, so the previous critical
 * section happens-before the next one.  POSIX requires this of every
 * mutex (XBD 4.12, "Memory Synchronization").
 *
 * Fairness.  None.  A woken sleeper must compete with threads that
 * arrive meanwhile (and with the releaser itself, if it relocks at once),
 * and usually loses to them: the newcomer is already running.  That
 * "barging" gives high throughput; a waiter can starve in principle.
 *
 * Progress.  Waiters sleep in the kernel, so a preempted owner costs the
 * waiters latency, not CPU, and oversubscription degrades gracefully;
 * the price is a system call on both sides of every contended hand-over.
 */

#include <errno.h>
#include <pthread.h>

#include "locks/lock.h"

struct pmutex {
	pthread_mutex_t m;
};

enum { OPT_TYPE };

static const struct lb_optdesc pmutex_options[] = {
	[OPT_TYPE] = {
		.key = "type",
		.type = LB_OPT_ENUM,
		.def = "normal",
		.choices = "normal|adaptive|errorcheck",
		.help = "mutex type: normal, adaptive (spin, then sleep) or "
			"errorcheck (owner checked)",
	},
	{ .key = NULL },
};

/* Indexed by the position of the choice in "normal|adaptive|errorcheck". */
static const int pmutex_types[] = {
	PTHREAD_MUTEX_NORMAL,
	PTHREAD_MUTEX_ADAPTIVE_NP,
	PTHREAD_MUTEX_ERRORCHECK,
};

static int pmutex_init(void *l, const struct lb_optset *o)
{
	struct pmutex *m = l;
	pthread_mutexattr_t attr;
	long long type = o->v[OPT_TYPE].i; /* an index into pmutex_types: the table's choices */
	int err;

	err = pthread_mutexattr_init(&attr);
	if (err != 0) {
		errno = err;
		return -1;
	}
	err = pthread_mutexattr_settype(&attr, pmutex_types[type]);
	if (err == 0)
		err = pthread_mutex_init(&m->m, &attr);
	pthread_mutexattr_destroy(&attr);
	if (err != 0) {
		errno = err;
		return -1;
	}
	return 0;
}

static void pmutex_destroy(void *l)
{
	struct pmutex *m = l;

	pthread_mutex_destroy(&m->m);
}

static void pmutex_lock(void *l, void *ctx)
{
	struct pmutex *m = l;

	(void)ctx;
	pthread_mutex_lock(&m->m);
}

static bool pmutex_trylock(void *l, void *ctx)
{
	struct pmutex *m = l;

	(void)ctx;
	return pthread_mutex_trylock(&m->m) == 0;
}

static void pmutex_unlock(void *l, void *ctx)
{
	struct pmutex *m = l;

	(void)ctx;
	pthread_mutex_unlock(&m->m);
}

LB_LOCK_CYCLE(pmutex_cycle, pmutex_lock, pmutex_unlock)

const struct lb_lock_ops lb_lock_pthread_mutex = {
	.name = "pthread-mutex",
	.summary = "POSIX mutex (glibc futex mutex: normal, adaptive or errorcheck)",
	.caps = LB_CAP_TRYLOCK,
	.size = sizeof(struct pmutex),
	.ctx_size = 0,
	.options = pmutex_options,
	.check = NULL,
	.init = pmutex_init,
	.destroy = pmutex_destroy,
	.lock = pmutex_lock,
	.unlock = pmutex_unlock,
	.trylock = pmutex_trylock,
	.rlock = NULL,
	.runlock = NULL,
	.cycle = pmutex_cycle,
};
