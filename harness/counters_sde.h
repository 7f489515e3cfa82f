/*
 * counters_sde.h - the lock-internal counters (locks/lock.h: spins,
 * sleeps, wakeups, handoffs, starve_enter, starve_exit) as PAPI
 * software-defined events, sde:::lockbench::NAME.
 *
 * Private to counters_papi.c.  counters_sde.c implements it over libsde;
 * counters_nosde.c, chosen by configure where libsde is missing, answers
 * that the events do not exist.
 *
 * Each event is a callback that PAPI calls when it reads the event: it
 * sums that counter over the thread contexts of the case now running
 * (lb_sde_bind), so a read costs the threads nothing.  The counters are
 * cumulative (PAPI_SDE_DELTA): PAPI reports what they gained since the
 * event set started.
 */
#ifndef LB_COUNTERS_SDE_H
#define LB_COUNTERS_SDE_H

#include <stdbool.h>
#include <stddef.h>

#define LB_SDE_LIBRARY "lockbench"
#define LB_SDE_PREFIX "sde:::" LB_SDE_LIBRARY "::"

/* Register the events with libsde, once per process.  true when they
 * exist (now or from an earlier call). */
bool lb_sde_register(void);

/* The thread contexts the events sum over: n of them, one every stride
 * bytes from ctx, each starting with a struct lb_lock_stats; ctx NULL:
 * none (the events read 0). */
void lb_sde_bind(const void *ctx, size_t stride, int n);

#endif
