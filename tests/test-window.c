/*
 * test-window.c - the measured window as a thread sees it
 * (workloads/workload.h), driven by hand: batches, the phase, and the
 * weights of sampled waits.
 *
 * A fake run with sampling by count (one in 8) and no time limit on a
 * batch (so nothing depends on the clock), and a lock whose acquisition
 * does nothing.  The loop below is the workloads' loop: poll, then a
 * batch whose first acquisition is timed when the poll says so.
 */
#include <stdint.h>

#include "tests/check.h"
#include "workloads/workload.h"

static void nop(void *l, void *ctx)
{
	(void)l;
	(void)ctx;
}

int main(void)
{
	static struct lb_run run;
	static struct lb_worker w;
	const struct lb_lockfns lk = { .lock = nop, .unlock = nop, .rlock = nop, .runlock = nop };
	uint64_t ops = 0, in_window = 0, timed = 0;
	unsigned polls = 0, biggest = 0;
	bool grew_by_doubling = true;
	unsigned last = 0;

	atomic_init(&run.phase, LB_PHASE_WARMUP);
	run.sample_n = 8;
	run.batch_ticks = UINT64_MAX;
	w.run = &run;
	lb_hist_init(&w.hist);
	struct lb_window win = lb_window_start(&w);

	for (;;) {
		/* The coordinator's side: warm-up for 40 polls, the window for
		 * 1000, then stop. */
		if (polls == 40)
			atomic_store(&run.phase, LB_PHASE_MEASURE);
		if (polls == 1040)
			atomic_store(&run.phase, LB_PHASE_STOP);
		polls++;
		if (lb_window_poll(&win) == LB_PHASE_STOP)
			break;
		if (win.batch > biggest)
			biggest = win.batch;
		if (last && win.batch != last && win.batch != 2 * last && win.batch != 8)
			grew_by_doubling = false;
		last = win.batch;
		timed += win.timed;
		CHECK(!win.timed || win.phase == LB_PHASE_MEASURE, "a timed acquisition outside the window");
		lb_acquire(lk.lock, &lk, &win, win.timed);
		for (unsigned i = 1; i < win.batch; i++)
			lb_acquire(lk.lock, &lk, &win, false);
		ops += win.batch;
		if (win.phase == LB_PHASE_MEASURE)
			in_window += win.batch;
	}
	CHECK(biggest == 8, "batches are at most sample_n long: biggest %u", biggest);
	CHECK(grew_by_doubling, "batches grow 1, 2, 4, 8");
	CHECK(w.samples == timed, "%llu samples, %llu timed batches", (unsigned long long)w.samples,
	      (unsigned long long)timed);
	CHECK(w.samples >= in_window / 8 - 1 && w.samples <= in_window / 8 + 2,
	      "one acquisition in 8 timed: %llu of %llu", (unsigned long long)w.samples,
	      (unsigned long long)in_window);
	CHECK(w.hist.count == in_window,
	      "the weights add up to the window's operations: %llu, expected %llu",
	      (unsigned long long)w.hist.count, (unsigned long long)in_window);
	CHECK(ops > in_window, "the warm-up ran operations too");
	return check_done();
}
