/*
 * runner.h - one case, run in a child process.
 *
 * lb_case_exec() forks; the child sets up the lock and the workload,
 * starts the threads (each binds itself to its PU and waits on a start
 * barrier), lets them warm up, opens the measured window, closes it, joins
 * them, verifies, and sends one lb_result back over a pipe.  The parent
 * waits for that result with a deadline: past --timeout the child is
 * killed and the result says timeout; a child killed by a signal is a
 * crash; a child that exits without a result failed.  Whatever the child
 * does, the parent, and so the sweep, goes on.  A timeout of a case whose
 * WaitGroup can block forever by design says how, in the error.
 */
#ifndef LB_RUNNER_H
#define LB_RUNNER_H

#include <signal.h>
#include <stdint.h>

#include "harness/counters.h"
#include "harness/pin.h"
#include "locks/lock.h"
#include "locks/waitgroup.h"
#include "workloads/workload.h"

#define LB_MAX_THREADS 1024
#define LB_XFER_PAIR_NS 1000000 /* each case probes a pair of its PUs this long */

/* One case.  lock is NULL for a workload that uses no lock, wg NULL for
 * one that uses no WaitGroup (the workload's kinds). */
struct lb_case {
	const struct lb_lock_ops *lock;
	struct lb_optset lock_opts;
	const struct lb_wg_ops *wg;
	struct lb_optset wg_opts;
	const struct lb_workload_ops *workload;
	struct lb_wparams p;
	int threads;
	const struct lb_pin *pin;
	uint64_t warmup_ns, duration_ns, timeout_ns;
	uint64_t sample_ns; /* time one acquisition per this much time, */
	unsigned sample_n;  /* or one in this many when not 0 */
	const struct lb_events *events; /* PAPI events to count, or NULL */
};

/* What the child and parent share of the machine: the topology (loaded
 * once, before any fork) and the tick rate. */
struct lb_env {
	const struct lb_topo *topo;
	double ticks_per_ns;
};

enum lb_status { LB_OK, LB_TIMEOUT, LB_CRASHED, LB_FAILED, LB_SKIPPED, LB_INTERRUPTED };
extern const char *const lb_status_names[];

struct lb_result {
	enum lb_status status;
	char error[512];
	double duration_s;
	uint64_t ops, reads, writes, thread_ops_min, thread_ops_max;
	double jain;
	uint64_t lat_samples;
	double lat_p50_ns, lat_p90_ns, lat_p99_ns, lat_p999_ns, lat_max_ns;
	double wake_p50_ns, wake_p99_ns, wake_max_ns; /* NaN: no wake-up timed */
	/* Why the row is what it is (NaN: does not apply, or not measured):
	 * owner changes per operation (workload.h), the one-way transfer
	 * latency among the case's PUs (probe.h), the share of the threads'
	 * window time spent runnable but not running, and the share of the
	 * case's PUs' time stolen by the hypervisor in the window (noise.h),
	 * both in percent. */
	double owner_changes, xfer_ns, xfer_ns_max, preempted_pct, steal_pct;
	/* The waits weighted by threads (workload.h): the longest and the
	 * median of the threads' worst waits, ns, and the share of the window
	 * the slowest thread spent waiting, percent. */
	double worst_wait_max_ns, worst_wait_p50_ns, slowest_wait_pct;
	uint64_t stats[LB_NSTATS]; /* lock-internal counters over the window */
	unsigned stats_mask;       /* which of them the lock keeps (LB_STAT_*) */
	bool verified;
	char cpus[8192]; /* the PU of each thread, space separated */
	double papi[LB_MAX_EVENTS]; /* each event's count per operation, NAN for NA */
	char papi_error[160];       /* why PAPI could not count, or "" */
};

/* Run c in a child and fill r.  Returns 0, or -1 with errno when the
 * child could not be started at all (fork or pipe failed).  *interrupts
 * is the count of SIGINTs seen so far: at 2 the case in flight is killed
 * and r says interrupted. */
int lb_case_exec(const struct lb_case *c, const struct lb_env *env,
		 volatile sig_atomic_t *interrupts, struct lb_result *r);

/* The child's part, in this process: for tests and tools. */
void lb_case_run(const struct lb_case *c, const struct lb_env *env, struct lb_result *r);

#endif
