/*
 * seed.c - the Go text's main() as a benchmark:
 *
 *	for i := 0; ; i++ {
 *		wg.Add(2)
 *		go func() { defer wg.Done(); set(i) }()
 *		go func() { defer wg.Done(); get(i) }()
 *		wg.Wait()
 *	}
 *
 * on the shared map of getset.c (map.h, --keys keys, key i mod keys)
 * under the chosen lock, with the chosen WaitGroup.  A one-shot WaitGroup
 * (the Go text's own, whose channel cannot be reopened) is made afresh
 * each round, as Go code would declare it inside the loop.
 *
 * Threads (see rounds.h): thread 0 is main(); it runs the rounds and
 * counts them.  With --spawn pool (the default) threads 1..n-1 are a pool
 * that takes the tasks in the order main posts them (a ticket each, so a
 * task goes to whichever pool thread is free first); with --spawn thread
 * each task gets a fresh thread, as `go` gives a fresh goroutine, bound to
 * the case's other PUs in turn (threads 1..n-1 only lend their PUs).
 * With one thread main runs both tasks itself before it calls Wait.
 *
 * A round's latency (lat_metric=round) is from Add to Wait's return; the
 * wake-up columns time from the later task's Done to Wait's return.
 *
 * Verification, as in getset: each set bumps its key's version and makes
 * the value equal to it; inside the lock a get or set that finds them
 * apart saw a writer there; after the run the versions must add up to the
 * sets counted.  And after each Wait both tasks must have called Done
 * (their records show the round, rounds.h).
 */
#include <errno.h>
#include <inttypes.h>
#include <pthread.h>
#include <sched.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "harness/pin.h"
#include "workloads/map.h"
#include "workloads/rounds.h"
#include "workloads/workload.h"

#define SEED_RING 4 /* task descriptors: two rounds of two tasks */

struct seed_task {
	_Atomic(void *) wg;
	_Atomic(struct lb_wgr_slot *) slot;
	_Atomic uint64_t round;
};

struct seed {
	struct lb_map map;
	struct lb_wgr wgr;
	const struct lb_lock_ops *lock;
	void *l;
	const struct lb_wg_ops *wg;
	const struct lb_topo *topo;
	int threads;
	int *cpus;
	enum lb_spawn spawn;
	struct lb_signal posted; /* tasks posted, two a round */
	uint32_t last;           /* tasks posted in all, once stopped */
	_Alignas(128) _Atomic uint32_t tickets;
	struct seed_task ring[SEED_RING];
	struct lb_done_rec rec[SEED_RING]; /* task t's is rec[t % SEED_RING] */
	/* Tasks run on spawned threads: their counts, how many threads are
	 * live, and how many could not be bound to their PU. */
	_Alignas(128) _Atomic uint64_t spawned_sets, spawned_violations;
	_Atomic uint32_t live, unbound;
	void *main_ctx; /* the lock context of a task main runs when its
			 * thread could not start */
};

/* Task 2i is set(i), task 2i+1 is get(i). */
static inline bool task_is_set(uint64_t task)
{
	return (task & 1) == 0;
}

/* set(i) or get(i) under the lock; returns 1 when it saw another writer. */
static uint64_t seed_op(struct seed *s, const struct lb_lockfns *lk, uint64_t round, bool set,
			uint64_t cs)
{
	struct lb_map_slot *e = lb_map_find(&s->map, round % s->map.keys);
	uint64_t bad;

	if (set) {
		lk->lock(lk->l, lk->ctx);
		bad = e->value != e->version;
		e->version++;
		e->value = e->version;
		lb_work(cs);
		lk->unlock(lk->l, lk->ctx);
	} else {
		lk->rlock(lk->l, lk->ctx);
		bad = e->value != e->version;
		lb_work(cs);
		lk->runlock(lk->l, lk->ctx);
	}
	return bad;
}

/* Task t of the ring as one thread runs it: the operation, the record,
 * Done, and leaving the round's WaitGroup.  Returns whether it saw
 * another writer. */
