/*
 * getset.c - the Go text's shared map, read by get(i) and written by
 * set(i) from many threads:
 *
 *	func get(i int) int { mu.RLock(); defer mu.RUnlock(); return m[i] }
 *	func set(i int)     { mu.Lock();  defer mu.Unlock();  m[i] = i }
 *
 * The map is map.h's hash table of keys 0..keys-1, so a get or set is a
 * real hash lookup, not an array index.  Each operation draws a key (uniform, or zipf with
 * exponent --skew: key k has weight 1/(k+1)^skew) and is a get with
 * probability --read-ratio, taken under the read lock when the lock has
 * one, else a set under the write lock.
 *
 * Each entry carries a version that every set bumps on entering, and a
 * value that the set makes equal to the version as it leaves, after the
 * critical section's work (--cs-ns).  So:
 *   - a get checks value == version on entering and again before it
 *     leaves: a difference means a writer was in a set on the same entry
 *     meanwhile: the read lock did not exclude it;
 *   - inside a set, value != version on entering means another writer is
 *     in it too;
 *   - after the run, the versions must add up to the sets the threads
 *     counted; a shortfall is a lost update.
 * Either finding makes the row verified=no.
 *
 * The tag of the lock's last acquirer (workload.h, owner changes) lives
 * in a word right after the lock, in the lock's allocation; gets and sets
 * alike compare it with their own and store theirs on a change.  Without a lock (`none`) the
 * Go program dies with "concurrent map writes"; here it runs and the
 * verification shows what was lost.
 */
#include <inttypes.h>
#include <math.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "workloads/map.h"
#include "workloads/workload.h"

struct getset {
	struct lb_map map;
	uint64_t read_thr; /* a draw below it is a get: read_ratio * 2^32 */
	uint32_t *zipf_cdf; /* NULL for uniform: cumulative weights * 2^32 */
	_Atomic uint64_t *owner; /* the lock's last acquirer's tag, after the lock */
};

