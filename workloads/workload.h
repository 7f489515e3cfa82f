/*
 * workload.h - what the threads of one case do, and the measured window
 * they do it in.
 *
 * A workload owns its timed loop (thread_main), so the loop holds only
 * what the workload needs: the lock calls, resolved once into local
 * function pointers, and its own data.  The harness's part comes once per
 * batch of operations: the thread stores its running counts in a cache
 * line of its own (lb_publish), where it notes them itself when it sees
 * the window open and close (below), and looks at the run's phase (a
 * relaxed load of a line that is only read while the run goes on).
 *
 * A batch grows by doubling from 1 to LB_BATCH_MAX operations, after
 * each batch that ran within its limit (a thread's first operation is
 * a batch of its own, published as soon as it is done); a batch
 * that took longer than its limit (LB_SLOW_BATCH_NS, or the sampling
 * period when that is shorter) shrinks the next in proportion, down to a
 * single operation, and doubling starts again.  A batch also ends as
 * soon as the phase has changed (lb_window_holds: a relaxed load per
 * operation of a line that every thread only reads while the run goes
 * on, so it stays in each core's cache), so a thread sees each edge of
 * the window within one operation, however long its operations are: a
 * batch sized while operations were fast that runs into a convoy ends at
 * the edge like any other.
 *
 * The window's counts are each thread's own.  At the poll where it sees
 * the window open, and at the one where it sees it close, the thread
 * notes its running counts and its lock counters (lb_window_edge); its
 * operations in the window are the difference.  So every column that
 * counts (ops, reads, writes, the lock counters, the timed acquisitions)
 * counts over one and the same window per thread, whose edges lie within
 * one operation after the coordinator's: a FIFO lock's waiter that takes
 * one turn in a convoy counts that turn, and a thread can hand over no
 * more often than it unlocks.  A thread that never sees the window open
 * (its one operation spans the whole window) counts nothing in it.
 *
 * Latency is sampled in time by default: while the window is open, the
 * first acquisition of a batch is timed when --sample-every (5us) has
 * passed since the last timed one, and batches last at most that long, so
 * one acquisition is timed every 5 to 10 us of the thread's time.  The
 * cost of timing (the two clock reads) so stays near 1% however fast or
 * slow the operations are, and operations slower than the period are all
 * timed.  --sample-every N times one acquisition in N instead (batches
 * are then at most N long).  Each sample goes into the histogram with a
 * weight, the operations it stands for, so the histogram counts the
 * window's operations: a thread whose operations are slow gives more
 * samples, but not more weight, than a fast one.
 *
 * Each thread's worst wait, weighted by nothing (the worst_wait_* and
 * slowest_wait_pct columns): the op-weighted percentiles hide a thread
 * that waits long and seldom succeeds, since it does few operations, and
 * a wait still in progress when the window closes would never be timed
 * to its end inside the window.  So each timed wait also counts, once,
 * in the thread's worst wait and in its time spent waiting, cut to the
 * window: from the open where it began before (acquisitions are timed in
 * the warm-up too, by the same rule, for this alone), and up to the close
 * where it was still in progress then (censored at its length so far).
 * The coordinator notes the ticks of the open and the close in lb_run
 * before it publishes the phase, and a thread reads them only once it
 * has seen that phase (lb_window_edge).  A thread that completes no
 * operation in the whole window (it saw the close without having seen
 * the open) was held up throughout: its worst wait is the window.  This
 * costs the loop nothing per operation: the extra work is done where a
 * timed wait goes into the histogram, once per sample, out of line
 * (lb_window_sample).
 *
 * A workload with --cs-ns and --think-ns at 0 compiles a loop without
 * the work calls (see LB_SPECIALISE), so the common case pays not even
 * their test.
 *
 * Owner changes (the owner_changes column): a workload that sets owners
 * keeps, in the lock's own allocation (lb_lock_create's trailer), a tag
 * of the thread that acquired the lock last: its PU plus one when it is
 * pinned, or a tag of its own when it is not (an unpinned thread may
 * migrate, and two may share a PU: every change of thread counts then).
 * Every acquisition compares the tag with its own and, where they
 * differ, stores its own (lb_owner_take; hits keeps the tag in its
 * counter's top bits and looks at it only when the counter has moved on
 * since the thread's last increment: hits.c): a difference is a hand-over
 * to another PU, which moved at least the lock's line and the data it
 * guards.  A hand-over between threads pinned to one PU moves no line and
 * does not count.  The read side of an RW lock counts the same way, with
 * the previous acquirer, reader or writer, as the last holder: a read
 * acquisition writes the lock's word (its reader count), so a read after
 * an acquisition on another PU moves that line too; the tag is stored
 * only on a change, when the line has come over anyway.  The count is
 * exact, one compare per acquisition, published with the running counts
 * and noted at the window's edges like them.
 *
 * Every workload verifies its result after the run: the row says
 * verified=yes only if no update was lost and no check made inside a
 * critical section saw another thread there.
 *
 * A workload names the primitive kinds it uses (kinds: a lock, a
 * WaitGroup, or both); the sweep crosses it with those only, and hands
 * setup NULL for a kind it does not use.  The WaitGroup workloads (see
 * rounds.h) count rounds rather than operations (rounds): thread 0 runs
 * them and publishes their count, the others publish nothing; a timed
 * round goes in with lb_window_round, its latency into hist and its
 * wake-up (last Done to Wait's return) into wake, with the same weight.
 */
