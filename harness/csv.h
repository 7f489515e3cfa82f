/*
 * csv.h - the results schema and its RFC 4180 writer.
 *
 * The columns of schema v1 are listed once, in LB_CSV_COLUMNS, in the
 * order of DESIGN.md; the enum of column indexes and the header both come
 * from that list.  A row is an array of strings, one per column; NULL is
 * written as NA.  Renaming or reordering a column bumps LB_CSV_SCHEMA.
 */
#ifndef LB_CSV_H
#define LB_CSV_H

#include <stdio.h>

#define LB_CSV_SCHEMA 1

#define LB_CSV_COLUMNS(X)                                                   \
	X(schema) X(run_id) X(case) X(rep) X(status) X(error)                 \
	X(platform) X(host) X(cpu_model) X(packages) X(cores) X(pus)          \
	X(kernel) X(compiler) X(lockbench_version)                            \
	X(lock) X(lock_opts) X(waitgroup) X(workload) X(workload_opts)        \
	X(threads) X(pin) X(cpus)                                             \
	X(duration_s) X(ops) X(ops_per_sec) X(reads) X(writes)                \
	X(thread_ops_min) X(thread_ops_max) X(jain)                           \
	X(lat_metric) X(lat_samples) X(lat_p50_ns) X(lat_p90_ns)              \
	X(lat_p99_ns) X(lat_p999_ns) X(lat_max_ns)                            \
	X(spins) X(sleeps) X(wakeups) X(handoffs) X(starve_enter)             \
	X(starve_exit) X(verified)                                            \
	X(wake_p50_ns) X(wake_p99_ns) X(wake_max_ns)                          \
	X(owner_changes) X(xfer_ns) X(xfer_ns_max) X(ceiling_ops_per_sec)                    \
	X(preempted_pct) X(steal_pct)                                         \
	X(worst_wait_max_ns) X(worst_wait_p50_ns) X(slowest_wait_pct)

#define LB_COL_ENUM(name) LB_COL_##name,
enum lb_csv_col { LB_CSV_COLUMNS(LB_COL_ENUM) LB_CSV_NCOLS };
#undef LB_COL_ENUM

extern const char *const lb_csv_names[LB_CSV_NCOLS];

/* Write one field, quoted when it holds a comma, a quote, CR or LF (quotes
 * doubled); NULL is written as NA. */
void lb_csv_field(FILE *f, const char *s);
/* The header line: the fixed columns, then extra (may be NULL) of nextra
 * more.  Returns 0, or -1 with errno on a write error. */
int lb_csv_header(FILE *f, const char *const *extra, int nextra);
/* One row: the fixed columns from v, then nextra extra fields. */
int lb_csv_row(FILE *f, const char *const v[LB_CSV_NCOLS],
	       const char *const *extra, int nextra);

#endif
