/*
 * merge.h - the shards of one sweep (lockbench run --shard K/N, fleet.h)
 * joined into one CSV and one sidecar: lockbench merge, and the last step
 * of lockbench slurm.
 *
 * The inputs are results files like any other (untrusted, read by
 * csvread).  The join refuses files whose columns differ (another schema,
 * other PAPI events), a (run_id, case, rep) given twice, and rows of more
 * than one platform, since one output stands for one platform in
 * lockbench compare.  The merged sidecar holds the first value of each
 * key across the inputs' sidecars, every distinct warning, and one
 * merged_from line per input with its shard.  The inputs' sidecars are
 * read as report reads them (one that is not a regular text file of at
 * most LB_READ_MAX_SIDECAR bytes is refused), and all before anything is
 * written, so that an output that replaces an input keeps what its
 * sidecar said.
 *
 * Conventions as everywhere: 0 on success, -1 with errno and a one-line
 * message in err.
 */
#ifndef LB_MERGE_H
#define LB_MERGE_H

#include <stdbool.h>
#include <stdio.h>

/* Join the results files in[0..n-1] into out and its sidecar out.meta
 * (made with lb_create: no clobbering unless replace); warnings (a torn
 * last row, a missing sidecar) to warn.  Rows go out in rounds, as a
 * sweep writes them: by run_id, rep, then case.  On a refusal nothing is
 * written; errno EEXIST when out or its sidecar exists. */
int lb_merge(char *const *in, int n, const char *out, bool replace, FILE *warn,
	     char *err, size_t errlen);


#endif