#ifndef LB_WORKLOAD_H
#define LB_WORKLOAD_H

#include <stdatomic.h>
#include <stdbool.h>
#include <stdint.h>

#include "harness/clock.h"
#include "harness/stats.h"
#include "locks/lock.h"
#include "locks/waitgroup.h"

enum lb_dist { LB_DIST_UNIFORM, LB_DIST_ZIPF };

/* How the WaitGroup workloads start their tasks: on a pool of pinned
 * threads started once, or on a fresh thread each (Go's `go f()`). */
enum lb_spawn { LB_SPAWN_POOL, LB_SPAWN_THREAD };
extern const char *const lb_spawn_names[]; /* "pool", "thread" */

/* The knobs a sweep turns.  A workload reads those its `params` names;
 * the others do not appear in its workload_opts column. */
struct lb_wparams {
	double read_ratio;  /* share of operations that are gets        */
	uint64_t keys;      /* map size                                  */
	enum lb_dist dist;  /* how keys are drawn                        */
	double skew;        /* zipf exponent                             */
	uint64_t cs_ns;     /* extra work inside the critical section    */
	uint64_t think_ns;  /* work between operations                   */
	uint64_t work_ns;   /* a WaitGroup task's work                   */
	enum lb_spawn spawn; /* how WaitGroup tasks start                */
	uint64_t seed;      /* for the key and read/write draws          */
};

enum lb_wparam_bits {
	LB_WP_READ_RATIO = 1u << 0,
	LB_WP_KEYS = 1u << 1,
	LB_WP_DIST = 1u << 2,
	LB_WP_CS = 1u << 3,
	LB_WP_THINK = 1u << 4,
	LB_WP_SEED = 1u << 5,
	LB_WP_WORK = 1u << 6,
	LB_WP_SPAWN = 1u << 7,
};

/* The primitive kinds a workload uses: the sweep crosses locks with
 * waitgroups only for a workload that uses both, and a kind a workload
 * does not use is NA in its rows. */
enum lb_kind_bits {
	LB_KIND_LOCK = 1u << 0,
	LB_KIND_WG = 1u << 1,
};

enum lb_phase { LB_PHASE_WARMUP, LB_PHASE_MEASURE, LB_PHASE_STOP };

struct lb_counters_case;

/* Shared, read-only during the run but for the phase word. */
struct lb_run {
	_Alignas(128) _Atomic int phase;
	_Alignas(128) uint64_t cs_ticks, think_ticks, work_ticks;
	uint64_t sample_ticks; /* --sample-every as a time, in ticks, */
	unsigned sample_n;     /* or as a count when not 0 */
	uint64_t batch_ticks;  /* a batch longer than this makes the next shorter */
	/* The window's open and close in ticks, each written by the
	 * coordinator before its release store of the phase, and read by a
	 * thread only after it has seen that phase (lb_window_edge). */
	uint64_t open_ticks, close_ticks;
	unsigned stats;        /* the lock's counters (LB_STAT_*), read at the edges */
	/* Every thread has the same owner tag (one thread, or all pinned to
	 * one PU): no acquisition can come from another PU, so the loop
	 * counts no owner changes and pays no compare for them. */
	bool one_pu;
	struct lb_counters_case *counters; /* the case's PAPI counters, or NULL */
};

