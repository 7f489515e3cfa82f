/*
 * results.c - cases, panels and series from a results table, and the
 * summary of each measure across repetitions.  See results.h.
 */
#include "harness/results.h"

#include "harness/options.h"
#include "locks/lock.h"
#include "locks/waitgroup.h"

#include <errno.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char *const fixed_measures[LB_M_FIXED] = {
	[LB_M_OPS] = "ops_per_sec",
	[LB_M_P50] = "lat_p50_ns",
	[LB_M_P99] = "lat_p99_ns",
	[LB_M_MAX] = "lat_max_ns",
	[LB_M_JAIN] = "jain",
	[LB_M_SHARE] = "slowest_share",
	[LB_M_HANDOFFS] = "handoffs_per_op",
	[LB_M_STARVE] = "starve_enter_per_op",
};

static bool same(const char *a, const char *b)
{
	return a == b || (a && b && strcmp(a, b) == 0);
}

/* Grow *v (of *n elements of size sz) by one zeroed element; its index,
 * or -1. */
static long grow(void *v, size_t *n, size_t sz)
{
	void **p = v;
	char *nv = realloc(*p, (*n + 1) * sz);
	if (!nv)
		return -1;
	memset(nv + *n * sz, 0, sz);
	*p = nv;
	return (long)(*n)++;
}

static char *dup_printf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

static char *dup_printf(const char *fmt, ...)
{
	va_list ap;
	char *s;

	va_start(ap, fmt);
	if (vasprintf(&s, fmt, ap) < 0)
		s = NULL;
	va_end(ap);
	return s;
}

/* The value of measure m in row: NAN where there is none. */
static double row_measure(const struct lb_results *r, const struct lb_row *row, int m)
{
	const struct lb_table *t = r->t;
	double ops = lb_row_num(t, row, LB_COL_ops);

	switch (m) {
	case LB_M_OPS: return lb_row_num(t, row, LB_COL_ops_per_sec);
	case LB_M_P50: return lb_row_num(t, row, LB_COL_lat_p50_ns);
	case LB_M_P99: return lb_row_num(t, row, LB_COL_lat_p99_ns);
	case LB_M_MAX: return lb_row_num(t, row, LB_COL_lat_max_ns);
	case LB_M_JAIN: return lb_row_num(t, row, LB_COL_jain);
	case LB_M_SHARE:
		return ops > 0 ? lb_row_num(t, row, LB_COL_thread_ops_min) /
				 (ops / lb_row_num(t, row, LB_COL_threads))
			       : NAN;
	case LB_M_HANDOFFS: return ops > 0 ? lb_row_num(t, row, LB_COL_handoffs) / ops : NAN;
	case LB_M_STARVE: return ops > 0 ? lb_row_num(t, row, LB_COL_starve_enter) / ops : NAN;
	default: return lb_row_num(t, row, r->measure_col[m]);
	}
}

static int find_side(struct lb_results *r, const char *name)
{
	for (int i = 0; i < r->nsides; i++)
		if (strcmp(r->sides[i], name) == 0)
			return i;
	size_t n = (size_t)r->nsides;
	long k = grow(&r->sides, &n, sizeof *r->sides);
	if (k < 0 || !(r->sides[k] = strdup(name)))
		return -1;
	r->nsides = (int)n;
	return (int)k;
}

