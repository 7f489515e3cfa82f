/*
 * pthread_rwlock.c - the system readers-writer lock, as glibc implements
 * it.
 *
 * Algorithm.  Since glibc 2.25 the rwlock keeps its readers in one word,
 *
 *   __readers = (readers << 3) | RWAITING | WRLOCKED | WRPHASE
 *
 * that is, a count of readers, a phase bit (read phase or write phase), a
 * bit saying a writer holds or has claimed the lock, and a bit saying
 * readers sleep; writers have a second word and the sleepers futexes.  In
 * a read phase a reader gets in with a single fetch_add on the count.  A
 * writer that finds readers inside claims the lock and waits for the last
 * of them to leave, who switches the phase and wakes it.  Every rdlock and
 * unlock is an atomic read-modify-write on the same word, so even
 * read-only critical sections bounce that cache line between cores: a
 * read lock shares the critical section, not the cost of entering it.
 *
 * Kinds (option prefer=):
 *   reader  PTHREAD_RWLOCK_PREFER_READER_NP (the default): readers enter
 *           whenever the lock is in a read phase, even while writers wait.
 *           Best read throughput; a steady stream of readers can starve
 *           writers indefinitely.
 *   writer  PTHREAD_RWLOCK_PREFER_WRITER_NONRECURSIVE_NP: once a writer
 *           waits, new readers wait behind it.  Writers cannot starve;
 *           readers can, under a steady stream of writers.  "Nonrecursive":
 *           a thread that read-locks again while holding the read lock
 *           deadlocks behind the waiting writer.  (The plain
 *           PTHREAD_RWLOCK_PREFER_WRITER_NP is ignored by glibc, because
 *           POSIX requires such recursive read locks to work; this kind is
 *           the one that really prefers writers.)
 *
 * Memory ordering.  rdlock and wrlock are acquires and unlock is a
 * release (POSIX XBD 4.12).  A writer's unlock happens-before the next
 * reader or writer; each reader's unlock (its release decrement of the
 * count) happens-before the writer that observes the count reach zero.
 * Readers are not ordered among themselves: they only read.
 *
 * Fairness.  Not FIFO within either side; a woken waiter competes with
 * newcomers as with the mutex.  Which side can starve depends on prefer=.
 *
 * Progress.  Waiters sleep on futexes, so a preempted holder costs latency
 * rather than CPU and oversubscription degrades gracefully.
 *
 * trylock is the write side (pthread_rwlock_trywrlock).
 */

#include <errno.h>
#include <pthread.h>

#include "locks/lock.h"

struct prwlock {
	pthread_rwlock_t rw;
};

enum { OPT_PREFER };

static const struct lb_optdesc prwlock_options[] = {
	[OPT_PREFER] = {
		.key = "prefer",
		.type = LB_OPT_ENUM,
		.def = "reader",
		.choices = "reader|writer",
		.help = "who goes first when both wait: reader (writers may "
			"starve) or writer (nonrecursive readers)",
	},
	{ .key = NULL },
};

/* Indexed by the position of the choice in "reader|writer". */
static const int prwlock_kinds[] = {
	PTHREAD_RWLOCK_PREFER_READER_NP,
	PTHREAD_RWLOCK_PREFER_WRITER_NONRECURSIVE_NP,
};

static int prwlock_init(void *l, const struct lb_optset *o)
{
	struct prwlock *r = l;
	pthread_rwlockattr_t attr;
	long long kind = o->v[OPT_PREFER].i; /* an index into prwlock_kinds: the table's choices */
	int err;

	err = pthread_rwlockattr_init(&attr);
	if (err != 0) {
		errno = err;
		return -1;
	}
	err = pthread_rwlockattr_setkind_np(&attr, prwlock_kinds[kind]);
	if (err == 0)
		err = pthread_rwlock_init(&r->rw, &attr);
	pthread_rwlockattr_destroy(&attr);
	if (err != 0) {
		errno = err;
		return -1;
	}
	return 0;
}

static void prwlock_destroy(void *l)
{
	struct prwlock *r = l;

	pthread_rwlock_destroy(&r->rw);
}

static void prwlock_lock(void *l, void *ctx)
{
	struct prwlock *r = l;

	(void)ctx;
	pthread_rwlock_wrlock(&r->rw);
}

static bool prwlock_trylock(void *l, void *ctx)
{
	struct prwlock *r = l;

	(void)ctx;
	return pthread_rwlock_trywrlock(&r->rw) == 0;
}

static void prwlock_rlock(void *l, void *ctx)
{
	struct prwlock *r = l;

	(void)ctx;
	pthread_rwlock_rdlock(&r->rw);
}

/* One unlock for both sides: the rwlock knows which mode it is in. */
static void prwlock_unlock(void *l, void *ctx)
{
	struct prwlock *r = l;

	(void)ctx;
	pthread_rwlock_unlock(&r->rw);
}

LB_LOCK_CYCLE(prwlock_cycle, prwlock_lock, prwlock_unlock)

const struct lb_lock_ops lb_lock_pthread_rwlock = {
	.name = "pthread-rwlock",
	.summary = "POSIX readers-writer lock (glibc; reader or writer preference)",
	.caps = LB_CAP_RW | LB_CAP_TRYLOCK,
	.size = sizeof(struct prwlock),
	.ctx_size = 0,
	.options = prwlock_options,
	.check = NULL,
	.init = prwlock_init,
	.destroy = prwlock_destroy,
	.lock = prwlock_lock,
	.unlock = prwlock_unlock,
	.trylock = prwlock_trylock,
	.rlock = prwlock_rlock,
	.runlock = prwlock_unlock,
	.cycle = prwlock_cycle,
};