/* One per thread, cache-line aligned.  done_reads, done_writes and
 * done_changes are its running counts (lb_publish), which it notes at the
 * window's edges (edge_*); the rest is written only by the thread until
 * it is joined, then the coordinator fills ops and reads from those
 * notes. */
struct lb_worker {
	_Alignas(128) _Atomic uint64_t done_reads, done_writes;
	_Atomic uint64_t done_changes; /* owner changes (see above) */
	_Alignas(128) int id;
	int cpu; /* the PU it was bound to, or where it was seen (pin none) */
	uint64_t owner_tag; /* its tag as a lock's last holder: never 0, < 2^LB_OWNER_TAG_BITS */
	struct lb_lockfns lk;
	void *state; /* the workload's shared state */
	const struct lb_wparams *p;
	struct lb_run *run;
	char error[128]; /* set when the thread could not run */

	/* Results.  ops and reads count the measured window only (the
	 * differences of the thread's two notes); total_writes
	 * counts every write-side operation of the run, warm-up included, for
	 * verification; violations counts checks made inside a critical
	 * section that failed. */
	uint64_t ops, reads;
	uint64_t total_writes;
	uint64_t violations;
	uint64_t samples;    /* timed acquisitions in the window */
	/* Unweighted, in ticks (see above): the longest timed wait as cut to
	 * the window, and the timed waits' sum, each counted once. */
	uint64_t worst_wait, waited;
	struct lb_hist hist; /* their latency in ticks, weighted by operations */
	struct lb_hist wake; /* WaitGroup workloads: last Done to Wait's return */

	/* What the thread noted when it saw the window open ([0]) and close
	 * ([1]): its running counts and its lock counters (lb_window_edge);
	 * edges has bit k set once it saw edge k. */
	uint64_t edge_reads[2], edge_writes[2], edge_changes[2];
	uint64_t edge_stats[2][LB_NSTATS];
	/* And when, on CLOCK_MONOTONIC, and its run delay then (the time it
	 * spent runnable but not running, from /proc/thread-self/schedstat;
	 * UINT64_MAX where that cannot be read), both in ns. */
	uint64_t edge_ns[2], edge_delay_ns[2];
	int delay_fd; /* its schedstat, open for the edges (lb_run_delay_open) */
	unsigned edges;
};

/* The hot loop's helpers are inlined whatever their size, so that the
 * window stays in registers and the loop's lock calls keep theirs. */
#define LB_INLINE static inline __attribute__((always_inline))

#define LB_SLOW_BATCH_NS 100000 /* a batch longer than this: the next is shorter */
#define LB_BATCH_MAX 1024

/* The size of the next batch, after one of batch operations that took
 * took ticks, against a limit of limit ticks and most operations: in
 * proportion when it took longer than the limit (one at least), else
 * doubled up to most.  ran is false before the first batch has run. */
LB_INLINE unsigned lb_batch_next(unsigned batch, bool ran, uint64_t took, uint64_t limit,
				 unsigned most)
{
	if (took > limit) {
		unsigned fits = (unsigned)((uint64_t)batch * limit / took);
		return fits ? fits : 1;
	}
	if (ran && batch < most)
		return batch * 2 < most ? batch * 2 : most;
	return batch;
}

/* The window as one thread sees it: the phase at its last poll, the batch
 * it runs before the next poll and whether that batch's first acquisition
 * is timed, and the timed wait not yet in the histogram (its weight, the
 * operations it stands for, is known only at the next timed one). */
struct lb_window {
	struct lb_worker *w;
	const _Atomic int *phase_at; /* &w->run->phase, for lb_window_holds (see LB_SPECIALISE) */
	int phase;
	unsigned batch, ran; /* the batch about to run; how much of it ran */
	bool timed;
	bool pending;        /* wait holds a timed acquisition */
	bool wake_pending;   /* and wake the wake-up of a timed round */
	uint64_t wait, wake; /* ticks */
	uint64_t wait_end;   /* when the timed wait ended, ticks */
	uint64_t since;      /* operations since the last timed one, itself included */
	uint64_t polled;     /* ticks at the last poll */
	uint64_t sampled;    /* ticks at the last timed acquisition */
};

static inline struct lb_window lb_window_start(struct lb_worker *w)
{
	struct lb_window win = {
		.w = w,
		.phase_at = &w->run->phase,
		.phase = LB_PHASE_WARMUP,
		.batch = 1,
		.polled = lb_ticks(),
	};
	return win;
}

