/*
 * counters_sde.c - the lock-internal counters as PAPI software-defined
 * events, over libsde.  See counters_sde.h.
 *
 * Any PAPI reader in the process, lockbench's own event sets or a tool,
 * sees sde:::lockbench::spins .. starve_exit.  The binding to the case
 * now running is behind a mutex, so that a reader in another thread never
 * sums over contexts that are being freed; the counters themselves are
 * read with relaxed loads (lb_stats_read), as the runner reads them at
 * the window's edges.
 */
#include <pthread.h>
#include <stdint.h>
#include <stdlib.h>

#include <sde_lib.h>

#include "harness/counters_sde.h"
#include "locks/lock.h"

static pthread_mutex_t bound_mu = PTHREAD_MUTEX_INITIALIZER;
static struct {
	const char *ctx;
	size_t stride;
	int n;
} bound;

/* Each event's callback parameter: the counter's index. */
#define LB_STAT_INDEX(name) LB_STAT_##name##_bit,
static const int stat_index[LB_NSTATS] = { LB_LOCK_STATS(LB_STAT_INDEX) };
#undef LB_STAT_INDEX

/* PAPI's read of one event: the counter param points at, summed over the
 * bound contexts. */
static long long sum_stat(void *param)
{
	const int k = *(const int *)param;
	uint64_t v[LB_NSTATS] = { 0 };

	pthread_mutex_lock(&bound_mu);
	if (bound.ctx)
		lb_stats_sum(bound.ctx, bound.stride, bound.n, v);
	pthread_mutex_unlock(&bound_mu);
	return (long long)v[k];
}

static papi_handle_t handle;

/* At exit: libsde keeps copies of the names until the library that
 * registered them is shut down. */
static void unregister(void)
{
	papi_sde_shutdown(handle);
}

bool lb_sde_register(void)
{
	static int done; /* 1 registered, -1 failed */
	papi_handle_t h;

	if (done)
		return done > 0;
	done = -1;
	h = handle = papi_sde_init(LB_SDE_LIBRARY);
	if (!h)
		return false;
	atexit(unregister);
	for (int k = 0; k < LB_NSTATS; k++) {
		/* No papi_sde_describe_counter: libsde 7.0 never frees what it
		 * copies there. */
		if (papi_sde_register_counter_cb(h, lb_stat_names[k], PAPI_SDE_RO | PAPI_SDE_DELTA,
						 PAPI_SDE_long_long, sum_stat,
						 (void *)&stat_index[k]) != SDE_OK)
			return false;
	}
	done = 1;
	return true;
}

void lb_sde_bind(const void *ctx, size_t stride, int n)
{
	pthread_mutex_lock(&bound_mu);
	bound.ctx = ctx;
	bound.stride = stride;
	bound.n = ctx ? n : 0;
	pthread_mutex_unlock(&bound_mu);
}