static int find_series(struct lb_results *r, const struct lb_row *row)
{
	const struct lb_table *t = r->t;
	const char *lock = lb_row_str(t, row, LB_COL_lock);
	const char *opts = lb_row_str(t, row, LB_COL_lock_opts);
	const char *wg = lb_row_str(t, row, LB_COL_waitgroup);

	for (int i = 0; i < r->nseries; i++) {
		const struct lb_series *s = &r->series[i];
		if (same(s->lock, lock) && same(s->lock_opts, opts) && same(s->waitgroup, wg))
			return i;
	}
	size_t n = (size_t)r->nseries;
	long k = grow(&r->series, &n, sizeof *r->series);
	if (k < 0)
		return -1;
	struct lb_series *s = &r->series[k];
	/* Named without the options at their defaults (the rows keep all). */
	const struct lb_lock_ops *lops = lock ? lb_lock_find(lock) : NULL;
	char lk[512] = "", wk[512] = "", wname[128];
	if (lock)
		lb_spec_label(lock, opts, lops ? lops->options : NULL, lk, sizeof lk);
	if (wg) { /* NAME or NAME:key=value,... */
		size_t nlen = strcspn(wg, ":");
		snprintf(wname, sizeof wname, "%.*s", (int)nlen, wg);
		const struct lb_wg_ops *wops = lb_wg_find(wname);
		lb_spec_label(wname, wg[nlen] ? wg + nlen + 1 : NULL, wops ? wops->options : NULL, wk,
			      sizeof wk);
	}
	s->lock = lock;
	s->lock_opts = opts;
	s->waitgroup = wg;
	s->label = dup_printf("%s%s%s", wk, wg && lock ? " + " : "", lk);
	r->nseries = (int)n;
	return s->label ? (int)k : -1;
}

static int find_panel(struct lb_results *r, const struct lb_row *row)
{
	const struct lb_table *t = r->t;
	const char *wl = lb_row_str(t, row, LB_COL_workload);
	const char *opts = lb_row_str(t, row, LB_COL_workload_opts);
	const char *pin = lb_row_str(t, row, LB_COL_pin);
	const char *metric = lb_row_str(t, row, LB_COL_lat_metric);

	for (int i = 0; i < r->npanels; i++) {
		struct lb_panel *p = &r->panels[i];
		if (same(p->workload, wl) && same(p->workload_opts, opts) && same(p->pin, pin)) {
			if (!p->lat_metric) /* a failed row has none */
				p->lat_metric = metric;
			return i;
		}
	}
	size_t n = (size_t)r->npanels;
	long k = grow(&r->panels, &n, sizeof *r->panels);
	if (k < 0)
		return -1;
	struct lb_panel *p = &r->panels[k];
	p->workload = wl;
	p->workload_opts = opts;
	p->pin = pin;
	p->lat_metric = metric;
	p->label = dup_printf("%s(%s), pin %s", wl, opts ? opts : "", pin);
	r->npanels = (int)n;
	return p->label ? (int)k : -1;
}

static long find_case(struct lb_results *r, int side, int panel, int series, int threads)
{
	for (size_t i = r->ncases; i-- > 0;) {
		const struct lb_case *c = &r->cases[i];
		if (c->side == side && c->panel == panel && c->series == series &&
		    c->threads == threads)
			return (long)i;
	}
	long k = grow(&r->cases, &r->ncases, sizeof *r->cases);
	if (k < 0)
		return -1;
	r->cases[k].side = side;
	r->cases[k].panel = panel;
	r->cases[k].series = series;
	r->cases[k].threads = threads;
	return k;
}

static int cmp_int(const void *a, const void *b)
{
	int x = *(const int *)a, y = *(const int *)b;
	return (x > y) - (x < y);
}

