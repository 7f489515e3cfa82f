/*
 * gbench_main.c - lockbench-gbench: every safe lock under the shapes of
 * Go's sync benchmarks, declared through gbench.h and run by Google
 * Benchmark, so its flags, reporters and tools (compare.py) apply.
 *
 * Benchmarks, for each lock L that is not LB_CAP_UNSAFE:
 *
 *   Uncontended/L             each thread locks and unlocks a lock of its
 *                             own, on cache lines of its own
 *   Contended/L               one shared lock, empty critical section
 *   Work/L                    as Contended, then 100 rounds of dependent
 *                             local arithmetic outside the lock (Go's
 *                             BenchmarkMutexWork)
 *   GetSet/L/read_ratio:R     the shared int->int map of the Go text: a
 *                             get under rlock (lock where L has no shared
 *                             mode) with probability R, else a set under
 *                             lock; uniform keys; R = 0.5 and 0.9
 *
 * each at 1, 2, 4 ... threads up to twice the PUs, timed by the wall clock
 * (Google Benchmark appends "/real_time/threads:N").  One iteration is one
 * operation: a lock and unlock, or one get or set.  Uncontended and
 * Contended run all but the first, timed, operation of a batch through
 * the lock's cycle verb: its fast paths inlined into one loop, as Go's
 * compiler inlines Mutex.Lock's and Unlock's into its benchmark loops, not
 * two calls through the table per operation.
 *
 * A time limit per pass (--timeout, 10 s by default).  Google Benchmark
 * sizes a pass from the one before, ten times longer while the last was
 * short; with more threads than PUs a FIFO spinlock can be fast in one
 * pass (the threads happened not to overlap) and then fall into a convoy
 * in the next, where every hand-over waits for a preempted thread's turn
 * on a CPU, about a millisecond: a pass sized for nanoseconds then takes
 * many minutes.  Each thread reads the clock once per batch, and a thread
 * past the limit stops the run with an error that says so: the run's row
 * has error_occurred and the message, and the program goes on.
 *
 * Threads are pinned as in `lockbench run`: --pin P (compact by default)
 * is planned once for the largest thread count, and thread i of every run
 * binds itself to the i-th PU of that plan before its loop.  Google
 * Benchmark runs thread 0 on the main thread, so the main thread stays
 * bound to the first PU between runs.
 *
 * Counters:
 *   ops_per_sec   operations of all threads per second of the run (a
 *                 rate counter over the iterations, summed over threads)
 *   wait_p99_ns   the 99th percentile of the wait in lock or rlock, from
 *                 the first acquisition of each batch, timed with lb_ticks
 *                 and lb_ticks_after and weighted by the batch's
 *                 operations; the threads' histograms are merged, so this
 *                 is the p99 over all the run's operations, as in
 *                 lockbench run's lat_p99_ns, not an average of per-thread
 *                 p99s
 *   handoffs_per_op, starve_enter_per_op
 *                 for a lock that keeps them (lock.h's lock-internal
 *                 counters, LB_CAP_HAS_STATS: gomutex, gorwmutex): direct
 *                 hand-overs and entries into starvation mode, summed over
 *                 the threads' contexts, per operation of the run
 *
 * Between two operations the loop adds nothing.  Once per batch it calls
 * into Google Benchmark (KeepRunningBatch) and reads the clock three
 * times (the timed acquisition, and the batch's end, which sizes the
 * next).  Batches are sized as `lockbench run` sizes them
 * (lb_batch_next): from 1, doubling up to LB_BATCH_MAX operations while a
 * batch lasts less than LB_SLOW_BATCH_NS, shorter in proportion when one
 * lasts longer; lb_gb_keep_running_batch cuts a pass's last one to what
 * is left, so every pass does exactly the iterations it asked for.  At a few
 * nanoseconds an operation the batch's cost is then well under 1% (a
 * fixed batch of 64 pays about 0.8 ns an operation for it, 15% of an
 * uncontended lock here), and when operations are slow the timeout is
 * still seen within about 100 us.  Shared state (the locks, the map, the
 * per-thread histograms) is built by the run's setup and freed by its
 * teardown, outside the threads.  Nothing here verifies the map: that is
 * `lockbench run`'s job; this program measures speed.
 */
#include "config.h"

