/*
 * waitgroup.c - fan-out, fan-in: the WaitGroup alone.
 *
 *	for {
 *		wg.Add(N)
 *		for k := 0; k < N; k++ {
 *			go func() { work(); wg.Done() }()   // N pinned workers
 *		}
 *		wg.Wait()
 *	}
 *
 * Threads (see rounds.h): thread 0 is the coordinator; threads 1..n-1 are
 * the N = n-1 workers, each of which runs one task per round: --work-ns
 * of busy work, then Done.  The coordinator Adds N, signals the round,
 * and Waits.  With one thread the coordinator runs the one task itself
 * (N = 1) before it Waits.  A one-shot WaitGroup is made afresh each
 * round.  No lock is involved: the lock column is NA.
 *
 * A round's latency (lat_metric=round) runs from Add to Wait's return;
 * the wake-up columns time the last Done (the latest moment a worker
 * called it) to Wait's return: the WaitGroup's release of its waiter.
 *
 * Verification: after every Wait every worker's record shows the round
 * (each Done came before Wait returned), and a WaitGroup that can tell
 * its count (remaining) tells 0.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "workloads/rounds.h"
#include "workloads/workload.h"

struct wgload {
	struct lb_wgr wgr;
	const struct lb_wg_ops *wg;
	struct lb_crew crew;
	/* The round in flight, written before it starts. */
	_Alignas(128) _Atomic(void *) cur_wg;
	_Atomic(struct lb_wgr_slot *) cur_slot;
	_Atomic uint64_t cur_round;
};

/* Task k of the round in flight: work, record, Done, leave. */
static void wgload_task(struct lb_worker *w, int k)
{
	struct wgload *s = w->state;
	void *wg = atomic_load_explicit(&s->cur_wg, memory_order_relaxed);
	struct lb_wgr_slot *slot = atomic_load_explicit(&s->cur_slot, memory_order_relaxed);

	lb_work(w->run->work_ticks);
	lb_done_mark(&s->crew.rec[k], atomic_load_explicit(&s->cur_round, memory_order_relaxed));
	s->wg->done(wg);
	lb_wgr_leave(slot);
}

static void wgload_main(struct lb_worker *w)
{
	struct wgload *s = w->state;
	struct lb_crew *crew = &s->crew;
	struct lb_window win = lb_window_start(w);
	uint64_t round = 0, wrong = 0; /* rounds, and those that went wrong */

	while (!w->error[0] && lb_window_poll(&win) != LB_PHASE_STOP) {
		unsigned i;
		for (i = 0; i < win.batch && (i == 0 || lb_window_holds(&win)); i++) {
			struct lb_wgr_slot *slot;
			void *wg = lb_wgr_begin(&s->wgr, round + 1, (uint32_t)crew->ntasks, &slot);
			uint64_t last, t0, t1;

			if (!wg) {
				snprintf(w->error, sizeof w->error, "waitgroup '%s': init failed",
					 s->wg->name);
				break;
			}
			round++;
			t0 = lb_ticks();
			s->wg->add(wg, crew->ntasks);
			atomic_store_explicit(&s->cur_wg, wg, memory_order_relaxed);
			atomic_store_explicit(&s->cur_slot, slot, memory_order_relaxed);
			atomic_store_explicit(&s->cur_round, round, memory_order_relaxed);
			if (crew->alone)
				wgload_task(w, 0);
			else
				lb_crew_start(crew, round);
			s->wg->wait(wg);
			t1 = lb_ticks_after();
			int64_t left = s->wg->remaining ? s->wg->remaining(wg) : 0;
			uint64_t miss = lb_crew_check(crew, round, &last);
			wrong += miss || left != 0;
			if (i == 0 && win.timed)
				lb_window_round(&win, t1 - t0, lb_wake_ticks(last, t1));
		}
		win.ran = i;
		lb_publish(w, 0, round, 0);
	}
	lb_signal_stop(&crew->go);
	w->total_writes = round;
	w->violations = wrong;
}

static void wgload_thread(struct lb_worker *w)
{
	struct wgload *s = w->state;

	if (w->id == 0)
		wgload_main(w);
	else
		lb_crew_serve(&s->crew, w, wgload_task);
}

static void wgload_teardown(void *state)
{
	struct wgload *s = state;

	if (!s)
		return;
	lb_wgr_free(&s->wgr);
	lb_crew_free(&s->crew);
	free(s);
}

static int wgload_setup(const struct lb_setup *st, struct lb_instance *out, char *err,
			size_t errlen)
{
	struct wgload *s = aligned_alloc(128, sizeof *s);

	if (!s) {
		snprintf(err, errlen, "waitgroup: out of memory");
		return -1;
	}
	memset(s, 0, sizeof *s);
	if (lb_crew_init(&s->crew, st, err, errlen) < 0) {
		free(s);
		return -1;
	}
	if (lb_wgr_init(&s->wgr, st->wg, st->wg_opts, err, errlen) < 0) {
		lb_crew_free(&s->crew);
		free(s);
		return -1;
	}
	s->wg = st->wg;
	out->state = s;
	out->lock = NULL;
	return 0;
}

static bool wgload_verify(void *state, const struct lb_worker *ws, int nthreads, char *why,
			  size_t whylen)
{
	(void)state;
	(void)nthreads;
	return lb_crew_verify(ws, "Wait returned before every Done", why, whylen);
}

const struct lb_workload_ops lb_workload_waitgroup = {
	.name = "waitgroup",
	.summary = "fan-out/fan-in: Add(N), N pinned workers do --work-ns and Done, Wait",
	.kinds = LB_KIND_WG,
	.params = LB_WP_WORK,
	.lat_metric = "round",
	.rounds = true,
	.setup = wgload_setup,
	.thread_main = wgload_thread,
	.verify = wgload_verify,
	.teardown = wgload_teardown,
};
