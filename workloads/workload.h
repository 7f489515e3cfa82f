/*
 * workload.h - what the threads of one case do, and the measured window
 * they do it in.
 *
 * A workload owns its timed loop (thread_main), so the loop holds only
 * what the workload needs: the lock calls, resolved once into local
 * function pointers, its own data, and after each operation a relaxed
 * store of the thread's running count to a cache line of its own.  The
 * coordinator reads those counts when it opens the measured window and
 * when it closes it, so the window's edges are exact to the operation,
 * even when one operation takes a scheduler slice (as FIFO spinlocks do
 * when oversubscribed).
 *
 * Once per sample_every operations the thread looks at the run's phase
 * (a relaxed load of a line that is only read while the run goes on) and
 * times that one acquisition (two lb_ticks() reads) into its own
 * histogram if the window is open.  Nothing else in the loop: no
 * syscalls, no allocation, no shared writes.  A workload with --cs-ns or
 * --think-ns at 0 compiles a loop without the work calls (see
 * LB_SPECIALISE), so the common case pays not even their test.
 *
 * Every workload verifies its result after the run: the row says
 * verified=yes only if no update was lost and no check made inside a
 * critical section saw another thread there.
 */
#ifndef LB_WORKLOAD_H
#define LB_WORKLOAD_H

#include <stdatomic.h>
#include <stdbool.h>
#include <stdint.h>

#include "harness/clock.h"
#include "harness/stats.h"
#include "locks/lock.h"

enum lb_dist { LB_DIST_UNIFORM, LB_DIST_ZIPF };

/* The knobs a sweep turns.  A workload reads those its `params` names;
 * the others do not appear in its workload_opts column. */
struct lb_wparams {
	double read_ratio;  /* share of operations that are gets        */
	uint64_t keys;      /* map size                                  */
	enum lb_dist dist;  /* how keys are drawn                        */
	double skew;        /* zipf exponent                             */
	uint64_t cs_ns;     /* extra work inside the critical section    */
	uint64_t think_ns;  /* work between operations                   */
	uint64_t seed;      /* for the key and read/write draws          */
};

enum lb_wparam_bits {
	LB_WP_READ_RATIO = 1u << 0,
	LB_WP_KEYS = 1u << 1,
	LB_WP_DIST = 1u << 2,
	LB_WP_CS = 1u << 3,
	LB_WP_THINK = 1u << 4,
};

enum lb_phase { LB_PHASE_WARMUP, LB_PHASE_MEASURE, LB_PHASE_STOP };

/* Shared, read-only during the run but for the phase word. */
struct lb_run {
	_Alignas(128) _Atomic int phase;
	_Alignas(128) uint64_t cs_ticks, think_ticks;
	unsigned sample_every; /* operations per phase poll; the first is timed */
};

/* One per thread, cache-line aligned.  done_reads and done_writes are the
 * running counts the coordinator samples; the rest is written only by
 * the thread until it is joined, then the coordinator fills ops and
 * reads. */
struct lb_worker {
	_Alignas(128) _Atomic uint64_t done_reads, done_writes;
	_Alignas(128) int id;
	int nthreads;
	int cpu; /* the PU it was bound to, or where it was seen (pin none) */
	struct lb_lockfns lk;
	void *state; /* the workload's shared state */
	const struct lb_wparams *p;
	struct lb_run *run;
	char error[128]; /* set when the thread could not run */

	/* Results.  ops and reads count the measured window only (the
	 * coordinator's two samples of done_reads and done_writes); total_writes
	 * counts every write-side operation of the run, warm-up included, for
	 * verification; violations counts checks made inside a critical
	 * section that failed. */
	uint64_t ops, reads;
	uint64_t total_writes;
	uint64_t violations;
	struct lb_hist hist; /* sampled acquisition latency, in ticks */
};

/* The window as one thread sees it: the phase at its last poll. */
struct lb_window {
	struct lb_worker *w;
	int phase;
};

static inline struct lb_window lb_window_start(struct lb_worker *w)
{
	struct lb_window win = { .w = w, .phase = LB_PHASE_WARMUP };
	return win;
}

/* Once per sample_every operations.  Relaxed: the phase orders nothing;
 * the results are read after pthread_join, which is the synchronisation. */
