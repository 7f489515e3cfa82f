/*
 * results.h - the rows of a results table grouped for charts, tables and
 * comparisons: the one place where repetitions are summarised.
 *
 * A case is what a sweep ran several times: side, lock, lock_opts,
 * waitgroup, workload, workload_opts, threads and pin.  A side is one
 * sweep (the run_id), so that the rows of two sweeps, perhaps of two
 * builds or two days, are never taken for repetitions of one case; or,
 * where pooling is asked for, the platform; or for a comparison of files
 * from one platform, the file.  Each case keeps
 * its rows and, over those that ran ok and verified, the summary of every
 * measure (median, mean, min, max, stddev, CV; stats.h's lb_summarize).
 *
 * Cases are arranged for drawing: a panel is one workload setting
 * (workload, workload_opts, pin, lat_metric), a series one lock spec
 * (lock, lock_opts, waitgroup), and a panel's cell [side][series][threads]
 * names the case there, if any.  Panels, series and sides keep the order
 * in which the files first name them (the sweep's own order).
 */
#ifndef LB_RESULTS_H
#define LB_RESULTS_H

#include <stdbool.h>
#include <stddef.h>

#include "harness/csvread.h"
#include "harness/stats.h"

/* The measures of every case, each a value per row (NAN when the row
 * has none).  The per-operation counters divide by the row's ops. */
enum lb_measure {
	LB_M_OPS,      /* ops_per_sec */
	LB_M_P50,      /* lat_p50_ns */
	LB_M_P99,      /* lat_p99_ns */
	LB_M_MAX,      /* lat_max_ns */
	LB_M_JAIN,     /* jain */
	LB_M_SHARE,    /* the slowest thread's share: thread_ops_min / (ops / threads) */
	LB_M_HANDOFFS, /* handoffs / ops */
	LB_M_STARVE,   /* starve_enter / ops */
	LB_M_FIXED     /* then one per other numeric column after the schema's
			* fixed ones (papi_<EVENT>, wake_*_ns), by its name */
};

/* What a side is.  LB_SIDE_RUN names a side by its platform where that
 * platform ran one sweep, else by its run_id. */
enum lb_side_by { LB_SIDE_PLATFORM, LB_SIDE_FILE, LB_SIDE_RUN };

struct lb_case {
	int side, panel, series, threads;
	size_t *rows; /* indexes into the table's rows, in file order */
	size_t nrows;
	size_t ngood; /* rows that ran ok and verified */
	struct lb_summary *m; /* one per measure over the good rows; n = 0: none */
};

struct lb_series {
	const char *lock, *lock_opts, *waitgroup; /* NULL for NA */
	char *label; /* "lock:opts", "waitgroup", or both joined by " + ", each
		      * without the options at their defaults (lb_spec_label) */
};

struct lb_panel {
	const char *workload, *workload_opts, *pin, *lat_metric; /* NULL for NA */
	char *label; /* "getset(read_ratio=0.9,...), pin compact" */
	int *series; /* indexes into lb_results.series, first seen first */
	int nseries;
	int *threads; /* ascending */
	int nthreads;
	long *cell;   /* [side][k][ti]: case index or -1; k indexes series[] */
};

struct lb_results {
	const struct lb_table *t;
	char **measure; /* names: "ops_per_sec" ... and the extra columns */
	int *measure_col; /* table column of an extra measure; -1 for the fixed */
	int nmeasures;
	struct lb_case *cases;
	size_t ncases;
	char **sides;
	int nsides;
	int *row_side; /* the side of each of t's rows */
	struct lb_series *series;
	int nseries;
	struct lb_panel *panels;
	int npanels;
};

/* Group t's rows; sides are platforms or files.  0, or -1 with err. */
int lb_results_build(const struct lb_table *t, enum lb_side_by by, struct lb_results *r,
		     char *err, size_t errlen);
void lb_results_free(struct lb_results *r);

/* The case of panel p at side, its k-th series and ti-th thread count,
 * or NULL. */
const struct lb_case *lb_results_cell(const struct lb_results *r, const struct lb_panel *p,
				      int side, int k, int ti);
/* The indexes in panel p of global series s (*k) and thread count t
 * (*ti): 0, or -1 when p has not both (and lb_results_cell gives NULL). */
int lb_panel_index(const struct lb_panel *p, int s, int t, int *k, int *ti);
/* The summary of measure m in case c, or NULL where no good row has it. */
const struct lb_summary *lb_case_get(const struct lb_case *c, int m);
/* The measure called name (a fixed one or an extra column), or -1. */
int lb_results_measure(const struct lb_results *r, const char *name);

/*
 * Case a held against case b on measure m, over their rows that ran ok
 * and verified.  Repetitions run in rounds, so repetition k of two cases
 * of one sweep ran side by side in time: a row of a and a row of b with
 * the same run_id and rep are a pair, and the ratio is the median of the
 * pairs' ratios a/b (rounds > 0), which cancels what drifted between
 * rounds (the frequency, a neighbour's load).  Where no row pairs, it is
 * the ratio of the medians (rounds == 0).  The Mann-Whitney U test of a's
 * values against b's says whether they differ beyond the noise.
 */
struct lb_versus {
	double ratio;         /* a / b */
	size_t rounds;        /* pairs behind ratio; 0: the ratio of medians */
	size_t a_above, b_above; /* pairs where a's value is the larger, b's */
	size_t na, nb;        /* values of a and of b */
	struct lb_mwu mwu;    /* a's values against b's; p = NAN without values */
	double min_p;         /* the least p that na against nb values can give */
};
/* 0, or -1 with errno (ENOMEM). */
int lb_case_versus(const struct lb_results *r, const struct lb_case *a, const struct lb_case *b,
		   int m, struct lb_versus *out);

/* "key=value,key=value" option text: the value of key into buf (0), or
 * -1 when key is not there. */
int lb_opts_get(const char *opts, const char *key, char *buf, size_t len);
/* The next item of option text at *p (NULL or "" has none): where it
 * starts, its length, and its key's length (all of it when it has no
 * '='); *p moves past it.  false at the end. */
bool lb_opts_next(const char **p, const char **item, size_t *n, size_t *klen);
/* The text without key=value (buf); the other keys keep their order. */
void lb_opts_drop(const char *opts, const char *key, char *buf, size_t len);

#endif