#include <errno.h>
#include <pthread.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "harness/clock.h"
#include "harness/gbench.h"
#include "harness/options.h"
#include "harness/pin.h"
#include "harness/platform.h"
#include "harness/stats.h"
#include "locks/lock.h"
#include "workloads/map.h"
#include "workloads/workload.h"

#define EXIT_USAGE 2
#define WORK_ROUNDS 100 /* Go's BenchmarkMutexWork */
#define MAP_KEYS 1024

enum shape { UNCONTENDED, CONTENDED, WORK, GETSET };

/* One thread of a run, on cache lines of its own. */
struct thread {
	_Alignas(128) void *lock; /* Uncontended: the thread's own lock */
	void *ctx;                /* the lock's per-thread context      */
	uint64_t rng;
	uint64_t sink; /* what the gets read, kept */
	struct lb_hist hist; /* timed waits, in ticks */
	uint64_t stats0[LB_NSTATS]; /* the lock's counters when the pass began */
};

/* What one run's threads share, built by setup. */
struct run {
	int n;
	void *lock; /* the shared lock: every shape but Uncontended */
	struct lb_map map;
	struct thread *ts;
	char *ctx;
	pthread_mutex_t mu; /* guards the four below */
	struct lb_hist merged;
	uint64_t stats[LB_NSTATS], ops; /* the lock's counters and operations, summed */
	int merged_n;
};

struct bench {
	const struct lb_lock_ops *lock;
	struct lb_optset opts;
	enum shape shape;
	uint64_t read_thr; /* a 32-bit draw below it is a get */
	struct run *run;
};

static struct {
	struct lb_topo *topo;
	int *cpus; /* the PU of thread i, or -1 (--pin none) */
	int pus; /* where threads are placed: the machine's, or the --pin list's */
	bool warned;
	double ticks_per_ns;
	uint64_t timeout_ticks;
	uint64_t batch_ticks; /* LB_SLOW_BATCH_NS */
	char timeout_msg[128];
} g;

/* ---- setup and teardown, once per run ------------------------------------ */

static void bench_teardown(void *arg, int threads)
{
	struct bench *b = arg;
	struct run *r = b->run;

	(void)threads;
	if (!r)
		return;
	if (r->ts)
		for (int i = 0; i < r->n; i++)
			lb_lock_free(b->lock, r->ts[i].lock);
	lb_lock_free(b->lock, r->lock);
	pthread_mutex_destroy(&r->mu);
	lb_map_free(&r->map);
	free(r->ts);
	free(r->ctx);
	free(r);
	b->run = NULL;
}

static int bench_setup(void *arg, int threads, char *err, size_t errlen)
{
	struct bench *b = arg;
	const size_t stride = lb_ctx_stride(b->lock);
	struct run *r = calloc(1, sizeof *r);

	if (!r) {
		snprintf(err, errlen, "out of memory");
		return -1;
	}
	if (threads > g.pus && !g.warned) {
		lb_warn_oversubscribed(stderr, "lockbench-gbench", threads, g.pus);
		g.warned = true;
	}
	b->run = r;
	r->n = threads;
	pthread_mutex_init(&r->mu, NULL);
	lb_hist_init(&r->merged);
	r->ts = aligned_alloc(128, (size_t)threads * sizeof *r->ts);
	if (r->ts)
		memset(r->ts, 0, (size_t)threads * sizeof *r->ts);
	r->ctx = lb_alloc_lines((size_t)threads * stride); /* zeroed */
	if (!r->ts || !r->ctx) {
		snprintf(err, errlen, "out of memory for %d threads", threads);
		goto fail;
	}
	for (int i = 0; i < threads; i++) {
		struct thread *t = &r->ts[i];
		t->ctx = r->ctx + (size_t)i * stride;
		t->rng = 0x9E3779B97F4A7C15ULL * (uint64_t)(i + 1);
		lb_hist_init(&t->hist);
		if (b->shape == UNCONTENDED &&
		    !(t->lock = lb_lock_create(b->lock, &b->opts, 0, NULL, err, errlen)))
			goto fail;
	}
	if (b->shape != UNCONTENDED &&
	    !(r->lock = lb_lock_create(b->lock, &b->opts, 0, NULL, err, errlen)))
		goto fail;
	if (b->shape == GETSET && lb_map_init(&r->map, MAP_KEYS) < 0) {
		snprintf(err, errlen, "out of memory for the map");
		goto fail;
	}
	return 0;
fail:
	bench_teardown(b, threads);
	return -1;
}

