/*
 * fleet.h - one sweep over many machines: its cases cut into shards that
 * run apart (lockbench run --shard K/N), the shards' CSVs joined again
 * (lockbench merge), and both driven through Slurm job arrays (lockbench
 * slurm, in cli_fleet.c).
 *
 * Sharding.  The cases of a sweep (lb_sweep_cases: the same list on every
 * machine that expands the same flags) are dealt to N shards by expected
 * time, longest first, each to the shard with the least time so far (ties
 * to the lowest shard, then by case number): the greedy rule for makespan
 * that is never worse than 4/3 of the best.  A case is one unit, all its
 * repetitions together, so that its medians come from one machine.  The
 * deal depends on nothing but the cases, so every task computes the same
 * shards without talking to the others, and rows keep the case numbers of
 * the whole sweep.
 *
 * The join of the shards (lockbench merge) is merge.h.
 *
 * Conventions as everywhere: 0 on success, -1 with errno and a one-line
 * message in err.
 */
#ifndef LB_FLEET_H
#define LB_FLEET_H

#include <stdbool.h>
#include <stdio.h>

#include "harness/sweep.h"

/* A run's share of a sweep: shard k of n, 1 <= k <= n (n = 0: all). */
struct lb_shard {
	int k, n;
};

/* "K/N" into sh: 0, or -1 with err. */
int lb_shard_parse(const char *text, struct lb_shard *sh, char *err, size_t errlen);

/* The time case c is expected to take, all reps of it, in seconds: its
 * warm-up and window and a fixed cost per run; or, with hang, its timeout
 * where its WaitGroup can block forever by design (the most it can take). */
double lb_case_cost(const struct lb_case *c, unsigned reps, bool hang);

/* Deal ncases cases of costs cost[] to nshards shards: shard_of[i] gets
 * case i's shard, from 1.  0, or -1 with EINVAL (nshards < 1) or ENOMEM. */
int lb_shard_split(const double *cost, int ncases, int nshards, int *shard_of);

/* The shards of the cases of s, as lb_shard_split deals them. */
int lb_sweep_shards(const struct lb_case *cases, int ncases, unsigned reps, int nshards,
		    int *shard_of);

/* A sweep's plan: its cases (lb_sweep_cases), n of them, and the shard
 * of each of nshards as lb_sweep_shards deals them, or 0 for all where
 * nshards is 0. */
struct lb_plan {
	struct lb_case *cases;
	int n;
	int *shard_of;
};

/* The plan of s over nshards shards into *p: 0, or -1 with errno (ENOMEM)
 * and nothing to free; else lb_plan_free frees it. */
int lb_sweep_plan(const struct lb_sweep_spec *s, int nshards, struct lb_plan *p);
void lb_plan_free(struct lb_plan *p);

/* ---- Slurm ------------------------------------------------------------
 *
 * lockbench slurm submits, per partition, one job array of N tasks, each
 * on a node of its own (--exclusive), each running `lockbench run --shard
 * K/N` with the sweep's flags, its rows into DIR/PARTITION/shard-K.csv and
 * its exit status into DIR/PARTITION/task-K.status.  The binary and DIR
 * must be on a filesystem that the nodes share.  Task states come from
 * squeue (finished tasks stay listed for Slurm's MinJobAge), else from the
 * status file.  Every external program runs with a deadline.
 */

#define LB_SLURM_STATE_LEN 32

/* One partition's job: its name, job id, and each task's Slurm state
 * ("PENDING", "COMPLETED", "CANCELLED" ...; "" not yet known). */
struct lb_slurm_job {
	char partition[64];
	char id[32];
	int ntasks;
	char (*state)[LB_SLURM_STATE_LEN]; /* [ntasks], task k at k-1 */
};

/* The batch script of one partition into f.  binary and dir are absolute
 * paths; args the run flags (argv form), passed on quoted; sbatch_args
 * (NULL: none) the user's sbatch options, words apart by blanks, each an
 * #SBATCH line after lockbench's own, so that the script submitted again
 * by hand keeps them; platform_by_node names the platform after the
 * node's CPU model instead of the partition. */
int lb_slurm_script(FILE *f, const char *binary, const char *dir, const char *partition,
		    int ntasks, const char *run_id, char *const *args, int nargs,
		    const char *sbatch_args, bool platform_by_node);

/* Run argv (a program found in PATH) with a deadline of deadline_s: its
 * standard output into out (NUL-terminated, cut at outlen), the first line
 * of its standard error into errline.  Returns its exit status, or -1
 * with errno (ENOENT: not found; ETIMEDOUT: killed at the deadline). */
int lb_tool(char *const *argv, int deadline_s, char *out, size_t outlen, char *errline,
	    size_t errlen);

/* Whether a program called name is in PATH. */
bool lb_tool_found(const char *name);

/* Refresh the states of job j's tasks (squeue, then the status files in
 * dir/PARTITION for tasks squeue no longer lists, then sacct for those
 * whose status file is missing or holds no exit status).  0, or -1 with
 * err. */
int lb_slurm_poll(struct lb_slurm_job *j, const char *dir, char *err, size_t errlen);

/* Whether a Slurm state is final (the task will not run on). */
bool lb_slurm_final(const char *state);

/* Into out (dir/PARTITION/failed.csv, made new or replaced): a failed row
 * for every (case, rep) of the shards of tasks that did not complete, or
 * whose CSV lacks it, error naming the task's Slurm state; the cases are
 * those of the sweep s as this machine expands it.  *nfailed gets how many
 * rows; the shard CSVs that can be read, with their sidecars, go to in[]
 * (*nin of them; the caller frees each), and the runs of any other count
 * as failed, with a warning.  0, or -1 with err. */
int lb_slurm_failed_rows(const struct lb_slurm_job *j, const char *dir,
			 const struct lb_sweep_spec *s, const char *run_id, const char *out,
			 char **in, int *nin, int *nfailed, FILE *warn, char *err,
			 size_t errlen);

#endif