/* A panel's series (first seen first), thread counts and cells. */
static int arrange(struct lb_results *r, int pi)
{
	struct lb_panel *p = &r->panels[pi];
	size_t ns = 0, nt = 0;

	for (size_t i = 0; i < r->ncases; i++) {
		const struct lb_case *c = &r->cases[i];
		if (c->panel != pi)
			continue;
		bool seen = false;
		for (size_t k = 0; k < ns; k++)
			seen |= p->series[k] == c->series;
		if (!seen) {
			long k = grow(&p->series, &ns, sizeof *p->series);
			if (k < 0)
				return -1;
			p->series[k] = c->series;
		}
		seen = false;
		for (size_t k = 0; k < nt; k++)
			seen |= p->threads[k] == c->threads;
		if (!seen) {
			long k = grow(&p->threads, &nt, sizeof *p->threads);
			if (k < 0)
				return -1;
			p->threads[k] = c->threads;
		}
	}
	p->nseries = (int)ns;
	p->nthreads = (int)nt;
	qsort(p->threads, nt, sizeof *p->threads, cmp_int);
	size_t ncell = (size_t)r->nsides * ns * nt;
	if (!(p->cell = malloc((ncell ? ncell : 1) * sizeof *p->cell)))
		return -1;
	for (size_t i = 0; i < ncell; i++)
		p->cell[i] = -1;
	for (size_t i = 0; i < r->ncases; i++) {
		const struct lb_case *c = &r->cases[i];
		if (c->panel != pi)
			continue;
		int k, ti;
		lb_panel_index(p, c->series, c->threads, &k, &ti);
		p->cell[((size_t)c->side * ns + (size_t)k) * nt + (size_t)ti] = (long)i;
	}
	return 0;
}

/* The summaries of case c. */
static int summarize(struct lb_results *r, struct lb_case *c)
{
	double *x = malloc((c->nrows ? c->nrows : 1) * sizeof *x);

	c->m = calloc((size_t)r->nmeasures, sizeof *c->m);
	if (!x || !c->m) {
		free(x);
		return -1;
	}
	for (int m = 0; m < r->nmeasures; m++) {
		size_t n = 0;
		for (size_t i = 0; i < c->nrows; i++) {
			const struct lb_row *row = &r->t->rows[c->rows[i]];
			double v;
			if (lb_row_good(r->t, row) && !isnan(v = row_measure(r, row, m)))
				x[n++] = v;
		}
		if (n && lb_summarize(x, n, &c->m[m]) < 0) {
			free(x);
			return -1;
		}
	}
	free(x);
	return 0;
}

static int measures(struct lb_results *r)
{
	const struct lb_table *t = r->t;
	size_t n = 0;

	for (int m = 0; m < LB_M_FIXED; m++) {
		long k = grow(&r->measure, &n, sizeof *r->measure);
		if (k < 0 || !(r->measure[k] = strdup(fixed_measures[m])))
			return -1;
	}
	for (int c = LB_COL_verified + 1; c < t->ncols; c++) {
		if (!lb_table_numeric(t, c))
			continue;
		long k = grow(&r->measure, &n, sizeof *r->measure);
		if (k < 0 || !(r->measure[k] = strdup(t->cols[c])))
			return -1;
	}
	r->nmeasures = (int)n;
	if (!(r->measure_col = malloc(n * sizeof *r->measure_col)))
		return -1;
	for (int m = 0; m < r->nmeasures; m++)
		r->measure_col[m] = m < LB_M_FIXED ? -1 : lb_table_col(t, r->measure[m]);
	return 0;
}

/* The key of row's side. */
static const char *side_key(const struct lb_table *t, const struct lb_row *row,
			    enum lb_side_by by)
{
	switch (by) {
	case LB_SIDE_FILE: return t->files[row->file].path;
	case LB_SIDE_RUN: return lb_row_text(t, row, LB_COL_run_id);
	default: return lb_row_text(t, row, LB_COL_platform);
	}
}

/* Sides that are runs: the platform's name where it ran one run.  Each
 * side's platform is its first row's, found in one pass over the rows;
 * then each is counted against the others. */
static int name_runs(struct lb_results *r)
{
	const struct lb_table *t = r->t;
	const char **plat = calloc((size_t)r->nsides + 1, sizeof *plat);

	if (!plat)
		return -1;
	for (size_t i = 0; i < t->nrows; i++)
		if (!plat[r->row_side[i]])
			plat[r->row_side[i]] = lb_row_text(t, &t->rows[i], LB_COL_platform);
	for (int s = 0; s < r->nsides; s++) {
		int runs = 0;
		for (int o = 0; o < r->nsides && runs < 2; o++)
			runs += plat[o] && plat[s] && strcmp(plat[o], plat[s]) == 0;
		if (runs == 1) {
			char *name = strdup(plat[s]);
			if (!name) {
				free(plat);
				return -1;
			}
			free(r->sides[s]);
			r->sides[s] = name;
		}
	}
	free(plat);
	return 0;
}

