/*
 * wg_go.c - Go's sync.WaitGroup: one 64-bit word and a semaphore.
 *
 * Algorithm.  Go's src/sync/waitgroup.go (the one-word form is
 * D. Vyukov's, Go 1.3), on sema.c's semaphore.
 *
 * State: (counter, waiters) in one 64-bit word, counter in the high 32
 * bits (signed), waiters in the low 32; and a semaphore that waiters
 * sleep on.
 *
 * add(d):  state += d << 32 (one atomic add); v = counter, w = waiters.
 *          v < 0: "sync: negative WaitGroup counter".
 *          w != 0 and d > 0 and v == d (this add raised the counter from
 *          0 while someone waits): "sync: WaitGroup misuse: Add called
 *          concurrently with Wait".
 *          v > 0 or w == 0: done.  Otherwise this add took the counter to
 *          0 with waiters: nothing may change the word now (no Add may
 *          race a Wait; Wait does not count itself in at 0), so a word
 *          that changed anyway is the same misuse.  Set the word to 0
 *          and release the semaphore once per waiter.
 * done():  add(-1).
 * wait():  load; counter 0: return.  Else CAS waiters + 1 (retry on
 *          failure) and sleep on the semaphore; after waking, the word
 *          must be 0, or the group was reused (Add) before this Wait
 *          returned: "sync: WaitGroup is reused before previous Wait has
 *          returned".
 *
 * Misuse is fatal here (one line on stderr with Go's words, then abort),
 * where Go panics.
 *
 * Memory ordering.  The add is acq_rel: each Done's release heads a
 * release sequence that every later RMW on the word continues, and the
 * acquire of the add that reaches zero takes them all in.  That add then
 * stores 0 (a release) and releases the semaphore (a release paired with
 * the waiter's acquire in sema.c), so everything before every Done
 * happens-before the return of a Wait that slept.  A Wait that finds the
 * counter 0 reads it with an acquire load (or a failed CAS, also an
 * acquire): the value comes from the last Done's add or its store of 0,
 * both releases after all Dones.
 *
 * Reuse: a group may start again once every Wait of the last round has
 * returned (Go's rule), and the checks above catch most violations.
 */
#include <stdint.h>

#include "locks/sema.h"
#include "locks/waitgroup.h"

struct wg_go {
	_Atomic uint64_t state; /* counter << 32 | waiters */
	struct lb_sema sema;    /* waiters sleep here      */
};

static int wg_go_init(void *p, const struct lb_optset *o)
{
	struct wg_go *wg = p;

	(void)o;
	atomic_init(&wg->state, 0);
	lb_sema_init(&wg->sema, 0);
	return 0;
}

static void wg_go_destroy(void *p)
{
	(void)p;
}

static void misuse_add(void)
{
	lb_go_fatal("panic", "sync: WaitGroup misuse: Add called concurrently with Wait");
}

static void wg_go_add(void *p, int64_t delta)
{
	struct wg_go *wg = p;
	uint64_t add = (uint64_t)delta << 32;
	/* acq_rel: see the header comment */
	uint64_t state = atomic_fetch_add_explicit(&wg->state, add, memory_order_acq_rel) + add;
	int32_t v = (int32_t)(state >> 32);
	uint32_t w = (uint32_t)state;

	if (v < 0)
		lb_go_fatal("panic", "sync: negative WaitGroup counter");
	if (w != 0 && delta > 0 && v == (int32_t)delta)
		misuse_add();
	if (v > 0 || w == 0)
		return;
	/* The counter reached 0 with waiters: nothing else may touch the word. */
	if (atomic_load_explicit(&wg->state, memory_order_relaxed) != state)
		misuse_add();
	/* release: pairs with the acquire load in wg_go_wait */
	atomic_store_explicit(&wg->state, 0, memory_order_release);
	/* Go readies the waiters behind the caller of the last Done, which in
	 * the usual use (defer wg.Done()) ends next, so they run at once
	 * (sema.c, "When the woken runs"). */
	for (; w != 0; w--)
		lb_sema_release(&wg->sema, LB_SEMA_WAKE, NULL);
}

static void wg_go_done(void *p)
{
	wg_go_add(p, -1);
}

static void wg_go_wait(void *p)
{
	struct wg_go *wg = p;
	/* acquire: pairs with the releases of the add that reached 0 */
	uint64_t state = atomic_load_explicit(&wg->state, memory_order_acquire);

	for (;;) {
		if ((int32_t)(state >> 32) == 0)
			return;
		/* acquire on failure: the reloaded state is read as by the
		 * load above (C11 wants success no weaker) */
		if (atomic_compare_exchange_weak_explicit(&wg->state, &state, state + 1,
							  memory_order_acquire,
							  memory_order_acquire)) {
			lb_sema_acquire(&wg->sema, false, NULL);
			if (atomic_load_explicit(&wg->state, memory_order_relaxed) != 0)
				lb_go_fatal("panic", "sync: WaitGroup is reused before previous "
					    "Wait has returned");
			return;
		}
	}
}

static int64_t wg_go_remaining(void *p)
{
	struct wg_go *wg = p;

	return (int32_t)(atomic_load_explicit(&wg->state, memory_order_relaxed) >> 32);
}

const struct lb_wg_ops lb_wg_go = {
	.name = "wg-go",
	.summary = "Go's sync.WaitGroup: counter and waiters in one 64-bit word, a semaphore",
	.caps = 0,
	.hangs = NULL,
	.size = sizeof(struct wg_go),
	.options = NULL,
	.check = NULL,
	.init = wg_go_init,
	.destroy = wg_go_destroy,
	.add = wg_go_add,
	.done = wg_go_done,
	.wait = wg_go_wait,
	.remaining = wg_go_remaining,
};
