/*
 * errgroup.c - cancellation under an errgroup over the chosen WaitGroup:
 *
 *	g, ctx := errgroup.WithContext(ctx)
 *	for k := 0; k < N; k++ {
 *		g.Go(func() error {
 *			for ctx.Err() == nil { work() }  // or fail at a random point
 *			return nil
 *		})
 *	}
 *	err := g.Wait()
 *
 * Threads (see rounds.h): thread 0 is the coordinator; threads 1..n-1 are
 * the N = n-1 workers, one task each per round.  Each round makes a fresh
 * errgroup (lb_errgroup_init, which makes its WaitGroup; an errgroup, like
 * Go's, stays cancelled), starts the N tasks (Go: Add(1) each) and Waits.
 * One task, drawn at random (--seed), fails after a random number of
 * units of work, 0 to 15, with an error that names the round; the others
 * run units of work, checking for cancellation before each, until they see
 * it, then return nil.  A unit is --work-ns of busy work (a pause when 0).
 * With one thread the coordinator runs the one task, which fails, before
 * it Waits.  No lock is involved: the lock column is NA.
 *
 * The latency columns (lat_metric=cancel) time the failure (just before
 * the failing task returns its error) to Wait's return, by which every
 * task has seen the cancellation and returned; the wake-up columns the
 * last Done to Wait's return, as in the waitgroup workload.
 *
 * Verification: every round, Wait returned the failing task's error, the
 * group says it is cancelled, and every task's record shows the round
 * (each saw the cancellation and was done before Wait returned).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "locks/errgroup.h"
#include "workloads/rounds.h"
#include "workloads/workload.h"

#define EG_MAX_UNITS 16 /* the failing task fails after 0..15 units */

/* An errgroup, reused two rounds later once its tasks have left it. */
struct eg_slot {
	struct lb_errgroup g;
	struct lb_users users;
	bool live;
};

struct egload {
	const struct lb_wg_ops *wg;
	const struct lb_optset *wg_opts;
	struct lb_crew crew;
	/* The round in flight, written before it starts. */
	_Alignas(128) _Atomic(struct eg_slot *) cur;
	_Atomic uint64_t cur_round;
	_Atomic int cur_failing, cur_units;
	_Alignas(128) _Atomic uint64_t fail_stamp; /* ticks at the failure */
	struct eg_slot slot[2];
};

/* The error the failing task of round returns: never 0. */
static int eg_error(uint64_t round)
{
	return (int)(round % 1000000000u) + 1;
}

/* One unit of a task's work. */
static inline void eg_unit(uint64_t work)
{
	if (work)
		lb_work(work);
	else
		lb_cpu_relax();
}

/* Task k of the round in flight. */
static void eg_task(struct lb_worker *w, int k)
{
	struct egload *s = w->state;
	struct eg_slot *es = atomic_load_explicit(&s->cur, memory_order_relaxed);
	uint64_t round = atomic_load_explicit(&s->cur_round, memory_order_relaxed);
	const uint64_t work = w->run->work_ticks;
	int err = 0;

	if (k == atomic_load_explicit(&s->cur_failing, memory_order_relaxed)) {
		for (int u = atomic_load_explicit(&s->cur_units, memory_order_relaxed); u > 0; u--)
			eg_unit(work);
		err = eg_error(round);
		atomic_store_explicit(&s->fail_stamp, lb_ticks(), memory_order_relaxed);
	} else {
		while (!lb_errgroup_cancelled(&es->g))
			eg_unit(work);
	}
	lb_done_mark(&s->crew.rec[k], round);
	lb_errgroup_done(&es->g, err);
	lb_users_leave(&es->users);
}

/* A fresh errgroup for round, in the slot its round two before used;
 * NULL with w->error set when it cannot be made. */
static struct eg_slot *eg_begin(struct egload *s, struct lb_worker *w, uint64_t round)
{
	struct eg_slot *es = &s->slot[round & 1];

	if (es->live) {
		lb_users_wait(&es->users);
		lb_errgroup_destroy(&es->g);
		es->live = false;
	}
	if (lb_errgroup_init(&es->g, s->wg, s->wg_opts) < 0) {
		snprintf(w->error, sizeof w->error, "errgroup over '%s': init failed", s->wg->name);
		return NULL;
	}
	es->live = true;
	lb_users_reset(&es->users, (uint32_t)s->crew.ntasks);
	return es;
}

