/*
 * wg_seed.c - the Go text's hand-built WaitGroups, ported with their
 * flaws: wg-seed-racy, wg-seed and wg-seed-rw.
 *
 * The design.  The text builds a WaitGroup from a counter and a `quit`
 * channel that Done closes when the counter reaches zero and that Wait
 * blocks on, Wait making it when it is not there yet.  As ported here,
 * in Go:
 *
 *   type WaitGroup struct { counter int; quit chan struct{} }
 *   func (wg *WaitGroup) Add(n int) { wg.counter += n }
 *   func (wg *WaitGroup) Done() {
 *       wg.counter--
 *       if wg.counter <= 0 && wg.quit != nil { close(wg.quit) }
 *   }
 *   func (wg *WaitGroup) Wait() {
 *       if wg.quit == nil { wg.quit = make(chan struct{}) }
 *       <-wg.quit
 *   }
 *
 * Three versions, as the text goes, differing only in what guards the
 * two fields (the guard table below); the logic is one:
 *
 *   wg-seed-racy  nothing: the first version
 *   wg-seed       a Mutex (gomutex) around every use of them
 *   wg-seed-rw    an RWMutex (gorwmutex): the write lock for Add, Done and
 *                 Wait, the read lock for Remaining(), the count now
 *
 * The channel is modelled by struct chan below: made on the heap as Go's
 * make does, closed once (a futex word set to 1 and every sleeper
 * woken), received from by sleeping until it is closed.
 *
 * Flaws, each the design's, kept on purpose (the `hangs` and caps of the
 * tables say the same to the runner):
 *
 *   1. wg-seed-racy: a data race.  counter and quit are plain memory
 *      read and written by every thread with no synchronisation: two
 *      Dones can lose one decrement (the counter then never reaches
 *      zero: Wait hangs), and Done can miss the quit that Wait made
 *      (Wait hangs).  In C, as in Go, a data race is undefined
 *      behaviour; ThreadSanitizer reports it.  LB_WG_UNSAFE.
 *   2. Wait after the counter reached zero blocks forever.  quit is made
 *      lazily by Wait, and Done closes it only if it exists: if every
 *      task is done before Wait runs (the usual case for short tasks),
 *      nobody will ever close the channel Wait then makes.
 *   3. Done below zero closes an already closed channel: with quit made,
 *      the Done that takes the counter to 0 closes it, and one more Done
 *      (counter -1, still <= 0) closes it again, which Go punishes with
 *      "panic: close of closed channel": fatal here (one line, abort).
 *      (Without quit, a negative counter goes unnoticed.)
 *   4. One-shot: a closed channel cannot be reopened.  After a round, a
 *      new Add leaves quit closed, so the next Wait returns at once,
 *      before the tasks of the new round are done.  LB_WG_ONESHOT.
 *
 * Memory ordering.  wg-seed and wg-seed-rw: the fields are only touched
 * under the lock, whose acquire and release order them.  The channel:
 * close is a release exchange, the receiver's load an acquire, so what
 * the closing Done's thread did (and, through the lock, every earlier
 * Done) happens-before Wait returns.  wg-seed-racy: none, by design.
 */
#include <stdlib.h>

#include "locks/gomutex.h"
#include "locks/gorwmutex.h"
#include "locks/sema.h"
#include "locks/waitgroup.h"

/* ---- a Go channel that is only ever closed --------------------------- */

struct chan {
	_Atomic uint32_t closed; /* 0 open, 1 closed; sleepers wait on it */
};

static struct chan *chan_make(void)
{
	struct chan *c = malloc(sizeof *c);

	if (c == NULL)
		lb_go_fatal("fatal error", "runtime: out of memory");
	atomic_init(&c->closed, 0);
	return c;
}

static void chan_close(struct chan *c)
{
	/* release: pairs with the acquire load in chan_recv */
	if (atomic_exchange_explicit(&c->closed, 1, memory_order_release) != 0)
		lb_go_fatal("panic", "close of closed channel");
	lb_futex_wake(&c->closed, INT_MAX);
}

/* <-c on a channel nothing is ever sent on: returns once it is closed. */
static void chan_recv(struct chan *c)
{
	/* acquire: pairs with the release exchange in chan_close */
	while (atomic_load_explicit(&c->closed, memory_order_acquire) == 0)
		lb_futex_wait(&c->closed, 0);
}

/* ---- the WaitGroup ---------------------------------------------------- */

struct seed;

/* What guards counter and quit. */
struct guard {
	void (*lock)(struct seed *);
	void (*unlock)(struct seed *);
	void (*rlock)(struct seed *);
	void (*runlock)(struct seed *);
};

struct seed {
	const struct guard *g;
	union {
		struct lb_gomutex mu;
		struct lb_gorwmutex rw;
	} lock;
	int64_t counter;  /* plain: under g (wg-seed-racy: under nothing) */
	struct chan *quit; /* plain, likewise; made by Wait, closed by Done */
};

static void seed_add(void *p, int64_t n)
{
	struct seed *wg = p;

	wg->g->lock(wg);
	wg->counter += n;
	wg->g->unlock(wg);
}

