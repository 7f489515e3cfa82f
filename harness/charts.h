/*
 * charts.h - gnuplot chart scripts from grouped results, and drawing them.
 *
 * Each chart is one script that draws on its own: the shared style
 * (plots/style.gp), the chart's data inlined as a gnuplot datablock
 * ($data << EOD ... EOD) with the arrays that name its lines, then the
 * template of its kind (plots/throughput.gp, ...).  `gnuplot NAME.gp`
 * writes NAME.png and NAME.svg in the current directory.  Only rows that
 * ran ok and verified feed the data.
 *
 * Kinds, per panel (workload setting) against threads: throughput, wait
 * (acquisition wait p99 and max), fairness (Jain's index and the slowest
 * thread's share), starvation (locks that count hand-overs and
 * starvation-mode entries), counters (papi_* columns), waitgroup (round
 * and wake-up latency of lat_metric=round rows); starvation also against
 * the critical-section length (cs_ns) where a sweep varied it; compare
 * draws a panel per lock with a line per platform.
 */
#ifndef LB_CHARTS_H
#define LB_CHARTS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

#include "harness/results.h"

struct lb_chart {
	char name[160];  /* file name without extension */
	char kind[32];   /* its template: plots/KIND.gp */
	int panel;       /* the panel it draws (the first, for cs_ns charts) */
	char *caption;   /* one line, plain text */
	char *script;    /* the whole .gp text */
};

struct lb_charts {
	struct lb_chart *c;
	size_t n;
};

enum lb_chart_mode { LB_CHARTS_PLOT, LB_CHARTS_COMPARE };

/* The folder that holds the templates: $LOCKBENCH_PLOTS when set; else
 * the source tree's plots/ when this program runs from its build tree;
 * else the installed copy (pkgdatadir/plots).  0, or -1 with err when
 * style.gp is not there. */
int lb_plots_dir(char *buf, size_t len, char *err, size_t errlen);
/* Whether this program runs from the build tree it was built in (then
 * its templates and its preload library are found there). */
bool lb_in_build_tree(void);

/* The charts of r, from the templates in plots_dir; origin (the input
 * files) goes into each script's header.  0, or -1 with err. */
int lb_charts_build(const struct lb_results *r, const char *plots_dir, enum lb_chart_mode mode,
		    const char *origin, struct lb_charts *out, char *err, size_t errlen);
void lb_charts_free(struct lb_charts *cs);

/*
 * Text from a file in a script: one line of plain text, its control
 * characters made visible, so that no line break can end a string, a
 * comment or the datablock early.  lb_gp_str writes a string constant
 * (single quotes, in which gnuplot expands nothing, a quote doubled);
 * lb_gp_comment the text of a comment line; lb_gp_num a number of the
 * datablock ("%.10g", NA for NaN).
 */
void lb_gp_str(FILE *f, const char *s);
void lb_gp_comment(FILE *f, const char *s);
void lb_gp_num(FILE *f, double v);

/* Add the chart NAME.gp of kind (its template plots/KIND.gp) to out: a
 * header naming origin (the input files) and what of them it draws, the
 * style, data (the chart's variables and its datablock, written with the
 * lb_gp_* functions), the template; held to lb_gp_check.  panel: where a
 * page shows it.  0, or -1 with err. */
int lb_chart_add(struct lb_charts *out, const char *plots_dir, const char *name,
		 const char *kind, int panel, const char *caption, const char *origin,
		 const char *what, const char *data, char *err, size_t errlen);

/* The check every chart script passes before it is kept: no control
 * character but line breaks and tabs, and exactly one datablock
 * ($data << EOD ... EOD) holding only numbers and comment lines.  Text
 * from a results file that slipped past the escaping would fail it.
 * 0, or -1 with err. */
int lb_gp_check(const char *script, char *err, size_t errlen);

/* The gnuplot program on PATH, as an absolute path, into buf: 0, or -1
 * when there is none. */
int lb_gnuplot_find(char *buf, size_t len);

/* Write every script into dir (NAME.gp) and run gnuplot on it there, which
 * draws NAME.png and NAME.svg.  0, or -1 with err naming the first chart
 * gnuplot failed on, with its last line of complaint, and how many charts
 * were drawn: a chart that fails leaves no picture, and the others are
 * drawn all the same. */
int lb_charts_draw(const struct lb_charts *cs, const char *dir, const char *gnuplot, char *err,
		   size_t errlen);

/* lockbench probe's CSV: whether the file at path starts with its
 * header (pu_a, pu_b, oneway_ns, ...); and its chart, a PU x PU heatmap
 * (plots/heatmap.gp), built from it and added to out, named probe-BASE
 * after the file's name, or probe-BASE-2, -3 ... where out has that name
 * already: 0, or -1 with err.  Each row has the header's fields, and
 * each pair of PUs one row, in either order. */
#define LB_PROBE_NCOLS 3
#define LB_PROBE_MAX_PUS 1024
extern const char *const lb_probe_cols[LB_PROBE_NCOLS];
bool lb_probe_csv(const char *path);
int lb_heatmap_build(const char *path, const char *plots_dir, struct lb_charts *out,
		     char *err, size_t errlen);

#endif