int lb_results_build(const struct lb_table *t, enum lb_side_by by, struct lb_results *r,
		     char *err, size_t errlen)
{
	memset(r, 0, sizeof *r);
	r->t = t;
	if (measures(r) < 0 || !(r->row_side = malloc((t->nrows ? t->nrows : 1) * sizeof(int))))
		goto oom;
	for (size_t i = 0; i < t->nrows; i++) {
		const struct lb_row *row = &t->rows[i];
		int s = find_side(r, side_key(t, row, by)), k = find_series(r, row);
		int p = find_panel(r, row);
		long c = s < 0 || k < 0 || p < 0 ? -1
			 : find_case(r, s, p, k, (int)lb_row_num(t, row, LB_COL_threads));
		if (c < 0 || grow(&r->cases[c].rows, &r->cases[c].nrows, sizeof(size_t)) < 0)
			goto oom;
		r->cases[c].rows[r->cases[c].nrows - 1] = i;
		r->cases[c].ngood += lb_row_good(t, row);
		r->row_side[i] = s;
	}
	if (by == LB_SIDE_RUN && name_runs(r) < 0)
		goto oom;
	for (size_t i = 0; i < r->ncases; i++)
		if (summarize(r, &r->cases[i]) < 0)
			goto oom;
	for (int p = 0; p < r->npanels; p++)
		if (arrange(r, p) < 0)
			goto oom;
	return 0;
oom:
	snprintf(err, errlen, "out of memory grouping %zu rows", t->nrows);
	lb_results_free(r);
	return -1;
}

void lb_results_free(struct lb_results *r)
{
	for (int i = 0; i < r->nmeasures; i++)
		free(r->measure[i]);
	for (size_t i = 0; i < r->ncases; i++) {
		free(r->cases[i].rows);
		free(r->cases[i].m);
	}
	for (int i = 0; i < r->nsides; i++)
		free(r->sides[i]);
	for (int i = 0; i < r->nseries; i++)
		free(r->series[i].label);
	for (int i = 0; i < r->npanels; i++) {
		free(r->panels[i].label);
		free(r->panels[i].series);
		free(r->panels[i].threads);
		free(r->panels[i].cell);
	}
	free(r->measure);
	free(r->measure_col);
	free(r->row_side);
	free(r->cases);
	free(r->sides);
	free(r->series);
	free(r->panels);
	memset(r, 0, sizeof *r);
}

int lb_panel_index(const struct lb_panel *p, int s, int t, int *k, int *ti)
{
	for (*k = 0; *k < p->nseries && p->series[*k] != s; (*k)++)
		;
	for (*ti = 0; *ti < p->nthreads && p->threads[*ti] != t; (*ti)++)
		;
	return *k < p->nseries && *ti < p->nthreads ? 0 : -1;
}

const struct lb_case *lb_results_cell(const struct lb_results *r, const struct lb_panel *p,
				      int side, int k, int ti)
{
	if (side < 0 || side >= r->nsides || k < 0 || k >= p->nseries || ti < 0 ||
	    ti >= p->nthreads)
		return NULL;
	long c = p->cell[((size_t)side * (size_t)p->nseries + (size_t)k) * (size_t)p->nthreads +
			 (size_t)ti];
	return c < 0 ? NULL : &r->cases[c];
}

const struct lb_summary *lb_case_get(const struct lb_case *c, int m)
{
	return c && m >= 0 && c->m[m].n ? &c->m[m] : NULL;
}

int lb_results_measure(const struct lb_results *r, const char *name)
{
	for (int m = 0; m < r->nmeasures; m++)
		if (strcmp(r->measure[m], name) == 0)
			return m;
	return -1;
}

/* The values of measure m in case c's good rows into x (room for
 * c->nrows), with each one's row in row: how many. */
