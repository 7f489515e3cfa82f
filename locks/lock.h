/*
 * lock.h - the one interface every lock in lockbench implements.
 *
 * A lock is a table of operations over an instance of `size` bytes that
 * the harness allocates (cache-line aligned, zeroed) and hands to init().
 * Each thread also gets a zeroed, cache-line aligned context of
 * `ctx_size` bytes (an MCS queue node, private counters); the context is
 * passed to every operation that thread makes.
 *
 * Verbs, the same for every lock:
 *   init(l, opts)   0, or -1 with errno          destroy(l)
 *   lock(l, ctx)    unlock(l, ctx)
 *   trylock(l, ctx) true when acquired            (optional: NULL)
 *   rlock(l, ctx)   runlock(l, ctx)               (optional: NULL)
 *   cycle(l, ctx, n) lock and unlock, n times over
 *
 * cycle is the empty critical section of a lock benchmark (Go's
 * BenchmarkMutex: `mu.Lock(); mu.Unlock()` in a loop) with the lock's own
 * fast paths inlined into one loop, as Go's compiler inlines Lock's and
 * Unlock's; a loop that calls lock and unlock through the table pays two
 * indirect calls per operation that Go's does not.  Every lock defines it
 * with LB_LOCK_CYCLE over its own lock and unlock.
 *
 * Optional operations are NULL, never compiled out.  A lock without a
 * shared mode has rlock NULL; the caller maps it to lock (lb_lock_bind),
 * not the lock itself.
 *
 * Options come as "name:key=value,..." and are checked against the lock's
 * own descriptor table before any case runs; check() adds constraints
 * between keys.  init() may rely on every value being in range.
 */
#ifndef LB_LOCK_H
#define LB_LOCK_H

#include <stdatomic.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "harness/options.h"

enum lb_lock_caps {
	LB_CAP_RW = 1u << 0,        /* rlock/runlock: a shared mode       */
	LB_CAP_TRYLOCK = 1u << 1,   /* trylock                            */
	LB_CAP_HAS_STATS = 1u << 2, /* keeps lock-internal counters       */
	LB_CAP_UNSAFE = 1u << 3,    /* does not exclude: --allow-unsafe   */
};

/*
 * Lock-internal counters.  A lock that keeps them (LB_CAP_HAS_STATS) puts
 * a struct lb_lock_stats first in its per-thread context and names in
 * `stats` the counters it fills; the others are NA in the results.  Each
 * counter is written only by the thread that owns the context, with a
 * relaxed load and store (lb_stat_add: an ordinary increment, no locked
 * instruction, no shared line), so that the coordinator may read them
 * at the window's edges while the thread runs.
 *
 *   spins         pause rounds spent waiting for the lock to be released
 *   sleeps        times a thread parked in the kernel (futex wait)
 *   wakeups       times a thread woke a parked waiter (futex wake)
 *   handoffs      ownership passed straight to a waiter, nobody barging
 *   starve_enter  switches into starvation mode
 *   starve_exit   switches out of it
 */
#define LB_LOCK_STATS(X) \
	X(spins) X(sleeps) X(wakeups) X(handoffs) X(starve_enter) X(starve_exit)

#define LB_STAT_FIELD(name) _Atomic uint64_t name;
struct lb_lock_stats {
	LB_LOCK_STATS(LB_STAT_FIELD)
};
#undef LB_STAT_FIELD

#define LB_STAT_BIT(name) LB_STAT_##name##_bit,
enum { LB_LOCK_STATS(LB_STAT_BIT) LB_NSTATS };
#undef LB_STAT_BIT
#define LB_STAT_MASK(name) LB_STAT_##name = 1u << LB_STAT_##name##_bit,
enum lb_stat_mask { LB_LOCK_STATS(LB_STAT_MASK) };
#undef LB_STAT_MASK

extern const char *const lb_stat_names[LB_NSTATS];

/* Count n more in the counter at `field` of st; st may be NULL (the
 * caller keeps no counters). */
static inline void lb_stat_add(struct lb_lock_stats *st, size_t field, uint64_t n)
{
	if (st) {
		_Atomic uint64_t *c = (_Atomic uint64_t *)((char *)st + field);
		atomic_store_explicit(c, atomic_load_explicit(c, memory_order_relaxed) + n,
				      memory_order_relaxed);
	}
}
#define LB_STAT(st, name, n) lb_stat_add((st), offsetof(struct lb_lock_stats, name), (n))

