/*
 * sweep.h - a sweep as data: the lists a user gave, expanded into cases
 * (workload x lock x waitgroup x parameters x threads), each run --reps
 * times.  A workload is crossed only with the primitive kinds it uses
 * (its `kinds`) and the parameters it reads (its `params`): hits runs
 * once per lock, waitgroup once per WaitGroup, seed once per pair.  An
 * unsafe WaitGroup, like an unsafe lock, needs allow_unsafe above one
 * thread.
 *
 * Repetitions run in rounds: every case once, then every case again, so
 * a drift in the machine's state (a neighbour's load, thermal limits)
 * spreads over all cases instead of biasing the ones that ran last.
 */
#ifndef LB_SWEEP_H
#define LB_SWEEP_H

#include <signal.h>
#include <stdbool.h>
#include <stdio.h>

#include "harness/platform.h"
#include "harness/runner.h"

#define LB_MAX_LOCKS 64
#define LB_MAX_LIST 32

struct lb_lockspec {
	const struct lb_lock_ops *ops;
	struct lb_optset opts;
};

struct lb_wgspec {
	const struct lb_wg_ops *ops;
	struct lb_optset opts;
};

struct lb_sweep_spec {
	struct lb_lockspec locks[LB_MAX_LOCKS];
	int nlocks;
	struct lb_wgspec wgs[LB_MAX_LIST];
	int nwgs;
	const struct lb_workload_ops *workloads[LB_MAX_LIST];
	int nworkloads;
	double read_ratios[LB_MAX_LIST];
	int nread_ratios;
	uint64_t cs_ns[LB_MAX_LIST];
	int ncs;
	uint64_t think_ns[LB_MAX_LIST];
	int nthink;
	uint64_t work_ns[LB_MAX_LIST];
	int nwork;
	enum lb_spawn spawns[2];
	int nspawn;
	int threads[LB_MAX_THREADS]; /* ascending, no repeats */
	int nthreads;
	struct lb_wparams base; /* keys, dist, skew, seed */
	struct lb_pin pin;
	uint64_t warmup_ns, duration_ns, timeout_ns;
	uint64_t sample_ns; /* time one acquisition per this much time, */
	unsigned sample_n;  /* or one in this many when not 0 */
	unsigned reps;
	bool allow_unsafe; /* else unsafe locks run at one thread only */
	int shard_k, shard_n; /* run only shard k of n (fleet.h); n = 0: all */
	struct lb_events events; /* PAPI events: one CSV column each */
};

/* The cases of s, in order; caller frees.  *n gets their count. */
struct lb_case *lb_sweep_cases(const struct lb_sweep_spec *s, int *n);
/* How many cases s has (at most 32 x 64 x 32^5 x 2 x 1024: no overflow). */
uint64_t lb_sweep_count(const struct lb_sweep_spec *s);

/* "ticket hits(cs_ns=0,think_ns=0) threads=4", "wg-go waitgroup(work_ns=0)
 * threads=4", "mcs wg-go seed(...) threads=2": a case in one line. */
void lb_sweep_describe(const struct lb_case *c, char *buf, size_t len);

/* The CSV's header: the schema's columns, then one per PAPI event. */
int lb_sweep_header(const struct lb_sweep_spec *s, FILE *csv);

/* Write the row of a run that never ran, status failed and error saying
 * why: case c (number case_no of the whole sweep), repetition rep, on
 * platform; the columns that only a run could fill are NA, and so are
 * nextra columns after the schema's.  0, or -1 with errno. */
int lb_sweep_row_unrun(FILE *csv, const char *run_id, int case_no, unsigned rep,
		       const struct lb_case *c, const char *platform, const char *error,
		       int nextra);

struct lb_plan;
/* Run every case of plan, s's (lb_sweep_plan), s->reps times (those of
 * shard s->shard_k when s->shard_n is set, numbered as in the whole
 * sweep), appending one CSV row per run to csv
 * (at csv_path, already holding its header) and flushing it, and first
 * the sidecar into meta, which it closes (key=value: the command line,
 * the timing flags, CPU frequency governor, SMT, warnings); progress to
 * stderr, the summary table to summary.  Stops after the case in flight
 * once *interrupts > 0, or once the progress or summary output is gone
 * (a closed pipe).  Returns 0, 130 when interrupted, or 1 when the CSV
 * could not be written or the output was gone. */
int lb_sweep_run(const struct lb_sweep_spec *s, const struct lb_plan *plan,
		 const struct lb_env *env,
		 const struct lb_platform *plat, const char *run_id, FILE *csv,
		 const char *csv_path, FILE *meta, FILE *summary,
		 volatile sig_atomic_t *interrupts);

/* For a sidecar: the command line, when it started, the version, the
 * frequency governor and SMT, as key=value lines. */
void lb_meta_machine(FILE *f);
struct lb_xfer;
/* One probed pair as an xfer= line of a sidecar: "A B MEDIAN_NS P99_NS
 * SAMPLES"; arg is the FILE. */
void lb_meta_xfer(void *arg, int a, int b, const struct lb_xfer *x);

#endif