/* The window opens (phase LB_PHASE_MEASURE) or closes (LB_PHASE_STOP) as
 * thread w sees it at a poll: the harness reads the thread's PAPI
 * counters there (runner.c).  Out of line, and cold: it runs twice a
 * run, never between two operations. */
void lb_window_edge(struct lb_worker *w, int phase) __attribute__((cold, noinline));

/* The timed wait (or round) that win holds goes where it counts, now that
 * the poll sees phase (win->phase is still the previous poll's):
 * into the histograms with the operations it stands for when it was timed
 * in the window, and, cut to the window, into the thread's worst wait and
 * time spent waiting (see above).  Out of line: once per sample. */
void lb_window_sample(struct lb_window *win, int phase) __attribute__((noinline));

/* Between batches: the next batch's size, whether its first acquisition
 * is timed, and the phase; and the previous timed wait into the histogram
 * once its weight is known.  A sample stands for the operations from it
 * to the next one; the window's first also for those before it, and the
 * last for those up to the stop, so the weights add up to the operations
 * in the window.  Acquisitions are timed in the warm-up as well, for the
 * worst wait of a thread whose wait spans the open (lb_window_sample
 * keeps them out of the histogram).  Relaxed: the phase orders nothing
 * here (lb_window_edge acquires what the coordinator wrote with it); the
 * results are read after pthread_join, which is the synchronisation. */
LB_INLINE int lb_window_poll(struct lb_window *win)
{
	const struct lb_run *run = win->w->run;
	const uint64_t now = lb_ticks(), took = now - win->polled;
	const int phase = atomic_load_explicit(&run->phase, memory_order_relaxed);
	const unsigned most = run->sample_n ? run->sample_n : LB_BATCH_MAX;

	win->since += win->ran;
	if (__builtin_expect(phase != win->phase, 0)) {
		if (phase == LB_PHASE_MEASURE) {
			win->since = 0; /* samples stand for operations inside the window */
			win->sampled = 0; /* and the window's first batch is timed (by time) */
		}
		lb_window_edge(win->w, phase);
	}
	win->timed = phase != LB_PHASE_STOP &&
		     (run->sample_n ? win->since >= run->sample_n
				    : now - win->sampled >= run->sample_ticks);
	if (win->pending &&
	    (win->timed || phase != LB_PHASE_MEASURE || win->phase != LB_PHASE_MEASURE))
		lb_window_sample(win, phase);
	win->phase = phase;
	if (win->timed)
		win->sampled = now;

	win->batch = lb_batch_next(win->batch, win->ran != 0, took, run->batch_ticks, most);
	win->polled = now;
	win->ran = 0;
	return phase;
}

/* Whether the phase is still the one the last poll saw: a batch runs on
 * while it is.  Relaxed, as in lb_window_poll. */
LB_INLINE bool lb_window_holds(const struct lb_window *win)
{
	return atomic_load_explicit(win->phase_at, memory_order_relaxed) == win->phase;
}

/* After every batch: the thread's running counts of reads, writes and
 * owner changes, which it notes at the window's edges (lb_window_edge;
 * ops is the sum of the first two, so the three always agree).  Relaxed,
 * a plain store: the line is the thread's own and no other thread reads
 * it, so the store costs no coherence traffic. */
static inline void lb_publish(struct lb_worker *w, uint64_t reads, uint64_t writes,
			      uint64_t changes)
{
	atomic_store_explicit(&w->done_reads, reads, memory_order_relaxed);
	atomic_store_explicit(&w->done_writes, writes, memory_order_relaxed);
	atomic_store_explicit(&w->done_changes, changes, memory_order_relaxed);
}

/* A tag fits in this many bits (a workload may pack it into a word). */
#define LB_OWNER_TAG_BITS 16

/* Under the lock, either side: 1 when the lock's previous acquirer (the
 * tag in *last, in the lock's allocation) ran on another PU than tag's,
 * and tag becomes the last.  Relaxed atomics: readers share the lock, so
 * two may compare and store at once (either tag is right then: both came
 * after the one before); a plain load and store on the machines here. */
LB_INLINE uint64_t lb_owner_take(_Atomic uint64_t *last, uint64_t tag)
{
	if (atomic_load_explicit(last, memory_order_relaxed) == tag)
		return 0; /* no store: the holder's line stays as it is */
	atomic_store_explicit(last, tag, memory_order_relaxed);
	return 1;
}