static size_t good_values(const struct lb_results *r, const struct lb_case *c, int m, double *x,
			  const struct lb_row **row)
{
	size_t n = 0;

	for (size_t i = 0; i < c->nrows; i++) {
		const struct lb_row *w = &r->t->rows[c->rows[i]];
		double v;
		if (lb_row_good(r->t, w) && !isnan(v = row_measure(r, w, m))) {
			row[n] = w;
			x[n++] = v;
		}
	}
	return n;
}

int lb_case_versus(const struct lb_results *r, const struct lb_case *a, const struct lb_case *b,
		   int m, struct lb_versus *out)
{
	const struct lb_table *t = r->t;
	size_t cap = a->nrows + b->nrows + 1;
	double *x = malloc(cap * sizeof *x), *q = malloc(cap * sizeof *q);
	const struct lb_row **row = malloc(cap * sizeof *row);
	int rc = -1;

	memset(out, 0, sizeof *out);
	out->ratio = out->mwu.p = out->min_p = NAN;
	if (!x || !q || !row) {
		errno = ENOMEM;
		goto out;
	}
	/* x: a's values then b's; row: their rows. */
	out->na = good_values(r, a, m, x, row);
	out->nb = good_values(r, b, m, x + out->na, row + out->na);
	for (size_t i = 0; i < out->na; i++)
		for (size_t j = out->na; j < out->na + out->nb; j++) {
			if (strcmp(lb_row_text(t, row[i], LB_COL_run_id),
				   lb_row_text(t, row[j], LB_COL_run_id)) != 0 ||
			    lb_row_num(t, row[i], LB_COL_rep) != lb_row_num(t, row[j], LB_COL_rep) ||
			    !(x[j] != 0))
				continue;
			q[out->rounds++] = x[i] / x[j];
			out->a_above += x[i] > x[j];
			out->b_above += x[i] < x[j];
			break;
		}
	struct lb_summary s;
	if (out->rounds) {
		if (lb_summarize(q, out->rounds, &s) < 0)
			goto out;
		out->ratio = s.median;
	} else {
		out->ratio = lb_case_get(a, m) && lb_case_get(b, m)
			? lb_case_get(a, m)->median / lb_case_get(b, m)->median : NAN;
	}
	if (out->na && out->nb) {
		if (lb_mann_whitney(x, out->na, x + out->na, out->nb, &out->mwu) < 0)
			goto out;
		out->min_p = lb_mwu_min_p(out->na, out->nb);
	}
	rc = 0;
out:
	free(x);
	free(q);
	free(row);
	return rc;
}

bool lb_opts_next(const char **p, const char **item, size_t *n, size_t *klen)
{
	const char *s = *p;

	if (!s || !*s)
		return false;
	*item = s;
	*n = strcspn(s, ",");
	const char *eq = memchr(s, '=', *n);
	*klen = eq ? (size_t)(eq - s) : *n;
	*p = s[*n] ? s + *n + 1 : s + *n;
	return true;
}

static bool is_key(const char *item, size_t klen, const char *key)
{
	return klen == strlen(key) && strncmp(item, key, klen) == 0;
}

int lb_opts_get(const char *opts, const char *key, char *buf, size_t len)
{
	const char *p = opts, *item;
	size_t n, klen;

	while (lb_opts_next(&p, &item, &n, &klen))
		if (is_key(item, klen, key) && klen < n) {
			snprintf(buf, len, "%.*s", (int)(n - klen - 1), item + klen + 1);
			return 0;
		}
	return -1;
}

void lb_opts_drop(const char *opts, const char *key, char *buf, size_t len)
{
	const char *p = opts, *item;
	size_t n, klen, used = 0;

	buf[0] = '\0';
	while (lb_opts_next(&p, &item, &n, &klen))
		if (!is_key(item, klen, key) && used < len)
			used += (size_t)snprintf(buf + used, len - used, "%s%.*s", used ? "," : "",
						 (int)n, item);
}