static void eg_main(struct lb_worker *w)
{
	struct egload *s = w->state;
	struct lb_crew *crew = &s->crew;
	struct lb_window win = lb_window_start(w);
	uint64_t rng = w->p->seed * 0x9E3779B97F4A7C15ULL + 1;
	uint64_t round = 0, wrong = 0; /* rounds, and those that went wrong */

	while (!w->error[0] && lb_window_poll(&win) != LB_PHASE_STOP) {
		unsigned i;
		for (i = 0; i < win.batch && (i == 0 || lb_window_holds(&win)); i++) {
			struct eg_slot *es = eg_begin(s, w, round + 1);
			uint64_t r = lb_rand(&rng), last, t1;

			if (!es)
				break;
			round++;
			for (int k = 0; k < crew->ntasks; k++)
				lb_errgroup_go(&es->g);
			atomic_store_explicit(&s->cur, es, memory_order_relaxed);
			atomic_store_explicit(&s->cur_round, round, memory_order_relaxed);
			atomic_store_explicit(&s->cur_failing, (int)((r >> 32) % (uint64_t)crew->ntasks),
					      memory_order_relaxed);
			atomic_store_explicit(&s->cur_units, (int)(r % EG_MAX_UNITS),
					      memory_order_relaxed);
			if (crew->alone)
				eg_task(w, 0);
			else
				lb_crew_start(crew, round);
			int err = lb_errgroup_wait(&es->g);
			t1 = lb_ticks_after();
			bool cancelled = lb_errgroup_cancelled(&es->g);
			uint64_t miss = lb_crew_check(crew, round, &last);
			wrong += miss || err != eg_error(round) || !cancelled;
			if (i == 0 && win.timed) {
				uint64_t failed = atomic_load_explicit(&s->fail_stamp,
								       memory_order_relaxed);
				lb_window_round(&win, lb_wake_ticks(failed, t1), lb_wake_ticks(last, t1));
			}
		}
		win.ran = i;
		lb_publish(w, 0, round, 0);
	}
	lb_signal_stop(&crew->go);
	w->total_writes = round;
	w->violations = wrong;
}

static void eg_thread(struct lb_worker *w)
{
	struct egload *s = w->state;

	if (w->id == 0)
		eg_main(w);
	else
		lb_crew_serve(&s->crew, w, eg_task);
}

static void eg_teardown(void *state)
{
	struct egload *s = state;

	if (!s)
		return;
	for (int i = 0; i < 2; i++)
		if (s->slot[i].live) {
			lb_users_wait(&s->slot[i].users);
			lb_errgroup_destroy(&s->slot[i].g);
		}
	lb_crew_free(&s->crew);
	free(s);
}

static int eg_setup(const struct lb_setup *st, struct lb_instance *out, char *err,
		    size_t errlen)
{
	struct egload *s = aligned_alloc(128, sizeof *s);

	if (!s) {
		snprintf(err, errlen, "errgroup: out of memory");
		return -1;
	}
	memset(s, 0, sizeof *s);
	if (lb_crew_init(&s->crew, st, err, errlen) < 0) {
		free(s);
		return -1;
	}
	s->wg = st->wg;
	s->wg_opts = st->wg_opts;
	out->state = s;
	out->lock = NULL;
	return 0;
}

static bool eg_verify(void *state, const struct lb_worker *ws, int nthreads, char *why,
		      size_t whylen)
{
	(void)state;
	(void)nthreads;
	return lb_crew_verify(ws,
			      "Wait did not return the failing task's error after every task "
			      "saw the cancellation and was done",
			      why, whylen);
}

const struct lb_workload_ops lb_workload_errgroup = {
	.name = "errgroup",
	.summary = "N tasks under an errgroup; one fails at a random point, the others must see it",
	.kinds = LB_KIND_WG,
	.params = LB_WP_WORK | LB_WP_SEED,
	.lat_metric = "cancel",
	.rounds = true,
	.setup = eg_setup,
	.thread_main = eg_thread,
	.verify = eg_verify,
	.teardown = eg_teardown,
};