static uint64_t seed_run_task(struct seed *s, const struct lb_lockfns *lk, uint64_t t,
			      uint64_t cs)
{
	struct seed_task *d = &s->ring[t % SEED_RING];
	void *wg = atomic_load_explicit(&d->wg, memory_order_relaxed);
	struct lb_wgr_slot *slot = atomic_load_explicit(&d->slot, memory_order_relaxed);
	uint64_t round = atomic_load_explicit(&d->round, memory_order_relaxed);
	uint64_t bad = seed_op(s, lk, round, task_is_set(t), cs);

	lb_done_mark(&s->rec[t % SEED_RING], round);
	s->wg->done(wg);
	lb_wgr_leave(slot);
	return bad;
}

/* ---- the pool ---------------------------------------------------------- */

static void seed_pool(struct lb_worker *w)
{
	struct seed *s = w->state;
	const struct lb_lockfns lk = w->lk;
	const uint64_t cs = w->run->cs_ticks;
	uint64_t sets = 0, violations = 0;

	for (;;) {
		uint32_t c = atomic_fetch_add_explicit(&s->tickets, 1, memory_order_relaxed);
		/* Acquire: pairs with lb_signal_post, after which task c's
		 * descriptor is written.  Once stopped, seq has moved past the
		 * tasks posted: last counts them. */
		uint32_t p = atomic_load_explicit(&s->posted.seq, memory_order_acquire);
		for (;;) {
			bool stopped = lb_signal_stopped(&s->posted);
			if (stopped)
				p = s->last;
			if ((int32_t)(p - c) > 0 || stopped)
				break;
			p = lb_signal_await(&s->posted, p);
		}
		if ((int32_t)(p - c) <= 0)
			break; /* stopped, and task c was never posted */
		violations += seed_run_task(s, &lk, c, cs);
		sets += task_is_set(c);
	}
	w->total_writes = sets;
	w->violations = violations;
}

/* ---- fresh threads ------------------------------------------------------ */

struct seed_spawn {
	struct seed *s;
	uint64_t task;
	int cpu;
	uint64_t cs;
	struct lb_lock_stats *fold; /* thread 0's counters, to add this one's to */
	void *ctx;
};

_Static_assert(sizeof(struct lb_lock_stats) == LB_NSTATS * sizeof(uint64_t),
	       "the lock counters are LB_NSTATS words in LB_LOCK_STATS order");

/* The lock counters of ctx, one task's, into the row's (fold, thread 0's
 * context) with atomic adds, as other tasks' threads may add theirs at
 * the same time; ctx's own are zero again. */
static void seed_fold(const struct seed *s, void *ctx, void *fold)
{
	uint64_t v[LB_NSTATS];

	if (!s->lock->stats)
		return;
	lb_stats_read(ctx, v);
	for (int k = 0; k < LB_NSTATS; k++) {
		atomic_fetch_add_explicit(&((_Atomic uint64_t *)fold)[k], v[k],
					  memory_order_relaxed);
		atomic_store_explicit(&((_Atomic uint64_t *)ctx)[k], 0, memory_order_relaxed);
	}
}

static void *seed_spawned(void *arg)
{
	struct seed_spawn *a = arg;
	struct seed *s = a->s;
	char err[LB_ERR_LEN];
	struct lb_lockfns lk = lb_lock_bind(s->lock, s->l, a->ctx);

	if (a->cpu >= 0 && lb_pin_self(s->topo, a->cpu, err, sizeof err) < 0)
		atomic_fetch_add_explicit(&s->unbound, 1, memory_order_relaxed);
	uint64_t bad = seed_run_task(s, &lk, a->task, a->cs);
	seed_fold(s, a->ctx, a->fold);
	atomic_fetch_add_explicit(&s->spawned_violations, bad, memory_order_relaxed);
	atomic_fetch_add_explicit(&s->spawned_sets, task_is_set(a->task), memory_order_relaxed);
	free(a->ctx);
	free(a);
	/* Release: pairs with the acquire in seed_main's wait for the last
	 * thread; nothing of s is touched after this. */
	atomic_fetch_sub_explicit(&s->live, 1, memory_order_release);
	return NULL;
}

/* Start task t on a fresh thread bound to the next of PUs 1..n-1; 0, or
 * an errno value (the task has not started). */