static void seed_done(void *p)
{
	struct seed *wg = p;

	wg->g->lock(wg);
	wg->counter--;
	if (wg->counter <= 0 && wg->quit != NULL)
		chan_close(wg->quit); /* flaw 3: a second time below zero */
	wg->g->unlock(wg);
}

static void seed_wait(void *p)
{
	struct seed *wg = p;
	struct chan *quit;

	wg->g->lock(wg);
	if (wg->quit == NULL)
		wg->quit = chan_make(); /* flaw 2: too late if the counter is 0 */
	quit = wg->quit;
	wg->g->unlock(wg);
	chan_recv(quit); /* flaw 4: at once if an earlier round closed it */
}

static int64_t seed_remaining(void *p)
{
	struct seed *wg = p;
	int64_t n;

	wg->g->rlock(wg);
	n = wg->counter;
	wg->g->runlock(wg);
	return n;
}

static void seed_destroy(void *p)
{
	struct seed *wg = p;

	free(wg->quit);
}

/* ---- the guards ------------------------------------------------------- */

static void no_guard(struct seed *wg)
{
	(void)wg; /* flaw 1 */
}

static const struct guard racy_guard = { no_guard, no_guard, no_guard, no_guard };

static void mu_lock(struct seed *wg)
{
	lb_gomutex_lock(&wg->lock.mu, NULL);
}

static void mu_unlock(struct seed *wg)
{
	lb_gomutex_unlock(&wg->lock.mu, NULL);
}

static const struct guard mutex_guard = { mu_lock, mu_unlock, mu_lock, mu_unlock };

static void rw_lock(struct seed *wg)
{
	lb_gorwmutex_lock(&wg->lock.rw, NULL);
}

static void rw_unlock(struct seed *wg)
{
	lb_gorwmutex_unlock(&wg->lock.rw, NULL);
}

static void rw_rlock(struct seed *wg)
{
	lb_gorwmutex_rlock(&wg->lock.rw, NULL);
}

static void rw_runlock(struct seed *wg)
{
	lb_gorwmutex_runlock(&wg->lock.rw, NULL);
}

static const struct guard rw_guard = { rw_lock, rw_unlock, rw_rlock, rw_runlock };

static void seed_init(struct seed *wg, const struct guard *g)
{
	wg->g = g;
	wg->counter = 0;
	wg->quit = NULL;
}

static int racy_init(void *p, const struct lb_optset *o)
{
	(void)o;
	seed_init(p, &racy_guard);
	return 0;
}

static int mutex_init(void *p, const struct lb_optset *o)
{
	struct seed *wg = p;

	(void)o;
	lb_gomutex_init(&wg->lock.mu, &LB_GOMUTEX_GO_CFG);
	seed_init(wg, &mutex_guard);
	return 0;
}

static int rw_init(void *p, const struct lb_optset *o)
{
	struct seed *wg = p;

	(void)o;
	lb_gorwmutex_init(&wg->lock.rw, &LB_GOMUTEX_GO_CFG);
	seed_init(wg, &rw_guard);
	return 0;
}

#define HANGS_LAZY_QUIT "Wait after the counter reached zero blocks forever: Wait makes " \
	"quit lazily and Done closes it only if it exists"

const struct lb_wg_ops lb_wg_seed_racy = {
	.name = "wg-seed-racy",
	.summary = "the Go text's first WaitGroup: counter and quit channel, no lock (a data race)",
	.caps = LB_WG_UNSAFE | LB_WG_ONESHOT,
	.hangs = HANGS_LAZY_QUIT "; or a Done lost to the race on the counter left it above zero",
	.size = sizeof(struct seed),
	.options = NULL,
	.check = NULL,
	.init = racy_init,
	.destroy = seed_destroy,
	.add = seed_add,
	.done = seed_done,
	.wait = seed_wait,
	.remaining = NULL,
};

const struct lb_wg_ops lb_wg_seed = {
	.name = "wg-seed",
	.summary = "the Go text's WaitGroup: counter and quit channel under a Mutex (gomutex)",
	.caps = LB_WG_ONESHOT,
	.hangs = HANGS_LAZY_QUIT,
	.size = sizeof(struct seed),
	.options = NULL,
	.check = NULL,
	.init = mutex_init,
	.destroy = seed_destroy,
	.add = seed_add,
	.done = seed_done,
	.wait = seed_wait,
	.remaining = NULL,
};

const struct lb_wg_ops lb_wg_seed_rw = {
	.name = "wg-seed-rw",
	.summary = "the Go text's WaitGroup under an RWMutex (gorwmutex), Remaining() read-locked",
	.caps = LB_WG_ONESHOT,
	.hangs = HANGS_LAZY_QUIT,
	.size = sizeof(struct seed),
	.options = NULL,
	.check = NULL,
	.init = rw_init,
	.destroy = seed_destroy,
	.add = seed_add,
	.done = seed_done,
	.wait = seed_wait,
	.remaining = seed_remaining,
};
