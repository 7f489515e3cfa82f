/*
 * wg_seed_fixed.c - the Go text's mutex-based WaitGroup with each of its
 * flaws mended, so that the design can be measured on its merits.
 *
 * The design (wg_seed.c): a counter under a Mutex, and a quit channel
 * that Done closes when the counter reaches zero and Wait blocks on.
 * The mends, one per flaw of wg_seed.c (marked MEND 1..4 below):
 *
 *   1. the data race: counter and the channel are only touched under
 *      the Mutex (gomutex), as in wg-seed;
 *   2. Wait after the counter reached zero: Wait looks at the counter
 *      first and returns at once when it is zero, instead of making a
 *      channel that nobody will close;
 *   3. Done below zero: the counter is checked, and a negative one is
 *      Go's "sync: negative WaitGroup counter" (fatal), never a second
 *      close;
 *   4. one-shot: the channel becomes a round number, bumped where the
 *      channel was closed.  Closing ends the round the waiters saw; Wait
 *      sleeps until the round moves on from the one it saw, and a new
 *      round needs no new channel.
 *
 * State: (counter, round) with counter under mu; round is also a futex
 * word, written under mu and read by sleeping waiters.
 *
 *   add(n):  lock; counter += n; counter < 0: fatal (MEND 3); counter
 *            == 0: round++ (MEND 4); unlock; wake every sleeper on round
 *   done():  add(-1)
 *   wait():  lock; counter == 0: unlock, return (MEND 2); r = round;
 *            unlock; sleep while round == r
 *
 * Memory ordering.  counter lives under the lock (acquire in lock,
 * release in unlock).  The store of round is a release, the sleeper's
 * load an acquire: the Done that ended the round (and, through the lock,
 * every earlier Add and Done) happens-before Wait returns.  The wake
 * comes after unlock and uses only round's address, so a waiter that
 * returns and frees the group meanwhile is harmless.
 *
 * Progress.  Waiters sleep on the futex; a Wait that read r under the
 * lock cannot miss the bump: futex_wait returns at once when round is
 * no longer r.
 */
#include <limits.h>

#include "locks/gomutex.h"
#include "locks/sema.h"
#include "locks/waitgroup.h"

struct seed_fixed {
	struct lb_gomutex mu;
	int64_t counter;        /* under mu (MEND 1)                       */
	_Atomic uint32_t round; /* the reopenable quit channel (MEND 4)    */
};

static int fixed_init(void *p, const struct lb_optset *o)
{
	struct seed_fixed *wg = p;

	(void)o;
	lb_gomutex_init(&wg->mu, &LB_GOMUTEX_GO_CFG);
	wg->counter = 0;
	atomic_init(&wg->round, 0);
	return 0;
}

static void fixed_destroy(void *p)
{
	(void)p;
}

static void fixed_add(void *p, int64_t n)
{
	struct seed_fixed *wg = p;
	bool closed = false;

	lb_gomutex_lock(&wg->mu, NULL);
	wg->counter += n;
	if (wg->counter < 0) /* MEND 3: no second close, Go's own error */
		lb_go_fatal("panic", "sync: negative WaitGroup counter");
	if (wg->counter == 0) {
		/* MEND 4: end the round instead of closing for good.  release:
		 * pairs with the acquire load in fixed_wait */
		atomic_store_explicit(&wg->round,
				      atomic_load_explicit(&wg->round, memory_order_relaxed) + 1,
				      memory_order_release);
		closed = true;
	}
	lb_gomutex_unlock(&wg->mu, NULL);
	if (closed)
		lb_futex_wake(&wg->round, INT_MAX);
}

static void fixed_done(void *p)
{
	fixed_add(p, -1);
}

static void fixed_wait(void *p)
{
	struct seed_fixed *wg = p;
	uint32_t r;

	lb_gomutex_lock(&wg->mu, NULL);
	if (wg->counter == 0) { /* MEND 2: nothing to wait for */
		lb_gomutex_unlock(&wg->mu, NULL);
		return;
	}
	r = atomic_load_explicit(&wg->round, memory_order_relaxed);
	lb_gomutex_unlock(&wg->mu, NULL);
	/* acquire: pairs with the release store in fixed_add */
	while (atomic_load_explicit(&wg->round, memory_order_acquire) == r)
		lb_futex_wait(&wg->round, r);
}

static int64_t fixed_remaining(void *p)
{
	struct seed_fixed *wg = p;
	int64_t n;

	lb_gomutex_lock(&wg->mu, NULL);
	n = wg->counter;
	lb_gomutex_unlock(&wg->mu, NULL);
	return n;
}

const struct lb_wg_ops lb_wg_seed_fixed = {
	.name = "wg-seed-fixed",
	.summary = "the Go text's Mutex WaitGroup with its flaws mended: reusable, no hang",
	.caps = 0,
	.hangs = NULL,
	.size = sizeof(struct seed_fixed),
	.options = NULL,
	.check = NULL,
	.init = fixed_init,
	.destroy = fixed_destroy,
	.add = fixed_add,
	.done = fixed_done,
	.wait = fixed_wait,
	.remaining = fixed_remaining,
};