static int seed_spawn(struct seed *s, struct lb_worker *w, uint64_t t, unsigned *next)
{
	struct seed_spawn *a = malloc(sizeof *a);
	pthread_attr_t attr;
	pthread_t tid;
	int e;

	if (!a)
		return ENOMEM;
	*a = (struct seed_spawn){
		.s = s,
		.task = t,
		.cpu = s->cpus[1 + *next % (unsigned)(s->threads - 1)],
		.cs = w->run->cs_ticks,
		.fold = w->lk.ctx,
		.ctx = lb_alloc_lines(s->lock->ctx_size),
	};
	if (!a->ctx) {
		free(a);
		return ENOMEM;
	}
	(*next)++;
	atomic_fetch_add_explicit(&s->live, 1, memory_order_relaxed);
	pthread_attr_init(&attr);
	pthread_attr_setdetachstate(&attr, PTHREAD_CREATE_DETACHED);
	e = pthread_create(&tid, &attr, seed_spawned, a);
	pthread_attr_destroy(&attr);
	if (e) {
		atomic_fetch_sub_explicit(&s->live, 1, memory_order_relaxed);
		free(a->ctx);
		free(a);
	}
	return e;
}

/* ---- main() ------------------------------------------------------------- */

/* Post round's two tasks: the descriptors, then the count that lets the
 * pool take them (or a thread each, or main runs them). */
static int seed_start_tasks(struct seed *s, struct lb_worker *w, uint64_t round, void *wg,
			    struct lb_wgr_slot *slot, unsigned *next)
{
	for (uint64_t t = 2 * round; t < 2 * round + 2; t++) {
		struct seed_task *d = &s->ring[t % SEED_RING];
		atomic_store_explicit(&d->wg, wg, memory_order_relaxed);
		atomic_store_explicit(&d->slot, slot, memory_order_relaxed);
		atomic_store_explicit(&d->round, round, memory_order_relaxed);
	}
	if (s->threads == 1) {
		for (uint64_t t = 2 * round; t < 2 * round + 2; t++) {
			w->violations += seed_run_task(s, &w->lk, t, w->run->cs_ticks);
			w->total_writes += task_is_set(t);
		}
		return 0;
	}
	if (s->spawn == LB_SPAWN_POOL) {
		lb_signal_post(&s->posted, (uint32_t)(2 * round + 2));
		return 0;
	}
	for (uint64_t t = 2 * round; t < 2 * round + 2; t++) {
		int e = seed_spawn(s, w, t, next);
		if (e) { /* run it here, so that Wait returns, and stop */
			struct lb_lockfns lk = lb_lock_bind(s->lock, s->l, s->main_ctx);
			snprintf(w->error, sizeof w->error, "cannot start a task's thread: %s",
				 strerror(e));
			w->violations += seed_run_task(s, &lk, t, w->run->cs_ticks);
			w->total_writes += task_is_set(t);
			seed_fold(s, s->main_ctx, w->lk.ctx);
		}
	}
	return w->error[0] ? -1 : 0;
}

static void seed_main(struct lb_worker *w)
{
	struct seed *s = w->state;
	struct lb_window win = lb_window_start(w);
	uint64_t round = 0, counted = 0, misses = 0;
	unsigned next = 0;
	bool failed = false;

	while (!failed && lb_window_poll(&win) != LB_PHASE_STOP) {
		unsigned i;
		for (i = 0; i < win.batch && !failed && (i == 0 || lb_window_holds(&win));
		     i++, round++) {
			struct lb_wgr_slot *slot;
			void *wg = lb_wgr_begin(&s->wgr, round, 2, &slot);
			uint64_t last, t0, t1;

			if (!wg) {
				snprintf(w->error, sizeof w->error,
					 "waitgroup '%s': init failed: %s", s->wg->name,
					 strerror(errno));
				failed = true;
				break;
			}
			t0 = lb_ticks();
			s->wg->add(wg, 2);
			failed = seed_start_tasks(s, w, round, wg, slot, &next) < 0;
			s->wg->wait(wg);
			t1 = lb_ticks_after();
			misses += lb_done_check(&s->rec[(2 * round) % SEED_RING], 2, round, &last);
			if (i == 0 && win.timed)
				lb_window_round(&win, t1 - t0, lb_wake_ticks(last, t1));
			counted++;
		}
		win.ran = i;
		lb_publish(w, 0, counted, 0);
	}
	s->last = (uint32_t)(2 * round);
	lb_signal_stop(&s->posted); /* publishes last */
	/* Acquire: pairs with the release in seed_spawned. */
	while (atomic_load_explicit(&s->live, memory_order_acquire))
		sched_yield();
	w->violations += misses;
	if (!w->error[0] && atomic_load(&s->unbound))
		snprintf(w->error, sizeof w->error, "%u task threads could not be bound to their PU",
			 atomic_load(&s->unbound));
}