/* The counters of st, into v[LB_NSTATS] in LB_LOCK_STATS order. */
void lb_stats_read(const struct lb_lock_stats *st, uint64_t v[LB_NSTATS]);
/* The counters of n contexts, stride bytes apart from ctx, summed into
 * v[LB_NSTATS] (the whole case's, as the runner and PAPI's SDEs read it). */
void lb_stats_sum(const void *ctx, size_t stride, int n, uint64_t v[LB_NSTATS]);

/* Instances and contexts get lines of their own: LB_LINE bytes, two
 * cache lines, which keeps the adjacent-line prefetcher from pairing one
 * with its neighbour.  lb_alloc_lines(n): n bytes rounded up to whole
 * lines (one at least), LB_LINE aligned and zeroed; NULL with errno
 * ENOMEM.  Free it with free(). */
#define LB_LINE 128
void *lb_alloc_lines(size_t n);

typedef void (*lb_lock_fn)(void *l, void *ctx);
typedef bool (*lb_trylock_fn)(void *l, void *ctx);
typedef void (*lb_cycle_fn)(void *l, void *ctx, unsigned n);

/* NAME(l, ctx, n): the cycle verb of a lock whose lock and unlock are
 * LOCK and UNLOCK, functions of its own file that inline here.  The empty
 * asm between rounds keeps the compiler from merging or dropping rounds
 * (the `none` lock has nothing else to keep); it emits no instruction. */
#define LB_LOCK_CYCLE(NAME, LOCK, UNLOCK)                                   \
	static void NAME(void *l, void *ctx, unsigned n)                    \
	{                                                                   \
		for (unsigned i = 0; i < n; i++) {                          \
			LOCK(l, ctx);                                       \
			UNLOCK(l, ctx);                                     \
			__asm__ __volatile__("" ::: "memory");              \
		}                                                           \
	}

struct lb_lock_ops {
	const char *name;
	const char *summary;
	unsigned caps;
	size_t size;     /* instance bytes                     */
	size_t ctx_size; /* per-thread context bytes, may be 0 */
	unsigned stats;  /* LB_STAT_* it keeps (LB_CAP_HAS_STATS) */
	const struct lb_optdesc *options; /* NULL-key terminated, or NULL */
	int (*check)(const struct lb_optset *o, char *err, size_t errlen);

	int (*init)(void *l, const struct lb_optset *o);
	void (*destroy)(void *l);
	lb_lock_fn lock;
	lb_lock_fn unlock;
	lb_trylock_fn trylock;
	lb_lock_fn rlock;
	lb_lock_fn runlock;
	lb_cycle_fn cycle;
};
/* The bytes between two threads' contexts of ops: its ctx_size in whole
 * lines (0 for a lock without contexts, or no lock). */
static inline size_t lb_ctx_stride(const struct lb_lock_ops *ops)
{
	return ops ? (ops->ctx_size + LB_LINE - 1) & ~(size_t)(LB_LINE - 1) : 0;
}

/* A lock as one thread uses it: operations resolved once, outside any
 * hot loop (rlock falls back to lock), plus the instance and context. */
struct lb_lockfns {
	lb_lock_fn lock, unlock, rlock, runlock;
	lb_trylock_fn trylock;
	lb_cycle_fn cycle;
	void *l, *ctx;
};

static inline struct lb_lockfns lb_lock_bind(const struct lb_lock_ops *ops,
					     void *l, void *ctx)
{
	struct lb_lockfns f = {
		.lock = ops->lock,
		.unlock = ops->unlock,
		.rlock = ops->rlock ? ops->rlock : ops->lock,
		.runlock = ops->rlock ? ops->runlock : ops->unlock,
		.trylock = ops->trylock,
		.cycle = ops->cycle,
		.l = l,
		.ctx = ctx,
	};
	return f;
}

/* The registry: every lock, NULL terminated, in the order `list` shows. */
extern const struct lb_lock_ops *const lb_locks[];
const struct lb_lock_ops *lb_lock_find(const char *name);

#endif
