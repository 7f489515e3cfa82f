/*
 * report.c - the HTML page of lockbench report and compare.  See report.h.
 *
 * The page is written top to bottom with fprintf; every text that comes
 * from a results file or its sidecar goes through lb_html_esc(), and numbers are
 * formatted here.  Findings are computed from the case summaries of
 * results.c (medians over the repetitions that ran ok and verified), so
 * the page says nothing the tables do not show.
 */
#include "harness/report.h"

#include <errno.h>
#include <limits.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "config.h"
#include "harness/files.h"
#include "harness/html.h"
#include "harness/options.h"
#include "harness/setting.h"

/* ---- text ------------------------------------------------------------- */

static void escf(FILE *f, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

static void escf(FILE *f, const char *fmt, ...)
{
	char buf[2048];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(buf, sizeof buf, fmt, ap);
	va_end(ap);
	lb_html_esc(f, buf);
}

/* "run" for one, "runs" for any other count. */
static const char *runs_word(size_t n)
{
	return n == 1 ? "run" : "runs";
}

/* ---- the data --------------------------------------------------------- */

struct page {
	FILE *f;
	const struct lb_report *rep;
	const struct lb_results *r;
	const struct lb_table *t;
	double *hz;       /* per file: kernel_hz from its sidecar, NAN where none says */
	double *clock_ns; /* per file: its sidecar's clock_resolution_ns, or NAN */
	size_t runs;      /* the runs most cases have, which findings leave unsaid */
	struct lb_versus few; /* the first pair of too few runs to tell; na = 0: none */
};

static double med(const struct lb_case *c, int m)
{
	const struct lb_summary *s = lb_case_get(c, m);
	return s ? s->median : NAN;
}

static const char *side_name(const struct page *pg, int side)
{
	return pg->r->sides[side];
}

/* Whether some case of panel pi has measure m. */
static bool panel_has(const struct lb_results *r, int pi, int m)
{
	for (size_t i = 0; i < r->ncases; i++)
		if (r->cases[i].panel == pi && lb_case_get(&r->cases[i], m))
			return true;
	return false;
}

/* Whether the i-th row is from side (-1: any) and file (-1: any). */
static bool row_from(const struct lb_results *r, size_t i, int side, int file)
{
	return (file < 0 || r->t->rows[i].file == file) && (side < 0 || r->row_side[i] == side);
}

/* Column col over the good rows of side (-1: all) into s: its median,
 * range and the rest; false where no such row has a value. */
static bool side_summary(const struct page *pg, int side, int col, struct lb_summary *s)
{
	const struct lb_table *t = pg->t;
	double *x = malloc((t->nrows ? t->nrows : 1) * sizeof *x);
	size_t n = 0;
	bool got;

	for (size_t i = 0; x && i < t->nrows; i++) {
		double v = lb_row_num(t, &t->rows[i], col);
		if (lb_row_good(t, &t->rows[i]) && row_from(pg->r, i, side, -1) && !isnan(v))
			x[n++] = v;
	}
	got = n && lb_summarize(x, n, s) == 0;
	free(x);
	return got;
}

/* The median of column col over the good rows of side (NAN: none). */
static double side_median(const struct page *pg, int side, int col)
{
	struct lb_summary s;

	return side_summary(pg, side, col, &s) ? s.median : NAN;
}

/* The distinct values of column col over the rows from side (-1: all)
 * and file (-1: all), joined by "; " into buf. */
static void distinct(const struct lb_results *r, int side, int file, int col, char *buf,
		     size_t len)
{
	const struct lb_table *t = r->t;
	size_t used = 0;

	buf[0] = '\0';
	for (size_t i = 0; i < t->nrows; i++) {
		const struct lb_row *row = &t->rows[i];
		const char *v = lb_row_text(t, row, col);
		if (!v || !row_from(r, i, side, file))
			continue;
		bool seen = false;
		for (size_t j = 0; j < i && !seen; j++) {
			const char *w = lb_row_text(t, &t->rows[j], col);
			seen = w && strcmp(w, v) == 0 && row_from(r, j, side, file);
		}
		if (!seen && used < len)
			used += (size_t)snprintf(buf + used, len - used, "%s%s", used ? "; " : "", v);
	}
}

/* The lock spec, workload and threads of a row, for the failure list. */
static void row_cells(FILE *f, const struct lb_table *t, const struct lb_row *row)
{
	const char *opts = lb_row_str(t, row, LB_COL_lock_opts);
	const char *wg = lb_row_str(t, row, LB_COL_waitgroup);

	fputs("<td>", f);
	lb_html_esc(f, lb_row_text(t, row, LB_COL_platform));
	fputs("</td><td>", f);
	if (wg) {
		lb_html_esc(f, wg);
		fputs(" + ", f);
	}
	lb_html_esc(f, lb_row_text(t, row, LB_COL_lock));
	if (opts) {
		putc(':', f);
		lb_html_esc(f, opts);
	}
	fputs("</td><td>", f);
	lb_html_esc(f, lb_row_text(t, row, LB_COL_workload));
	fputs("(", f);
	lb_html_esc(f, lb_row_str(t, row, LB_COL_workload_opts) ? lb_row_str(t, row, LB_COL_workload_opts)
							  : "");
	fputs(")</td><td class=\"n\">", f);
	lb_html_esc(f, lb_row_text(t, row, LB_COL_threads));
	fputs("</td>", f);
}


struct meta_cell {
	FILE *f;
	const char *want;
	int found;
};

static void meta_one(void *arg, const char *key, const char *value)
{
	struct meta_cell *m = arg;

	if (strcmp(key, m->want) != 0)
		return;
	if (m->found++)
		fputs(strcmp(m->want, "warning") == 0 ? "<br>" : "; ", m->f);
	lb_html_esc(m->f, value);
}

/* The sidecar's values of key for file i: a dash where there is no
 * sidecar, "none" where it has no such key. */
static void meta_td(const struct page *pg, int i, const char *key)
{
	struct meta_cell m = { pg->f, key, 0 };

	fputs("<td>", pg->f);
	char err[LB_ERR_LEN];
	if (lb_meta_read(pg->rep->paths[i], meta_one, &m, err, sizeof err) < 0)
		fputs("&mdash;", pg->f);
	else if (!m.found)
		fputs("none", pg->f);
	fputs("</td>", pg->f);
}

/* ---- the clock's resolution ------------------------------------------- */

/* One number from a sidecar: the key wanted, and its first line's value
 * (NAN where the key is missing or that value is no positive number up to
 * max). */
struct meta_num {
	const char *key;
	double max, v;
	bool seen;
};

static void meta_num_one(void *arg, const char *key, const char *value)
{
	struct meta_num *m = arg;
	char *end;

	if (m->seen || strcmp(key, m->key) != 0)
		return;
	m->seen = true;
	errno = 0;
	double v = strtod(value, &end);
	m->v = errno == 0 && end != value && !*end && isfinite(v) && v > 0 && v <= m->max ? v : NAN;
}

/* Each file's number under key in its sidecar, NAN where it does not say;
 * NULL when out of memory. */
static double *meta_numbers(const struct lb_report *rep, const char *key, double max)
{
	double *res = malloc(((size_t)rep->npaths + 1) * sizeof *res);
	char err[LB_ERR_LEN];

	for (int i = 0; res && i < rep->npaths; i++) {
		struct meta_num m = { key, max, NAN, false };
		lb_meta_read(rep->paths[i], meta_num_one, &m, err, sizeof err);
		res[i] = m.v;
	}
	return res;
}

/* The coarsest clock among the files of c's rows: NAN when one of them
 * does not say. */
static double case_clock(const struct page *pg, const struct lb_case *c)
{
	double res = NAN;

	for (size_t k = 0; k < c->nrows; k++) {
		double v = pg->clock_ns[pg->t->rows[c->rows[k]].file];
		if (isnan(v))
			return NAN;
		res = k ? fmax(res, v) : v;
	}
	return res;
}

/* The coarsest clock of a side's files: NAN when one of them does not say. */
static double side_clock(const struct page *pg, int side)
{
	double res = NAN;
	bool first = true;

	for (size_t i = 0; i < pg->r->ncases; i++) {
		const struct lb_case *c = &pg->r->cases[i];
		if (c->side != side)
			continue;
		double v = case_clock(pg, c);
		if (isnan(v))
			return NAN;
		res = first ? v : fmax(res, v);
		first = false;
	}
	return res;
}

/* Whether latency v lies within LB_CLOCK_STEPS steps of resolution res. */
static bool near_clock(double v, double res)
{
	return !isnan(v) && !isnan(res) && v <= LB_CLOCK_STEPS * res;
}

/* A latency cell, marked with a dagger near the clock's resolution res;
 * whether it was. */
static bool lat_td(FILE *f, double v, double res)
{
	bool near = near_clock(v, res);

	fprintf(f, "<td class=\"n%s\">%s%s</td>", near ? " clock" : "", lb_num_ns(v).s,
		near ? "&dagger;" : "");
	return near;
}

static void clock_legend(FILE *f)
{
	fprintf(f, "<p id=\"clock-legend\">&dagger; within %d steps of the clock's resolution "
		   "(<code>clock_resolution_ns</code> in the sidecar): the value sits on the "
		   "clock's grid, not at the histogram's 1/32, and a difference of a step or two "
		   "is not a difference in the lock.</p>\n", LB_CLOCK_STEPS);
}

/* ---- sections --------------------------------------------------------- */

/* Panel pi's setting in words, escaped: how headings and links name it
 * (the full option text stays in the run's table and the CSV). */
static void panel_words(FILE *f, const struct lb_results *r, int pi)
{
	char words[512];

	lb_setting_words(r, pi, words, sizeof words);
	lb_html_esc(f, words);
}

static void head(struct page *pg)
{
	FILE *f = pg->f;
	const char *what = pg->rep->compare ? "lockbench compare" : "lockbench report";

	fprintf(f, "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
		   "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
		   "<title>%s: ", what);
	for (int i = 0; i < pg->rep->npaths; i++) {
		fputs(i ? ", " : "", f);
		lb_html_esc(f, pg->rep->paths[i]);
	}
	fprintf(f, "</title>\n<style>%s</style>\n</head>\n<body>\n<h1>%s</h1>\n<p class=\"sub\">", lb_html_css,
		what);
	fprintf(f, "From ");
	for (int i = 0; i < pg->rep->npaths; i++) {
		fputs(i ? ", " : "", f);
		fputs("<code>", f);
		lb_html_esc(f, pg->rep->paths[i]);
		fputs("</code>", f);
	}
	fprintf(f, " (%zu rows) by lockbench %s. Medians are over the repetitions of a case "
		   "that ran ok and verified; CV is the standard deviation of ops/s across them "
		   "over their mean.</p>\n", pg->t->nrows, PACKAGE_VERSION);
	fputs("<nav><ul>\n<li><a href=\"#platform\">Platform and run</a></li>\n"
	      "<li><a href=\"#findings\">Findings</a></li>\n"
	      "<li><a href=\"#failures\">Failed runs</a></li>\n", f);
	if (pg->rep->compare)
		fputs("<li><a href=\"#only\">Cases not on every platform</a></li>\n", f);
	fputs("<li><a href=\"#why\">Where the time goes</a></li>\n", f);
	for (int p = 0; p < pg->r->npanels; p++) {
		fprintf(f, "<li><a href=\"#panel-%d\">%d. ", p + 1, p + 1);
		panel_words(f, pg->r, p);
		fputs("</a></li>\n", f);
	}
	fputs("</ul></nav>\n", f);
}

static void platform_section(struct page *pg)
{
	FILE *f = pg->f;
	const struct lb_table *t = pg->t;
	char v[2048], cores[256], pus[256];
	static const int cols[] = { LB_COL_host, LB_COL_cpu_model, LB_COL_kernel,
				    LB_COL_compiler, LB_COL_lockbench_version };
	static const char *const names[] = { "host", "CPU model", "kernel", "compiler",
					     "lockbench version" };

	fputs("<section id=\"platform\">\n<h2>Platform and run</h2>\n"
	      "<table id=\"platforms\">\n<tr><th>platform</th>", f);
	for (int s = 0; s < pg->r->nsides; s++) {
		fputs("<th>", f);
		lb_html_esc(f, side_name(pg, s));
		fputs("</th>", f);
	}
	fputs("</tr>\n", f);
	for (size_t k = 0; k < sizeof cols / sizeof cols[0] + 2; k++) {
		fprintf(f, "<tr><th>%s</th>", k < 5 ? names[k] : k == 5 ? "packages / cores / PUs"
									  : "SMT");
		for (int s = 0; s < pg->r->nsides; s++) {
			int side = pg->rep->by_file ? -1 : s;
			fputs("<td>", f);
			if (k < 5) {
				distinct(pg->r, side, -1, cols[k], v, sizeof v);
				lb_html_esc(f, v);
			} else {
				distinct(pg->r, side, -1, LB_COL_cores, cores, sizeof cores);
				distinct(pg->r, side, -1, LB_COL_pus, pus, sizeof pus);
				char pk[256];
				distinct(pg->r, side, -1, LB_COL_packages, pk, sizeof pk);
				double c = strtod(cores, NULL), u = strtod(pus, NULL);
				if (k == 5)
					escf(f, "%s / %s / %s", pk, cores, pus);
				else if (u > c && c > 0)
					escf(f, "on: %g PUs on %g cores", u, c);
				else
					escf(f, "off or absent: one PU per core");
			}
			fputs("</td>", f);
		}
		fputs("</tr>\n", f);
	}
	fputs("</table>\n", f);

	/* The files and what their sidecars say. */
	fputs("<table id=\"runs\">\n<tr><th>file</th><th>run</th><th>rows ok / all</th>"
	      "<th>command</th><th>started</th><th>CPU frequency governor</th><th>SMT control</th>"
	      "<th>clock resolution, ns</th><th>kernel tick, Hz</th><th>warnings</th></tr>\n", f);
	for (int i = 0; i < pg->rep->npaths; i++) {
		size_t all = 0, good = 0;
		char runs[1024];
		for (size_t k = 0; k < t->nrows; k++) {
			const struct lb_row *row = &t->rows[k];
			if (row->file != i)
				continue;
			all++;
			good += lb_row_good(t, row);
		}
		distinct(pg->r, -1, i, LB_COL_run_id, runs, sizeof runs);
		fputs("<tr><td><code>", f);
		lb_html_esc(f, pg->rep->paths[i]);
		fputs("</code></td><td>", f);
		lb_html_esc(f, runs);
		fprintf(f, "</td><td class=\"n\">%zu / %zu</td>", good, all);
		meta_td(pg, i, "command");
		meta_td(pg, i, "started");
		meta_td(pg, i, "governor");
		meta_td(pg, i, "smt");
		meta_td(pg, i, "clock_resolution_ns");
		meta_td(pg, i, "kernel_hz");
		meta_td(pg, i, "warning");
		fputs("</tr>\n", f);
	}
	fputs("</table>\n<p>The columns from <code>command</code> on come from each file's "
	      "sidecar <code>FILE.csv.meta</code>, which <code>lockbench run</code> writes next "
	      "to its CSV; a dash where there is none.</p>\n", f);

	/* The sweep, as the rows show it. */
	fputs("<table id=\"sweep\">\n", f);
	fputs("<tr><th>locks</th><td>", f);
	for (int s = 0; s < pg->r->nseries; s++) {
		fputs(s ? ", " : "", f);
		fputs("<code>", f);
		lb_html_esc(f, pg->r->series[s].label);
		fputs("</code>", f);
	}
	fputs("</td></tr>\n<tr><th>workloads</th><td>", f);
	for (int p = 0; p < pg->r->npanels; p++) {
		fputs(p ? "<br>" : "", f);
		lb_html_esc(f, pg->r->panels[p].label);
	}
	fputs("</td></tr>\n<tr><th>threads</th><td>", f);
	int maxt = 0;
	size_t maxrep = 0;
	for (size_t i = 0; i < t->nrows; i++) {
		int th = (int)lb_row_num(t, &t->rows[i], LB_COL_threads);
		maxt = th > maxt ? th : maxt;
	}
	for (size_t i = 0; i < pg->r->ncases; i++)
		maxrep = pg->r->cases[i].nrows > maxrep ? pg->r->cases[i].nrows : maxrep;
	for (int th = 1, first = 1; th <= maxt; th++) {
		bool has = false;
		for (size_t i = 0; i < pg->r->ncases && !has; i++)
			has = pg->r->cases[i].threads == th;
		if (has) {
			fprintf(f, "%s%d", first ? "" : ", ", th);
			first = 0;
		}
	}
	fprintf(f, "</td></tr>\n<tr><th>repetitions</th><td>up to %zu per case", maxrep);
	distinct(pg->r, -1, -1, LB_COL_run_id, v, sizeof v);
	if (pg->rep->pooled)
		fputs(", <span class=\"warn\">pooled</span>: the rows of every run of a platform "
		      "are taken for repetitions of one case (<code>--pool</code>)", f);
	else if (strchr(v, ';') && !pg->rep->compare)
		fputs("; each run (<code>run_id</code>) kept apart: a platform that ran several "
		      "is shown once per run", f);
	fputs("</td></tr>\n", f);
	/* The window as the runs that count measured it: the median, as
	 * everywhere on the page, and the range where they differ. */
	struct lb_summary w;
	fputs("<tr><th>measured window</th><td>", f);
	if (!side_summary(pg, -1, LB_COL_duration_s, &w))
		fputs("NA", f);
	else if (strcmp(lb_num_ns(w.min * 1e9).s, lb_num_ns(w.max * 1e9).s) == 0)
		fputs(lb_num_ns(w.median * 1e9).s, f);
	else
		fprintf(f, "%s (median over the runs that ran ok and verified; %s to %s)",
			lb_num_ns(w.median * 1e9).s, lb_num_ns(w.min * 1e9).s, lb_num_ns(w.max * 1e9).s);
	fputs("</td></tr>\n", f);
	fputs("</table>\n", f);

	/* Warnings the rows themselves give. */
	size_t over = 0;
	for (size_t i = 0; i < t->nrows; i++) {
		const struct lb_row *row = &t->rows[i];
		double th = lb_row_num(t, row, LB_COL_threads), p = lb_row_num(t, row, LB_COL_pus);
		over += p > 0 && th > p;
	}
	fputs("<ul id=\"warnings\">\n", f);
	if (over)
		fprintf(f, "<li class=\"warn\">%zu rows ran more threads than the machine has PUs: "
			   "oversubscribed, so threads were preempted while holding or waiting for "
			   "locks.</li>\n", over);
	distinct(pg->r, -1, -1, LB_COL_lockbench_version, v, sizeof v);
	if (strchr(v, ';')) {
		fputs("<li class=\"warn\">The rows come from several lockbench versions: ", f);
		lb_html_esc(f, v);
		fputs(".</li>\n", f);
	}
	fputs("</ul>\n</section>\n", f);
}

/* ---- findings --------------------------------------------------------- */

/* The lock spec of case c, escaped, with its side when there are several. */
static void case_name(const struct page *pg, const struct lb_case *c)
{
	if (pg->r->nsides > 1) {
		lb_html_esc(pg->f, side_name(pg, c->side));
		fputs(": ", pg->f);
	}
	fputs("<code>", pg->f);
	lb_html_esc(pg->f, pg->r->series[c->series].label);
	fputs("</code>", pg->f);
}

/* Whether series s is the none lock: no lock at all, the harness's floor. */
static bool is_floor(const struct lb_results *r, int s)
{
	return r->series[s].lock && strcmp(r->series[s].lock, "none") == 0;
}

/* The count of good runs (ops/s values) that most cases have. */
static size_t usual_runs(const struct lb_results *r)
{
	size_t best = 0, most = 0;

	for (size_t i = 0; i < r->ncases; i++) {
		const struct lb_summary *a = lb_case_get(&r->cases[i], LB_M_OPS);
		size_t k = 0;
		for (size_t j = 0; a && j < r->ncases; j++) {
			const struct lb_summary *b = lb_case_get(&r->cases[j], LB_M_OPS);
			k += b && b->n == a->n;
		}
		if (k > most)
			most = k, best = a->n;
	}
	return best;
}

/* The method behind every "p =" and ratio of the findings, said once. */
static void how_to_read(const struct page *pg)
{
	fprintf(pg->f, "<p>Two cases are held against each other on their ops/s: <em>p</em> is "
		       "the two-sided Mann&ndash;Whitney U test of their runs, %zu runs each "
		       "unless a line says otherwise, and a difference counts only where p &lt; "
		       "%.2g. The ratio is the median over the rounds of the two cases' ops/s "
		       "paired by repetition (a round runs every case once, so what drifted "
		       "between rounds cancels); <em>unpaired</em> marks the ratio of the medians "
		       "where the runs do not pair. Where the rounds disagree, a line says in how "
		       "many the ratio was above 1 and in how many below.</p>\n",
		pg->runs, LB_SIGNIFICANT_P);
}

/* After a ratio: ", p = 0.0079", then what how_to_read leaves unsaid:
 * the runs where they are not the usual count, unpaired, and the rounds
 * where they disagree. */
static void versus_stats(const struct page *pg, const struct lb_versus *v)
{
	FILE *f = pg->f;

	fprintf(f, ", p = %s", lb_num_g3(v->mwu.p).s);
	if (v->na == v->nb && v->na != pg->runs)
		fprintf(f, ", %zu runs each", v->na);
	else if (v->na != v->nb)
		fprintf(f, ", %zu against %zu runs", v->na, v->nb);
	if (!v->rounds)
		fputs("; unpaired", f);
	else if (v->a_above != v->rounds && v->b_above != v->rounds)
		fprintf(f, "; %zu of %zu rounds above 1, %zu below", v->a_above, v->rounds,
			v->b_above);
}

/* One thread count of the fastest-lock finding: the best two locks
 * (never the none lock), named leader only beyond the noise. */
static void fastest_at(struct page *pg, const struct lb_case *best, const struct lb_case *next)
{
	const struct lb_results *r = pg->r;
	FILE *f = pg->f;
	struct lb_versus v;

	if (lb_case_versus(r, best, next, LB_M_OPS, &v) < 0)
		return;
	fprintf(f, "<li>%d thread%s: ", best->threads, best->threads == 1 ? "" : "s");
	if (v.mwu.p < LB_SIGNIFICANT_P) {
		fputs("<code>", f);
		lb_html_esc(f, r->series[best->series].label);
		fprintf(f, "</code> leads at %s ops/s, %s <code>", lb_num_si(med(best, LB_M_OPS)).s,
			lb_num_times(v.ratio).s);
		lb_html_esc(f, r->series[next->series].label);
		fprintf(f, "</code> (%s", lb_num_si(med(next, LB_M_OPS)).s);
		versus_stats(pg, &v);
		fputs(").</li>\n", f);
		return;
	}
	fputs("no clear leader: <code>", f);
	lb_html_esc(f, r->series[best->series].label);
	fprintf(f, "</code> %s, <code>", lb_num_si(med(best, LB_M_OPS)).s);
	lb_html_esc(f, r->series[next->series].label);
	fprintf(f, "</code> %s ops/s (%s", lb_num_si(med(next, LB_M_OPS)).s, lb_num_times(v.ratio).s);
	versus_stats(pg, &v);
	if (v.min_p >= LB_SIGNIFICANT_P) {
		fputs("; too few runs to tell", f);
		if (!pg->few.na)
			pg->few = v;
	}
	fputs(").</li>\n", f);
}

/* The none lock at one thread count: its ops/s, and the locks whose
 * median beats it, flagged where they do so beyond the noise. */
static void floor_at(struct page *pg, const struct lb_panel *p, int side, int ti,
		     const struct lb_case *floor)
{
	const struct lb_results *r = pg->r;
	FILE *f = pg->f;

	fprintf(f, "<li>%d thread%s: <code>none</code>, the floor, %s ops/s", p->threads[ti],
		p->threads[ti] == 1 ? "" : "s", lb_num_si(med(floor, LB_M_OPS)).s);
	for (int k = 0; k < p->nseries; k++) {
		const struct lb_case *c = lb_results_cell(r, p, side, k, ti);
		struct lb_versus v;
		if (!c || c == floor || !(med(c, LB_M_OPS) > med(floor, LB_M_OPS)) ||
		    lb_case_versus(r, c, floor, LB_M_OPS, &v) < 0)
			continue;
		bool beyond = v.mwu.p < LB_SIGNIFICANT_P;
		fprintf(f, "; <span%s><code>", beyond ? " class=\"warn\"" : "");
		lb_html_esc(f, r->series[c->series].label);
		fprintf(f, "</code> beats it at %s (%s", lb_num_si(med(c, LB_M_OPS)).s, lb_num_times(v.ratio).s);
		versus_stats(pg, &v);
		if (beyond)
			fputs("), beyond the noise: suspicious, since no lock costs less than none; the "
			      "runs differ in something else (placement, CPU frequency)</span>", f);
		else
			fputs("), within the noise</span>", f);
	}
	fputs(".</li>\n", f);
}

/* A link to panel pi's section, named by its setting in words, and the
 * side where there are several. */
static void panel_link(const struct page *pg, int pi, int side)
{
	fprintf(pg->f, "<a href=\"#panel-%d\">", pi + 1);
	panel_words(pg->f, pg->r, pi);
	fputs("</a>", pg->f);
	if (pg->r->nsides > 1) {
		fputs(" on ", pg->f);
		lb_html_esc(pg->f, side_name(pg, side));
	}
}

/* "<code>gomutex</code> at 4 threads, <a>hits, 1us critical section</a>":
 * case c, where the lists of single cases name it. */
static void case_at(const struct page *pg, const struct lb_case *c)
{
	case_name(pg, c);
	fprintf(pg->f, " at %d thread%s, <a href=\"#panel-%d\">", c->threads,
		c->threads == 1 ? "" : "s", c->panel + 1);
	panel_words(pg->f, pg->r, c->panel);
	fputs("</a>", pg->f);
}

/* The cases of panel p's side at thread count ti with the highest median
 * ops/s and the next, and the none lock's (the harness's floor, never a
 * contender); NULL where there is none. */
static void top_two(const struct lb_results *r, const struct lb_panel *p, int side, int ti,
		    const struct lb_case **best, const struct lb_case **next,
		    const struct lb_case **floor)
{
	*best = *next = *floor = NULL;
	for (int k = 0; k < p->nseries; k++) {
		const struct lb_case *c = lb_results_cell(r, p, side, k, ti);
		double v = med(c, LB_M_OPS);
		if (isnan(v))
			continue;
		if (is_floor(r, c->series)) {
			*floor = c;
		} else if (!*best || v > med(*best, LB_M_OPS)) {
			*next = *best;
			*best = c;
		} else if (!*next || v > med(*next, LB_M_OPS)) {
			*next = c;
		}
	}
}

/* Per panel and side, the fastest lock at each thread count and by how
 * much it leads the next, where that is beyond the noise; the none lock
 * is the harness's floor, never a contender. */
static void fastest(struct page *pg)
{
	const struct lb_results *r = pg->r;
	FILE *f = pg->f;

	fputs("<li>The fastest lock at each thread count by median ops/s, against the runner-up; "
	      "<code>none</code>, which takes no lock, is the harness's floor, shown apart:\n<ul>\n",
	      f);
	for (int pi = 0; pi < r->npanels; pi++) {
		const struct lb_panel *p = &r->panels[pi];
		for (int side = 0; side < r->nsides; side++) {
			bool any = false;
			for (int ti = 0; ti < p->nthreads; ti++) {
				const struct lb_case *best, *next, *floor;
				top_two(r, p, side, ti, &best, &next, &floor);
				if ((!best || !next) && !floor)
					continue;
				if (!any) {
					fputs("<li>", f);
					panel_link(pg, pi, side);
					fputs(":<ul>\n", f);
					any = true;
				}
				if (best && next)
					fastest_at(pg, best, next);
				if (floor)
					floor_at(pg, p, side, ti, floor);
			}
			if (any)
				fputs("</ul></li>\n", f);
		}
	}
	if (pg->few.na)
		fprintf(f, "<li>Too few runs to tell: with %zu against %zu runs no difference can "
			   "reach p &lt; %.2g (the least p is %s); run 5 repetitions or more "
			   "(<code>--reps 5</code>).</li>\n",
			pg->few.na, pg->few.nb, LB_SIGNIFICANT_P, lb_num_g3(pg->few.min_p).s);
	fputs("</ul></li>\n", f);
}

/* The case of the same lock in mode=normal next to c (same side, panel
 * and threads): the one whose other options match, else any. */
static const struct lb_case *normal_mode(const struct lb_results *r, const struct lb_case *c)
{
	const struct lb_series *s = &r->series[c->series];
	const struct lb_case *any = NULL;
	char mine[512], theirs[512], mode[64];

	lb_opts_drop(s->lock_opts, "mode", mine, sizeof mine);
	for (size_t i = 0; i < r->ncases; i++) {
		const struct lb_case *o = &r->cases[i];
		const struct lb_series *os = &r->series[o->series];
		if (o->side != c->side || o->panel != c->panel || o->threads != c->threads ||
		    !os->lock || !s->lock || strcmp(os->lock, s->lock) != 0 || !o->ngood ||
		    lb_opts_get(os->lock_opts, "mode", mode, sizeof mode) < 0 ||
		    strcmp(mode, "normal") != 0)
			continue;
		lb_opts_drop(os->lock_opts, "mode", theirs, sizeof theirs);
		if (strcmp(mine, theirs) == 0)
			return o;
		any = any ? any : o;
	}
	return any;
}

/* Case c's good runs in starvation mode: those that entered it in the
 * window (starve_enter above 0), with the median of their entries per
 * operation over those of them that completed an operation, and those
 * that stayed in it throughout (no entry, and at least LB_STARVING_ALL
 * of their operations handed over). */
struct starving {
	size_t entered, whole;
	double enter_median; /* per operation, over the runs that entered */
};

static struct starving starving_runs(const struct page *pg, const struct lb_case *c)
{
	struct starving s = { .enter_median = NAN };
	double *per = malloc((c->nrows + 1) * sizeof *per);
	size_t nper = 0;
	struct lb_summary sum;

	for (size_t k = 0; k < c->nrows; k++) {
		const struct lb_row *row = &pg->t->rows[c->rows[k]];
		double enter = lb_row_num(pg->t, row, LB_COL_starve_enter);
		double ops = lb_row_num(pg->t, row, LB_COL_ops);
		double ho = lb_row_num(pg->t, row, LB_COL_handoffs);
		if (!lb_row_good(pg->t, row))
			continue;
		if (enter > 0) {
			if (per && ops > 0)
				per[nper++] = enter / ops;
			s.entered++;
		} else if (ops > 0 && ho >= LB_STARVING_ALL * ops) {
			s.whole++;
		}
	}
	if (per && nper && lb_summarize(per, nper, &sum) == 0)
		s.enter_median = sum.median;
	free(per);
	return s;
}

/*
 * Per case of a lock that counts starve_enter: the share of operations
 * spent in starvation mode, and what it cost against mode=normal.  In
 * starvation mode every unlock hands the lock to the waiter at the head
 * of the queue, so handoffs per op is the share of the window's
 * operations done in that mode; starve_enter only counts the entries,
 * and is 0 where the lock was starving when the window opened and stayed
 * so to its end.
 */
static void starvation(struct page *pg)
{
	const struct lb_results *r = pg->r;
	FILE *f = pg->f;
	int counted = 0, engaged = 0;

	for (size_t i = 0; i < r->ncases; i++)
		counted += lb_case_get(&r->cases[i], LB_M_STARVE) != NULL;
	if (!counted)
		return;
	fputs("<li>Starvation mode, in the locks that count <code>starve_enter</code>: the share of "
	      "operations handed over directly (<code>handoffs</code> per op, median), which is "
	      "the share done in starvation mode; the entries into it; and the cost against "
	      "mode=normal:\n<ul>\n", f);
	for (size_t i = 0; i < r->ncases; i++) {
		const struct lb_case *c = &r->cases[i];
		const struct lb_summary *st = lb_case_get(c, LB_M_STARVE);
		const struct lb_summary *ho = lb_case_get(c, LB_M_HANDOFFS);
		if (!st || (st->max <= 0 && (!ho || ho->max <= 0)))
			continue;
		struct starving sr = starving_runs(pg, c);
		engaged++;
		fputs("<li>", f);
		case_at(pg, c);
		fprintf(f, ": %s handed over", lb_num_pct(ho ? ho->median : NAN).s);
		if (sr.entered)
			fprintf(f, "; entered starvation mode in %zu of %zu %s, %s times per million "
				   "operations (median of those)", sr.entered, c->ngood, runs_word(c->ngood),
				lb_num_g3(sr.enter_median * 1e6).s);
		if (sr.whole)
			fprintf(f, "; <span class=\"warn\">stayed in starvation mode for the whole "
				   "window</span> in %zu of %zu runs (it entered before the window "
				   "opened: <code>starve_enter</code> 0)", sr.whole, c->ngood);
		if (!sr.entered && !sr.whole)
			fputs("; <code>starve_enter</code> 0 in every run: in starvation mode when the "
			      "window opened, it left it", f);
		const struct lb_case *n = normal_mode(r, c);
		struct lb_versus v;
		if (n == c) {
			fputs(".</li>\n", f);
			continue;
		}
		if (!n || lb_case_versus(r, c, n, LB_M_OPS, &v) < 0) {
			fputs(". No mode=normal run of this lock here to hold it against.</li>\n", f);
			continue;
		}
		fputs(". Against <code>", f);
		lb_html_esc(f, r->series[n->series].label);
		fprintf(f, "</code>: %s vs %s ops/s (%s%s", lb_num_si(med(c, LB_M_OPS)).s,
			lb_num_si(med(n, LB_M_OPS)).s, lb_num_times(v.ratio).s,
			v.mwu.p < LB_SIGNIFICANT_P ? "" : ", not significant");
		versus_stats(pg, &v);
		fprintf(f, "); p99 wait %s vs %s; hand-overs per op %s vs %s.</li>\n",
			lb_num_ns(med(c, LB_M_P99)).s, lb_num_ns(med(n, LB_M_P99)).s, lb_num_g3(med(c, LB_M_HANDOFFS)).s,
			lb_num_g3(med(n, LB_M_HANDOFFS)).s);
	}
	if (!engaged)
		fputs("<li>No run was in starvation mode: <code>starve_enter</code> and "
		      "<code>handoffs</code> are 0 in every row that ran ok and verified.</li>\n", f);
	fputs("</ul></li>\n", f);
}

/* The median over case c's good rows of num / den of the row, in seconds
 * where scale turns the columns' ratio into them; a row whose den is 0
 * gives at_zero, or is passed over where at_zero is NAN (as is a row
 * without the columns); NAN where no row counts. */
static double median_at(const struct page *pg, const struct lb_case *c, int num, int den,
			double scale, double at_zero)
{
	double *x = malloc((c->nrows ? c->nrows : 1) * sizeof *x), med = NAN;
	size_t n = 0;
	struct lb_summary s;

	for (size_t k = 0; x && k < c->nrows; k++) {
		const struct lb_row *row = &pg->t->rows[c->rows[k]];
		double a = num < 0 ? 1 : lb_row_num(pg->t, row, num);
		double b = den < 0 ? 1 : lb_row_num(pg->t, row, den);
		if (!lb_row_good(pg->t, row) || isnan(a))
			continue;
		if (b > 0)
			x[n++] = a / b * scale;
		else if (b == 0 && !isnan(at_zero))
			x[n++] = at_zero;
	}
	if (n && lb_summarize(x, n, &s) == 0)
		med = s.median;
	free(x);
	return med;
}

/* The same, with the rows whose den is 0 passed over. */
static double median_of(const struct page *pg, const struct lb_case *c, int num, int den,
			double scale)
{
	return median_at(pg, c, num, den, scale, NAN);
}

/*
 * Numbers that sit at the scheduler tick.  Where more threads than PUs
 * are pinned, a thread woken or made runnable behind a running one on
 * its PU often runs only when the tick preempts that one: a rate of one
 * per tick is the kernel's (CONFIG_HZ), not the lock's.  The periods
 * checked, medians over the runs: the slowest thread's time per
 * operation, the time between entries into starvation mode, and the p99
 * wait.  Said only for files whose sidecar gives kernel_hz.
 */
static void at_tick(struct page *pg)
{
	const struct lb_results *r = pg->r;
	FILE *f = pg->f;
	static const char *const what[] = { "the slowest thread did one operation per",
					    "one entry into starvation mode per", "p99 wait" };
	int n = 0;

	for (size_t i = 0; i < r->ncases; i++) {
		const struct lb_case *c = &r->cases[i];
		if (!c->ngood || c->nrows == 0)
			continue;
		int file = -1;
		for (size_t k = 0; k < c->nrows && file < 0; k++)
			if (lb_row_good(pg->t, &pg->t->rows[c->rows[k]]))
				file = pg->t->rows[c->rows[k]].file;
		double hz = pg->hz[file];
		if (!(hz > 0))
			continue;
		/* A run whose slowest thread did no operation, or that entered
		 * starvation mode not at all, has no such period: it counts as
		 * an endless one, not left out. */
		double period[3] = {
			median_at(pg, c, LB_COL_duration_s, LB_COL_thread_ops_min, 1, INFINITY),
			median_at(pg, c, LB_COL_duration_s, LB_COL_starve_enter, 1, INFINITY),
			median_of(pg, c, LB_COL_lat_p99_ns, -1, 1e-9),
		};
		bool any = false;
		for (int k = 0; k < 3; k++) {
			if (!(fabs(period[k] * hz - 1) <= LB_TICK_NEAR))
				continue;
			if (!n++)
				fprintf(f, "<li>Numbers at the scheduler tick (one tick is 1/"
					   "<code>kernel_hz</code> from the sidecar, within %.0f%%): they "
					   "describe the machine's kernel, which runs a thread that waits "
					   "behind a running one on its PU at the next tick, not the "
					   "lock:\n<ul>\n", LB_TICK_NEAR * 100);
			if (!any) {
				fputs("<li>", f);
				case_at(pg, c);
				fprintf(f, ", a tick of %s (kernel_hz=%g): ", lb_num_ns(1e9 / hz).s, hz);
			}
			fprintf(f, "%s%s %s", any ? "; " : "", what[k], lb_num_ns(period[k] * 1e9).s);
			any = true;
		}
		if (any)
			fputs(".</li>\n", f);
	}
	if (n)
		fputs("</ul></li>\n", f);
}

/* How many of case c's good runs completed no operation in the window. */
static size_t runs_idle(const struct page *pg, const struct lb_case *c)
{
	size_t n = 0;

	for (size_t k = 0; k < c->nrows; k++) {
		const struct lb_row *row = &pg->t->rows[c->rows[k]];
		n += lb_row_good(pg->t, row) && lb_row_num(pg->t, row, LB_COL_ops) == 0;
	}
	return n;
}

/*
 * Threads starved: cases where some thread waited, in one wait, a large
 * share of the window (worst_wait_max_ns, censored at the close: a thread
 * that never got the lock waited the whole window), said in words with
 * the median thread's worst wait and the p99 over operations beside it,
 * which a thread that barges back in again and again keeps low.  Medians
 * over the runs; rows of files without the columns have none.  A run in
 * which no thread completed an operation has no slowest thread's share
 * (nor Jain's index): it is left out of that median and counted in words.
 */
static void starved(struct page *pg)
{
	const struct lb_results *r = pg->r;
	FILE *f = pg->f;
	int n = 0;

	for (size_t i = 0; i < r->ncases; i++) {
		const struct lb_case *c = &r->cases[i];
		double worst = median_of(pg, c, LB_COL_worst_wait_max_ns, -1, 1e-9);
		double window = median_of(pg, c, LB_COL_duration_s, -1, 1);
		if (c->threads < 2 || !(worst >= LB_STARVED_SHARE * window))
			continue;
		if (!n++)
			fprintf(f, "<li>Threads starved (one wait of some thread over %.0f%% of the "
				   "window, medians over runs; a wait still in progress at the close "
				   "counts up to it):\n<ul>\n", LB_STARVED_SHARE * 100);
		fputs("<li>", f);
		case_at(pg, c);
		fprintf(f, ": a thread waited %s of the %s window; the median thread's worst wait "
			   "%s, the p99 over operations %s",
			lb_num_ns(worst * 1e9).s, lb_num_ns(window * 1e9).s,
			lb_num_ns(median_of(pg, c, LB_COL_worst_wait_p50_ns, -1, 1)).s,
			lb_num_ns(med(c, LB_M_P99)).s);
		size_t idle = runs_idle(pg, c);
		if (idle < c->ngood)
			fprintf(f, "; the slowest thread did %s of the mean per thread",
				lb_num_g3(med(c, LB_M_SHARE)).s);
		if (idle)
			fprintf(f, "%s; in %zu of %zu %s no thread completed an operation in the "
				   "window", idle < c->ngood ? " (in the others)" : "", idle, c->ngood,
				runs_word(c->ngood));
		fputs(".</li>\n", f);
	}
	if (n)
		fputs("</ul></li>\n", f);
}

static void unfair(struct page *pg)
{
	const struct lb_results *r = pg->r;
	FILE *f = pg->f;
	int n = 0;

	fprintf(f, "<li>Unfair locks (median Jain's index below %.2f with more than one "
		   "thread):\n<ul>\n", LB_UNFAIR_JAIN);
	for (size_t i = 0; i < r->ncases; i++) {
		const struct lb_case *c = &r->cases[i];
		double j = med(c, LB_M_JAIN);
		if (c->threads < 2 || isnan(j) || j >= LB_UNFAIR_JAIN)
			continue;
		n++;
		fputs("<li>", f);
		case_at(pg, c);
		fprintf(f, ": Jain %s; the slowest thread did %s of the mean per thread.</li>\n",
			lb_num_g3(j).s, lb_num_g3(med(c, LB_M_SHARE)).s);
	}
	if (!n)
		fprintf(f, "<li>None: every lock scored %.2f or more at every thread count.</li>\n",
			LB_UNFAIR_JAIN);
	fputs("</ul></li>\n", f);
}

/* Whether case c's ops/s vary beyond LB_NOISY_CV over its runs. */
static const struct lb_summary *noisy_ops(const struct lb_case *c)
{
	const struct lb_summary *s = lb_case_get(c, LB_M_OPS);
	return s && s->n >= 2 && s->cv > LB_NOISY_CV ? s : NULL;
}

/* The cases whose ops/s vary beyond LB_NOISY_CV, one line per setting
 * and side: each lock, then its CV at each thread count. */
static void noisy(struct page *pg)
{
	const struct lb_results *r = pg->r;
	FILE *f = pg->f;
	int n = 0;

	for (int pi = 0; pi < r->npanels; pi++) {
		const struct lb_panel *p = &r->panels[pi];
		for (int side = 0; side < r->nsides; side++) {
			bool line = false;
			int locks = 0;
			for (int k = 0; k < p->nseries; k++) {
				bool lock = false;
				for (int ti = 0; ti < p->nthreads; ti++) {
					const struct lb_case *c = lb_results_cell(r, p, side, k, ti);
					const struct lb_summary *s = c ? noisy_ops(c) : NULL;
					if (!s)
						continue;
					if (!n++)
						fprintf(f, "<li>Cases whose ops/s vary by more than %.0f%% "
							   "across repetitions (the coefficient of "
							   "variation over %zu runs unless a case says "
							   "otherwise), by setting:\n<ul>\n",
							LB_NOISY_CV * 100, pg->runs);
					if (!line) {
						fputs("<li>", f);
						panel_link(pg, pi, side);
						fputs(": ", f);
						line = true;
					}
					if (!lock) {
						fputs(locks++ ? "; <code>" : "<code>", f);
						lb_html_esc(f, r->series[p->series[k]].label);
						fputs("</code> ", f);
					}
					fprintf(f, "%s%s at %d%s", lock ? ", " : "", lb_num_pct(s->cv).s,
						c->threads,
						lock ? "" : c->threads == 1 ? " thread" : " threads");
					if (s->n != pg->runs)
						fprintf(f, " (%zu %s)", s->n, runs_word(s->n));
					lock = true;
				}
			}
			if (line)
				fputs(".</li>\n", f);
		}
	}
	if (n)
		fputs("</ul></li>\n", f);
}

static size_t failures_count(const struct lb_table *t)
{
	size_t n = 0;
	for (size_t i = 0; i < t->nrows; i++)
		n += !lb_row_good(t, &t->rows[i]);
	return n;
}

/* ---- compare: like with like ------------------------------------------- */

/*
 * One number over every case hides what differs between two machines: the
 * cost of one lock operation on each core (one thread, nothing contends),
 * how each scales with threads, and what happens once threads outnumber a
 * machine's PUs (preemption, convoys: ratios of thousands).  So compare
 * pairs each case of a platform with the same case on the first one, and
 * shows the distribution of the ratios per thread count, oversubscribed
 * cases apart; single-thread cost apart from scaling (each platform
 * against its own 1-thread throughput); and holds no latencies against
 * each other that lie within a few steps of the coarser clock.
 */

/* A ratio in three significant digits, whatever its size (0.000125x,
 * 0.3x, 1.25x, 14732x): the ratios of two machines span eight orders. */
static struct lb_num ratio(double v)
{
	struct lb_num n;

	if (!isfinite(v))
		return (struct lb_num){ "NA" };
	snprintf(n.s, sizeof n.s, v >= 1000 ? "%.0fx" : "%.3gx", v);
	return n;
}

/* A case that the first platform (a) and another (b) both ran, ok. */
struct pair {
	const struct lb_case *a, *b;
	const struct lb_case *a1, *b1; /* the same lock and setting at 1 thread, or NULL */
	int threads;
	int over;  /* bit 0: threads > PUs on the first platform; bit 1: on the other */
	bool none; /* the `none` lock: no lock, the speed of the rest of the work */
};

/* Whether some row of c ran more threads than its machine has PUs. */
static bool oversubscribed(const struct lb_table *t, const struct lb_case *c)
{
	for (size_t k = 0; c && k < c->nrows; k++) {
		double pus = lb_row_num(t, &t->rows[c->rows[k]], LB_COL_pus);
		if (pus > 0 && c->threads > pus)
			return true;
	}
	return false;
}

/* The most PUs a row of side names, for the labels. */
static int side_pus(const struct page *pg, int side)
{
	double most = 0;

	for (size_t i = 0; i < pg->r->ncases; i++) {
		const struct lb_case *c = &pg->r->cases[i];
		for (size_t k = 0; c->side == side && k < c->nrows; k++)
			most = fmax(most, lb_row_num(pg->t, &pg->t->rows[c->rows[k]], LB_COL_pus));
	}
	return (int)most;
}

static bool is_none(const struct lb_results *r, const struct lb_case *c)
{
	const struct lb_series *s = &r->series[c->series];
	return s->lock && !s->waitgroup && strcmp(s->lock, "none") == 0;
}

/* The case of c's lock and setting at 1 thread on side, or NULL. */
static const struct lb_case *at_one(const struct lb_results *r, const struct lb_case *c, int side)
{
	const struct lb_panel *p = &r->panels[c->panel];
	int k, ti;

	if (lb_panel_index(p, c->series, 1, &k, &ti) < 0)
		return NULL;
	return lb_results_cell(r, p, side, k, ti);
}

/* The cases of side paired with the first platform's, where both have a
 * median ops/s: *n of them, or NULL when out of memory. */
static struct pair *pairs_of(const struct page *pg, int side, size_t *n)
{
	const struct lb_results *r = pg->r;
	struct pair *v = malloc((r->ncases + 1) * sizeof *v);

	*n = 0;
	for (size_t i = 0; v && i < r->ncases; i++) {
		const struct lb_case *b = &r->cases[i];
		if (b->side != side)
			continue;
		const struct lb_panel *p = &r->panels[b->panel];
		int k, ti;
		lb_panel_index(p, b->series, b->threads, &k, &ti);
		const struct lb_case *a = lb_results_cell(r, p, 0, k, ti);
		if (!(med(a, LB_M_OPS) > 0 && med(b, LB_M_OPS) > 0))
			continue;
		v[(*n)++] = (struct pair){
			.a = a, .b = b, .a1 = at_one(r, a, 0), .b1 = at_one(r, b, side),
			.threads = b->threads,
			.over = oversubscribed(pg->t, a) | oversubscribed(pg->t, b) << 1,
			.none = is_none(r, b),
		};
	}
	return v;
}

enum pair_measure {
	PM_OPS,   /* b's ops/s over a's */
	PM_OWN_A, /* a's ops/s over its own at 1 thread */
	PM_OWN_B, /* b's likewise */
	PM_SCALE, /* b's scaling over a's: PM_OWN_B / PM_OWN_A */
	PM_P99,   /* b's p99 wait over a's, where both lie above the clock limit */
};

/* Measure m of pair q, NAN where it has none; lim: the latency at or
 * below which the clocks cannot tell (NAN: unknown, compare all). */
static double pair_value(const struct pair *q, enum pair_measure m, double lim)
{
	double a, b;

	switch (m) {
	case PM_OPS:
		return med(q->b, LB_M_OPS) / med(q->a, LB_M_OPS);
	case PM_OWN_A:
		return med(q->a, LB_M_OPS) / med(q->a1, LB_M_OPS);
	case PM_OWN_B:
		return med(q->b, LB_M_OPS) / med(q->b1, LB_M_OPS);
	case PM_SCALE:
		return pair_value(q, PM_OWN_B, lim) / pair_value(q, PM_OWN_A, lim);
	case PM_P99:
		a = med(q->a, LB_M_P99), b = med(q->b, LB_M_P99);
		return a > 0 && b > 0 && !(a <= lim) && !(b <= lim) ? b / a : NAN;
	}
	return NAN;
}

/* The spread of a set of ratios: count, extremes, quartiles and median
 * (by linear interpolation between the sorted values). */
struct dist {
	size_t n, above; /* above: how many exceed 1 */
	double min, q1, median, q3, max;
};

static int cmp_double(const void *x, const void *y)
{
	double a = *(const double *)x, b = *(const double *)y;
	return (a > b) - (a < b);
}

static double quantile(const double *v, size_t n, double q)
{
	double h = (double)(n - 1) * q;
	size_t lo = (size_t)h;
	return lo + 1 < n ? v[lo] + (h - (double)lo) * (v[lo + 1] - v[lo]) : v[lo];
}

/* The distribution of measure m over the pairs at t threads (0: any)
 * with oversubscription over (-1: any), the `none` lock's (none) or the
 * locks'; buf holds n values. */
static struct dist group(const struct pair *v, size_t n, int t, int over, bool none,
			 enum pair_measure m, double lim, double *buf)
{
	struct dist d = { 0, 0, NAN, NAN, NAN, NAN, NAN };

	for (size_t i = 0; i < n; i++) {
		double x = pair_value(&v[i], m, lim);
		if ((t && v[i].threads != t) || (over >= 0 && v[i].over != over) ||
		    v[i].none != none || !isfinite(x) || x <= 0)
			continue;
		buf[d.n++] = x;
		d.above += x > 1;
	}
	if (!d.n)
		return d;
	qsort(buf, d.n, sizeof *buf, cmp_double);
	d.min = buf[0];
	d.max = buf[d.n - 1];
	d.q1 = quantile(buf, d.n, 0.25);
	d.median = quantile(buf, d.n, 0.5);
	d.q3 = quantile(buf, d.n, 0.75);
	return d;
}

/* "median 0.30x (0.21x to 0.35x, 28 cases" */
static void dist_words(FILE *f, const struct dist *d)
{
	fprintf(f, "median %s (%s to %s, %zu case%s", ratio(d->median).s, ratio(d->min).s,
		ratio(d->max).s, d->n, d->n == 1 ? "" : "s");
}

static void dist_tds(FILE *f, const struct dist *d)
{
	fprintf(f, "<td class=\"n\">%s</td><td class=\"n\">%s</td><td class=\"n\">%s</td>"
		   "<td class=\"n\">%s</td><td class=\"n\">%s</td>", ratio(d->min).s,
		ratio(d->q1).s, ratio(d->median).s, ratio(d->q3).s, ratio(d->max).s);
}

/* "4 threads, oversubscribed on A (more threads than its 2 PUs)" */
static void group_label(const struct page *pg, int side, int t, int over)
{
	FILE *f = pg->f;

	fprintf(f, "%d thread%s", t, t == 1 ? "" : "s");
	for (int bit = 0; bit < 2; bit++) {
		if (!(over & 1 << bit))
			continue;
		int s = bit ? side : 0;
		fputs(bit && (over & 1) ? " and on " : ", oversubscribed on ", f);
		lb_html_esc(f, side_name(pg, s));
		fprintf(f, " (more threads than its %d PUs)", side_pus(pg, s));
	}
}

/* The (threads, oversubscription) groups of the pairs, in order of
 * threads: *n of them into keys (pairs of ints), which holds 2n. */
static size_t groups_of(const struct pair *v, size_t n, int *keys)
{
	size_t g = 0;

	for (size_t i = 0; i < n; i++) {
		size_t j = 0;
		while (j < g && !(keys[2 * j] == v[i].threads && keys[2 * j + 1] == v[i].over))
			j++;
		if (j < g)
			continue;
		for (j = g++; j > 0 && (keys[2 * (j - 1)] > v[i].threads ||
					(keys[2 * (j - 1)] == v[i].threads && keys[2 * (j - 1) + 1] > v[i].over));
		     j--) {
			keys[2 * j] = keys[2 * (j - 1)];
			keys[2 * j + 1] = keys[2 * (j - 1) + 1];
		}
		keys[2 * j] = v[i].threads;
		keys[2 * j + 1] = v[i].over;
	}
	return g;
}

/* The thread counts at which side ran a case that the first platform
 * (or, for side 0, `side`) has no case of, ascending, into out (room for
 * the cases); how many. */
static size_t threads_alone(const struct page *pg, int side, int other, int *out)
{
	const struct lb_results *r = pg->r;
	size_t n = 0;

	for (size_t i = 0; i < r->ncases; i++) {
		const struct lb_case *c = &r->cases[i];
		if (c->side != side || !(med(c, LB_M_OPS) > 0))
			continue;
		bool shared = false;
		for (size_t j = 0; j < r->ncases && !shared; j++)
			shared = r->cases[j].side == other && r->cases[j].threads == c->threads;
		size_t k = 0;
		while (k < n && out[k] < c->threads)
			k++;
		if (shared || (k < n && out[k] == c->threads))
			continue;
		memmove(out + k + 1, out + k, (n - k) * sizeof *out);
		out[k] = c->threads;
		n++;
	}
	return n;
}

/* The spread of side's own scaling at t threads (its ops/s over its own
 * at 1 thread) over its lock cases, into buf. */
static struct dist own_scaling(const struct page *pg, int side, int t, double *buf)
{
	const struct lb_results *r = pg->r;
	struct pair *v = malloc((r->ncases + 1) * sizeof *v);
	size_t n = 0;
	struct dist d = { 0, 0, NAN, NAN, NAN, NAN, NAN };

	if (!v)
		return d;
	for (size_t i = 0; i < r->ncases; i++) {
		const struct lb_case *c = &r->cases[i];
		if (c->side == side && c->threads == t)
			v[n++] = (struct pair){ .b = c, .b1 = at_one(r, c, side), .threads = t,
						.none = is_none(r, c) };
	}
	d = group(v, n, t, -1, false, PM_OWN_B, NAN, buf);
	free(v);
	return d;
}

/* What compare_side and compare_tables work from: side's pairs with the
 * first platform, their (threads, oversubscription) groups, room for a
 * group's values and for thread counts, and the clocks. */
struct sides {
	struct pair *v;
	size_t n;
	int *keys;  /* 2 ng: the groups, as groups_of gives them */
	size_t ng;
	double *buf;
	int *alone;
	double res_a, res_b, lim; /* the clocks' resolutions; the latency limit */
};

static void sides_free(struct sides *c)
{
	free(c->v);
	free(c->buf);
	free(c->keys);
	free(c->alone);
}

/* 0, or -1 when out of memory (c freed). */
static int sides_init(const struct page *pg, int side, struct sides *c)
{
	size_t nc = pg->r->ncases + 1;

	c->v = pairs_of(pg, side, &c->n);
	c->buf = malloc(nc * sizeof *c->buf);
	c->keys = malloc(2 * nc * sizeof *c->keys);
	c->alone = malloc(nc * sizeof *c->alone);
	if (!c->v || !c->buf || !c->keys || !c->alone) {
		sides_free(c);
		return -1;
	}
	c->ng = groups_of(c->v, c->n, c->keys);
	c->res_a = side_clock(pg, 0);
	c->res_b = side_clock(pg, side);
	c->lim = LB_CLOCK_STEPS * fmax(c->res_a, c->res_b);
	return 0;
}

/* The findings and tables of side against the first platform. */
static void compare_side(struct page *pg, int side)
{
	FILE *f = pg->f;
	struct sides c;

	if (sides_init(pg, side, &c) < 0) {
		fputs("<li class=\"warn\">Out of memory: no comparison.</li>\n", f);
		return;
	}
	struct pair *v = c.v;
	size_t n = c.n, ng = c.ng;
	double *buf = c.buf, lim = c.lim, res_a = c.res_a, res_b = c.res_b;
	int *keys = c.keys, *alone = c.alone;

	fputs("<li><code>", f);
	lb_html_esc(f, side_name(pg, side));
	fputs("</code> against <code>", f);
	lb_html_esc(f, side_name(pg, 0));
	fputs("</code>, case by case (per case, the first's median ops/s over the second's: "
	      "above 1, the first is faster", f);
	if (!n) {
		fputs("): no case that both ran ok.</li>\n", f);
		goto out;
	}
	fputs("):\n<ul>\n", f);

	/* Single-thread cost. */
	struct dist nd = group(v, n, 1, -1, true, PM_OPS, lim, buf);
	struct dist ld = group(v, n, 1, -1, false, PM_OPS, lim, buf);
	fputs("<li id=\"single-thread\">Single-thread cost: at 1 thread ", f);
	if (nd.n) {
		fputs("<code>none</code> (no lock: the speed of the rest of the work on one core) "
		      "is ", f);
		if (nd.n == 1)
			fprintf(f, "%s", ratio(nd.median).s);
		else
			dist_words(f, &nd), fputs(")", f);
		fputs(", and ", f);
	}
	if (ld.n) {
		fputs("the locks are at ", f);
		dist_words(f, &ld);
		fprintf(f, ", faster in %zu). One thread contends with nothing: these ratios are "
			   "the speed of one core of each machine at the lock's operations and the "
			   "work (<code>none</code>: the work alone), not what its number of CPUs "
			   "gives.</li>\n", ld.above);
	} else {
		fputs("no lock ran on both.</li>\n", f);
	}

	/* By thread count. */
	fprintf(f, "<li>By thread count, locks only (<a href=\"#groups-%d\">table</a>): ",
		side + 1);
	for (size_t g = 0, first = 1; g < ng; g++) {
		struct dist d = group(v, n, keys[2 * g], keys[2 * g + 1], false, PM_OPS, lim, buf);
		if (!d.n)
			continue;
		fputs(first ? "" : "; ", f);
		first = 0;
		group_label(pg, side, keys[2 * g], keys[2 * g + 1]);
		fputs(": ", f);
		dist_words(f, &d);
		fprintf(f, ", faster in %zu)", d.above);
	}
	fputs(". Oversubscribed cases stand apart: there a thread waits for the scheduler, "
	      "not for the lock.</li>\n", f);

	/* Scaling. */
	fputs("<li>Scaling (each platform's ops/s at t threads over its own at 1 thread, "
	      "and the ratio of the scalings, <code>", f);
	lb_html_esc(f, side_name(pg, side));
	fputs("</code>'s over <code>", f);
	lb_html_esc(f, side_name(pg, 0));
	fprintf(f, "</code>'s; <a href=\"#scaling-%d\">table</a>): ", side + 1);
	bool anyscale = false;
	for (size_t g = 0; g < ng; g++) {
		if (keys[2 * g] == 1)
			continue;
		struct dist d = group(v, n, keys[2 * g], keys[2 * g + 1], false, PM_SCALE, lim, buf);
		if (!d.n)
			continue;
		struct dist oa = group(v, n, keys[2 * g], keys[2 * g + 1], false, PM_OWN_A, lim, buf);
		struct dist ob = group(v, n, keys[2 * g], keys[2 * g + 1], false, PM_OWN_B, lim, buf);
		fputs(anyscale ? "; " : "", f);
		anyscale = true;
		group_label(pg, side, keys[2 * g], keys[2 * g + 1]);
		fputs(": <code>", f);
		lb_html_esc(f, side_name(pg, side));
		fprintf(f, "</code> keeps %s of its 1-thread ops/s, <code>", ratio(ob.median).s);
		lb_html_esc(f, side_name(pg, 0));
		fprintf(f, "</code> %s (medians); the ratio of the scalings is ", ratio(oa.median).s);
		dist_words(f, &d);
		fputs(")", f);
	}
	if (!anyscale)
		fputs("no thread count above 1 that both ran, with a 1-thread case to hold it "
		      "against", f);
	fputs(".</li>\n", f);
	for (int s = 0; s < 2; s++) {
		int me = s ? side : 0, other = s ? 0 : side;
		size_t na = threads_alone(pg, me, other, alone);
		if (!na)
			continue;
		fputs("<li>Thread counts that only <code>", f);
		lb_html_esc(f, side_name(pg, me));
		fputs("</code> ran: ", f);
		for (size_t i = 0; i < na; i++)
			fprintf(f, "%s%d", i ? ", " : "", alone[i]);
		fputs("; not compared (its own scaling there is in the <a href=\"#scaling-", f);
		fprintf(f, "%d\">table</a>).</li>\n", side + 1);
	}

	/* Latency. */
	struct dist pd = group(v, n, 0, -1, false, PM_P99, lim, buf);
	size_t below = 0;
	for (size_t i = 0; i < n; i++) {
		double a = med(v[i].a, LB_M_P99), b = med(v[i].b, LB_M_P99);
		below += !v[i].none && a > 0 && b > 0 && (a <= lim || b <= lim);
	}
	fputs("<li id=\"clock\">p99 wait, the first's over the second's: ", f);
	if (pd.n)
		dist_words(f, &pd), fputs(")", f);
	else
		fputs("no case compared", f);
	if (isnan(res_a) && isnan(res_b)) {
		fputs("; <span class=\"warn\">not screened for the clocks' resolution: no "
		      "<code>clock_resolution_ns</code> in a sidecar of <code>", f);
		lb_html_esc(f, side_name(pg, 0));
		fputs("</code> nor of <code>", f);
		lb_html_esc(f, side_name(pg, side));
		fputs("</code></span>", f);
	} else {
		fprintf(f, "; %zu case%s not compared: below clock resolution (a p99 within %d steps "
			   "of the coarser clock, %s, sits on its grid)", below, below == 1 ? "" : "s",
			LB_CLOCK_STEPS, lb_num_ns(fmax(res_a, res_b)).s);
		if (isnan(res_a) || isnan(res_b)) {
			fputs("; <span class=\"warn\">screened with the clock of <code>", f);
			lb_html_esc(f, side_name(pg, isnan(res_a) ? side : 0));
			fputs("</code> alone: no <code>clock_resolution_ns</code> in a sidecar of "
			      "<code>", f);
			lb_html_esc(f, side_name(pg, isnan(res_a) ? 0 : side));
			fputs("</code>, whose clock may be the coarser</span>", f);
		}
	}
	fputs(".</li>\n</ul></li>\n", f);
out:
	sides_free(&c);
}

/* The tables behind compare_side's findings. */
static void compare_tables(struct page *pg, int side)
{
	FILE *f = pg->f;
	struct sides c;

	if (sides_init(pg, side, &c) < 0)
		return;
	struct pair *v = c.v;
	size_t n = c.n, ng = c.ng;
	double *buf = c.buf, lim = c.lim;
	int *keys = c.keys, *alone = c.alone;

	if (!n)
		goto out;
	fprintf(f, "<h3>Ratios by thread count: <code>");
	lb_html_esc(f, side_name(pg, side));
	fputs("</code> over <code>", f);
	lb_html_esc(f, side_name(pg, 0));
	fprintf(f, "</code></h3>\n<table id=\"groups-%d\">\n<tr><th>threads</th><th>cases</th>"
		   "<th>faster</th><th>min</th><th>lower quartile</th><th>median</th>"
		   "<th>upper quartile</th><th>max</th><th>p99 wait: median ratio</th>"
		   "<th>p99 cases compared</th></tr>\n", side + 1);
	for (size_t g = 0; g < ng; g++) {
		for (int none = 0; none < 2; none++) {
			int t = keys[2 * g], over = keys[2 * g + 1];
			struct dist d = group(v, n, t, over, none, PM_OPS, lim, buf);
			if (!d.n)
				continue;
			struct dist p = group(v, n, t, over, none, PM_P99, lim, buf);
			fputs("<tr><td>", f);
			group_label(pg, side, t, over);
			fprintf(f, "%s</td><td class=\"n\">%zu</td><td class=\"n\">%zu</td>",
				none ? ", <code>none</code>" : "", d.n, d.above);
			dist_tds(f, &d);
			fprintf(f, "<td class=\"n\">%s</td><td class=\"n\">%zu of %zu</td></tr>\n",
				ratio(p.median).s, p.n, d.n);
		}
	}
	fputs("</table>\n<p>Per case, the ratio of the median ops/s over the repetitions that "
	      "ran ok and verified; the spread of those ratios over the locks (the "
	      "<code>none</code> lock apart), quartiles interpolated. A p99 wait is compared "
	      "only where both lie above the coarser clock's resolution times ", f);
	fprintf(f, "%d.</p>\n", LB_CLOCK_STEPS);

	fputs("<h3>Scaling: each platform against its own 1-thread throughput</h3>\n", f);
	fprintf(f, "<table id=\"scaling-%d\">\n<tr><th>threads</th><th>cases</th><th>", side + 1);
	lb_html_esc(f, side_name(pg, 0));
	fputs(": median</th><th>", f);
	lb_html_esc(f, side_name(pg, side));
	fputs(": median</th><th>ratio: min</th><th>lower quartile</th><th>median</th>"
	      "<th>upper quartile</th><th>max</th></tr>\n", f);
	for (size_t g = 0; g < ng; g++) {
		int t = keys[2 * g], over = keys[2 * g + 1];
		struct dist d = group(v, n, t, over, false, PM_SCALE, lim, buf);
		if (t == 1 || !d.n)
			continue;
		struct dist oa = group(v, n, t, over, false, PM_OWN_A, lim, buf);
		struct dist ob = group(v, n, t, over, false, PM_OWN_B, lim, buf);
		fputs("<tr><td>", f);
		group_label(pg, side, t, over);
		fprintf(f, "</td><td class=\"n\">%zu</td><td class=\"n\">%s</td><td class=\"n\">%s</td>",
			d.n, ratio(oa.median).s, ratio(ob.median).s);
		dist_tds(f, &d);
		fputs("</tr>\n", f);
	}
	for (int s = 0; s < 2; s++) {
		int me = s ? side : 0, other = s ? 0 : side;
		size_t na = threads_alone(pg, me, other, alone);
		for (size_t i = 0; i < na; i++) {
			struct dist d = own_scaling(pg, me, alone[i], buf);
			if (!d.n)
				continue;
			fprintf(f, "<tr><td>%d threads, on ", alone[i]);
			lb_html_esc(f, side_name(pg, me));
			fputs(" only", f);
			if (alone[i] > side_pus(pg, me))
				fprintf(f, ", oversubscribed (more threads than its %d PUs)",
					side_pus(pg, me));
			fprintf(f, "</td><td class=\"n\">%zu</td>", d.n);
			fprintf(f, "<td class=\"n\">%s</td><td class=\"n\">%s</td>",
				s ? "&mdash;" : ratio(d.median).s, s ? ratio(d.median).s : "&mdash;");
			fputs("<td class=\"n\">&mdash;</td><td class=\"n\">&mdash;</td>"
			      "<td class=\"n\">&mdash;</td><td class=\"n\">&mdash;</td>"
			      "<td class=\"n\">&mdash;</td></tr>\n", f);
		}
	}
	fputs("</table>\n<p>A platform's scaling at t threads is a lock's median ops/s there over "
	      "its median ops/s at 1 thread (the medians over the locks); the ratio is <code>", f);
	lb_html_esc(f, side_name(pg, side));
	fputs("</code>'s scaling over <code>", f);
	lb_html_esc(f, side_name(pg, 0));
	fputs("</code>'s, per case, so the cost of one operation on each machine's cores "
	      "cancels out.</p>\n", f);
out:
	sides_free(&c);
}

/* (panel, series, threads) that some side lacks: *n of them. */
static bool partial(const struct lb_results *r, const struct lb_panel *p, int k, int ti)
{
	int have = 0;
	for (int side = 0; side < r->nsides; side++)
		have += lb_results_cell(r, p, side, k, ti) != NULL;
	return have > 0 && have < r->nsides;
}

static size_t partial_count(const struct lb_results *r)
{
	size_t n = 0;
	for (int pi = 0; pi < r->npanels; pi++)
		for (int k = 0; k < r->panels[pi].nseries; k++)
			for (int ti = 0; ti < r->panels[pi].nthreads; ti++)
				n += partial(r, &r->panels[pi], k, ti);
	return n;
}

static void findings(struct page *pg)
{
	FILE *f = pg->f;
	size_t bad = failures_count(pg->t);

	fputs("<section id=\"findings\">\n<h2>Findings</h2>\n", f);
	pg->runs = usual_runs(pg->r);
	if (!pg->rep->compare)
		how_to_read(pg);
	fputs("<ul>\n", f);
	if (pg->rep->compare) {
		if (pg->rep->by_file)
			fputs("<li class=\"warn\">Every row names the same platform, so the files are "
			      "compared with each other instead.</li>\n", f);
		for (int side = 1; side < pg->r->nsides; side++)
			compare_side(pg, side);
		size_t np = partial_count(pg->r);
		if (np)
			fprintf(f, "<li>%zu cases ran on some platforms only: <a href=\"#only\">listed "
				   "below</a>.</li>\n", np);
	} else {
		fastest(pg);
		starvation(pg);
		starved(pg);
		at_tick(pg);
		unfair(pg);
	}
	noisy(pg);
	if (bad)
		fprintf(f, "<li class=\"warn\">%zu %s failed, timed out, crashed or did not verify: "
			   "<a href=\"#failures\">listed below</a>; they are not in the charts or "
			   "medians.</li>\n", bad, runs_word(bad));
	else
		fputs("<li>Every run finished ok and verified.</li>\n", f);
	fputs("</ul>\n", f);
	for (int side = 1; pg->rep->compare && side < pg->r->nsides; side++)
		compare_tables(pg, side);
	fputs("</section>\n", f);
}

/* What a case's medians say of its time; and in how many of its runs
 * (of runs) the transfer latency moved (LB_XFER_MOVED), and the two
 * probes of the run where they differ the most (moved_lo, moved_hi). */
struct why {
	double ops, ceiling, share, changes, xfer, spins, sleeps, preempted, steal;
	size_t moved, runs;
	double moved_lo, moved_hi;
};

/* Case c's good runs into w->runs, and those whose probes around the
 * window differ by LB_XFER_MOVED or more into w->moved, with the lesser
 * and the greater probe (xfer_ns, xfer_ns_max) of the one whose differ
 * the most. */
static void xfer_moved(const struct page *pg, const struct lb_case *c, struct why *w)
{
	w->moved_lo = w->moved_hi = NAN;
	for (size_t k = 0; k < c->nrows; k++) {
		const struct lb_row *row = &pg->t->rows[c->rows[k]];
		if (!lb_row_good(pg->t, row))
			continue;
		w->runs++;
		double lo = lb_row_num(pg->t, row, LB_COL_xfer_ns);
		double hi = lb_row_num(pg->t, row, LB_COL_xfer_ns_max);
		if (lo > 0 && hi >= LB_XFER_MOVED * lo) {
			if (!w->moved++ || hi / lo > w->moved_hi / w->moved_lo) {
				w->moved_lo = lo;
				w->moved_hi = hi;
			}
		}
	}
}

/*
 * Case c's ceiling and its share of it, medians over the good runs.  A
 * run with no owner change between PUs has no ceiling to reach (its
 * ceiling_ops_per_sec is NA): it counts as an unbounded ceiling and a
 * share of 0, not left out, so that one run that handed over cannot put
 * a case whose other runs never did at its ceiling.  A run whose ceiling
 * is unknown (owner changes but no transfer latency) is left out.  Where
 * the median ceiling is unbounded, the case has none: both NAN.
 */
static void ceiling_share(const struct page *pg, const struct lb_case *c, struct why *w)
{
	double *ceil = malloc((c->nrows + 1) * sizeof *ceil);
	double *share = malloc((c->nrows + 1) * sizeof *share);
	struct lb_summary sc, ss;
	size_t n = 0;

	w->ceiling = w->share = NAN;
	for (size_t k = 0; ceil && share && k < c->nrows; k++) {
		const struct lb_row *row = &pg->t->rows[c->rows[k]];
		double bound = lb_row_num(pg->t, row, LB_COL_ceiling_ops_per_sec);
		double ops = lb_row_num(pg->t, row, LB_COL_ops_per_sec);
		if (!lb_row_good(pg->t, row) || isnan(ops))
			continue;
		if (bound > 0) {
			ceil[n] = bound;
			share[n++] = ops / bound;
		} else if (lb_row_num(pg->t, row, LB_COL_owner_changes) == 0) {
			ceil[n] = INFINITY;
			share[n++] = 0;
		}
	}
	if (n && lb_summarize(ceil, n, &sc) == 0 && isfinite(sc.median) &&
	    lb_summarize(share, n, &ss) == 0) {
		w->ceiling = sc.median;
		w->share = ss.median;
	}
	free(ceil);
	free(share);
}

static struct why case_why(const struct page *pg, const struct lb_case *c)
{
	struct why w = {
		.ops = med(c, LB_M_OPS),
		.changes = median_of(pg, c, LB_COL_owner_changes, -1, 1),
		.xfer = median_of(pg, c, LB_COL_xfer_ns, -1, 1),
		.spins = median_of(pg, c, LB_COL_spins, LB_COL_ops, 1),
		.sleeps = median_of(pg, c, LB_COL_sleeps, LB_COL_ops, 1),
		.preempted = median_of(pg, c, LB_COL_preempted_pct, -1, 1),
		.steal = median_of(pg, c, LB_COL_steal_pct, -1, 1),
	};
	ceiling_share(pg, c, &w);
	xfer_moved(pg, c, &w);
	return w;
}

/* Whether a row was disturbed: preempted or stolen beyond LB_DISTURBED_PCT. */
static bool disturbed(const struct lb_table *t, const struct lb_row *row)
{
	return lb_row_num(t, row, LB_COL_preempted_pct) > LB_DISTURBED_PCT ||
	       lb_row_num(t, row, LB_COL_steal_pct) > LB_DISTURBED_PCT;
}

/*
 * The page's first screen: per platform the machine and its cache-line
 * transfer latency, the fastest lock at each thread count (marked where
 * it is not clearly ahead of the next, as the findings judge a lead), the
 * locks that run at their ceiling, and the disturbed runs; each a line
 * with its numbers, the details further down.
 */
static void glance(struct page *pg)
{
	const struct lb_results *r = pg->r;
	const struct lb_table *t = pg->t;
	FILE *f = pg->f;
	char v[512];

	fputs("<section id=\"glance\">\n<h2>At a glance</h2>\n<ul>\n", f);
	for (int side = 0; side < r->nsides; side++) {
		int s = pg->rep->by_file ? -1 : side;
		fputs("<li><strong>", f);
		lb_html_esc(f, side_name(pg, side));
		fputs("</strong>: ", f);
		distinct(r, s, -1, LB_COL_cpu_model, v, sizeof v);
		lb_html_esc(f, v);
		distinct(r, s, -1, LB_COL_pus, v, sizeof v);
		fputs(", ", f);
		lb_html_esc(f, v);
		double x = side_median(pg, side, LB_COL_xfer_ns);
		if (isnan(x))
			fputs(" PUs; cache-line transfer latency not measured", f);
		else
			fprintf(f, " PUs; a cache line moves between its cores in %s (one way, median "
				   "over the runs)", lb_num_ns(x).s);
		fputs(".</li>\n", f);
	}
	/* The fastest lock at each thread count, per workload setting. */
	for (int pi = 0; pi < r->npanels; pi++) {
		const struct lb_panel *p = &r->panels[pi];
		for (int side = 0; side < r->nsides; side++) {
			bool any = false;
			for (int ti = 0; ti < p->nthreads; ti++) {
				const struct lb_case *best, *next, *floor;
				struct lb_versus lead;
				top_two(r, p, side, ti, &best, &next, &floor);
				if (!best)
					continue;
				if (!any) {
					fputs("<li>Fastest, ", f);
					panel_link(pg, pi, side);
					fputs(":", f);
				}
				fprintf(f, "%s %d&nbsp;thread%s <code>", any ? ";" : "", best->threads,
					best->threads == 1 ? "" : "s");
				lb_html_esc(f, r->series[best->series].label);
				fprintf(f, "</code> %s&nbsp;ops/s", lb_num_si(med(best, LB_M_OPS)).s);
				/* As the findings judge it (fastest_at): a lead within
				 * the noise is not one. */
				if (next && lb_case_versus(r, best, next, LB_M_OPS, &lead) == 0 &&
				    !(lead.mwu.p < LB_SIGNIFICANT_P)) {
					fputs(" (not clearly ahead of <code>", f);
					lb_html_esc(f, r->series[next->series].label);
					fputs("</code>)", f);
				}
				any = true;
			}
			if (any)
				fputs(".</li>\n", f);
		}
	}
	/* At the ceiling: the hardware's coherence is the limit.  The share
	 * is the one "Where the time goes" gives (case_why). */
	int n = 0, ceilings = 0;
	for (size_t i = 0; i < r->ncases; i++) {
		const struct lb_case *c = &r->cases[i];
		if (!c->ngood || is_floor(r, c->series))
			continue;
		struct why w = case_why(pg, c);
		ceilings += !isnan(w.share);
		if (!(w.share >= LB_CEILING_NEAR))
			continue;
		if (!n++)
			fprintf(f, "<li>At their ceiling (ops/s at least %.0f%% of it: the line "
				   "transfers are the limit): ", LB_CEILING_NEAR * 100);
		else
			fputs("; ", f);
		case_at(pg, c);
		fprintf(f, ", %s of its ceiling", lb_num_pct(w.share).s);
	}
	if (n)
		fputs(".</li>\n", f);
	else if (ceilings)
		fprintf(f, "<li>No lock runs at its ceiling (%.0f%% of it): each loses its time "
			   "elsewhere than in moving the line.</li>\n", LB_CEILING_NEAR * 100);
	/* Disturbed runs. */
	size_t rows = 0, bad = 0, measured = 0;
	for (size_t i = 0; i < t->nrows; i++) {
		const struct lb_row *row = &t->rows[i];
		rows += lb_row_good(t, row);
		bad += lb_row_good(t, row) && disturbed(t, row);
		measured += lb_row_good(t, row) && (!isnan(lb_row_num(t, row, LB_COL_preempted_pct)) ||
						    !isnan(lb_row_num(t, row, LB_COL_steal_pct)));
	}
	if (bad) {
		fprintf(f, "<li class=\"warn\">Disturbed: %zu of %zu %s %s preempted or had their "
			   "PUs stolen for more than %.0f%% of the window, by lock: ", bad, rows,
			runs_word(rows), bad == 1 ? "was" : "were", LB_DISTURBED_PCT);
		n = 0;
		for (int side = 0; side < r->nsides; side++)
			for (int sr = 0; sr < r->nseries; sr++) {
				size_t k = 0, of = 0;
				for (size_t i = 0; i < r->ncases; i++) {
					const struct lb_case *c = &r->cases[i];
					if (c->side != side || c->series != sr)
						continue;
					of += c->ngood;
					for (size_t j = 0; j < c->nrows; j++)
						k += lb_row_good(t, &t->rows[c->rows[j]]) &&
						     disturbed(t, &t->rows[c->rows[j]]);
				}
				if (!k)
					continue;
				fputs(n++ ? "; " : "", f);
				if (r->nsides > 1) {
					lb_html_esc(f, side_name(pg, side));
					fputs(": ", f);
				}
				fputs("<code>", f);
				lb_html_esc(f, r->series[sr].label);
				fprintf(f, "</code> %zu of %zu", k, of);
			}
		fputs(".</li>\n", f);
	} else if (measured) {
		fprintf(f, "<li>No run was preempted or stolen from for more than %.0f%% of its "
			   "window.</li>\n", LB_DISTURBED_PCT);
	}
	fputs("</ul>\n</section>\n", f);
}

/* Open section id under title; an empty one says none and is closed
 * at once (false). */
static bool section(FILE *f, const char *id, const char *title, bool empty, const char *none)
{
	fprintf(f, "<section id=\"%s\">\n<h2>%s</h2>\n", id, title);
	if (empty)
		fprintf(f, "<p>%s</p>\n</section>\n", none);
	return !empty;
}

static void failures(struct page *pg)
{
	const struct lb_table *t = pg->t;
	FILE *f = pg->f;

	if (!section(f, "failures", "Failed runs", failures_count(t) == 0,
		     "None: every row has status ok and verified yes."))
		return;
	fputs("<table id=\"failures-table\">\n<tr><th>where</th><th>platform</th><th>lock</th>"
	      "<th>workload</th><th>threads</th><th>rep</th><th>status</th><th>verified</th>"
	      "<th>error</th></tr>\n", f);
	for (size_t i = 0; i < t->nrows; i++) {
		const struct lb_row *row = &t->rows[i];
		if (lb_row_good(t, row))
			continue;
		fputs("<tr><td><code>", f);
		lb_html_esc(f, t->files[row->file].path);
		fprintf(f, ":%ld</code></td>", row->line);
		row_cells(f, t, row);
		const char *st = lb_row_text(t, row, LB_COL_status);
		const char *ver = lb_row_text(t, row, LB_COL_verified);
		fputs("<td class=\"n\">", f);
		lb_html_esc(f, lb_row_text(t, row, LB_COL_rep));
		fprintf(f, "</td><td class=\"%s\">", strcmp(st, "ok") ? "bad" : "good");
		lb_html_esc(f, st);
		fprintf(f, "</td><td class=\"%s\">", strcmp(ver, "yes") ? "bad" : "good");
		lb_html_esc(f, ver);
		fputs("</td><td>", f);
		lb_html_esc(f, lb_row_text(t, row, LB_COL_error));
		fputs("</td></tr>\n", f);
	}
	fputs("</table>\n</section>\n", f);
}

static void only_some(struct page *pg)
{
	const struct lb_results *r = pg->r;
	FILE *f = pg->f;

	if (!section(f, "only", "Cases not on every platform", partial_count(r) == 0,
		     "None: every case ran on every platform."))
		return;
	fputs("<table id=\"only-table\">\n<tr><th>lock</th><th>workload</th><th>threads</th>"
	      "<th>on</th><th>not on</th></tr>\n", f);
	for (int pi = 0; pi < r->npanels; pi++) {
		const struct lb_panel *p = &r->panels[pi];
		for (int k = 0; k < p->nseries; k++)
			for (int ti = 0; ti < p->nthreads; ti++) {
				if (!partial(r, p, k, ti))
					continue;
				fputs("<tr><td><code>", f);
				lb_html_esc(f, r->series[p->series[k]].label);
				fputs("</code></td><td>", f);
				lb_html_esc(f, p->label);
				fprintf(f, "</td><td class=\"n\">%d</td>", p->threads[ti]);
				for (int want = 1; want >= 0; want--) {
					fputs("<td>", f);
					for (int side = 0, first = 1; side < r->nsides; side++) {
						if ((lb_results_cell(r, p, side, k, ti) != NULL) != want)
							continue;
						fputs(first ? "" : ", ", f);
						lb_html_esc(f, side_name(pg, side));
						first = 0;
					}
					fputs("</td>", f);
				}
				fputs("</tr>\n", f);
			}
	}
	fputs("</table>\n</section>\n", f);
}

/* ---- where the time goes ---------------------------------------------- */

/*
 * Why each case runs at its speed, from the columns that say so without
 * a PMU (README: why a row is what it is): its ops/s as a share of its
 * ceiling, 1e9 / (owner_changes x xfer_ns); the owner changes per
 * operation; and, for a case below LB_CEILING_NEAR of its ceiling, where
 * it loses its time: spinning and sleeping (the lock's counters, per
 * operation), preemption and steal (the share of the window).  Above it
 * stands the machine's own transfer latency, the probe that the sweep
 * wrote into its sidecar (xfer= lines).  Every figure is a median over a
 * case's runs that ran ok and verified, each run's share of its own
 * ceiling taken first.
 */

/* A case's runs disturbed beyond LB_DISTURBED_PCT, and by what. */
struct noise {
	size_t runs, preempted, stolen; /* good rows; those disturbed by each */
	double max_preempted, max_steal; /* the largest in any of them, percent */
};

static struct noise case_noise(const struct page *pg, const struct lb_case *c)
{
	struct noise z = { 0, 0, 0, NAN, NAN };

	for (size_t k = 0; k < c->nrows; k++) {
		const struct lb_row *row = &pg->t->rows[c->rows[k]];
		if (!lb_row_good(pg->t, row))
			continue;
		double p = lb_row_num(pg->t, row, LB_COL_preempted_pct);
		double s = lb_row_num(pg->t, row, LB_COL_steal_pct);
		z.runs++;
		z.preempted += p > LB_DISTURBED_PCT;
		z.stolen += s > LB_DISTURBED_PCT;
		z.max_preempted = fmax(z.max_preempted, p); /* fmax passes over a NAN */
		z.max_steal = fmax(z.max_steal, s);
	}
	return z;
}

/* "preempted in 2 of 3 runs (up to 41%)", and the same for steal;
 * nothing for a case whose runs were not disturbed.  Whether it wrote. */
static bool noise_note(FILE *f, const struct noise *z)
{
	if (z->preempted)
		fprintf(f, "preempted in %zu of %zu %s (up to %.1f%%)", z->preempted, z->runs,
			runs_word(z->runs), z->max_preempted);
	if (z->stolen)
		fprintf(f, "%ssteal in %zu of %zu %s (up to %.1f%%)", z->preempted ? "; " : "",
			z->stolen, z->runs, runs_word(z->runs), z->max_steal);
	return z->preempted || z->stolen;
}

/* The table cell beside a case's CV: what disturbed its runs. */
static void disturbed_td(const struct page *pg, const struct lb_case *c)
{
	struct noise z = case_noise(pg, c);

	fputs(z.preempted || z.stolen ? "<td class=\"warn\">" : "<td>", pg->f);
	if (!noise_note(pg->f, &z))
		fputs(!z.runs ? "&mdash;"
		      : isnan(z.max_preempted) && isnan(z.max_steal) ? "NA" /* not measured */
								     : "no",
		      pg->f);
	fputs("</td>", pg->f);
}

/* The papi_* measures that count lines moving between cores (README:
 * Events: PAPI): the HITM loads, the fills from another core's cache. */
static bool transfer_event(const char *name)
{
	static const char *const parts[] = { "XSNP_HITM", "XSNP_FWD", "FILLS_FROM_SYSTEM",
					     "REFILLS_FROM_SYSTEM", "PAPI_CA_ITV" };

	if (strncmp(name, "papi_", 5) != 0)
		return false;
	for (size_t i = 0; i < sizeof parts / sizeof *parts; i++)
		if (strstr(name, parts[i]))
			return true;
	return false;
}

/* Where case w loses its time, in words: at its ceiling, or spinning,
 * sleeping, preempted (each with its number), or none of those. */
static void why_where(FILE *f, const struct why *w)
{
	bool any = false;

	if (isnan(w->share)) {
		fputs(w->changes == 0 ? "no hand-over between PUs: no ceiling"
				      : "no ceiling (no transfer latency measured)", f);
		return;
	}
	if (w->share >= LB_CEILING_NEAR) {
		fputs("at its ceiling: the line's transfer is the limit", f);
		return;
	}
	if (w->spins >= LB_WHY_SPINS) {
		fprintf(f, "spinning (%s spins/op)", lb_num_g3(w->spins).s);
		any = true;
	}
	if (w->sleeps >= LB_WHY_SLEEPS) {
		fprintf(f, "%ssleeping (%s sleeps/op)", any ? ", " : "", lb_num_g3(w->sleeps).s);
		any = true;
	}
	if (w->preempted > LB_DISTURBED_PCT) {
		fprintf(f, "%spreemption (%.1f%% of the window)", any ? ", " : "", w->preempted);
		any = true;
	}
	if (w->steal > LB_DISTURBED_PCT) {
		fprintf(f, "%ssteal (%.1f%%)", any ? ", " : "", w->steal);
		any = true;
	}
	if (!any)
		fputs(isnan(w->spins) && isnan(w->sleeps)
			      ? "elsewhere: the lock keeps no counters that say where"
			      : "elsewhere: not in spins, sleeps or preemption",
		      f);
}

/* why_where, and the runs whose transfer latency moved around the
 * window, where there are any. */
static void why_words(FILE *f, const struct why *w)
{
	why_where(f, w);
	if (w->moved)
		fprintf(f, "; the transfer latency moved in %zu of %zu %s (the probes before "
			   "and after the window differ by a factor of %g or more; the widest "
			   "apart: %s and %s): the share of the ceiling, from the lesser, is a "
			   "lower bound there",
			w->moved, w->runs, runs_word(w->runs), LB_XFER_MOVED, lb_num_ns(w->moved_lo).s,
			lb_num_ns(w->moved_hi).s);
}

/* One pair of a probe: its PUs and one-way latency, ns. */
struct xfer_pair {
	int a, b;
	double ns, p99;
};

/* The pairs of the sidecars read so far (at most LB_WHY_PAIRS), and the
 * first probe error one of them gives. */
#define LB_WHY_PAIRS 256
struct probe {
	struct xfer_pair v[LB_WHY_PAIRS];
	size_t n, dropped;
	char error[256];
};

/* An xfer= line, "PU_A PU_B ONEWAY_NS P99_NS SAMPLES", as lockbench run
 * writes it; a line that does not parse is passed over (the file is
 * untrusted), as is a pair beyond LB_WHY_PAIRS (counted). */
static void probe_one(void *arg, const char *key, const char *value)
{
	struct probe *p = arg;
	char *end;

	if (strcmp(key, "xfer_error") == 0 && !p->error[0]) {
		snprintf(p->error, sizeof p->error, "%s", value);
		return;
	}
	if (strcmp(key, "xfer") != 0)
		return;
	struct xfer_pair x;
	long a = strtol(value, &end, 10), b = strtol(end, &end, 10);
	x.ns = strtod(end, &end);
	x.p99 = strtod(end, &end);
	strtoull(end, &end, 10);
	if (*end || a < 0 || b < 0 || a > 65535 || b > 65535 || a == b || !(x.ns > 0) ||
	    !(x.ns < 1e9) || !(x.p99 >= 0 && x.p99 < 1e12))
		return;
	if (p->n == LB_WHY_PAIRS) {
		p->dropped++;
		return;
	}
	x.a = (int)a;
	x.b = (int)b;
	p->v[p->n++] = x;
}

/* The probe of the files that hold rows of side (-1: every file). */
static void probe_read(const struct page *pg, int side, struct probe *p)
{
	char err[LB_ERR_LEN];

	memset(p, 0, sizeof *p);
	for (int i = 0; i < pg->rep->npaths; i++) {
		bool has = side < 0;
		for (size_t k = 0; !has && k < pg->t->nrows; k++)
			has = row_from(pg->r, k, side, i);
		if (has)
			lb_meta_read(pg->rep->paths[i], probe_one, p, err, sizeof err);
	}
}

/* The median of a probe's pairs, ns (NAN without pairs); min and max. */
static double probe_median(const struct probe *p, double *lo, double *hi)
{
	double x[LB_WHY_PAIRS];

	*lo = *hi = NAN;
	for (size_t i = 0; i < p->n; i++) {
		x[i] = p->v[i].ns;
		*lo = fmin(*lo, x[i]);
		*hi = fmax(*hi, x[i]);
	}
	qsort(x, p->n, sizeof *x, cmp_double);
	return p->n ? quantile(x, p->n, 0.5) : NAN;
}

static int cmp_pu(const void *x, const void *y)
{
	int a = *(const int *)x, b = *(const int *)y;
	return (a > b) - (a < b);
}

/* The probe's pairs as a PU x PU matrix of one-way latencies: the first
 * LB_WHY_MATRIX PUs it names, in ascending order. */
#define LB_WHY_MATRIX 16
static void probe_matrix(FILE *f, const struct probe *p, const char *id)
{
	int pus[LB_WHY_MATRIX], n = 0;
	bool more = false;

	for (size_t i = 0; i < p->n; i++)
		for (int e = 0; e < 2; e++) {
			int pu = e ? p->v[i].b : p->v[i].a, k = 0;
			while (k < n && pus[k] != pu)
				k++;
			if (k < n)
				continue;
			if (n == LB_WHY_MATRIX) {
				more = true;
				continue;
			}
			pus[n++] = pu;
		}
	qsort(pus, (size_t)n, sizeof *pus, cmp_pu);
	fprintf(f, "<table id=\"%s\" class=\"data matrix\">\n<tr><th>PU</th>", id);
	for (int j = 0; j < n; j++)
		fprintf(f, "<th>%d</th>", pus[j]);
	fputs("</tr>\n", f);
	for (int i = 0; i < n; i++) {
		fprintf(f, "<tr><th>%d</th>", pus[i]);
		for (int j = 0; j < n; j++) {
			double v = NAN;
			for (size_t k = 0; k < p->n && isnan(v); k++)
				if ((p->v[k].a == pus[i] && p->v[k].b == pus[j]) ||
				    (p->v[k].a == pus[j] && p->v[k].b == pus[i]))
					v = p->v[k].ns;
			fprintf(f, "<td class=\"n\">%s</td>", i == j ? "&mdash;" : lb_num_ns(v).s);
		}
		fputs("</tr>\n", f);
	}
	fputs("</table>\n", f);
	if (more || p->dropped)
		fprintf(f, "<p>The first %d PUs only%s.</p>\n", LB_WHY_MATRIX,
			p->dropped ? " (the sidecar names more pairs than are read)" : "");
}

/* The machine's transfer latency as the sweeps' probes saw it. */
static void why_probe(struct page *pg)
{
	FILE *f = pg->f;
	struct probe *p = malloc(sizeof *p);
	double lo, hi;

	if (!p)
		return;
	fputs("<h3>The machine's transfer latency</h3>\n", f);
	for (int side = 0; side < pg->r->nsides; side++) {
		probe_read(pg, pg->r->nsides > 1 ? side : -1, p);
		double m = probe_median(p, &lo, &hi);
		fputs("<p>", f);
		if (pg->r->nsides > 1) {
			lb_html_esc(f, side_name(pg, side));
			fputs(": ", f);
		}
		if (!p->n) {
			fputs("no probe in the sidecar", f);
			if (p->error[0]) {
				fputs(" (", f);
				lb_html_esc(f, p->error);
				fputs(")", f);
			}
			fputs(".</p>\n", f);
			continue;
		}
		fprintf(f, "one-way cache-line transfer between two PUs, by ping-pong before the "
			   "first case (<code>xfer=</code> in the sidecar): ");
		if (p->n == 1)
			fprintf(f, "%s, one pair.", lb_num_ns(m).s);
		else
			fprintf(f, "median %s over %zu pairs, from %s to %s.", lb_num_ns(m).s, p->n,
				lb_num_ns(lo).s, lb_num_ns(hi).s);
		if (p->error[0]) {
			fputs(" <span class=\"warn\">Not probed: ", f);
			lb_html_esc(f, p->error);
			fputs("</span>", f);
		}
		fputs("</p>\n", f);
		char id[32];
		snprintf(id, sizeof id, "probe-%d", side + 1);
		probe_matrix(f, p, id);
		if (pg->r->nsides == 1)
			break;
	}
	free(p);
}

/* The table of one panel: per lock and thread count, what its time goes
 * to; the transfer events of the PMU, where they counted, beside the
 * owner changes. */
static void why_table(struct page *pg, int pi)
{
	const struct lb_results *r = pg->r;
	const struct lb_panel *p = &r->panels[pi];
	FILE *f = pg->f;
	int hw[16], nhw = 0;

	for (int m = LB_M_FIXED; m < r->nmeasures && nhw < 16; m++)
		if (transfer_event(r->measure[m]) && panel_has(r, pi, m))
			hw[nhw++] = m;
	fputs("<h3>", f);
	panel_words(f, r, pi);
	fprintf(f, "</h3>\n<table id=\"why-%d\" class=\"data\">\n<tr>", pi + 1);
	if (r->nsides > 1)
		fputs("<th>platform</th>", f);
	fputs("<th>lock</th><th>threads</th><th>ops/s</th><th>ceiling</th><th>of ceiling</th>"
	      "<th>owner changes/op</th>", f);
	for (int e = 0; e < nhw; e++) {
		fputs("<th class=\"event\">", f);
		lb_html_esc(f, r->measure[hw[e]] + 5);
		fputs("/op</th>", f);
	}
	fputs("<th>xfer</th><th>spins/op</th><th>sleeps/op</th><th>preempted</th><th>steal</th>"
	      "<th>where the time goes</th></tr>\n", f);
	for (int side = 0; side < r->nsides; side++)
		for (int k = 0; k < p->nseries; k++)
			for (int ti = 0; ti < p->nthreads; ti++) {
				const struct lb_case *c = lb_results_cell(r, p, side, k, ti);
				if (!c || !c->ngood)
					continue;
				struct why w = case_why(pg, c);
				fputs("<tr>", f);
				if (r->nsides > 1) {
					fputs("<td>", f);
					lb_html_esc(f, side_name(pg, side));
					fputs("</td>", f);
				}
				fputs("<td><code>", f);
				lb_html_esc(f, r->series[p->series[k]].label);
				fprintf(f, "</code></td><td class=\"n\">%d</td><td class=\"n\">%s</td>"
					   "<td class=\"n\">%s</td><td class=\"n%s\">%s</td>"
					   "<td class=\"n\">%s</td>",
					c->threads, lb_num_si(w.ops).s, lb_num_si(w.ceiling).s,
					w.share >= LB_CEILING_NEAR ? " good" : "", lb_num_pct(w.share).s,
					lb_num_g3(w.changes).s);
				for (int e = 0; e < nhw; e++)
					fprintf(f, "<td class=\"n\">%s</td>", lb_num_g3(med(c, hw[e])).s);
				fprintf(f, "<td class=\"n\">%s</td><td class=\"n\">%s</td>"
					   "<td class=\"n\">%s</td><td class=\"n%s\">%s</td>"
					   "<td class=\"n%s\">%s</td><td>",
					lb_num_ns(w.xfer).s, lb_num_g3(w.spins).s, lb_num_g3(w.sleeps).s,
					w.preempted > LB_DISTURBED_PCT ? " bad" : "",
					lb_num_pct(w.preempted / 100).s,
					w.steal > LB_DISTURBED_PCT ? " bad" : "", lb_num_pct(w.steal / 100).s);
				why_words(f, &w);
				fputs("</td></tr>\n", f);
			}
	fputs("</table>\n", f);
}

/* The findings of the section: the lock cases at their ceiling, by name;
 * those below it counted by where their time goes. */
static void why_summary(struct page *pg)
{
	const struct lb_results *r = pg->r;
	FILE *f = pg->f;
	size_t at = 0, below = 0, spin = 0, sleep = 0, preempt = 0, other = 0;
	char words[512];

	fputs("<ul>\n", f);
	for (size_t i = 0; i < r->ncases; i++) {
		const struct lb_case *c = &r->cases[i];
		if (!c->ngood || is_floor(r, c->series))
			continue;
		struct why w = case_why(pg, c);
		if (isnan(w.share))
			continue;
		if (w.share < LB_CEILING_NEAR) {
			bool sp = w.spins >= LB_WHY_SPINS, sl = w.sleeps >= LB_WHY_SLEEPS;
			bool pr = w.preempted > LB_DISTURBED_PCT || w.steal > LB_DISTURBED_PCT;
			below++;
			spin += sp;
			sleep += sl;
			preempt += pr;
			other += !sp && !sl && !pr;
			continue;
		}
		fprintf(f, "%s", at++ ? ", " : "<li>At their ceiling (at least ");
		if (at == 1)
			fprintf(f, "%.0f%%: the line's transfer is the limit): ", LB_CEILING_NEAR * 100);
		case_name(pg, c);
		lb_setting_words(r, c->panel, words, sizeof words);
		fprintf(f, " at %d thread%s in ", c->threads, c->threads == 1 ? "" : "s");
		lb_html_esc(f, words);
		fprintf(f, " (%s)", lb_num_pct(w.share).s);
	}
	if (at)
		fputs(".</li>\n", f);
	else if (below)
		fprintf(f, "<li>No lock reaches %.0f%% of its ceiling.</li>\n", LB_CEILING_NEAR * 100);
	else
		fputs("<li>No case has a ceiling: no lock's rows have both owner changes between "
		      "PUs and a transfer latency (<code>owner_changes</code>, <code>xfer_ns</code>; "
		      "files written before those columns have neither).</li>\n", f);
	if (below)
		fprintf(f, "<li>Below it, %zu cases lose their time elsewhere: spinning in %zu "
			   "(at least %g spin per operation), sleeping in %zu (at least %g sleep "
			   "per operation), preempted or stolen in %zu (over %.0f%% of the "
			   "window), none of these in %zu (the tables say which).</li>\n",
			below, spin, LB_WHY_SPINS, sleep, LB_WHY_SLEEPS, preempt, LB_DISTURBED_PCT,
			other);
	fputs("</ul>\n", f);
}

/*
 * A comparison normalised by each platform's transfer latency: per case
 * that hands over between PUs on both platforms, the ops/s ratio R of a
 * platform to the first, the ratio X of their transfer latencies in force
 * (xfer_ns, the case's median), and N = R x X, the ratio of operations
 * per transfer time.  R = N / X: 1 / X is what the distance between the
 * cores accounts for, N what the lock does there beyond it (N near 1:
 * the platform is slower or faster because its cores are further apart
 * or nearer; N below 1: the lock behaves worse there).
 */
#define LB_WHY_SAME 1.25 /* N within this factor of 1: the distance explains it */
static void why_compare(struct page *pg)
{
	const struct lb_results *r = pg->r;
	FILE *f = pg->f;

	for (int side = 1; side < r->nsides; side++) {
		double *n = malloc((r->ncases + 1) * sizeof *n), *x = malloc((r->ncases + 1) * sizeof *x);
		size_t m = 0, worse = 0, same = 0, better = 0;
		if (!n || !x) {
			free(n);
			free(x);
			return;
		}
		fputs("<h3>", f);
		lb_html_esc(f, side_name(pg, side));
		fputs(" against ", f);
		lb_html_esc(f, side_name(pg, 0));
		fprintf(f, ", normalised by the transfer latency</h3>\n<table id=\"why-compare-%d\" "
			   "class=\"data\">\n<tr><th>lock</th><th>workload</th><th>threads</th>"
			   "<th>owner changes/op</th><th>xfer</th><th>ops/s ratio R</th>"
			   "<th>xfer ratio X</th><th>normalised N = R&times;X</th><th>reading</th></tr>\n",
			side);
		for (int pi = 0; pi < r->npanels; pi++) {
			const struct lb_panel *p = &r->panels[pi];
			for (int k = 0; k < p->nseries; k++)
				for (int ti = 0; ti < p->nthreads; ti++) {
					const struct lb_case *a = lb_results_cell(r, p, 0, k, ti);
					const struct lb_case *b = lb_results_cell(r, p, side, k, ti);
					if (!a || !b)
						continue;
					struct why wa = case_why(pg, a), wb = case_why(pg, b);
					if (!(wa.changes > 0 && wb.changes > 0 && wa.xfer > 0 &&
					      wb.xfer > 0 && wa.ops > 0 && wb.ops > 0))
						continue;
					double R = wb.ops / wa.ops, X = wb.xfer / wa.xfer, N = R * X;
					n[m] = N;
					x[m++] = X;
					fputs("<tr><td><code>", f);
					lb_html_esc(f, r->series[p->series[k]].label);
					fputs("</code></td><td>", f);
					lb_html_esc(f, p->label);
					fprintf(f, "</td><td class=\"n\">%d</td><td class=\"n\">%s / %s</td>"
						   "<td class=\"n\">%s / %s</td><td class=\"n\">%s</td>"
						   "<td class=\"n\">%s</td><td class=\"n\">%s</td><td>",
						p->threads[ti], lb_num_g3(wa.changes).s, lb_num_g3(wb.changes).s,
						lb_num_ns(wa.xfer).s, lb_num_ns(wb.xfer).s, ratio(R).s, ratio(X).s,
						ratio(N).s);
					if (N < 1 / LB_WHY_SAME) {
						worse++;
						fputs("the lock does worse there than the distance explains", f);
					} else if (N > LB_WHY_SAME) {
						better++;
						fputs("the lock does better there than the distance explains", f);
					} else {
						same++;
						fputs("the transfer latency explains the difference", f);
					}
					fputs("</td></tr>\n", f);
				}
		}
		fputs("</table>\n", f);
		if (m) {
			qsort(n, m, sizeof *n, cmp_double);
			qsort(x, m, sizeof *x, cmp_double);
			fprintf(f, "<p>Over %zu cases that hand over between PUs on both: the transfer "
				   "latency in force is %s that of the first (median X), and normalised "
				   "by it the throughput ratio is %s (median N). N within %.2fx of 1, "
				   "where the distance between the cores explains the difference: %zu; "
				   "the lock worse there: %zu; better: %zu.</p>\n",
				m, ratio(quantile(x, m, 0.5)).s, ratio(quantile(n, m, 0.5)).s,
				LB_WHY_SAME, same, worse, better);
		} else
			fputs("<p>No case hands over between PUs with a measured transfer latency "
			      "on both platforms.</p>\n", f);
		free(n);
		free(x);
	}
}

/* Whether a good row of panel pi has a value in column col. */
static bool panel_has_col(const struct page *pg, int pi, int col)
{
	for (size_t i = 0; i < pg->r->ncases; i++) {
		const struct lb_case *c = &pg->r->cases[i];
		if (c->panel == pi && !isnan(median_of(pg, c, col, -1, 1)))
			return true;
	}
	return false;
}

/* The section: the machine's transfer latency, the findings, and a table
 * per workload setting whose rows count owner changes. */
static void why_section(struct page *pg)
{
	const struct lb_results *r = pg->r;
	FILE *f = pg->f;
	fputs("<section id=\"why\">\n<h2>Where the time goes</h2>\n", f);
	fprintf(f, "<p>No lock hands over faster than the cache line that carries it moves: "
		   "a case's <em>ceiling</em> is 1e9 / (owner changes per op &times; the one-way "
		   "transfer latency in its run, <code>xfer_ns</code>, a load and a store of the "
		   "probe's ping-pong). A lock whose spinning waiter takes it with one atomic "
		   "read-modify-write (<code>tas</code>, <code>ttas</code>, <code>pthread-spin</code>, "
		   "<code>gomutex</code> while it spins) can take the line in one request and run "
		   "above its ceiling, up to about twice. A case at "
		   "%.0f%% of its "
		   "ceiling or more is bound by the hardware; one below loses its time elsewhere: "
		   "spinning or sleeping (the lock's own counters, where it keeps them), or "
		   "waiting for a CPU (<code>preempted_pct</code>, <code>steal_pct</code>; a run "
		   "is disturbed above %.0f%%). Medians over the runs that ran ok and "
		   "verified.</p>\n",
		LB_CEILING_NEAR * 100, LB_DISTURBED_PCT);
	why_probe(pg);
	if (pg->rep->compare) {
		why_compare(pg);
		fputs("</section>\n", f);
		return;
	}
	why_summary(pg);
	for (int pi = 0; pi < r->npanels; pi++)
		if (panel_has_col(pg, pi, LB_COL_owner_changes))
			why_table(pg, pi);
	fputs("</section>\n", f);
}

/* ---- per panel -------------------------------------------------------- */

static void figures(struct page *pg, int pi)
{
	const struct lb_charts *cs = pg->rep->charts;

	for (size_t i = 0; i < cs->n; i++)
		if (cs->c[i].panel == pi)
			lb_html_figure(pg->f, &cs->c[i]);
}

/* A run count cell: good of all, flagged when some did not run ok. */
static void runs_td(FILE *f, const struct lb_case *c)
{
	if (!c) {
		fputs("<td class=\"n\">&mdash;</td>", f);
		return;
	}
	fprintf(f, "<td class=\"n%s\">%zu / %zu</td>", c->ngood < c->nrows ? " bad" : "", c->ngood,
		c->nrows);
}

/* Whether measure name is a time in ns: named for its unit (lat_p99_ns),
 * or for its unit and then which of several it is (xfer_ns_max). */
static bool ns_column(const char *name)
{
	size_t n = strlen(name);

	return (n > 3 && strcmp(name + n - 3, "_ns") == 0) ||
	       (n > 7 && strcmp(name + n - 7, "_ns_max") == 0);
}

static void report_table(struct page *pg, int pi)
{
	const struct lb_results *r = pg->r;
	const struct lb_panel *p = &r->panels[pi];
	FILE *f = pg->f;
	int extra[64], nextra = 0;
	bool flagged = false;

	/* The measures past the common ones that this panel has. */
	for (int m = LB_M_HANDOFFS; m < r->nmeasures && nextra < 64; m++)
		if (panel_has(r, pi, m))
			extra[nextra++] = m;
	fprintf(f, "<table id=\"table-%d\" class=\"data\">\n<tr>", pi + 1);
	if (r->nsides > 1)
		fputs("<th>platform</th>", f);
	/* What the series and the latency columns are: a lock and its wait,
	 * or a WaitGroup and its round or its cancellation. */
	const bool acquire = !p->lat_metric || strcmp(p->lat_metric, "acquire") == 0;
	const char *lat = acquire ? "wait" : strcmp(p->lat_metric, "cancel") == 0 ? "cancel" : "round";
	fprintf(f, "<th>%s</th><th>threads</th><th>runs ok</th><th>ops/s</th><th>CV</th>"
		   "<th>disturbed</th><th>p50 %s</th><th>p99 %s</th><th>max %s</th><th>Jain</th>"
		   "<th>slowest share</th>", acquire ? "lock" : "WaitGroup", lat, lat, lat);
	for (int e = 0; e < nextra; e++) {
		fputs("<th>", f);
		lb_html_esc(f, r->measure[extra[e]]);
		fputs("</th>", f);
	}
	fputs("</tr>\n", f);
	for (int side = 0; side < r->nsides; side++)
		for (int k = 0; k < p->nseries; k++)
			for (int ti = 0; ti < p->nthreads; ti++) {
				const struct lb_case *c = lb_results_cell(r, p, side, k, ti);
				if (!c)
					continue;
				const struct lb_summary *ops = lb_case_get(c, LB_M_OPS);
				const struct lb_summary *mx = lb_case_get(c, LB_M_MAX);
				fputs("<tr>", f);
				if (r->nsides > 1) {
					fputs("<td>", f);
					lb_html_esc(f, side_name(pg, side));
					fputs("</td>", f);
				}
				fputs("<td><code>", f);
				lb_html_esc(f, r->series[p->series[k]].label);
				fprintf(f, "</code></td><td class=\"n\">%d</td>", c->threads);
				runs_td(f, c);
				fprintf(f, "<td class=\"n\">%s</td><td class=\"n\">%s</td>",
					lb_num_si(med(c, LB_M_OPS)).s, ops && ops->n > 1 ? lb_num_pct(ops->cv).s : "NA");
				disturbed_td(pg, c);
				double res = case_clock(pg, c);
				flagged |= lat_td(f, med(c, LB_M_P50), res);
				flagged |= lat_td(f, med(c, LB_M_P99), res);
				flagged |= lat_td(f, mx ? mx->max : NAN, res);
				fprintf(f, "<td class=\"n\">%s</td><td class=\"n\">%s</td>",
					lb_num_g3(med(c, LB_M_JAIN)).s, lb_num_g3(med(c, LB_M_SHARE)).s);
				for (int e = 0; e < nextra; e++) {
					const char *name = r->measure[extra[e]];
					size_t nl = strlen(name);
					bool time = ns_column(name);
					bool rate = nl > 8 && strcmp(name + nl - 8, "_per_sec") == 0;
					bool share = nl > 4 && strcmp(name + nl - 4, "_pct") == 0;
					double v = med(c, extra[e]);
					fprintf(f, "<td class=\"n\">%s</td>",
						time ? lb_num_ns(v).s : rate ? lb_num_si(v).s : share ? lb_num_pct(v / 100).s : lb_num_g3(v).s);
				}
				fputs("</tr>\n", f);
			}
	fputs("</table>\n", f);
	fputs("<p>Medians over the runs that ran ok and verified; max wait is the longest "
	      "over them. Per-operation columns divide by the run's operations.</p>\n", f);
	if (flagged)
		clock_legend(f);
}

/* The compare table: per case, each side's median ops/s (and against its
 * own at 1 thread) and p99 wait, with the ratios to the first side; a p99
 * near either clock's resolution is not held against the other. */
static void compare_table(struct page *pg, int pi)
{
	const struct lb_results *r = pg->r;
	const struct lb_panel *p = &r->panels[pi];
	FILE *f = pg->f;
	bool flagged = false, over = false;

	fprintf(f, "<table id=\"table-%d\" class=\"data compare\">\n<tr><th rowspan=\"2\">lock</th>"
		   "<th rowspan=\"2\">threads</th>", pi + 1);
	for (int side = 0; side < r->nsides; side++) {
		fprintf(f, "<th colspan=\"%d\">", side ? 6 : 4);
		lb_html_esc(f, side_name(pg, side));
		fputs("</th>", f);
	}
	fputs("</tr>\n<tr>", f);
	for (int side = 0; side < r->nsides; side++)
		fprintf(f, "<th>runs ok</th><th>ops/s</th><th>vs 1 thread</th>%s<th>p99 wait</th>%s",
			side ? "<th>ratio</th>" : "", side ? "<th>ratio</th>" : "");
	fputs("</tr>\n", f);
	for (int k = 0; k < p->nseries; k++)
		for (int ti = 0; ti < p->nthreads; ti++) {
			const struct lb_case *base = lb_results_cell(r, p, 0, k, ti);
			bool any = false, oversub = false;
			for (int side = 0; side < r->nsides; side++) {
				const struct lb_case *c = lb_results_cell(r, p, side, k, ti);
				any |= c != NULL;
				oversub |= oversubscribed(pg->t, c);
			}
			if (!any)
				continue;
			over |= oversub;
			fputs("<tr><td><code>", f);
			lb_html_esc(f, r->series[p->series[k]].label);
			fprintf(f, "</code></td><td class=\"n%s\">%d%s</td>", oversub ? " bad" : "",
				p->threads[ti], oversub ? "*" : "");
			double res0 = base ? case_clock(pg, base) : NAN;
			for (int side = 0; side < r->nsides; side++) {
				const struct lb_case *c = lb_results_cell(r, p, side, k, ti);
				runs_td(f, c);
				if (!c) {
					fprintf(f, "%s", side ? "<td class=\"n\">&mdash;</td><td class=\"n\">&mdash;</td>"
								"<td class=\"n\">&mdash;</td><td class=\"n\">&mdash;</td>"
								"<td class=\"n\">&mdash;</td>"
							      : "<td class=\"n\">&mdash;</td><td class=\"n\">&mdash;</td>"
								"<td class=\"n\">&mdash;</td>");
					continue;
				}
				double ops = med(c, LB_M_OPS), p99 = med(c, LB_M_P99);
				double res = case_clock(pg, c);
				fprintf(f, "<td class=\"n\">%s</td><td class=\"n\">%s</td>", lb_num_si(ops).s,
					ratio(ops / med(at_one(r, c, side), LB_M_OPS)).s);
				if (side)
					fprintf(f, "<td class=\"n\">%s</td>",
						base ? ratio(ops / med(base, LB_M_OPS)).s : "&mdash;");
				flagged |= lat_td(f, p99, res);
				if (!side)
					continue;
				double b99 = med(base, LB_M_P99), lim = LB_CLOCK_STEPS * fmax(res0, res);
				if (base && (b99 <= lim || p99 <= lim))
					fputs("<td class=\"n\">below clock resolution</td>", f);
				else
					fprintf(f, "<td class=\"n\">%s</td>",
						base ? ratio(p99 / b99).s : "&mdash;");
			}
			fputs("</tr>\n", f);
		}
	fputs("</table>\n<p>Ratios are to the first platform: above 1 means more operations "
	      "per second, or a longer p99 wait. <em>vs 1 thread</em> is the platform's ops/s "
	      "over its own for the same lock at 1 thread.", f);
	if (over)
		fputs(" <span class=\"warn\">* more threads than PUs on some platform: "
		      "oversubscribed.</span>", f);
	fputs("</p>\n", f);
	if (flagged)
		clock_legend(f);
}

static void panels(struct page *pg)
{
	const struct lb_results *r = pg->r;
	FILE *f = pg->f;

	for (int pi = 0; pi < r->npanels; pi++) {
		const struct lb_panel *p = &r->panels[pi];
		fprintf(f, "<section id=\"panel-%d\" class=\"panel\">\n<h2>%d. ", pi + 1, pi + 1);
		panel_words(f, r, pi);
		fputs("</h2>\n<p>Latency columns time ", f);
		if (p->lat_metric && strcmp(p->lat_metric, "round") == 0)
			fputs("WaitGroup rounds (<code>lat_metric=round</code>).</p>\n", f);
		else if (p->lat_metric && strcmp(p->lat_metric, "cancel") == 0)
			fputs("the group's cancellation, from a task's failure to Wait's return "
			      "(<code>lat_metric=cancel</code>).</p>\n", f);
		else
			fputs("the wait to acquire the lock (<code>lat_metric=acquire</code>).</p>\n", f);
		figures(pg, pi);
		if (pg->rep->compare)
			compare_table(pg, pi);
		else
			report_table(pg, pi);
		fputs("</section>\n", f);
	}
}

int lb_report_write(const struct lb_report *rep, const char *path, char *err, size_t errlen)
{
	struct page pg = { .rep = rep, .r = rep->r, .t = rep->r->t };
	int fd;

	pg.hz = meta_numbers(rep, "kernel_hz", 1e6);
	pg.clock_ns = meta_numbers(rep, "clock_resolution_ns", 1e9);
	if (!pg.hz || !pg.clock_ns) {
		free(pg.hz);
		free(pg.clock_ns);
		return lb_err(err, errlen, "out of memory");
	}
	if ((fd = lb_create(path, true, NULL, err, errlen)) < 0) {
		free(pg.hz);
		free(pg.clock_ns);
		return -1;
	}
	if (!(pg.f = fdopen(fd, "w"))) {
		close(fd);
		free(pg.hz);
		free(pg.clock_ns);
		return lb_err(err, errlen, "cannot write %s: %s", path, strerror(errno));
	}
	head(&pg);
	if (!rep->compare)
		glance(&pg);
	platform_section(&pg);
	findings(&pg);
	failures(&pg);
	if (rep->compare)
		only_some(&pg);
	why_section(&pg);
	panels(&pg);
	fputs("</body>\n</html>\n", pg.f);
	free(pg.hz);
	free(pg.clock_ns);
	return lb_close_whole(pg.f, path, err, errlen);
}
