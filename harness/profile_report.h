/*
 * profile_report.h - a profile read back (the CSV that `lockbench profile
 * --out` writes, and its sidecar), and what lockbench plot, report and
 * compare make of it: the distributions of the top locks' waits and holds
 * as charts, the page of one profile, and the page that sets profiles of
 * one program under different --as locks side by side.
 *
 * A profile is told from a sweep's results by its header, whose first
 * column is lock_addr (a sweep's is schema).  Like every file lockbench
 * reads, it is untrusted: it is read through lb_csv_in (bounded, strict
 * RFC 4180), every number is checked (and the counts that the pages add
 * up over the rows stay within LB_CSV_NUM_MAX together, so that no sum
 * wraps round), the histogram columns are held to
 * lb_hist_parse, and every text reaches a chart through lb_gp_str and a
 * page through lb_html_esc.
 */
#ifndef LB_PROFILE_REPORT_H
#define LB_PROFILE_REPORT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "harness/charts.h"
#include "harness/csvread.h"

/* One row: one lock of one process. */
struct lb_plock {
	long line;                 /* where the row starts in its file */
	const char *addr, *kind, *site;
	const char *lock, *program; /* NULL where the file has no such column */
	uint64_t acquisitions, contended, wait_total, owner_changes, threads;
	long pid;                  /* -1 where the file has no pid column */
	double wait_p50, wait_p99, wait_max, hold_p50, hold_p99, hold_max; /* NAN: NA */
	const char *wait_hist, *hold_hist; /* lb_hist_format's text, or NULL */
};

struct lb_pfile {
	char *path;
	struct lb_csv_in in;       /* owns the rows' text */
	struct lb_plock *rows;     /* most waited-on first */
	size_t nrows;
	bool hists;                /* the file has wait_hist and hold_hist */
	/* From the sidecar (PATH.meta); NULL, or NAN, where it does not say. */
	bool meta;                 /* there is a sidecar */
	char *command, *program_command, *as, *exit_status, *signal, *processes;
	double wall_s;
};

/* Whether the file at path starts with a profile's header.  false also
 * when it cannot be read: then it is read as a sweep's results, which
 * says why it cannot be. */
bool lb_pfile_is(const char *path);

/* Read the profile at path, and its sidecar if any.  0, or -1 with err
 * ("PATH:LINE: why"). */
int lb_pfile_read(struct lb_pfile *pf, const char *path, char *err, size_t errlen);
void lb_pfile_free(struct lb_pfile *pf);

/* How many locks the page's table and the charts show. */
#define LB_PROFILE_TOP_ROWS 20
#define LB_PROFILE_TOP_CHART 8
#define LB_PROFILE_TOP_SITES 30

/* The charts of one profile: the wait and the hold distribution of its
 * most waited-on locks (those with a sample), one line per lock, in
 * powers of two.  origin names the input file.  0, or -1 with err. */
int lb_pfile_charts(const struct lb_pfile *pf, const char *plots_dir, const char *origin,
		    struct lb_charts *out, char *err, size_t errlen);

/* The page of one profile (n == 1) or of several set side by side
 * (compare), with charts (may be empty), to path.  0, or -1 with err. */
int lb_pfile_page(const struct lb_pfile *pf, int n, bool compare, const struct lb_charts *charts,
		  const char *path, char *err, size_t errlen);

#endif