/* ---- the threads ----------------------------------------------------------- */

/* Bind to this thread's PU; a failure skips the run with the reason. */
static struct thread *thread_start(struct lb_gb_state *st, struct bench *b)
{
	int i = lb_gb_thread_index(st);
	char err[LB_ERR_LEN], msg[LB_ERR_LEN + 32];

	if (g.cpus[i] >= 0 && lb_pin_self(g.topo, g.cpus[i], err, sizeof err) < 0) {
		snprintf(msg, sizeof msg, "thread %d: %s", i, err);
		lb_gb_skip_with_error(st, msg);
	}
	if (b->lock->stats)
		lb_stats_read(b->run->ts[i].ctx, b->run->ts[i].stats0);
	return &b->run->ts[i];
}

/* After the loop (the timer is stopped): the counters.  Google Benchmark
 * sums each counter over the run's threads.  ops_per_sec is each thread's
 * iterations, as a rate.  For wait_p99_ns every thread merges its
 * histogram into the run's, and the last one to do so reports the p99 of
 * the merged histogram; the others report nothing, so the sum is that
 * p99.  The lock's counters go the same way: each thread adds what its
 * context gained in this pass, and the last reports the sums per
 * operation.  The histograms are emptied for the next pass of the same
 * threads over the same state, should the library make one without a new
 * setup (the counters are read at each pass's start for the same
 * reason). */
static void thread_finish(struct lb_gb_state *st, struct bench *b, struct thread *t)
{
	struct run *r = b->run;
	const bool stats = b->lock->stats & (LB_STAT_handoffs | LB_STAT_starve_enter);
	uint64_t now[LB_NSTATS];
	double p99 = -1, per_op[LB_NSTATS];
	bool last = false;

	lb_gb_counter(st, "ops_per_sec", (double)lb_gb_iterations(st), LB_GB_RATE);
	if (stats)
		lb_stats_read(t->ctx, now);
	pthread_mutex_lock(&r->mu);
	lb_hist_merge(&r->merged, &t->hist);
	lb_hist_init(&t->hist);
	for (int k = 0; stats && k < LB_NSTATS; k++)
		r->stats[k] += now[k] - t->stats0[k];
	r->ops += (uint64_t)lb_gb_iterations(st);
	if (++r->merged_n == r->n) {
		last = true;
		if (r->merged.count)
			p99 = (double)lb_hist_percentile(&r->merged, 99) / g.ticks_per_ns;
		for (int k = 0; k < LB_NSTATS; k++)
			per_op[k] = r->ops ? (double)r->stats[k] / (double)r->ops : 0;
		lb_hist_init(&r->merged);
		memset(r->stats, 0, sizeof r->stats);
		r->ops = 0;
		r->merged_n = 0;
	}
	pthread_mutex_unlock(&r->mu);
	if (p99 >= 0)
		lb_gb_counter(st, "wait_p99_ns", p99, LB_GB_PLAIN);
	if (last && stats) {
		lb_gb_counter(st, "handoffs_per_op", per_op[LB_STAT_handoffs_bit], LB_GB_PLAIN);
		lb_gb_counter(st, "starve_enter_per_op", per_op[LB_STAT_starve_enter_bit],
			      LB_GB_PLAIN);
	}
}

/* One thread's batches: the size of the next, and the end of its pass
 * (0 until the first batch). */
struct pace {
	unsigned batch;
	uint64_t deadline;
};

#define PACE_START ((struct pace){ .batch = 1, .deadline = 0 })

/* At the start of a batch, at now: true when this thread has run past
 * --timeout since its first batch; the run is then stopped with an error,
 * and the caller goes back to lb_gb_keep_running_batch, which ends. */
LB_INLINE bool past_deadline(struct lb_gb_state *st, struct pace *p, uint64_t now)
{
	if (__builtin_expect(p->deadline == 0, 0))
		p->deadline = now + g.timeout_ticks;
	else if (__builtin_expect(now > p->deadline, 0)) {
		lb_gb_skip_with_error(st, g.timeout_msg);
		return true;
	}
	return false;
}

/* At the end of a batch of n operations begun at t0: the next one's size
 * (n may be less than the size asked for, at a pass's end). */
