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

#include <stdbool.h>
#include <stddef.h>

#include "harness/options.h"

enum lb_lock_caps {
	LB_CAP_RW = 1u << 0,        /* rlock/runlock: a shared mode       */
	LB_CAP_TRYLOCK = 1u << 1,   /* trylock                            */
	LB_CAP_HAS_STATS = 1u << 2, /* keeps lock-internal counters       */
	LB_CAP_UNSAFE = 1u << 3,    /* does not exclude: --allow-unsafe   */
};

typedef void (*lb_lock_fn)(void *l, void *ctx);
typedef bool (*lb_trylock_fn)(void *l, void *ctx);

struct lb_lock_ops {
	const char *name;
	const char *summary;
	unsigned caps;
	size_t size;     /* instance bytes                     */
	size_t ctx_size; /* per-thread context bytes, may be 0 */
	const struct lb_optdesc *options; /* NULL-key terminated, or NULL */
	int (*check)(const struct lb_optset *o, char *err, size_t errlen);

	int (*init)(void *l, const struct lb_optset *o);
	void (*destroy)(void *l);
	lb_lock_fn lock;
	lb_lock_fn unlock;
	lb_trylock_fn trylock;
	lb_lock_fn rlock;
	lb_lock_fn runlock;
};

/* A lock as one thread uses it: operations resolved once, outside any
 * hot loop (rlock falls back to lock), plus the instance and context. */
struct lb_lockfns {
	lb_lock_fn lock, unlock, rlock, runlock;
	lb_trylock_fn trylock;
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
		.l = l,
		.ctx = ctx,
	};
	return f;
}

/* The registry: every lock, NULL terminated, in the order `list` shows. */
extern const struct lb_lock_ops *const lb_locks[];
const struct lb_lock_ops *lb_lock_find(const char *name);

#endif
