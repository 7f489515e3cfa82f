/*
 * test-window.c - the measured window as a thread sees it
 * (workloads/workload.h), driven by hand: batches, the phase, and the
 * weights of sampled waits.
 *
 * A fake run with sampling by count (one in 8) and no time limit on a
 * batch (so nothing depends on the clock), and a lock whose acquisition
 * does nothing.  The loop below is the workloads' loop: poll, then a
 * batch whose first acquisition is timed when the poll says so.  Then
 * the same for rounds (the WaitGroup workloads), whose timed ones carry
 * a wake-up as well, into a second histogram with the same weights.
 * And a phase change in the middle of a batch: the batch ends there, and
 * the thread's notes of the edges count the operations exactly.
 */
#include <stdint.h>
#include <string.h>

#include "tests/check.h"
#include "workloads/workload.h"

/* The fake run, and w's window in it. */
static struct lb_window fake_run(struct lb_run *run, struct lb_worker *w)
{
	atomic_init(&run->phase, LB_PHASE_WARMUP);
	run->sample_n = 8;
	run->batch_ticks = UINT64_MAX;
	w->run = run;
	lb_hist_init(&w->hist);
	lb_hist_init(&w->wake);
	return lb_window_start(w);
}

/* The coordinator's side, then the thread's poll: warm-up until poll
 * `open`, the window until poll `close`, then stop. */
static int poll_at(struct lb_run *run, struct lb_window *win, unsigned *polls, unsigned open,
		   unsigned close)
{
	if (*polls == open)
		atomic_store(&run->phase, LB_PHASE_MEASURE);
	if (*polls == close)
		atomic_store(&run->phase, LB_PHASE_STOP);
	(*polls)++;
	return lb_window_poll(win);
}

/* Rounds: a batch's first round, when timed, has latency 1000 + its
 * number and wake-up 40 + its number, in ticks. */
static void test_rounds(void)
{
	static struct lb_run run;
	static struct lb_worker w;
	uint64_t in_window = 0, rounds = 0;
	unsigned polls = 0;
	struct lb_window win = fake_run(&run, &w);

	while (poll_at(&run, &win, &polls, 10, 210) != LB_PHASE_STOP) {
		if (win.timed)
			lb_window_round(&win, 1000 + rounds % 7, 40 + rounds % 7);
		win.ran = win.batch;
		rounds += win.batch;
		if (win.phase == LB_PHASE_MEASURE)
			in_window += win.batch;
	}
	CHECK(w.samples > 0, "rounds were timed");
	CHECK(w.hist.count == in_window && w.wake.count == in_window,
	      "latency and wake-up weights add up to the window's rounds: %llu and %llu, "
	      "expected %llu",
	      (unsigned long long)w.hist.count, (unsigned long long)w.wake.count,
	      (unsigned long long)in_window);
	CHECK(w.hist.min >= 1000 && w.hist.max <= 1006, "latencies %llu..%llu",
	      (unsigned long long)w.hist.min, (unsigned long long)w.hist.max);
	CHECK(w.wake.min >= 40 && w.wake.max <= 46, "wake-ups %llu..%llu",
	      (unsigned long long)w.wake.min, (unsigned long long)w.wake.max);
}

static void nop(void *l, void *ctx)
{
	(void)l;
	(void)ctx;
}

/* An acquisition that, the n-th time, moves the phase on (the
 * coordinator's store, landing in the middle of a batch). */
static struct lb_run *flip_run;
static unsigned flip_at, flips;
static int flip_to;

static void flip(void *l, void *ctx)
{
	(void)l;
	(void)ctx;
	if (++flips == flip_at)
		atomic_store(&flip_run->phase, flip_to);
}

/* A batch ends at the operation after which the phase changed, and the
 * thread's note of the edge counts exactly the operations before it. */