LB_INLINE void pace_next(struct pace *p, unsigned n, uint64_t t0)
{
	p->batch = lb_batch_next(n, true, lb_ticks() - t0, g.batch_ticks, LB_BATCH_MAX);
}

/* Take the lock with fn (lock or rlock), timing the wait from t0, a clock
 * read just before; the sample stands for the batch's n operations. */
LB_INLINE void timed_acquire(lb_lock_fn fn, const struct lb_lockfns *lk, struct thread *t,
			     uint64_t t0, unsigned n)
{
	fn(lk->l, lk->ctx);
	uint64_t t1 = lb_ticks_after();
	lb_hist_add_n(&t->hist, t1 - t0, n);
}

/* Go's local work: foo *= 2; foo /= 2, a hundred times.  The empty asm
 * hides foo's value from the compiler, which would otherwise fold each
 * round away. */
LB_INLINE int local_work(int foo)
{
	for (int i = 0; i < WORK_ROUNDS; i++) {
		foo *= 2;
		__asm__ __volatile__("" : "+r"(foo));
		foo /= 2;
	}
	return foo;
}

LB_INLINE void lock_unlock(struct lb_gb_state *st, struct lb_lockfns lk, struct thread *t,
			   bool work)
{
	int acc = 0;
	struct pace p = PACE_START;
	unsigned n;

	while ((n = (unsigned)lb_gb_keep_running_batch(st, p.batch)) > 0) {
		const uint64_t t0 = lb_ticks();

		if (past_deadline(st, &p, t0))
			continue;
		timed_acquire(lk.lock, &lk, t, t0, n);
		lk.unlock(lk.l, lk.ctx);
		if (work) {
			acc = local_work(acc);
			for (unsigned i = 1; i < n; i++) {
				lk.lock(lk.l, lk.ctx);
				lk.unlock(lk.l, lk.ctx);
				acc = local_work(acc);
			}
		} else {
			lk.cycle(lk.l, lk.ctx, n - 1); /* the lock's fast paths inlined */
		}
		pace_next(&p, n, t0);
	}
	t->sink = (uint64_t)acc;
}

/* Uncontended and Contended: lock, unlock. */
static void bm_mutex(struct lb_gb_state *st, void *arg)
{
	struct bench *b = arg;
	struct thread *t = thread_start(st, b);
	void *l = b->shape == UNCONTENDED ? t->lock : b->run->lock;

	lock_unlock(st, lb_lock_bind(b->lock, l, t->ctx), t, false);
	thread_finish(st, b, t);
}

/* Work: lock, unlock, local work. */
static void bm_work(struct lb_gb_state *st, void *arg)
{
	struct bench *b = arg;
	struct thread *t = thread_start(st, b);

	lock_unlock(st, lb_lock_bind(b->lock, b->run->lock, t->ctx), t, true);
	thread_finish(st, b, t);
}

/* One get or set: the lookup is inside the lock, as in the Go text. */
LB_INLINE uint64_t getset_op(const struct lb_lockfns *lk, const struct lb_map *m,
			     uint64_t read_thr, uint64_t *rng, struct thread *t, bool timed,
			     uint64_t t0, unsigned n)
{
	uint64_t x = lb_rand(rng);
	uint64_t key = ((x >> 32) * MAP_KEYS) >> 32;
	uint64_t v = 0;

	if ((x & 0xffffffffu) < read_thr) {
		if (timed)
			timed_acquire(lk->rlock, lk, t, t0, n);
		else
			lk->rlock(lk->l, lk->ctx);
		v = lb_map_find(m, key)->value;
		lk->runlock(lk->l, lk->ctx);
	} else {
		if (timed)
			timed_acquire(lk->lock, lk, t, t0, n);
		else
			lk->lock(lk->l, lk->ctx);
		lb_map_find(m, key)->value++;
		lk->unlock(lk->l, lk->ctx);
	}
	return v;
}

static void bm_getset(struct lb_gb_state *st, void *arg)
{
	struct bench *b = arg;
	struct thread *t = thread_start(st, b);
	const struct lb_lockfns lk = lb_lock_bind(b->lock, b->run->lock, t->ctx);
	const struct lb_map m = b->run->map;
	const uint64_t read_thr = b->read_thr;
	uint64_t rng = t->rng, sum = 0;
	struct pace p = PACE_START;
	unsigned n;

	while ((n = (unsigned)lb_gb_keep_running_batch(st, p.batch)) > 0) {
		const uint64_t t0 = lb_ticks();

		if (past_deadline(st, &p, t0))
			continue;
		sum += getset_op(&lk, &m, read_thr, &rng, t, true, t0, n);
		for (unsigned i = 1; i < n; i++)
			sum += getset_op(&lk, &m, read_thr, &rng, t, false, 0, 0);
		pace_next(&p, n, t0);
	}
	t->rng = rng;
	t->sink = sum;
	thread_finish(st, b, t);
}

