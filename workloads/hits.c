/*
 * hits.c - the Go text's counter with an embedded mutex:
 *
 *	type Hits struct {
 *		sync.Mutex
 *		n int
 *	}
 *	func (h *Hits) Inc() { h.Lock(); h.n++; h.Unlock() }
 *
 * Every thread calls Inc() in a loop.  The counter sits right after the
 * lock, in the same cache line, as it does in the Go struct: the line
 * that carries the lock carries the data, which is the cheapest layout a
 * counter under a lock can have.
 *
 * The tag of the last holder (workload.h, owner changes) rides in the
 * counter's top LB_OWNER_TAG_BITS bits: the increment reads the word and
 * writes it anyway, so counting hand-overs costs a few register
 * operations and no memory access of its own.  The count has the other
 * 48 bits (2.8e14 increments).
 *
 * Verification: after the run the counter must equal the increments the
 * threads made, warm-up included; anything less is a lost update.  The
 * critical section's work (--cs-ns) sits between the counter's load and
 * its store, so two threads inside at once lose an update however long
 * the section is (the signal fences keep the compiler from moving the
 * load past the work, which has no memory accesses of its own).
 */
#include <inttypes.h>
#include <stdatomic.h>
#include <stdio.h>

#include "workloads/workload.h"

struct hits {
	uint64_t n; /* the last holder's tag << HITS_COUNT_BITS | the count */
};

#define HITS_COUNT_BITS (64 - LB_OWNER_TAG_BITS)
#define HITS_COUNT_MASK ((1ull << HITS_COUNT_BITS) - 1)

static int hits_setup(const struct lb_setup *s, struct lb_instance *out,
		      char *err, size_t errlen)
{
	void *tail;

	out->lock = lb_lock_create(s->lock, s->lock_opts, sizeof(struct hits), &tail,
				   err, errlen);
	if (!out->lock)
		return -1;
	out->state = tail;
	return 0;
}

/*
 * Inc(), timed or not.  Where owners is false (every thread on one PU:
 * lb_run.one_pu) it is the bare n++.  Otherwise *left is the counter as
 * this thread left it after its last Inc(), mine its tag in the counter's
 * top bits: a thread that finds the counter as it left it held the lock
 * last, and pays a compare of two registers for knowing it.  Only when the
 * counter moved on (another thread held the lock since) does it look at
 * the tag: a change of PU counts in *changes, and the new holder puts its
 * tag in.  The stored word is n + 1 either way.
 *
 * That compare, one load and a branch after the acquisition, costs a
 * lock of a few ns about a tenth of its rate at one thread (measured on
 * an AMD EPYC guest): the reason a case on one PU, where no owner change
 * can happen, runs the loop without it.  At 2 threads, against the bare
 * loop (make bench's pairing, medians over 9 to 36 rounds), five other
 * ways did no better across locks: the tag always stored, without a
 * branch (the count's compare after the unlock), ran tas at 0.87 to 0.93
 * where this ran 0.80 to 0.87, but gomutex, whose holder keeps the lock
 * for about a hundred operations, at 0.90 where this ran 0.95 (with the
 * compare before the unlock: no better or worse than this, lock by lock,
 * in two runs of 15 rounds); the tag in a word of its own beside the
 * counter (a second load and store in the critical section) ran tas at
 * 0.75, and the tag's 16 bits stored on their own after the count, tas
 * at 0.66 and gomutex at 0.73.  Where every thread has a tag of its own,
 * the counter moving on is the count itself, and `changes += n != left`
 * (a compare and an add into a register, no branch, no tag) ran tas at
 * 0.87 to 0.91 where this ran 0.83 to 0.87, but gomutex at 0.91 to 0.94
 * where this ran 0.96 (13 to 15 rounds, side by side).  With no --cs-ns,
 * the increment as one add to memory (as the bare loop's counter++) and a
 * reload for the compare ran tas at 0.96 to 1.01 where this ran 0.75 to
 * 0.77, but ticket at 0.72 where this ran 0.85, gomutex at 0.87 where
 * this ran 1.19, pthread-spin at 0.71 where this ran 0.80 (9 to 11
 * rounds, side by side, on a Zen 5 guest).
 */
LB_INLINE void hits_inc(struct hits *h, const struct lb_lockfns *lk, struct lb_window *win,
			bool timed, uint64_t cs, uint64_t think, bool owners, uint64_t mine,
			uint64_t *left, uint64_t *changes)
{
	lb_acquire(lk->lock, lk, win, timed);
	uint64_t n = h->n;
	if (owners && __builtin_expect(n != *left, 0)) {
		__asm__ __volatile__(""); /* keeps it a branch */
		if ((n & ~HITS_COUNT_MASK) != mine) {
			n = mine | (n & HITS_COUNT_MASK);
			(*changes)++;
		}
	}
	atomic_signal_fence(memory_order_seq_cst);
	lb_work(cs);
	atomic_signal_fence(memory_order_seq_cst);
	h->n = *left = n + 1;
	lk->unlock(lk->l, lk->ctx);
	lb_work(think);
}

LB_INLINE void hits_loop(struct lb_worker *w, uint64_t cs, uint64_t think, bool owners)
{
	struct hits *h = w->state;
	const struct lb_lockfns lk = w->lk;
	struct lb_window win = lb_window_start(w);
	const uint64_t mine = w->owner_tag << HITS_COUNT_BITS;
	uint64_t n = 0, changes = 0, left = UINT64_MAX; /* no count of the lock's */

	/* The batch's first Inc(), the one that may be timed, is peeled off
	 * so that the others are the bare loop: lock, n++, unlock, and the
	 * look at the phase that ends a batch at the window's edge. */
	while (lb_window_poll(&win) != LB_PHASE_STOP) {
		unsigned done = 1;
		hits_inc(h, &lk, &win, win.timed, cs, think, owners, mine, &left, &changes);
		for (; done < win.batch && lb_window_holds(&win); done++)
			hits_inc(h, &lk, &win, false, cs, think, owners, mine, &left, &changes);
		win.ran = done;
		n += done;
		lb_publish(w, 0, n, changes);
	}
	w->total_writes = n;
}

static void hits_thread(struct lb_worker *w)
{
	LB_SPECIALISE(hits_loop, w);
}

static bool hits_verify(void *state, const struct lb_worker *ws, int nthreads,
			char *why, size_t whylen)
{
	const struct hits *h = state;
	uint64_t want = 0;

	for (int i = 0; i < nthreads; i++)
		want += ws[i].total_writes;
	if ((h->n & HITS_COUNT_MASK) == want)
		return true;
	snprintf(why, whylen, "counter is %" PRIu64 " after %" PRIu64 " increments",
		 (uint64_t)(h->n & HITS_COUNT_MASK), want);
	return false;
}

static void hits_teardown(void *state)
{
	(void)state; /* the counter lives inside the lock's allocation */
}

const struct lb_workload_ops lb_workload_hits = {
	.name = "hits",
	.summary = "Hits.Inc(): a counter incremented under the lock, in the lock's cache line",
	.kinds = LB_KIND_LOCK,
	.params = LB_WP_CS | LB_WP_THINK,
	.lat_metric = "acquire",
	.owners = true,
	.setup = hits_setup,
	.thread_main = hits_thread,
	.verify = hits_verify,
	.teardown = hits_teardown,
};