static void test_edge_mid_batch(void)
{
	static struct lb_run run;
	static struct lb_worker w;
	const struct lb_lockfns lk = { .lock = flip, .unlock = nop };
	struct lb_window win = fake_run(&run, &w);
	uint64_t n = 0;
	unsigned done = 0;

	run.sample_n = 1024; /* batches of up to 1024 */
	flip_run = &run;
	for (int edge = 0; edge < 2; edge++) {
		/* the window opens at the 1000th operation, closes at the 1500th */
		flip_at = edge ? 1500 : 1000;
		flip_to = edge ? LB_PHASE_STOP : LB_PHASE_MEASURE;
		while (lb_window_poll(&win) == (edge ? LB_PHASE_MEASURE : LB_PHASE_WARMUP)) {
			done = 0;
			do
				lb_acquire(lk.lock, &lk, &win, false);
			while (++done < win.batch && lb_window_holds(&win));
			win.ran = done;
			n += done;
			lb_publish(&w, 0, n, 0);
		}
		CHECK(n == flip_at, "edge %d: the batch ran on to %llu after the phase changed at %u",
		      edge, (unsigned long long)n, flip_at);
	}
	CHECK(w.edges == 3 && w.edge_writes[0] == 1000 && w.edge_writes[1] == 1500,
	      "the thread noted %llu and %llu at the edges, not 1000 and 1500",
	      (unsigned long long)w.edge_writes[0], (unsigned long long)w.edge_writes[1]);
}

/* A lock whose n-th acquisition is the one in progress at an edge: it
 * waits `before` ticks, then the coordinator notes the edge's ticks and
 * publishes the phase, and it waits on for `after` ticks.  entered: the
 * ticks when that acquisition began. */
struct edge_wait {
	unsigned at;
	int to;
	uint64_t before, after, entered;
};
static struct edge_wait edge_waits[2];
static unsigned edge_calls;

static void wait_across(void *l, void *ctx)
{
	(void)l;
	(void)ctx;
	edge_calls++;
	for (int k = 0; k < 2; k++) {
		struct edge_wait *e = &edge_waits[k];
		if (edge_calls != e->at)
			continue;
		e->entered = lb_ticks();
		lb_spin_ticks(e->before);
		if (e->to == LB_PHASE_MEASURE)
			flip_run->open_ticks = lb_ticks();
		else
			flip_run->close_ticks = lb_ticks();
		atomic_store(&flip_run->phase, e->to);
		lb_spin_ticks(e->after);
	}
}

/* Single-operation batches, every acquisition timed, the window opening
 * in the acquisition edge_waits[0] names and closing in edge_waits[1]'s
 * (the same one: the thread completes nothing in the window). */
static void run_across(struct lb_worker *w)
{
	static struct lb_run run;
	const struct lb_lockfns lk = { .lock = wait_across, .unlock = nop };
	struct lb_window win;

	memset(&run, 0, sizeof run);
	memset(w, 0, sizeof *w);
	win = fake_run(&run, w);
	run.sample_n = 1;
	flip_run = &run;
	edge_calls = 0;
	while (lb_window_poll(&win) != LB_PHASE_STOP) {
		lb_acquire(lk.lock, &lk, &win, win.timed);
		win.ran = 1;
		lb_publish(w, 0, edge_calls, 0);
	}
}

/* Each thread's worst wait is cut to the window: a wait in progress at
 * the close counts up to the close (censored), one in progress at the
 * open from the open, and a thread that completes nothing in the window
 * counts the whole window; the op-weighted histogram keeps the censored
 * wait at its full length.  The waits outside the window are far longer
 * than the window (tens of ms against tens of acquisitions of nothing),
 * so a wait not cut to it would show. */