static inline int lb_window_poll(struct lb_window *win)
{
	win->phase = atomic_load_explicit(&win->w->run->phase, memory_order_relaxed);
	return win->phase;
}

/* After every operation: the thread's running count of reads or of
 * writes, for the coordinator to sample (ops is their sum, so the three
 * always agree).  Relaxed: a count read a moment late is still a count,
 * and the line is the thread's own, so the store costs no coherence
 * traffic but at the window's two edges. */
static inline void lb_publish_reads(struct lb_worker *w, uint64_t reads)
{
	atomic_store_explicit(&w->done_reads, reads, memory_order_relaxed);
}

static inline void lb_publish_writes(struct lb_worker *w, uint64_t writes)
{
	atomic_store_explicit(&w->done_writes, writes, memory_order_relaxed);
}

/* Call LOOP(w, cs, think) with constant zeros when the run has no local
 * work, so the inlined loop has no work calls; otherwise with the run's
 * values.  LOOP must be an always-inline function. */
#define LB_SPECIALISE(LOOP, w)                                                  \
	do {                                                                    \
		if ((w)->run->cs_ticks || (w)->run->think_ticks)                \
			LOOP((w), (w)->run->cs_ticks, (w)->run->think_ticks);   \
		else                                                            \
			LOOP((w), 0, 0);                                        \
	} while (0)

#define LB_INLINE static inline __attribute__((always_inline))

/* Take the lock with fn (lock or rlock); when timed, the wait goes into
 * the thread's histogram if the window is open. */
static inline void lb_acquire(lb_lock_fn fn, const struct lb_lockfns *lk,
			      struct lb_window *win, bool timed)
{
	if (__builtin_expect(timed, 0)) {
		uint64_t t0 = lb_ticks();
		fn(lk->l, lk->ctx);
		uint64_t t1 = lb_ticks();
		if (win->phase == LB_PHASE_MEASURE)
			lb_hist_add(&win->w->hist, t1 - t0);
	} else {
		fn(lk->l, lk->ctx);
	}
}

/* Local work of n ticks (none when n is 0). */
static inline void lb_work(uint64_t n)
{
	if (n)
		lb_spin_ticks(n);
}

/* What setup gets, and what it gives back. */
struct lb_setup {
	const struct lb_lock_ops *lock;
	const struct lb_optset *lock_opts;
	const struct lb_wparams *p;
	int nthreads;
};

struct lb_instance {
	void *state; /* the workload's */
	void *lock;  /* the lock instance inside it */
};

struct lb_workload_ops {
	const char *name;
	const char *summary;
	unsigned params;        /* LB_WP_* it reads */
	const char *lat_metric; /* what the latency columns time */

	/* Allocate the shared state with its lock (lb_lock_create) and fill
	 * it.  0, or -1 with a message. */
	int (*setup)(const struct lb_setup *s, struct lb_instance *out,
		     char *err, size_t errlen);
	void (*thread_main)(struct lb_worker *w);
	/* true when no update was lost; otherwise why says what was found. */
	bool (*verify)(void *state, const struct lb_worker *ws, int n,
		       char *why, size_t whylen);
	void (*teardown)(void *state);
};

/* A lock instance with `trailer` bytes of the workload's own right after
 * it (Go's `type Hits struct { sync.Mutex; n int }` puts the counter in
 * the same cache line as the lock), initialised with opts.  The trailer
 * starts 8-byte aligned.  NULL with a message on failure. */
void *lb_lock_create(const struct lb_lock_ops *ops, const struct lb_optset *opts,
		     size_t trailer, void **trailer_out, char *err, size_t errlen);
void lb_lock_free(const struct lb_lock_ops *ops, void *l);

/* A small, fast per-thread generator (xorshift64*). */
static inline uint64_t lb_rand(uint64_t *s)
{
	uint64_t x = *s;
	x ^= x >> 12;
	x ^= x << 25;
	x ^= x >> 27;
	*s = x;
	return x * 0x2545F4914F6CDD1DULL;
}

extern const struct lb_workload_ops *const lb_workloads[];
const struct lb_workload_ops *lb_workload_find(const char *name);

#endif