/* ---- main ------------------------------------------------------------------ */

static const char usage[] =
"usage: lockbench-gbench [--pin compact|scatter|none|CPULIST] [--timeout 10s]\n"
"                        [--benchmark_... flags]\n"
"\n"
"Every safe lock of lockbench under Go's sync benchmark shapes, run by\n"
"Google Benchmark: Uncontended/LOCK, Contended/LOCK, Work/LOCK and\n"
"GetSet/LOCK/read_ratio:R (R = 0.5, 0.9), at 1, 2, 4 ... threads up to twice\n"
"the PUs, real time.  Counters: ops_per_sec, wait_p99_ns, and for locks that\n"
"keep them handoffs_per_op and starve_enter_per_op.\n"
"\n"
"  --pin P      where thread i runs, as in `lockbench run` (default: compact)\n"
"  --timeout T  a pass of a run that lasts longer is stopped and reported as\n"
"               an error (default: 10s)\n"
"  --help       this text, then Google Benchmark's flags\n"
"  --version    the version\n"
"\n"
"Google Benchmark's flags:\n";

/* Take this program's own flags ("--pin P", "--pin=P", "--timeout T",
 * "--timeout=T") out of argv, leaving Google Benchmark's; the last of
 * each wins.  0, or -1 with the flag that has no value in *missing. */
static int take_flags(int *argc, char **argv, const char **pin, const char **timeout,
		      const char **missing)
{
	static const char *const names[] = { "--pin", "--timeout" };
	const char **vals[] = { pin, timeout };
	int j = 1;

	for (int i = 1; i < *argc; i++) {
		bool taken = false;

		for (int k = 0; k < 2 && !taken; k++) {
			size_t n = strlen(names[k]);

			if (strcmp(argv[i], names[k]) == 0) {
				if (i + 1 >= *argc) {
					*missing = names[k];
					return -1;
				}
				*vals[k] = argv[++i];
				taken = true;
			} else if (strncmp(argv[i], names[k], n) == 0 && argv[i][n] == '=') {
				*vals[k] = argv[i] + n + 1;
				taken = true;
			}
		}
		if (!taken)
			argv[j++] = argv[i];
	}
	argv[j] = NULL;
	*argc = j;
	return 0;
}

static const struct {
	const char *name;
	enum shape shape;
	double read_ratio;
	lb_gb_fn fn;
} shapes[] = {
	{ "Uncontended/%s", UNCONTENDED, 0, bm_mutex },
	{ "Contended/%s", CONTENDED, 0, bm_mutex },
	{ "Work/%s", WORK, 0, bm_work },
	{ "GetSet/%s/read_ratio:0.5", GETSET, 0.5, bm_getset },
	{ "GetSet/%s/read_ratio:0.9", GETSET, 0.9, bm_getset },
};
#define NSHAPES (sizeof shapes / sizeof shapes[0])