static void test_worst_wait(void)
{
	static struct lb_worker w;
	const uint64_t outside = 60000000, censored = 200000; /* ticks */

	edge_waits[0] = (struct edge_wait){ .at = 5, .to = LB_PHASE_MEASURE, .before = outside };
	edge_waits[1] = (struct edge_wait){ .at = 50, .to = LB_PHASE_STOP, .before = censored,
					    .after = outside };
	run_across(&w);
	const struct lb_run *run = w.run;
	uint64_t window = run->close_ticks - run->open_ticks;
	CHECK(window < outside, "the window, %llu ticks, is shorter than the waits outside it",
	      (unsigned long long)window);
	CHECK(w.worst_wait <= window,
	      "the waits across the open and the close count inside the window only: "
	      "worst %llu ticks, window %llu", (unsigned long long)w.worst_wait,
	      (unsigned long long)window);
	CHECK(w.worst_wait >= run->close_ticks - edge_waits[1].entered,
	      "the wait in progress at the close counts up to it: worst %llu ticks, "
	      "at least %llu expected", (unsigned long long)w.worst_wait,
	      (unsigned long long)(run->close_ticks - edge_waits[1].entered));
	CHECK(w.hist.max >= outside, "the histogram keeps the censored wait whole: max %llu",
	      (unsigned long long)w.hist.max);
	CHECK(w.waited >= w.worst_wait && w.waited <= window,
	      "time spent waiting %llu ticks, in a window of %llu", (unsigned long long)w.waited,
	      (unsigned long long)window);

	/* The thread that never completes an operation in the window. */
	edge_waits[0] = (struct edge_wait){ .at = 5, .to = LB_PHASE_MEASURE, .after = censored };
	edge_waits[1] = (struct edge_wait){ .at = 5, .to = LB_PHASE_STOP, .after = outside };
	run_across(&w);
	window = w.run->close_ticks - w.run->open_ticks;
	CHECK((w.edges & 3) == 3 && w.edge_writes[1] == w.edge_writes[0],
	      "a thread that saw only the close");
	CHECK(window >= censored && w.worst_wait == window && w.waited == window,
	      "a thread held up throughout waited the window: worst %llu, waited %llu, window %llu",
	      (unsigned long long)w.worst_wait, (unsigned long long)w.waited,
	      (unsigned long long)window);
	CHECK(w.hist.count == 0 && w.samples == 0, "and has no wait in the histogram");
}

int main(void)
{
	static struct lb_run run;
	static struct lb_worker w;
	const struct lb_lockfns lk = { .lock = nop, .unlock = nop, .rlock = nop, .runlock = nop };
	uint64_t ops = 0, in_window = 0, timed = 0, warm_timed = 0;
	unsigned polls = 0, biggest = 0;
	bool grew_by_doubling = true;
	unsigned last = 0;
	struct lb_window win = fake_run(&run, &w);

	/* Warm-up for 40 polls, the window for 1000, then stop. */
	while (poll_at(&run, &win, &polls, 40, 1040) != LB_PHASE_STOP) {
		/* Batches grow only after one ran: a thread's first operation
		 * is published on its own, however long it takes (a first
		 * batch of 2 operations of 64 ms each would leave the count a
		 * whole operation stale at the window's edge). */
		CHECK(polls != 1 || win.batch == 1, "the first batch is %u operations", win.batch);
		if (win.batch > biggest)
			biggest = win.batch;
		if (last && win.batch != last && win.batch != 2 * last && win.batch != 8)
			grew_by_doubling = false;
		last = win.batch;
		timed += win.timed && win.phase == LB_PHASE_MEASURE;
		warm_timed += win.timed && win.phase == LB_PHASE_WARMUP;
		lb_acquire(lk.lock, &lk, &win, win.timed);
		for (unsigned i = 1; i < win.batch; i++)
			lb_acquire(lk.lock, &lk, &win, false);
		win.ran = win.batch;
		ops += win.batch;
		lb_publish(&w, 0, ops, 0);
		if (win.phase == LB_PHASE_MEASURE)
			in_window += win.batch;
	}
	CHECK(biggest == 8, "batches are at most sample_n long: biggest %u", biggest);
	CHECK(grew_by_doubling, "batches grow 1, 2, 4, 8");
	CHECK(w.samples == timed, "%llu samples, %llu timed batches in the window",
	      (unsigned long long)w.samples, (unsigned long long)timed);
	CHECK(warm_timed > 0, "the warm-up's acquisitions are timed too (for the worst wait)");
	CHECK(w.samples >= in_window / 8 - 1 && w.samples <= in_window / 8 + 2,
	      "one acquisition in 8 timed: %llu of %llu", (unsigned long long)w.samples,
	      (unsigned long long)in_window);
	CHECK(w.hist.count == in_window,
	      "the weights add up to the window's operations: %llu, expected %llu",
	      (unsigned long long)w.hist.count, (unsigned long long)in_window);
	CHECK(ops > in_window, "the warm-up ran operations too");
	CHECK(w.wake.count == 0, "acquisitions have no wake-up");
	CHECK(w.edges == 3 && w.edge_writes[1] - w.edge_writes[0] == in_window,
	      "the thread's notes at its edges count %llu operations, the window had %llu",
	      (unsigned long long)(w.edge_writes[1] - w.edge_writes[0]),
	      (unsigned long long)in_window);
	test_rounds();
	test_edge_mid_batch();
	test_worst_wait();
	return check_done();
}