/* *count += moved, as a branch taken only on a change.  The loop's
 * registers are taken by the lock calls' operands, so the count may live
 * on the stack, and an add to it on every operation would chain the
 * operations through memory (a store-to-load forward each, a nanosecond
 * at one thread); a change comes with a line transfer, which dwarfs it.
 * The empty asm keeps the compiler from turning the branch into that add. */
LB_INLINE void lb_count_change(uint64_t *count, uint64_t moved)
{
	if (__builtin_expect(moved != 0, 0)) {
		__asm__ __volatile__("");
		(*count)++;
	}
}

/* Call LOOP(w, cs, think, owners) with constant zeros when the run has no
 * local work, so the inlined loop has no work calls; otherwise with the
 * run's values.  owners, a constant too, is false where the case's threads
 * all have one owner tag (lb_run.one_pu), so that that loop has no owner
 * compare in it.  LOOP must be an always-inline function.
 *
 * The order of the four, and lb_window.phase_at, were chosen by
 * measurement (make bench): they set where the compiler lays each loop
 * out, and a lock of a few ns at one thread is where that shows.  With the
 * one-PU loop last, or the phase read through w->run, the same
 * instructions ran ticket and tas at one thread about 10% slower against
 * the bare loop, on an AMD EPYC guest with gcc 12. */
#define LB_SPECIALISE(LOOP, w)                                                  \
	do {                                                                    \
		const struct lb_run *run_ = (w)->run;                           \
		bool work_ = run_->cs_ticks || run_->think_ticks;               \
		if (!work_ && run_->one_pu)                                     \
			LOOP((w), 0, 0, false);                                 \
		else if (!work_)                                                \
			LOOP((w), 0, 0, true);                                  \
		else if (run_->one_pu)                                          \
			LOOP((w), run_->cs_ticks, run_->think_ticks, false);    \
		else                                                            \
			LOOP((w), run_->cs_ticks, run_->think_ticks, true);     \
	} while (0)

/* Take the lock with fn (lock or rlock); when timed, the wait goes into
 * the thread's histogram. */
static inline void lb_acquire(lb_lock_fn fn, const struct lb_lockfns *lk,
			      struct lb_window *win, bool timed)
{
	if (__builtin_expect(timed, 0)) {
		uint64_t t0 = lb_ticks();
		fn(lk->l, lk->ctx);
		uint64_t t1 = lb_ticks_after();
		win->wait = t1 - t0;
		win->wait_end = t1;
		win->pending = true;
	} else {
		fn(lk->l, lk->ctx);
	}
}

/* A timed round of a WaitGroup workload: its latency, and the wake-up
 * from the last Done to Wait's return, both in ticks; they go into the
 * histograms with the same weight (see lb_window_poll). */
static inline void lb_window_round(struct lb_window *win, uint64_t lat, uint64_t wake)
{
	win->wait = lat;
	win->wake = wake;
	win->wait_end = lb_ticks();
	win->pending = win->wake_pending = true;
}

/* Local work of n ticks (none when n is 0). */
static inline void lb_work(uint64_t n)
{
	if (n)
		lb_spin_ticks(n);
}

struct lb_topo;

/* What setup gets, and what it gives back.  lock is NULL for a workload
 * that uses none, wg NULL for one that uses no WaitGroup. */
struct lb_setup {
	const struct lb_lock_ops *lock;
	const struct lb_optset *lock_opts;
	const struct lb_wg_ops *wg;
	const struct lb_optset *wg_opts;
	const struct lb_wparams *p;
	int threads;
	const int *cpus;             /* each thread's PU (-1: not bound) */
	const struct lb_topo *topo;  /* for threads the workload starts itself */
	double ticks_per_ns;
};

struct lb_instance {
	void *state; /* the workload's */
	void *lock;  /* the lock instance inside it, or NULL */
};

struct lb_workload_ops {
	const char *name;
	const char *summary;
	unsigned kinds;         /* LB_KIND_*: the primitives it uses */
	unsigned params;        /* LB_WP_* it reads */
	const char *lat_metric; /* what the latency columns time */
	/* Its operations are rounds that thread 0 counts (published as
	 * writes); the other threads publish nothing, so reads, writes and
	 * the threads' shares do not apply. */
	bool rounds;
	/* It counts owner changes (lb_owner_take, or hits.c's own way); NA in
	 * its rows otherwise. */
	bool owners;

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
