/*
 * gorwmutex.c - Go's sync.RWMutex: readers share, a waiting writer shuts
 * new readers out.
 *
 * Algorithm.  Go's src/sync/rwmutex.go (the reader count and the writer's
 * announcement by subtracting rwmutexMaxReaders are D. Vyukov's, Go 1.3),
 * on gomutex for the writers and two of sema.c's semaphores.
 *
 * State:
 *   w             a gomutex: held by the writer that is pending or in
 *   reader_count  readers in, or waiting for a writer to leave; MAX (2^30)
 *                 subtracted while a writer is pending or in, so it is
 *                 negative exactly then
 *   reader_wait   readers still in that the pending writer waits for
 *   writer_sem, reader_sem  where the writer and the readers sleep
 *
 * rlock:    if ++reader_count < 0: a writer is pending; sleep on reader_sem
 * runlock:  r = --reader_count; if r < 0: r+1 == 0 or r+1 == -MAX means no
 *           reader held it ("sync: RUnlock of unlocked RWMutex", fatal);
 *           else a writer is pending: if --reader_wait == 0, we were the
 *           last reader it waited for: release writer_sem
 * lock:     lock(w); r = (reader_count -= MAX) + MAX, the readers in;
 *           if r != 0 and (reader_wait += r) != 0: sleep on writer_sem
 * unlock:   r = (reader_count += MAX); r >= MAX means no writer held it
 *           ("sync: Unlock of unlocked RWMutex", fatal); release
 *           reader_sem r times (the readers that queued behind us), then
 *           unlock(w)
 * tryrlock: CAS reader_count c -> c+1 while c >= 0
 * trylock:  trylock(w), then CAS reader_count 0 -> -MAX (no reader in),
 *           else unlock(w) and fail
 *
 * reader_wait can go negative: readers that leave after the writer's
 * announcement but before its += r count down first; the writer's add
 * then brings it to zero and it need not sleep.
 *
 * Memory ordering.
 *   - Writer after readers: a leaving reader's fetch_sub of reader_count
 *     is a release; the writer's fetch_add of -MAX is an acquire and
 *     reads the end of that RMW chain, so it synchronises with every
 *     reader that left before the announcement.  Readers that leave after
 *     it decrement reader_wait (acq_rel): the last one, or the writer's
 *     own += r when it lands on zero, acquires all of them (one release
 *     sequence of RMWs), and the last reader's release of writer_sem
 *     passes that on to the sleeping writer (sema.c's release/acquire).
 *   - Readers after a writer: the writer's fetch_add of +MAX in unlock is
 *     a release, read by the acquire fetch_add of a later rlock; readers
 *     that slept get the writer's release of reader_sem, which follows it.
 *   - Writers after writers: gomutex w.
 *
 * Fairness.  Writer-preferring: a pending writer stops new readers, so
 * readers cannot starve writers; the readers queued behind a writer all
 * enter before the next writer can (the unlock releases them before it
 * unlocks w).  Recursive read locking can deadlock against a pending
 * writer, as Go documents.
 *
 * Progress.  Everyone sleeps in the kernel: readers in sema, writers in
 * gomutex and sema.
 *
 * Options: those of gomutex, for w.  Counters: gomutex's (w) plus the
 * sleeps and wakeups of the two semaphores.
 */
#include <stddef.h>

#include "locks/gorwmutex.h"

void lb_gorwmutex_init(struct lb_gorwmutex *rw, const struct lb_gomutex_cfg *cfg)
{
	lb_gomutex_init(&rw->w, cfg);
	lb_sema_init(&rw->writer_sem, 0);
	lb_sema_init(&rw->reader_sem, 0);
	atomic_init(&rw->reader_count, 0);
	atomic_init(&rw->reader_wait, 0);
}

void lb_gorwmutex_rlock(struct lb_gorwmutex *rw, struct lb_lock_stats *st)
{
	/* acquire: pairs with the release fetch_add in lb_gorwmutex_unlock */
	if (atomic_fetch_add_explicit(&rw->reader_count, 1, memory_order_acquire) + 1 < 0)
		lb_sema_acquire(&rw->reader_sem, false, st); /* a writer is pending */
}

bool lb_gorwmutex_tryrlock(struct lb_gorwmutex *rw)
{
	int32_t c = atomic_load_explicit(&rw->reader_count, memory_order_relaxed);

	while (c >= 0) {
		/* acquire: as in lb_gorwmutex_rlock */
		if (atomic_compare_exchange_weak_explicit(&rw->reader_count, &c, c + 1,
							  memory_order_acquire,
							  memory_order_relaxed))
			return true;
	}
	return false;
}

static void runlock_slow(struct lb_gorwmutex *rw, int32_t r, struct lb_lock_stats *st)
{
	if (r + 1 == 0 || r + 1 == -LB_RWMUTEX_MAX_READERS)
		lb_go_fatal("fatal error", "sync: RUnlock of unlocked RWMutex");
	/* A writer is pending.  acq_rel: one release sequence with the other
	 * leaving readers and the writer's += r; see the header comment */
	if (atomic_fetch_sub_explicit(&rw->reader_wait, 1, memory_order_acq_rel) - 1 == 0)
		lb_sema_release(&rw->writer_sem, LB_SEMA_RUNNEXT, st); /* the last one out */
}