int main(int argc, char **argv)
{
	struct lb_topo_counts tc;
	static struct lb_pin pin; /* large: kept off the stack */
	const char *pin_text = "compact", *timeout_text = "10s", *missing = NULL;
	uint64_t timeout_ns;
	char err[LB_ERR_LEN], owner[64], name[128];
	int threads[32], nthreads = 0, nlocks = 0, rc = 1;
	struct bench *benches = NULL;

	for (int i = 1; i < argc; i++) {
		if (strcmp(argv[i], "--help") == 0 || strcmp(argv[i], "-h") == 0) {
			fputs(usage, stdout);
			fflush(stdout);
			lb_gb_print_flags();
			return 0;
		}
		if (strcmp(argv[i], "--version") == 0) {
			printf("lockbench-gbench %s\n", PACKAGE_VERSION);
			return 0;
		}
	}
	if (take_flags(&argc, argv, &pin_text, &timeout_text, &missing) < 0) {
		fprintf(stderr, "lockbench-gbench: %s needs a value\n", missing);
		return EXIT_USAGE;
	}
	if (lb_parse_duration_in(timeout_text, 1, LB_TIMEOUT_MAX, &timeout_ns, err,
				 sizeof err) < 0) {
		fprintf(stderr, "lockbench-gbench: --timeout '%s': %s\n", timeout_text, err);
		return EXIT_USAGE;
	}
	g.topo = lb_topo_open(NULL, err, sizeof err);
	if (!g.topo) {
		fprintf(stderr, "lockbench-gbench: cannot read this machine's topology: %s\n", err);
		return 1;
	}
	if (lb_pin_parse(g.topo, pin_text, &pin, err, sizeof err) < 0) {
		fprintf(stderr, "lockbench-gbench: --pin '%s': %s\n", pin_text, err);
		rc = EXIT_USAGE;
		goto out;
	}

	/* 1, 2, 4 ... up to twice the PUs (the last may not be a power of 2). */
	lb_topo_counts(g.topo, &tc);
	int top = 2 * (tc.pus > 0 ? tc.pus : 1);
	if (top > LB_PIN_MAX_CPUS)
		top = LB_PIN_MAX_CPUS;
	for (int t = 1; t < top && nthreads < 31; t *= 2)
		threads[nthreads++] = t;
	threads[nthreads++] = top;
	g.cpus = calloc((size_t)top, sizeof *g.cpus);
	if (!g.cpus) {
		fprintf(stderr, "lockbench-gbench: out of memory\n");
		goto out;
	}
	if (lb_pin_plan(g.topo, &pin, top, g.cpus, err, sizeof err) < 0) {
		fprintf(stderr, "lockbench-gbench: --pin '%s': %s\n", pin_text, err);
		goto out;
	}
	g.pus = pin.policy == LB_PIN_LIST ? pin.ncpus : tc.pus;
	g.ticks_per_ns = lb_clock_calibrate(20);
	g.timeout_ticks = (uint64_t)((double)timeout_ns * g.ticks_per_ns);
	g.batch_ticks = (uint64_t)((double)LB_SLOW_BATCH_NS * g.ticks_per_ns);
	lb_format_duration(timeout_ns, name, sizeof name);
	snprintf(g.timeout_msg, sizeof g.timeout_msg,
		 "timeout: a pass of this run took longer than --timeout %s and was stopped", name);

	while (lb_locks[nlocks])
		nlocks++;
	benches = calloc((size_t)nlocks * NSHAPES, sizeof *benches);
	if (!benches) {
		fprintf(stderr, "lockbench-gbench: out of memory\n");
		goto out;
	}
	const struct lb_gb_spec spec = {
		.threads = threads, .nthreads = nthreads, .use_real_time = true,
		.setup = bench_setup, .teardown = bench_teardown,
	};
	for (int i = 0; i < nlocks; i++) {
		const struct lb_lock_ops *l = lb_locks[i];
		struct lb_optset opts;

		if (l->caps & LB_CAP_UNSAFE)
			continue;
		snprintf(owner, sizeof owner, "lock '%s'", l->name);
		if (lb_opts_parse(owner, l->options, NULL, &opts, err, sizeof err) < 0) {
			fprintf(stderr, "lockbench-gbench: %s\n", err);
			goto out;
		}
		for (size_t s = 0; s < NSHAPES; s++) {
			struct bench *b = &benches[(size_t)i * NSHAPES + s];

			b->lock = l;
			b->opts = opts;
			b->shape = shapes[s].shape;
			b->read_thr = (uint64_t)(shapes[s].read_ratio * 4294967296.0);
			snprintf(name, sizeof name, shapes[s].name, l->name);
			if (lb_gb_register(name, shapes[s].fn, b, &spec) < 0) {
				fprintf(stderr, "lockbench-gbench: cannot register %s: %s\n",
					name, strerror(errno));
				goto out;
			}
		}
	}

	if (lb_gb_run(&argc, argv) < 0) {
		/* Unknown arguments were named on stderr by Google Benchmark. */
		rc = errno == EINVAL ? EXIT_USAGE : 1;
		if (rc == 1)
			fprintf(stderr, "lockbench-gbench: %s\n", strerror(errno));
		goto out;
	}
	rc = 0;
out:
	free(benches);
	free(g.cpus);
	lb_topo_close(g.topo);
	return rc;
}
