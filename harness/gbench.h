/*
 * gbench.h - a small C API over Google Benchmark (the C++ library), so
 * that C code can declare benchmarks, run them under its flags
 * (--benchmark_filter, --benchmark_repetitions, --benchmark_format,
 * --benchmark_out, ...) and report through its reporters.
 *
 * A benchmark is a C function called once per thread of a run with that
 * thread's state and the argument it was registered with.  It does its
 * own setup, then loops while lb_gb_keep_running() says so (the timed
 * part), then reports counters:
 *
 *	static void bm(struct lb_gb_state *st, void *arg)
 *	{
 *		while (lb_gb_keep_running(st))
 *			work(arg);
 *		lb_gb_counter(st, "items", n, LB_GB_RATE);
 *	}
 *
 * The function must keep calling lb_gb_keep_running() (or the batch form)
 * until it returns false (0), also after lb_gb_skip_with_error(): Google
 * Benchmark's threads meet at the loop's start and end.  A loop whose
 * operations take a few nanoseconds uses the batch form, so that the
 * call, which crosses into C++, is paid once per batch:
 *
 *	uint64_t n;
 *	while ((n = lb_gb_keep_running_batch(st, 1024)) > 0)
 *		for (uint64_t i = 0; i < n; i++)
 *			work(arg);
 *
 * A run is one thread count of one benchmark, repeated with growing
 * iteration counts until it lasts --benchmark_min_time.  The spec's
 * setup and teardown are called once around each such run, outside the
 * benchmark's threads, with the run's thread count: the place to build
 * and free what the threads share.  A setup that fails skips the run with
 * its message as the run's error (error_occurred in the JSON output).
 *
 * Functions return 0 / -1 with errno, as the rest of lockbench does; no
 * C++ exception crosses this interface.  The implementation
 * (gbench_shim.cc) is the project's only C++ file.
 */
#ifndef LB_GBENCH_H
#define LB_GBENCH_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/* One thread's view of one run: opaque. */
struct lb_gb_state;

typedef void (*lb_gb_fn)(struct lb_gb_state *st, void *arg);

/* How a benchmark runs.  Every field may be left zero. */
struct lb_gb_spec {
	const int *threads; /* thread counts, one run each; NULL: one thread */
	int nthreads;       /* entries in threads                            */
	bool use_real_time; /* time by the wall clock, not the CPU time      */
	/* Before each run, outside the threads: 0, or -1 with a message in
	 * err (the run is then skipped with it, and teardown not called). */
	int (*setup)(void *arg, int threads, char *err, size_t errlen);
	/* After each run whose setup succeeded. */
	void (*teardown)(void *arg, int threads);
};

/* Register fn under name (Google Benchmark appends "/threads:N" and
 * "/real_time" as they apply).  spec may be NULL.  -1 with errno EINVAL
 * for a NULL name or fn or a thread count below 1, ENOSPC when too many
 * benchmarks with setup or teardown are registered (LB_GB_MAX_HOOKED),
 * ENOMEM. */
#define LB_GB_MAX_HOOKED 512
int lb_gb_register(const char *name, lb_gb_fn fn, void *arg,
		   const struct lb_gb_spec *spec);

/* true while the run wants another iteration.  The first call starts the
 * timer (after every thread of the run has arrived); the call that
 * returns false stops it.  A paused timer is resumed first. */
bool lb_gb_keep_running(struct lb_gb_state *st);
/* The same for up to n iterations at once (n of 0 counts as 1): the
 * number the loop body must now do, n, or fewer when fewer are left in
 * this pass, so that a pass does exactly lb_gb_max_iterations of them
 * whatever the batch sizes (Google Benchmark requires the repetitions of
 * a run to have the same iterations); 0 when the pass is over. */
uint64_t lb_gb_keep_running_batch(struct lb_gb_state *st, uint64_t n);

/* Stop and restart this thread's timer inside the loop.  -1 with EINVAL
 * outside the loop, when already in that state, or after an error. */
int lb_gb_pause(struct lb_gb_state *st);
int lb_gb_resume(struct lb_gb_state *st);

/* How a counter's per-thread values become the reported one: they are
 * always summed over the run's threads first, then */
enum lb_gb_counter_kind {
	LB_GB_PLAIN,            /* reported as the sum                 */
	LB_GB_RATE,             /* divided by the run's time (per s)   */
	LB_GB_AVG_THREADS,      /* divided by the thread count         */
	LB_GB_AVG_THREADS_RATE, /* divided by both                     */
};

/* Set this thread's counter name to value (replacing an earlier value).
 * -1 with EINVAL for a NULL name or an unknown kind, ENOMEM. */
int lb_gb_counter(struct lb_gb_state *st, const char *name, double value,
		  enum lb_gb_counter_kind kind);

int lb_gb_thread_index(const struct lb_gb_state *st); /* 0 .. threads - 1 */
int lb_gb_threads(const struct lb_gb_state *st);
/* This thread's iterations so far (0 before the loop), counted at the
 * start of each batch. */
uint64_t lb_gb_iterations(const struct lb_gb_state *st);
/* The iterations this thread's pass asks for. */
uint64_t lb_gb_max_iterations(const struct lb_gb_state *st);

/* Mark the run failed with msg: the next lb_gb_keep_running returns
 * false, and the run is reported with error_occurred and msg instead of
 * timings.  -1 with EINVAL when this thread already reported an error. */
int lb_gb_skip_with_error(struct lb_gb_state *st, const char *msg);

/* Take Google Benchmark's flags out of argv (*argc shrinks), then run
 * every registered benchmark the flags select and report them.  -1 with
 * EINVAL when arguments are left that neither the caller nor Google
 * Benchmark knows (each is named on stderr); -1 with ENOMEM.  Runs whose
 * benchmark reported an error still make 0: they are rows of the report. */
int lb_gb_run(int *argc, char **argv);

/* Google Benchmark's own list of flags, on stdout. */
void lb_gb_print_flags(void);

#ifdef __cplusplus
}
#endif

#endif