static void seed_thread(struct lb_worker *w)
{
	const struct seed *s = w->state;

	if (w->id == 0)
		seed_main(w);
	else if (s->spawn == LB_SPAWN_POOL)
		seed_pool(w);
	/* else: with --spawn thread this thread only lends its PU. */
}

/* ---- setup, verification ------------------------------------------------ */

static void seed_teardown(void *state)
{
	struct seed *s = state;

	if (!s)
		return;
	lb_wgr_free(&s->wgr);
	lb_map_free(&s->map);
	free(s->main_ctx);
	free(s->cpus);
	free(s);
}

static int seed_setup(const struct lb_setup *st, struct lb_instance *out, char *err,
		      size_t errlen)
{
	struct seed *s = aligned_alloc(128, sizeof *s);

	if (!s) {
		snprintf(err, errlen, "seed: out of memory");
		return -1;
	}
	memset(s, 0, sizeof *s);
	s->cpus = malloc((size_t)st->threads * sizeof *s->cpus);
	s->main_ctx = lb_alloc_lines(st->lock->ctx_size);
	if (!s->cpus || !s->main_ctx || lb_map_init(&s->map, st->p->keys) < 0) {
		snprintf(err, errlen, "seed: out of memory for %" PRIu64 " keys", st->p->keys);
		free(s->main_ctx);
		free(s->cpus);
		free(s);
		return -1;
	}
	memcpy(s->cpus, st->cpus, (size_t)st->threads * sizeof *s->cpus);
	if (lb_wgr_init(&s->wgr, st->wg, st->wg_opts, err, errlen) < 0) {
		lb_map_free(&s->map);
		free(s->main_ctx);
		free(s->cpus);
		free(s);
		return -1;
	}
	s->lock = st->lock;
	s->wg = st->wg;
	s->topo = st->topo;
	s->threads = st->threads;
	s->spawn = st->p->spawn;
	lb_signal_init(&s->posted, st->ticks_per_ns);
	for (int i = 0; i < SEED_RING; i++)
		atomic_init(&s->rec[i].round, UINT64_MAX);
	out->lock = lb_lock_create(st->lock, st->lock_opts, 0, NULL, err, errlen);
	if (!out->lock) {
		seed_teardown(s);
		return -1;
	}
	s->l = out->lock;
	out->state = s;
	return 0;
}

static bool seed_verify(void *state, const struct lb_worker *ws, int nthreads, char *why,
			size_t whylen)
{
	struct seed *s = state;
	uint64_t sets = atomic_load(&s->spawned_sets);
	uint64_t violations = atomic_load(&s->spawned_violations);

	for (int i = 0; i < nthreads; i++) {
		sets += ws[i].total_writes;
		violations += ws[i].violations;
	}
	return lb_map_verify(&s->map, sets, violations,
			     "tasks saw another writer inside the lock or had not called Done "
			     "when Wait returned",
			     why, whylen);
}

const struct lb_workload_ops lb_workload_seed = {
	.name = "seed",
	.summary = "the Go text's main(): rounds of wg.Add(2), go set(i), go get(i), wg.Wait()",
	.kinds = LB_KIND_LOCK | LB_KIND_WG,
	.params = LB_WP_KEYS | LB_WP_CS | LB_WP_SPAWN,
	.lat_metric = "round",
	.rounds = true,
	.setup = seed_setup,
	.thread_main = seed_thread,
	.verify = seed_verify,
	.teardown = seed_teardown,
};