static inline uint64_t draw_key(const struct getset *g, uint64_t r)
{
	uint64_t u = r >> 32;

	if (!g->zipf_cdf)
		return (u * g->map.keys) >> 32;
	/* First key whose cumulative weight reaches u. */
	uint64_t lo = 0, hi = g->map.keys - 1;
	while (lo < hi) {
		uint64_t mid = (lo + hi) / 2;
		if (g->zipf_cdf[mid] < u)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

static int build_zipf(struct getset *g, double skew, char *err, size_t errlen)
{
	double total = 0, acc = 0;

	g->zipf_cdf = malloc(g->map.keys * sizeof *g->zipf_cdf);
	if (!g->zipf_cdf) {
		snprintf(err, errlen, "getset: out of memory for %" PRIu64 " zipf weights",
			 g->map.keys);
		return -1;
	}
	for (uint64_t k = 0; k < g->map.keys; k++)
		total += pow((double)(k + 1), -skew);
	for (uint64_t k = 0; k < g->map.keys; k++) {
		acc += pow((double)(k + 1), -skew);
		double c = acc / total * 4294967296.0;
		g->zipf_cdf[k] = c >= 4294967295.0 ? UINT32_MAX : (uint32_t)c;
	}
	g->zipf_cdf[g->map.keys - 1] = UINT32_MAX;
	return 0;
}

static void getset_teardown(void *state)
{
	struct getset *g = state;

	if (!g)
		return;
	lb_map_free(&g->map);
	free(g->zipf_cdf);
	free(g);
}

static int getset_setup(const struct lb_setup *s, struct lb_instance *out,
			char *err, size_t errlen)
{
	struct getset *g = calloc(1, sizeof *g);

	if (!g || lb_map_init(&g->map, s->p->keys) < 0)
		goto oom;
	g->read_thr = (uint64_t)(s->p->read_ratio * 4294967296.0);
	if (s->p->dist == LB_DIST_ZIPF && build_zipf(g, s->p->skew, err, errlen) < 0) {
		getset_teardown(g);
		return -1;
	}
	void *tail;
	out->lock = lb_lock_create(s->lock, s->lock_opts, sizeof *g->owner, &tail, err, errlen);
	if (!out->lock) {
		getset_teardown(g);
		return -1;
	}
	g->owner = tail;
	out->state = g;
	return 0;
oom:
	getset_teardown(g);
	snprintf(err, errlen, "getset: out of memory for %" PRIu64 " keys", s->p->keys);
	return -1;
}

/* One get(i) or set(i), timed or not; returns whether it was a get, and
 * adds to *changes when the lock came from another PU. */
LB_INLINE bool getset_op(const struct getset *g, const struct lb_lockfns *lk,
			 struct lb_window *win, uint64_t *rng, uint64_t *violations,
			 bool owners, uint64_t tag, uint64_t *changes, bool timed, uint64_t cs,
			 uint64_t think)
{
	uint64_t r = lb_rand(rng);
	struct lb_map_slot *e = lb_map_find(&g->map, draw_key(g, r));
	bool get = (r & 0xffffffffu) < g->read_thr;

	/* A set leaves version one ahead of value while it works; the fences
	 * keep the compiler from moving the accesses past the work. */
	if (get) {
		lb_acquire(lk->rlock, lk, win, timed);
		if (owners)
			lb_count_change(changes, lb_owner_take(g->owner, tag));
		*violations += e->value != e->version;
		atomic_signal_fence(memory_order_seq_cst);
		lb_work(cs);
		atomic_signal_fence(memory_order_seq_cst);
		*violations += e->value != e->version;
		lk->runlock(lk->l, lk->ctx);
	} else {
		lb_acquire(lk->lock, lk, win, timed);
		if (owners)
			lb_count_change(changes, lb_owner_take(g->owner, tag));
		*violations += e->value != e->version;
		e->version++;
		atomic_signal_fence(memory_order_seq_cst);
		lb_work(cs);
		atomic_signal_fence(memory_order_seq_cst);
		e->value = e->version;
		lk->unlock(lk->l, lk->ctx);
	}
	lb_work(think);
	return get;
}

LB_INLINE void getset_loop(struct lb_worker *w, uint64_t cs, uint64_t think, bool owners)
{
	const struct getset *g = w->state;
	const struct lb_lockfns lk = w->lk;
	struct lb_window win = lb_window_start(w);
	uint64_t rng = w->p->seed * 0x9E3779B97F4A7C15ULL + (uint64_t)w->id + 1;
	const uint64_t tag = w->owner_tag;
	uint64_t reads = 0, writes = 0, violations = 0, changes = 0;

	while (lb_window_poll(&win) != LB_PHASE_STOP) {
		unsigned i = 0;
		do {
			bool get = getset_op(g, &lk, &win, &rng, &violations, owners, tag,
					     &changes, i == 0 && win.timed, cs, think);
			reads += get;
			writes += !get;
		} while (++i < win.batch && lb_window_holds(&win));
		win.ran = i;
		lb_publish(w, reads, writes, changes);
	}
	w->total_writes = writes;
	w->violations = violations;
}

static void getset_thread(struct lb_worker *w)
{
	LB_SPECIALISE(getset_loop, w);
}

static bool getset_verify(void *state, const struct lb_worker *ws, int nthreads,
			  char *why, size_t whylen)
{
	const struct getset *g = state;
	uint64_t sets = 0, violations = 0;

	for (int i = 0; i < nthreads; i++) {
		sets += ws[i].total_writes;
		violations += ws[i].violations;
	}
	return lb_map_verify(&g->map, sets, violations,
			     "operations saw another writer inside the lock", why, whylen);
}

const struct lb_workload_ops lb_workload_getset = {
	.name = "getset",
	.summary = "get(i)/set(i) on a shared int->int hash map; gets take the read lock",
	.kinds = LB_KIND_LOCK,
	.params = LB_WP_READ_RATIO | LB_WP_KEYS | LB_WP_DIST | LB_WP_CS | LB_WP_THINK |
		  LB_WP_SEED,
	.lat_metric = "acquire",
	.owners = true,
	.setup = getset_setup,
	.thread_main = getset_thread,
	.verify = getset_verify,
	.teardown = getset_teardown,
};
