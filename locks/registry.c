/*
 * registry.c - every lock lockbench knows, in the order `lockbench list`
 * shows them: the system's locks first, then Go's, then the spinlocks
 * from the simplest to the most scalable, then the unsynchronised
 * baseline.
 *
 * Adding a lock: write locks/<name>.c defining one `struct lb_lock_ops`,
 * declare it below and put it in lb_locks[].
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "locks/lock.h"

extern const struct lb_lock_ops lb_lock_pthread_mutex;
extern const struct lb_lock_ops lb_lock_pthread_rwlock;
extern const struct lb_lock_ops lb_lock_pthread_spin;
extern const struct lb_lock_ops lb_lock_gomutex;
extern const struct lb_lock_ops lb_lock_gorwmutex;
extern const struct lb_lock_ops lb_lock_tas;
extern const struct lb_lock_ops lb_lock_ttas;
extern const struct lb_lock_ops lb_lock_ticket;
extern const struct lb_lock_ops lb_lock_mcs;
extern const struct lb_lock_ops lb_lock_none;

const struct lb_lock_ops *const lb_locks[] = {
	&lb_lock_pthread_mutex,
	&lb_lock_pthread_rwlock,
	&lb_lock_pthread_spin,
	&lb_lock_gomutex,
	&lb_lock_gorwmutex,
	&lb_lock_tas,
	&lb_lock_ttas,
	&lb_lock_ticket,
	&lb_lock_mcs,
	&lb_lock_none,
	NULL,
};

#define LB_STAT_NAME(name) #name,
const char *const lb_stat_names[LB_NSTATS] = { LB_LOCK_STATS(LB_STAT_NAME) };
#undef LB_STAT_NAME

void lb_stats_read(const struct lb_lock_stats *st, uint64_t v[LB_NSTATS])
{
	int i = 0;
#define LB_STAT_LOAD(name) v[i++] = atomic_load_explicit(&st->name, memory_order_relaxed);
	LB_LOCK_STATS(LB_STAT_LOAD)
#undef LB_STAT_LOAD
}

void lb_stats_sum(const void *ctx, size_t stride, int n, uint64_t v[LB_NSTATS])
{
	memset(v, 0, LB_NSTATS * sizeof *v);
	for (int i = 0; i < n; i++) {
		uint64_t t[LB_NSTATS];
		lb_stats_read((const struct lb_lock_stats *)((const char *)ctx + (size_t)i * stride), t);
		for (int k = 0; k < LB_NSTATS; k++)
			v[k] += t[k];
	}
}

void *lb_alloc_lines(size_t n)
{
	size_t size = n ? (n + LB_LINE - 1) & ~(size_t)(LB_LINE - 1) : LB_LINE;
	void *p = aligned_alloc(LB_LINE, size);

	if (p)
		memset(p, 0, size);
	return p;
}

/* The lock called name, or NULL with errno ENOENT (EINVAL for NULL). */
const struct lb_lock_ops *lb_lock_find(const char *name)
{
	if (name == NULL) {
		errno = EINVAL;
		return NULL;
	}
	for (const struct lb_lock_ops *const *p = lb_locks; *p != NULL; p++)
		if (strcmp((*p)->name, name) == 0)
			return *p;
	errno = ENOENT;
	return NULL;
}