void lb_gorwmutex_runlock(struct lb_gorwmutex *rw, struct lb_lock_stats *st)
{
	/* release: pairs with the acquire fetch_add of -MAX in lb_gorwmutex_lock */
	int32_t r = atomic_fetch_sub_explicit(&rw->reader_count, 1, memory_order_release) - 1;

	if (r < 0)
		runlock_slow(rw, r, st);
}

void lb_gorwmutex_lock(struct lb_gorwmutex *rw, struct lb_lock_stats *st)
{
	int32_t r;

	lb_gomutex_lock(&rw->w, st); /* first, the other writers */
	/* Announce the writer.  acquire: pairs with the release fetch_sub in
	 * lb_gorwmutex_runlock of the readers that left before */
	r = atomic_fetch_sub_explicit(&rw->reader_count, LB_RWMUTEX_MAX_READERS,
				      memory_order_acquire);
	/* Wait for the readers in.  acq_rel: see runlock_slow */
	if (r != 0 && atomic_fetch_add_explicit(&rw->reader_wait, r, memory_order_acq_rel) + r != 0)
		lb_sema_acquire(&rw->writer_sem, false, st);
}

bool lb_gorwmutex_trylock(struct lb_gorwmutex *rw, struct lb_lock_stats *st)
{
	int32_t zero = 0;

	if (!lb_gomutex_trylock(&rw->w))
		return false;
	/* acquire: as the fetch_sub in lb_gorwmutex_lock */
	if (!atomic_compare_exchange_strong_explicit(&rw->reader_count, &zero,
						     -LB_RWMUTEX_MAX_READERS,
						     memory_order_acquire, memory_order_relaxed)) {
		lb_gomutex_unlock(&rw->w, st);
		return false;
	}
	return true;
}

void lb_gorwmutex_unlock(struct lb_gorwmutex *rw, struct lb_lock_stats *st)
{
	/* Announce that no writer is in.  release: pairs with the acquire
	 * fetch_add in lb_gorwmutex_rlock and CAS in lb_gorwmutex_tryrlock */
	int32_t r = atomic_fetch_add_explicit(&rw->reader_count, LB_RWMUTEX_MAX_READERS,
					      memory_order_release) + LB_RWMUTEX_MAX_READERS;

	if (r >= LB_RWMUTEX_MAX_READERS)
		lb_go_fatal("fatal error", "sync: Unlock of unlocked RWMutex");
	/* The readers that queued; Go readies all but the last into the run
	 * queue proper, the last into runnext (sema.c). */
	for (int32_t i = 0; i < r; i++)
		lb_sema_release(&rw->reader_sem, i + 1 < r ? LB_SEMA_WAKE : LB_SEMA_RUNNEXT, st);
	lb_gomutex_unlock(&rw->w, st); /* let the next writer in */
}

/* ---- the `gorwmutex` lock ------------------------------------------- */

static int gorwmutex_check(const struct lb_optset *o, char *err, size_t errlen)
{
	return lb_gomutex_check("lock 'gorwmutex'", o, err, errlen);
}

static int gorwmutex_init(void *l, const struct lb_optset *o)
{
	struct lb_gomutex_cfg cfg = lb_gomutex_cfg_of(o);

	lb_gorwmutex_init(l, &cfg);
	return 0;
}

static void gorwmutex_destroy(void *l)
{
	(void)l;
}

static void gorwmutex_lock(void *l, void *ctx)
{
	lb_gorwmutex_lock(l, ctx);
}

static void gorwmutex_unlock(void *l, void *ctx)
{
	lb_gorwmutex_unlock(l, ctx);
}

static bool gorwmutex_trylock(void *l, void *ctx)
{
	return lb_gorwmutex_trylock(l, ctx);
}

static void gorwmutex_rlock(void *l, void *ctx)
{
	lb_gorwmutex_rlock(l, ctx);
}

static void gorwmutex_runlock(void *l, void *ctx)
{
	lb_gorwmutex_runlock(l, ctx);
}

LB_LOCK_CYCLE(gorwmutex_cycle, gorwmutex_lock, gorwmutex_unlock)

const struct lb_lock_ops lb_lock_gorwmutex = {
	.name = "gorwmutex",
	.summary = "Go's sync.RWMutex: writer-preferring, on gomutex and two semaphores",
	.caps = LB_CAP_RW | LB_CAP_TRYLOCK | LB_CAP_HAS_STATS,
	.size = sizeof(struct lb_gorwmutex),
	.ctx_size = sizeof(struct lb_lock_stats),
	.stats = LB_STAT_spins | LB_STAT_sleeps | LB_STAT_wakeups | LB_STAT_handoffs |
		 LB_STAT_starve_enter | LB_STAT_starve_exit,
	.options = lb_gomutex_options,
	.check = gorwmutex_check,
	.init = gorwmutex_init,
	.destroy = gorwmutex_destroy,
	.lock = gorwmutex_lock,
	.unlock = gorwmutex_unlock,
	.trylock = gorwmutex_trylock,
	.rlock = gorwmutex_rlock,
	.runlock = gorwmutex_runlock,
	.cycle = gorwmutex_cycle,
};
