/*
 * charts.c - chart scripts and gnuplot.  See charts.h.
 *
 * A chart is built as data first: its x axis (points, each a panel and a
 * thread count, so that one code path serves charts against threads and
 * against cs_ns), its lines (a side and a series each), and its columns
 * (a measure and a statistic each).  The script is then the style, the
 * variables and the datablock written from those, and the template.  A
 * chart none of whose lines has a value in some column it draws is left
 * out: gnuplot refuses a panel with no point at all.
 */
#include "harness/charts.h"

#include <ctype.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <signal.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "config.h"
#include "harness/csvread.h"
#include "harness/files.h"
#include "harness/options.h"
#include "harness/setting.h"

#ifndef LB_PLOTSDIR
#error "LB_PLOTSDIR, LB_SRC_PLOTSDIR and LB_BUILDDIR come from Makefile.am"
#endif

/* ---- finding templates and gnuplot ------------------------------------ */

static bool has_style(const char *dir)
{
	char p[PATH_MAX], err[LB_ERR_LEN];
	return lb_path(p, sizeof p, err, sizeof err, "%s/style.gp", dir) == 0 &&
	       access(p, R_OK) == 0;
}

bool lb_in_build_tree(void)
{
	char exe[PATH_MAX], build[PATH_MAX];
	ssize_t n = readlink("/proc/self/exe", exe, sizeof exe - 1);

	if (n <= 0 || !realpath(LB_BUILDDIR, build))
		return false;
	exe[n] = '\0';
	char *slash = strrchr(exe, '/');
	if (!slash)
		return false;
	*slash = '\0';
	return strcmp(exe, build) == 0;
}

int lb_plots_dir(char *buf, size_t len, char *err, size_t errlen)
{
	const char *env = getenv("LOCKBENCH_PLOTS");

	if (env && env[0]) {
		if (lb_path(buf, len, err, errlen, "%s", env) < 0)
			return -1;
		if (!has_style(buf))
			return lb_err(err, errlen, "LOCKBENCH_PLOTS=%s: no style.gp there", env);
		return 0;
	}
	snprintf(buf, len, "%s", lb_in_build_tree() ? LB_SRC_PLOTSDIR : LB_PLOTSDIR);
	if (!has_style(buf))
		return lb_err(err, errlen, "the chart templates are not in %s (no style.gp): "
			    "install lockbench, or set LOCKBENCH_PLOTS to the folder that holds "
			    "them", buf);
	return 0;
}

int lb_gnuplot_find(char *buf, size_t len)
{
	const char *path = getenv("PATH");
	char *copy = strdup(path && path[0] ? path : "/usr/bin:/bin");
	int rc = -1;

	if (!copy)
		return -1;
	for (char *save, *d = strtok_r(copy, ":", &save); d; d = strtok_r(NULL, ":", &save)) {
		char p[PATH_MAX], full[PATH_MAX], why[LB_ERR_LEN];
		if (lb_path(p, sizeof p, why, sizeof why, "%s/gnuplot", d[0] ? d : ".") < 0)
			continue;
		/* Absolute, as gnuplot runs in the charts' folder (run_gnuplot). */
		if (access(p, X_OK) == 0 && (p[0] == '/' || realpath(p, full))) {
			rc = lb_path(buf, len, why, sizeof why, "%s", p[0] == '/' ? p : full);
			break;
		}
	}
	free(copy);
	return rc;
}

/* ---- text helpers ----------------------------------------------------- */

/* A chart template: a file of the plots folder, read as any file is. */
static char *read_text(const char *dir, const char *name, char *err, size_t errlen)
{
	char p[PATH_MAX], *text;
	size_t len;

	if (lb_path(p, sizeof p, err, errlen, "%s/%s", dir, name) < 0 ||
	    lb_read_text(p, LB_READ_MAX_SIDECAR, &text, &len, err, errlen) < 0)
		return NULL;
	return text;
}

/*
 * Text from the results in a script.  Everything a results file says (a
 * column's name, a lock's options, a platform, a file name) reaches a
 * script through these two, and only as one line of plain text: its
 * control characters made visible (lb_visible), so that no line break can
 * end a string, a comment or the datablock early.
 *
 *   lb_gp_str   a string constant: single quotes, in which gnuplot
 *               expands nothing (no backslash escapes, no `command`, no
 *               @macro), with a quote doubled;
 *   lb_gp_comment  the text of a comment line ("# " before it).
 *
 * The datablock itself holds numbers and such comments only, and
 * lb_gp_check holds every script to that before it is written.
 */
static char *visible_dup(const char *s)
{
	size_t n = s ? 4 * strlen(s) + 1 : 1;
	char *v = malloc(n);
	return v ? lb_visible(v, n, s ? s : "") : NULL;
}

void lb_gp_str(FILE *f, const char *s)
{
	char *v = visible_dup(s);

	putc('\'', f);
	for (const char *c = v ? v : ""; *c; c++)
		fputs(*c == '\'' ? "''" : (char[2]){ *c, 0 }, f);
	putc('\'', f);
	free(v);
}

void lb_gp_comment(FILE *f, const char *s)
{
	char *v = visible_dup(s);

	fputs(v ? v : "", f);
	free(v);
}

/* A title: its lines as strings joined by a line break of the script's
 * own ("\n" in double quotes, the one place a script writes one). */
static void gp_title(FILE *f, char *const *lines, int n)
{
	for (int i = 0; i < n; i++) {
		if (i)
			fputs(" . \"\\n\" . ", f);
		lb_gp_str(f, lines[i]);
	}
}

void lb_gp_num(FILE *f, double v)
{
	if (isnan(v))
		fputs("NA", f);
	else
		fprintf(f, "%.10g", v);
}

/* "01-getset": the panel's number and its workload, safe in a file name. */
static void stem(char *buf, size_t len, int panel, const char *workload)
{
	int n = snprintf(buf, len, "%02d-", panel + 1);
	for (const char *s = workload; s && *s && (size_t)n + 1 < len; s++)
		buf[n++] = (isalnum((unsigned char)*s) || *s == '-' || *s == '_') ? *s : '-';
	buf[n] = '\0';
}

/* ---- chart data ------------------------------------------------------- */

enum statistic { ST_MED, ST_MIN, ST_MAX, ST_N };

static const char *const stat_names[] = { "median", "min", "max", "n" };

struct col {
	int m;         /* measure */
	enum statistic st;
	bool optional; /* may have no value at all (the template checks) */
};

/* Points of the x axis: a panel and a thread count each. */
struct xaxis {
	int n;
	double *x;
	char **label;
	int *panel, *threads;
	bool log;
	const char *name; /* the axis label */
	const char *col;  /* the x column's name in the datablock */
};

#define LB_LINETYPES 16 /* the line types plots/style.gp defines */

struct line {
	int side, series;
	int lt;
	char *label;
};

struct chart {
	const struct lb_results *r;
	struct xaxis ax;
	struct line *lines;
	int nlines;
	const struct col *cols;
	int ncols;
	int key;      /* the column whose value makes a line worth drawing */
	bool compare; /* lines per (lock, platform): the legend is the platforms */
};

static void chart_free(struct chart *c)
{
	for (int i = 0; i < c->ax.n; i++)
		free(c->ax.label[i]);
	free(c->ax.x);
	free(c->ax.label);
	free(c->ax.panel);
	free(c->ax.threads);
	for (int i = 0; i < c->nlines; i++)
		free(c->lines[i].label);
	free(c->lines);
	memset(c, 0, sizeof *c);
}

static int ax_alloc(struct xaxis *ax, int n)
{
	ax->n = n;
	ax->x = calloc((size_t)n + 1, sizeof *ax->x);
	ax->label = calloc((size_t)n + 1, sizeof *ax->label);
	ax->panel = calloc((size_t)n + 1, sizeof *ax->panel);
	ax->threads = calloc((size_t)n + 1, sizeof *ax->threads);
	return ax->x && ax->label && ax->panel && ax->threads ? 0 : -1;
}

/* x = the thread counts of panel p. */
static int ax_threads(struct xaxis *ax, const struct lb_panel *p, int pi)
{
	if (ax_alloc(ax, p->nthreads) < 0)
		return -1;
	ax->log = true;
	ax->name = "threads";
	ax->col = "threads";
	for (int i = 0; i < p->nthreads; i++) {
		ax->x[i] = p->threads[i];
		ax->panel[i] = pi;
		ax->threads[i] = p->threads[i];
		if (asprintf(&ax->label[i], "%d", p->threads[i]) < 0)
			return ax->label[i] = NULL, -1;
	}
	return 0;
}

/* The case at side, panel pi, global series s and thread count t. */
static const struct lb_case *find(const struct lb_results *r, int side, int pi, int s, int t)
{
	const struct lb_panel *p = &r->panels[pi];
	int k, ti;

	lb_panel_index(p, s, t, &k, &ti);
	return lb_results_cell(r, p, side, k, ti);
}

/* Case cs's value in chart c's column k.  A time in ns (a wait, a round)
 * is drawn on a log axis in every chart, where a value not above 0 has no
 * place: it is not drawn (a line or a chart with no other value is left
 * out, as where the rows have none). */
static double value(const struct chart *c, const struct lb_case *cs, int k)
{
	const struct col col = c->cols[k];
	const struct lb_summary *s = lb_case_get(cs, col.m);
	const char *name = c->r->measure[col.m];
	size_t len = strlen(name);
	double v;

	if (!s)
		return NAN;
	switch (col.st) {
	case ST_MED: v = s->median; break;
	case ST_MIN: v = s->min; break;
	case ST_MAX: v = s->max; break;
	default: return (double)s->n;
	}
	return len > 3 && strcmp(name + len - 3, "_ns") == 0 && !(v > 0) ? NAN : v;
}

static const struct lb_case *point(const struct chart *c, const struct line *l, int i)
{
	return find(c->r, l->side, c->ax.panel[i], l->series, c->ax.threads[i]);
}

/* Whether line l has a value in column k anywhere on the axis. */
static bool has_value(const struct chart *c, const struct line *l, int k)
{
	for (int i = 0; i < c->ax.n; i++)
		if (!isnan(value(c, point(c, l, i), k)))
			return true;
	return false;
}

/* Add the line (side, series) when it has a value in the key column, or
 * always. */
static int add_line(struct chart *c, int side, int series, bool always)
{
	const struct lb_results *r = c->r;
	struct line l = { .side = side, .series = series };

	if (!always && !has_value(c, &l, c->key))
		return 0;
	struct line *nl = realloc(c->lines, (size_t)(c->nlines + 1) * sizeof *nl);
	if (!nl)
		return -1;
	c->lines = nl;
	/* A lock keeps its line type on every chart while the results have
	 * no more series than plots/style.gp has line types; beyond that,
	 * the lines of each chart take them in turn, so that no two lines
	 * of one chart look alike. */
	l.lt = r->nsides * r->nseries <= LB_LINETYPES ? side * r->nseries + series + 1
						      : c->nlines + 1;
	if (r->nsides > 1 ? asprintf(&l.label, "%s: %s", r->sides[side],
				     r->series[series].label) < 0
			  : !(l.label = strdup(r->series[series].label)))
		return -1;
	c->lines[c->nlines++] = l;
	return 0;
}

/* The lines of panel pi (each side, each series, where there is data). */
static int add_panel_lines(struct chart *c, int pi)
{
	const struct lb_panel *p = &c->r->panels[pi];

	for (int side = 0; side < c->r->nsides; side++)
		for (int k = 0; k < p->nseries; k++)
			if (add_line(c, side, p->series[k], false) < 0)
				return -1;
	return 0;
}

/* Whether every column that is not optional has a value on some line. */
static bool drawable(const struct chart *c)
{
	if (c->nlines == 0)
		return false;
	for (int k = 0; k < c->ncols; k++) {
		bool any = c->cols[k].optional;
		for (int i = 0; i < c->nlines && !any; i++)
			any = has_value(c, &c->lines[i], k);
		if (!any)
			return false;
	}
	return true;
}

/* One datablock line per point of line l that has a case with good rows;
 * a block with none gets an empty point, so that block numbers hold. */
static void block(FILE *f, const struct chart *c, const struct line *l)
{
	int rows = 0;

	fputs("# ", f);
	lb_gp_comment(f, l->label);
	fprintf(f, "\n# %s", c->ax.col);
	for (int k = 0; k < c->ncols; k++) {
		putc(' ', f);
		lb_gp_comment(f, c->r->measure[c->cols[k].m]);
		fprintf(f, ".%s", stat_names[c->cols[k].st]);
	}
	putc('\n', f);
	for (int i = 0; i < c->ax.n; i++) {
		const struct lb_case *pc = point(c, l, i);
		if (!pc || pc->ngood == 0)
			continue;
		lb_gp_num(f, c->ax.x[i]);
		for (int k = 0; k < c->ncols; k++) {
			putc(' ', f);
			lb_gp_num(f, value(c, pc, k));
		}
		putc('\n', f);
		rows++;
	}
	if (rows == 0) {
		lb_gp_num(f, c->ax.x[0]);
		for (int k = 0; k < c->ncols; k++)
			fputs(" NA", f);
		putc('\n', f);
	}
}

static void gp_array_str(FILE *f, const char *name, char *const *v, size_t stride, int n)
{
	fprintf(f, "array %s[%d] = [", name, n);
	for (int i = 0; i < n; i++) {
		if (i)
			fputs(", ", f);
		lb_gp_str(f, *(char *const *)((const char *)v + (size_t)i * stride));
	}
	fputs("]\n", f);
}

/* The fewest PUs that the rows of the chart's cases name (the machine's,
 * or across platforms the smallest), and where on a threads axis the
 * counts above them begin: halfway, on the log axis, between the last
 * count within and the first beyond; 0 when no count is beyond, or the
 * axis is not threads. */
static double oversub_x(const struct chart *c, int *pus)
{
	const struct lb_results *r = c->r;
	double fewest = INFINITY, last = 0, first = 0;

	*pus = 0;
	if (strcmp(c->ax.col, "threads") != 0)
		return 0;
	for (size_t i = 0; i < r->ncases; i++) {
		if (r->cases[i].panel != c->ax.panel[0])
			continue;
		for (size_t k = 0; k < r->cases[i].nrows; k++) {
			double v = lb_row_num(r->t, &r->t->rows[r->cases[i].rows[k]], LB_COL_pus);
			if (v >= 1 && v < fewest)
				fewest = v;
		}
	}
	if (!isfinite(fewest))
		return 0;
	for (int i = 0; i < c->ax.n; i++) {
		if (c->ax.x[i] <= fewest)
			last = c->ax.x[i];
		else if (!first)
			first = c->ax.x[i];
	}
	*pus = (int)fewest;
	return first ? (last ? sqrt(last * first) : first / 1.25) : 0;
}

/* The data section: the variables of style.gp, extra (the kind's own),
 * and the datablock. */
static void data_section(FILE *f, const char *name, char *const *title, const struct chart *c,
			 const char *extra)
{
	const struct xaxis *ax = &c->ax;
	double lo = ax->x[0], hi = ax->x[ax->n - 1];

	fprintf(f, "lb_out = ");
	lb_gp_str(f, name);
	fprintf(f, "\nlb_title = ");
	gp_title(f, title, 2);
	fprintf(f, "\nlb_xlabel = ");
	lb_gp_str(f, ax->name);
	fprintf(f, "\nlb_xlog = %d\n", ax->log);
	int pus;
	double edge = oversub_x(c, &pus);
	fprintf(f, "lb_pus = %d\nlb_oversub_x = %.6g\n", pus, edge);
	if (ax->log)
		fprintf(f, "lb_xmin = %.6g\nlb_xmax = %.6g\n", lo / 1.25, hi * 1.25);
	else
		fprintf(f, "lb_xmin = %.6g\nlb_xmax = %.6g\n", lo - 0.3, hi + 0.3);
	fprintf(f, "array lb_xtics[%d] = [", ax->n);
	for (int i = 0; i < ax->n; i++) {
		fputs(i ? ", " : "", f);
		lb_gp_num(f, ax->x[i]);
	}
	fputs("]\n", f);
	gp_array_str(f, "lb_xticlabels", ax->label, sizeof *ax->label, ax->n);
	if (!c->compare) {
		gp_array_str(f, "lb_series", &c->lines[0].label, sizeof *c->lines, c->nlines);
		fprintf(f, "array lb_lt[%d] = [", c->nlines);
		for (int i = 0; i < c->nlines; i++)
			fprintf(f, "%s%d", i ? ", " : "", c->lines[i].lt);
		fputs("]\n", f);
	}
	fputs(extra ? extra : "", f);
	fputs("$data << EOD\n", f);
	for (int i = 0; i < c->nlines; i++) {
		if (i)
			fputs("\n\n", f);
		block(f, c, &c->lines[i]);
	}
	fputs("EOD\n", f);
}

/* ---- the chart list --------------------------------------------------- */

struct build {
	const struct lb_results *r;
	const char *dir, *origin;
	struct lb_charts *out;
	char *err;
	size_t errlen;
};

int lb_chart_add(struct lb_charts *out, const char *plots_dir, const char *name,
		 const char *kind, int panel, const char *caption, const char *origin,
		 const char *what, const char *data, char *err, size_t errlen)
{
	char tname[64];
	char *style, *tmpl = NULL, *script = NULL;
	size_t len = 0;
	FILE *f = NULL;

	snprintf(tname, sizeof tname, "%s.gp", kind);
	if (!(style = read_text(plots_dir, "style.gp", err, errlen)) ||
	    !(tmpl = read_text(plots_dir, tname, err, errlen)))
		goto fail;
	if (!(f = open_memstream(&script, &len))) {
		lb_err(err, errlen, "out of memory");
		goto fail;
	}
	fprintf(f, "# %s.gp - ", name);
	lb_gp_comment(f, caption);
	fprintf(f, "\n# Drawn by lockbench %s from ", PACKAGE_VERSION);
	lb_gp_comment(f, origin);
	fprintf(f, ",\n# %s.  `gnuplot %s.gp` draws %s.png and\n"
		   "# %s.svg in the current directory; edit the data or the settings and run "
		   "it again.\n\n# ---- style: plots/style.gp ----\n%s\n# ---- data ----\n%s",
		what, name, name, name, style, data);
	fprintf(f, "# ---- chart: plots/%s ----\n%s", tname, tmpl);
	if (fclose(f) != 0) {
		f = NULL;
		lb_err(err, errlen, "out of memory");
		goto fail;
	}
	f = NULL;
	if (lb_gp_check(script, err, errlen) < 0) {
		char why[LB_ERR_LEN];
		snprintf(why, sizeof why, "%s", err);
		lb_err(err, errlen, "chart %s: %s", name, why);
		goto fail;
	}
	struct lb_chart *nc = realloc(out->c, (out->n + 1) * sizeof *nc);
	if (nc)
		out->c = nc;
	char *cap = nc ? strdup(caption) : NULL;
	if (!cap) {
		lb_err(err, errlen, "out of memory");
		goto fail;
	}
	struct lb_chart *ch = &nc[out->n++];
	memset(ch, 0, sizeof *ch);
	snprintf(ch->name, sizeof ch->name, "%s", name);
	snprintf(ch->kind, sizeof ch->kind, "%s", kind);
	ch->panel = panel;
	ch->caption = cap;
	ch->script = script;
	free(style);
	free(tmpl);
	return 0;
fail:
	if (f)
		fclose(f);
	free(script);
	free(style);
	free(tmpl);
	return -1;
}

/* Chart c as NAME.gp of kind: its data section, then lb_chart_add. */
static int emit(struct build *b, const char *name, const char *kind, int panel,
		const char *caption, char *const *title, const struct chart *c, const char *extra)
{
	char *data = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&data, &len);

	if (!f)
		return lb_err(b->err, b->errlen, "out of memory");
	data_section(f, name, title, c, extra);
	if (fclose(f) != 0) {
		free(data);
		return lb_err(b->err, b->errlen, "out of memory");
	}
	int rc = lb_chart_add(b->out, b->dir, name, kind, panel, caption, b->origin,
			      "rows that ran ok and verified only", data, b->err, b->errlen);
	free(data);
	return rc;
}

/* Title lines: "WHAT: SETTING" and "pin compact, platform X". */
static int title_of(const struct lb_results *r, const char *what, const char *setting,
		    const struct lb_panel *p, const char *more, char *t[2])
{
	if (asprintf(&t[0], "%s: %s", what, setting) < 0)
		return t[0] = NULL, -1;
	if (asprintf(&t[1], "pin %s%s%s%s%s", p->pin, r->nsides == 1 ? ", platform " : "",
		     r->nsides == 1 ? r->sides[0] : "", more ? ", " : "", more ? more : "") < 0)
		return t[1] = NULL, -1;
	return 0;
}

/* One chart of panel pi against threads: kind, with cols. */
static int panel_chart(struct build *b, int pi, const char *kind, const char *what,
		       const struct col *cols, int ncols, int key, const char *extra)
{
	const struct lb_results *r = b->r;
	const struct lb_panel *p = &r->panels[pi];
	struct chart c = { .r = r, .cols = cols, .ncols = ncols, .key = key };
	char name[160], st[96], *title[2] = { NULL, NULL }, *caption = NULL;
	int rc = -1;

	if (ax_threads(&c.ax, p, pi) < 0 || add_panel_lines(&c, pi) < 0) {
		lb_err(b->err, b->errlen, "out of memory");
		goto out;
	}
	rc = 0;
	if (!drawable(&c))
		goto out;
	stem(st, sizeof st, pi, p->workload);
	snprintf(name, sizeof name, "%s-%s", st, kind);
	char words[512];
	lb_setting_words(r, pi, words, sizeof words);
	if (title_of(r, what, words, p, NULL, title) < 0 ||
	    asprintf(&caption, "%s: %s", what, words) < 0) {
		caption = NULL;
		rc = lb_err(b->err, b->errlen, "out of memory");
		goto out;
	}
	rc = emit(b, name, kind, pi, caption, title, &c, extra);
out:
	free(title[0]);
	free(title[1]);
	free(caption);
	chart_free(&c);
	return rc;
}

static const struct col throughput_cols[] = {
	{ LB_M_OPS, ST_MED, false }, { LB_M_OPS, ST_MIN, false }, { LB_M_OPS, ST_MAX, false },
	{ LB_M_OPS, ST_N, false },
};
static const struct col wait_cols[] = {
	{ LB_M_P99, ST_MED, false }, { LB_M_P99, ST_MIN, false }, { LB_M_P99, ST_MAX, false },
	{ LB_M_MAX, ST_MAX, false },
};
static const struct col fairness_cols[] = {
	{ LB_M_JAIN, ST_MED, false }, { LB_M_JAIN, ST_MIN, false }, { LB_M_JAIN, ST_MAX, false },
	{ LB_M_SHARE, ST_MED, false }, { LB_M_SHARE, ST_MIN, false }, { LB_M_SHARE, ST_MAX, false },
};
static const struct col starvation_cols[] = {
	{ LB_M_OPS, ST_MED, false }, { LB_M_OPS, ST_MIN, false }, { LB_M_OPS, ST_MAX, false },
	{ LB_M_P99, ST_MED, false }, { LB_M_HANDOFFS, ST_MED, false },
	{ LB_M_STARVE, ST_MED, false }, { LB_M_SHARE, ST_MED, false },
};
/* Only locks that count hand-overs get a line. */
#define STARVATION_KEY 4
#define STARVATION_NCOLS 7

/* Whether some line of panel pi has a value in column key of cols (a
 * column that no row fills draws no line, and older files lack some):
 * 1 or 0, or -1 out of memory. */
static int panel_has(const struct lb_results *r, int pi, const struct col *cols, int ncols,
		     int key)
{
	struct chart c = { .r = r, .cols = cols, .ncols = ncols, .key = key };
	int rc = ax_threads(&c.ax, &r->panels[pi], pi) < 0 || add_panel_lines(&c, pi) < 0
			 ? -1
			 : c.nlines > 0;

	chart_free(&c);
	return rc;
}

/* The waits weighted by threads (worst_wait_*_ns, slowest_wait_pct), in
 * the order the templates read them, after a chart's own columns. */
static const char *const worst_measures[] = {
	"worst_wait_p50_ns", "worst_wait_max_ns", "slowest_wait_pct",
};
#define NWORST (int)(sizeof worst_measures / sizeof worst_measures[0])

/* base's n columns into cols, then the medians of the waits weighted by
 * threads where some line of panel pi has them (rows of older files do
 * not); the columns in all, and *extra the line that tells the template.
 * -1 out of memory. */
static int with_worst_waits(const struct lb_results *r, int pi, const struct col *base, int n,
			    struct col *cols, const char **extra)
{
	int m[NWORST];

	memcpy(cols, base, (size_t)n * sizeof *cols);
	*extra = "lb_worst = 0\n";
	for (int k = 0; k < NWORST; k++)
		if ((m[k] = lb_results_measure(r, worst_measures[k])) < 0)
			return n;
	for (int k = 0; k < NWORST; k++)
		cols[n + k] = (struct col){ m[k], ST_MED, true };
	int has = panel_has(r, pi, cols, n + NWORST, n);
	if (has <= 0)
		return has < 0 ? -1 : n;
	*extra = "lb_worst = 1\n";
	return n + NWORST;
}

/* papi_* columns that some line of panel pi has. */
static int counters_chart(struct build *b, int pi)
{
	const struct lb_results *r = b->r;
	struct col cols[3 * 32];
	int n = 0, rc;
	char *extra = NULL;
	size_t len = 0;

	for (int m = LB_M_FIXED; m < r->nmeasures && n < (int)(sizeof cols / sizeof cols[0]); m++) {
		if (strncmp(r->measure[m], "papi_", 5) != 0)
			continue;
		struct col probe[1] = { { m, ST_MED, false } };
		int has = panel_has(r, pi, probe, 1, 0);
		if (has < 0)
			return lb_err(b->err, b->errlen, "out of memory");
		if (!has)
			continue;
		cols[n++] = (struct col){ m, ST_MED, false };
		cols[n++] = (struct col){ m, ST_MIN, false };
		cols[n++] = (struct col){ m, ST_MAX, false };
	}
	if (n == 0)
		return 0;
	FILE *f = open_memstream(&extra, &len);
	if (!f)
		return lb_err(b->err, b->errlen, "out of memory");
	fprintf(f, "array lb_events[%d] = [", n / 3);
	for (int k = 0; k < n; k += 3) {
		fputs(k ? ", " : "", f);
		lb_gp_str(f, r->measure[cols[k].m]);
	}
	fputs("]\n", f);
	if (fclose(f) != 0) {
		free(extra);
		return lb_err(b->err, b->errlen, "out of memory");
	}
	rc = panel_chart(b, pi, "counters", "Events per operation", cols, n, 0, extra);
	free(extra);
	return rc;
}

/* The charts of a panel whose latency is not a lock's wait (lat_metric
 * round or cancel): what it times, in a word. */
static const char *latency_word(const char *metric)
{
	return metric && strcmp(metric, "cancel") == 0 ? "cancel" : "round";
}

/* Round (or cancel) latency, and wake-up latency where the rows have it. */
static int waitgroup_chart(struct build *b, int pi)
{
	const char *what = latency_word(b->r->panels[pi].lat_metric);
	const struct lb_results *r = b->r;
	int wp50 = lb_results_measure(r, "wake_p50_ns"), wp99 = lb_results_measure(r, "wake_p99_ns");
	int wmax = lb_results_measure(r, "wake_max_ns");
	struct col cols[8] = {
		{ LB_M_P50, ST_MED, false }, { LB_M_P99, ST_MED, false },
		{ LB_M_P99, ST_MIN, false }, { LB_M_P99, ST_MAX, false },
		{ LB_M_MAX, ST_MAX, false },
		{ wp50, ST_MED, true }, { wp99, ST_MED, true }, { wmax, ST_MAX, true },
	};
	bool wake = wp50 >= 0 && wp99 >= 0 && wmax >= 0;
	int n = wake ? 8 : 5;

	if (wake) { /* wake-up columns that no row fills draw no panel */
		int has = panel_has(r, pi, cols, n, 6);
		if (has < 0)
			return lb_err(b->err, b->errlen, "out of memory");
		wake = has;
		n = wake ? 8 : 5;
	}
	char extra[64];
	snprintf(extra, sizeof extra, "lb_wake = %d\nlb_what = '%s'\n", wake, what);
	return panel_chart(b, pi, "waitgroup",
			   strcmp(what, "cancel") == 0 ? "errgroup cancellation" : "WaitGroup rounds",
			   cols, n, 1, extra);
}

/* Throughput, with each lock's ceiling (ceiling_ops_per_sec: no lock
 * passes ownership faster than the line that carries it moves) where the
 * rows have one. */
static int throughput_chart(struct build *b, int pi)
{
	const struct lb_results *r = b->r;
	struct col cols[5];
	int ceil_m = lb_results_measure(r, "ceiling_ops_per_sec");
	bool ceiling = false;

	memcpy(cols, throughput_cols, sizeof throughput_cols);
	if (ceil_m >= 0) {
		cols[4] = (struct col){ ceil_m, ST_MED, true };
		int has = panel_has(r, pi, cols, 5, 4);
		if (has < 0)
			return lb_err(b->err, b->errlen, "out of memory");
		ceiling = has;
	}
	return panel_chart(b, pi, "throughput", "Throughput", cols, ceiling ? 5 : 4, 0,
			   ceiling ? "lb_ceiling = 1\n" : NULL);
}

/* The charts of panel pi against threads. */
static int panel_charts(struct build *b, int pi)
{
	const char *metric = b->r->panels[pi].lat_metric;
	bool rounds = metric && strcmp(metric, "acquire") != 0; /* round, cancel */

	if (throughput_chart(b, pi) < 0)
		return -1;
	struct col cols[STARVATION_NCOLS + NWORST];
	const char *extra;
	int n = with_worst_waits(b->r, pi, wait_cols, 4, cols, &extra);
	if (n < 0)
		return lb_err(b->err, b->errlen, "out of memory");
	if (!rounds && panel_chart(b, pi, "wait", "Acquisition wait", cols, n, 0, extra) < 0)
		return -1;
	if (panel_chart(b, pi, "fairness", "Fairness", fairness_cols, 6, 0, NULL) < 0)
		return -1;
	n = with_worst_waits(b->r, pi, starvation_cols, STARVATION_NCOLS, cols, &extra);
	if (n < 0)
		return lb_err(b->err, b->errlen, "out of memory");
	if (panel_chart(b, pi, "starvation", "Normal vs starvation mode", cols, n,
			STARVATION_KEY, extra) < 0)
		return -1;
	if (counters_chart(b, pi) < 0)
		return -1;
	return rounds ? waitgroup_chart(b, pi) : 0;
}

/* ---- against the critical-section length ------------------------------ */

struct cs_point {
	int panel;
	double cs;
};

static int cmp_cs(const void *a, const void *b)
{
	const struct cs_point *x = a, *y = b;
	return (x->cs > y->cs) - (x->cs < y->cs);
}

/* The panels that differ from panel pi only in cs_ns, by cs_ns; their
 * count (0 when pi is not the first of them, or they are fewer than 2). */
static int cs_group(const struct lb_results *r, int pi, struct cs_point *g)
{
	const struct lb_panel *p = &r->panels[pi];
	char base[512], other[512], v[64];
	int n = 0;

	if (!p->workload_opts || lb_opts_get(p->workload_opts, "cs_ns", v, sizeof v) < 0)
		return 0;
	lb_opts_drop(p->workload_opts, "cs_ns", base, sizeof base);
	for (int i = 0; i < r->npanels; i++) {
		const struct lb_panel *q = &r->panels[i];
		if (!q->workload_opts || strcmp(q->workload, p->workload) != 0 ||
		    strcmp(q->pin, p->pin) != 0 ||
		    lb_opts_get(q->workload_opts, "cs_ns", v, sizeof v) < 0)
			continue;
		lb_opts_drop(q->workload_opts, "cs_ns", other, sizeof other);
		if (strcmp(base, other) != 0)
			continue;
		if (i < pi)
			return 0; /* the group belongs to its first panel */
		g[n].panel = i;
		g[n++].cs = strtod(v, NULL);
	}
	qsort(g, (size_t)n, sizeof *g, cmp_cs);
	return n >= 2 ? n : 0;
}

static int cs_chart(struct build *b, const struct cs_point *g, int ng, int t)
{
	const struct lb_results *r = b->r;
	const struct lb_panel *p = &r->panels[g[0].panel];
	struct col cols[STARVATION_NCOLS + NWORST];
	const char *extra;
	struct chart c = { .r = r, .cols = cols, .key = STARVATION_KEY };
	char base[512], name[200], st[96], more[64], *title[2] = { NULL, NULL }, *caption = NULL;
	int n = 0, rc = -1;

	c.ncols = with_worst_waits(r, g[0].panel, starvation_cols, STARVATION_NCOLS, cols, &extra);
	if (c.ncols < 0 || ax_alloc(&c.ax, ng) < 0)
		goto oom;
	/* By value, on a log axis; a length of 0 stands a step left of the
	 * shortest other, labelled 0. */
	double shortest = 0;
	for (int j = 0; j < ng; j++)
		if (g[j].cs > 0 && (!shortest || g[j].cs < shortest))
			shortest = g[j].cs;
	c.ax.name = "critical section length (cs_ns, log scale)";
	c.ax.col = "cs_ns";
	c.ax.log = true;
	for (int j = 0; j < ng; j++) {
		const struct lb_panel *q = &r->panels[g[j].panel];
		bool has = false;
		for (int ti = 0; ti < q->nthreads; ti++)
			has |= q->threads[ti] == t;
		if (!has)
			continue;
		char d[32] = "0";
		if (g[j].cs > 0)
			lb_format_duration((uint64_t)g[j].cs, d, sizeof d);
		c.ax.x[n] = g[j].cs > 0 ? g[j].cs : shortest ? shortest / 4 : 1;
		c.ax.panel[n] = g[j].panel;
		c.ax.threads[n] = t;
		if (!(c.ax.label[n++] = strdup(d)))
			goto oom;
	}
	c.ax.n = n;
	rc = 0;
	if (n < 2)
		goto out;
	for (int side = 0; side < r->nsides; side++)
		for (int s = 0; s < r->nseries; s++) {
			bool in = false;
			for (int j = 0; j < ng && !in; j++) {
				const struct lb_panel *q = &r->panels[g[j].panel];
				for (int k = 0; k < q->nseries; k++)
					in |= q->series[k] == s;
			}
			if (in && add_line(&c, side, s, false) < 0)
				goto oom;
		}
	if (!drawable(&c))
		goto out;
	lb_opts_drop(p->workload_opts, "cs_ns", base, sizeof base);
	stem(st, sizeof st, g[0].panel, p->workload);
	snprintf(name, sizeof name, "%s-starvation-cs-%dt", st, t);
	snprintf(more, sizeof more, "%d threads", t);
	struct lb_panel shown = *p;
	shown.workload_opts = base;
	char setting[600];
	snprintf(setting, sizeof setting, "%s(%s)", p->workload, base);
	if (title_of(r, "Normal vs starvation mode against cs_ns", setting, &shown, more, title) < 0 ||
	    asprintf(&caption, "Normal vs starvation mode against the critical-section length, "
		     "%d threads: %s(%s), pin %s", t, p->workload, base, p->pin) < 0) {
		caption = NULL;
		goto oom;
	}
	rc = emit(b, name, "starvation", g[0].panel, caption, title, &c, extra);
	goto out;
oom:
	rc = lb_err(b->err, b->errlen, "out of memory");
out:
	free(title[0]);
	free(title[1]);
	free(caption);
	chart_free(&c);
	return rc;
}

static int cs_charts(struct build *b)
{
	const struct lb_results *r = b->r;
	struct cs_point *g = malloc(((size_t)r->npanels + 1) * sizeof *g);

	if (!g)
		return lb_err(b->err, b->errlen, "out of memory");
	for (int pi = 0; pi < r->npanels; pi++) {
		int ng = cs_group(r, pi, g);
		/* Every thread count above one that the group's panels have. */
		for (int t = 2, next; ng && t > 0; t = next) {
			next = 0;
			bool has = false;
			for (int j = 0; j < ng; j++) {
				const struct lb_panel *q = &r->panels[g[j].panel];
				for (int ti = 0; ti < q->nthreads; ti++) {
					has |= q->threads[ti] == t;
					if (q->threads[ti] > t && (!next || q->threads[ti] < next))
						next = q->threads[ti];
				}
			}
			if (has && cs_chart(b, g, ng, t) < 0) {
				free(g);
				return -1;
			}
		}
	}
	free(g);
	return 0;
}

/* ---- compare: a panel per lock, a line per platform ------------------- */

static int compare_chart(struct build *b, int pi, int m, const char *kind, const char *what,
			 const char *ylabel, bool log)
{
	const struct lb_results *r = b->r;
	const struct lb_panel *p = &r->panels[pi];
	const struct col cols[] = { { m, ST_MED, false }, { m, ST_MIN, false }, { m, ST_MAX, false } };
	struct chart c = { .r = r, .cols = cols, .ncols = 3, .compare = true };
	char name[200], st[96], *title[2] = { NULL, NULL }, *caption = NULL, *extra = NULL;
	size_t len = 0;
	int nlocks = 0, rc = 0;
	FILE *f = NULL;

	if (ax_threads(&c.ax, p, pi) < 0)
		goto oom;
	/* The locks that some platform has a value for, each with a block
	 * per platform (empty where that platform lacks it). */
	for (int k = 0; k < p->nseries; k++) {
		bool any = false;
		for (int side = 0; side < r->nsides && !any; side++) {
			struct line l = { .side = side, .series = p->series[k] };
			any = has_value(&c, &l, 0);
		}
		for (int side = 0; any && side < r->nsides; side++)
			if (add_line(&c, side, p->series[k], true) < 0)
				goto oom;
		nlocks += any;
	}
	if (nlocks == 0)
		goto out;
	if (!(f = open_memstream(&extra, &len)))
		goto oom;
	fprintf(f, "array lb_locks[%d] = [", nlocks);
	for (int i = 0; i < c.nlines; i += r->nsides) {
		fputs(i ? ", " : "", f);
		lb_gp_str(f, r->series[c.lines[i].series].label);
	}
	fputs("]\n", f);
	fprintf(f, "array lb_have[%d] = [", nlocks);
	for (int i = 0; i < c.nlines; i += r->nsides) {
		fputs(i ? ", '" : "'", f);
		for (int side = 0, first = 1; side < r->nsides; side++)
			if (has_value(&c, &c.lines[i + side], 0)) {
				fprintf(f, "%s%d", first ? "" : " ", side + 1);
				first = 0;
			}
		putc('\'', f);
	}
	fputs("]\n", f);
	gp_array_str(f, "lb_series", r->sides, sizeof *r->sides, r->nsides);
	fputs("lb_ylabel = ", f);
	lb_gp_str(f, ylabel);
	fprintf(f, "\nlb_ylog = %d\nlb_scale = %s\nlb_yformat = '%s'\n", log, log ? "1e-9" : "1",
		log ? "%.0s%cs" : "%.1s%c");
	rc = fclose(f);
	f = NULL;
	if (rc != 0)
		goto oom;
	stem(st, sizeof st, pi, p->workload);
	snprintf(name, sizeof name, "%s-%s", st, kind);
	char words[512];
	lb_setting_words(r, pi, words, sizeof words);
	if (title_of(r, what, words, p, NULL, title) < 0 ||
	    asprintf(&caption, "%s: %s", what, words) < 0) {
		caption = NULL;
		goto oom;
	}
	rc = emit(b, name, "compare", pi, caption, title, &c, extra);
	goto out;
oom:
	rc = lb_err(b->err, b->errlen, "out of memory");
out:
	if (f)
		fclose(f);
	free(extra);
	free(title[0]);
	free(title[1]);
	free(caption);
	chart_free(&c);
	return rc;
}

/* ---- the check every script passes ------------------------------------ */

/* Whether line [s, e) of the datablock is a comment or numbers: gp_num's
 * "%.10g" and NA, one space apart. */
static bool data_line(const char *s, const char *e)
{
	if (s == e || *s == '#')
		return true;
	while (s < e) {
		const char *t = s;
		while (t < e && *t != ' ')
			t++;
		size_t n = (size_t)(t - s);
		bool num = n > 0 && strspn(s, "0123456789.eE+-") >= n;
		if (!num && !(n == 2 && memcmp(s, "NA", 2) == 0) &&
		    !(n == 3 && (memcmp(s, "inf", 3) == 0 || memcmp(s, "nan", 3) == 0)) &&
		    !(n == 4 && memcmp(s, "-inf", 4) == 0))
			return false;
		s = t < e ? t + 1 : t;
	}
	return true;
}

int lb_gp_check(const char *script, char *err, size_t errlen)
{
	int blocks = 0, line = 1;
	bool in_data = false;

	for (const char *s = script; *s; line++) {
		const char *e = strchr(s, '\n');
		if (!e)
			e = s + strlen(s);
		for (const char *c = s; c < e; c++)
			if (((unsigned char)*c < ' ' && *c != '\t') || *c == 0x7f)
				return lb_err(err, errlen, "the script's line %d holds a control "
					      "character: refused", line);
		size_t n = (size_t)(e - s);
		if (in_data) {
			if (n == 3 && memcmp(s, "EOD", 3) == 0)
				in_data = false;
			else if (!data_line(s, e))
				return lb_err(err, errlen, "the script's line %d, in the datablock, "
					      "is neither numbers nor a comment: refused", line);
		} else if (n == 12 && memcmp(s, "$data << EOD", 12) == 0) {
			in_data = true;
			blocks++;
		}
		s = *e ? e + 1 : e;
	}
	if (in_data || blocks != 1)
		return lb_err(err, errlen, "the script has %d datablocks%s, not one: refused", blocks,
			      in_data ? " and the last never ends" : "");
	return 0;
}

/* ---- building and drawing --------------------------------------------- */

int lb_charts_build(const struct lb_results *r, const char *plots_dir, enum lb_chart_mode mode,
		    const char *origin, struct lb_charts *out, char *err, size_t errlen)
{
	struct build b = { .r = r, .dir = plots_dir, .origin = origin, .out = out, .err = err,
			   .errlen = errlen };
	int rc = 0;

	memset(out, 0, sizeof *out);
	for (int pi = 0; pi < r->npanels && rc == 0; pi++) {
		const char *metric = r->panels[pi].lat_metric;
		bool rounds = metric && strcmp(metric, "acquire") != 0; /* round, cancel */
		char what[64], label[48];
		snprintf(what, sizeof what, "p99 %s latency by platform", latency_word(metric));
		snprintf(label, sizeof label, "p99 %s latency", latency_word(metric));
		if (mode == LB_CHARTS_PLOT)
			rc = panel_charts(&b, pi);
		else if (compare_chart(&b, pi, LB_M_OPS, "compare-throughput", "Throughput by platform",
				       "operations per second", false) < 0 ||
			 compare_chart(&b, pi, LB_M_P99, "compare-wait",
				       rounds ? what : "p99 acquisition wait by platform",
				       rounds ? label : "p99 wait", true) < 0)
			rc = -1;
	}
	if (rc == 0 && mode == LB_CHARTS_PLOT)
		rc = cs_charts(&b);
	if (rc < 0)
		lb_charts_free(out);
	return rc;
}

/* ---- lockbench probe's heatmap ---------------------------------------- */

bool lb_probe_csv(const char *path)
{
	struct lb_csv_in in;
	struct lb_csv_rec h;
	char err[LB_ERR_LEN];
	bool is = false;

	if (lb_csv_in_open(&in, path, err, sizeof err) < 0)
		return false;
	if (lb_csv_in_next(&in, &h, err, sizeof err) == 1 && h.n >= LB_PROBE_NCOLS) {
		is = true;
		for (int i = 0; i < LB_PROBE_NCOLS && is; i++)
			is = strcmp(h.f[i], lb_probe_cols[i]) == 0;
	}
	lb_csv_in_close(&in);
	return is;
}

const char *const lb_probe_cols[LB_PROBE_NCOLS] = { "pu_a", "pu_b", "oneway_ns" };

static int cmp_int(const void *a, const void *b)
{
	return (*(const int *)a > *(const int *)b) - (*(const int *)a < *(const int *)b);
}

static bool chart_named(const struct lb_charts *cs, const char *name)
{
	for (size_t i = 0; i < cs->n; i++)
		if (strcmp(cs->c[i].name, name) == 0)
			return true;
	return false;
}

int lb_heatmap_build(const char *path, const char *plots_dir, struct lb_charts *out,
		     char *err, size_t errlen)
{
	struct lb_csv_in in;
	struct lb_csv_rec r;
	/* The PUs the rows name (pu), and each one's place among them
	 * (slot, indexed by the PU's number, which the rows bound). */
	const size_t nslots = (size_t)LB_PROBE_MAX_PUS * 16 + 1;
	int *pu = calloc(LB_PROBE_MAX_PUS, sizeof *pu), *slot = malloc(nslots * sizeof *slot);
	int npu = 0, got, nhead;
	double *m = NULL;
	char *style = NULL, *tmpl = NULL, *script = NULL, *base = NULL;
	size_t len = 0, nrows = 0, cap = 0;
	struct { int a, b; double ns; long line; } *rows = NULL;
	int rc = -1;

	if (!pu || !slot) {
		free(pu);
		free(slot);
		return lb_err(err, errlen, "out of memory");
	}
	for (size_t i = 0; i < nslots; i++)
		slot[i] = -1;
	if (lb_csv_in_open(&in, path, err, errlen) < 0) {
		free(pu);
		free(slot);
		return -1;
	}
	lb_csv_in_next(&in, &r, err, errlen); /* the header: lb_probe_csv saw it */
	nhead = r.n;
	while ((got = lb_csv_in_next(&in, &r, err, errlen)) == 1) {
		uint64_t a, b;
		double ns;
		char why[LB_ERR_LEN];
		if (r.n != nhead) {
			lb_err(err, errlen, "%s:%ld: %d fields, but the header has %d", path, r.line,
			       r.n, nhead);
			goto out;
		}
		if (r.torn ||
		    lb_parse_u64(r.f[0], 0, LB_PROBE_MAX_PUS * 16, &a, why, sizeof why) < 0 ||
		    lb_parse_u64(r.f[1], 0, LB_PROBE_MAX_PUS * 16, &b, why, sizeof why) < 0 ||
		    lb_parse_double(r.f[2], 0, 1e9, &ns, why, sizeof why) < 0 || a == b) {
			lb_err(err, errlen, "%s:%ld: not a probe row (pu_a, pu_b: two PUs; "
			       "oneway_ns: a latency)", path, r.line);
			goto out;
		}
		if (nrows == cap) {
			void *g = realloc(rows, (cap = cap ? 2 * cap : 64) * sizeof *rows);
			if (!g) {
				lb_err(err, errlen, "out of memory");
				goto out;
			}
			rows = g;
		}
		rows[nrows].a = (int)a, rows[nrows].b = (int)b, rows[nrows].ns = ns;
		rows[nrows].line = r.line;
		nrows++;
		for (int k = 0; k < 2; k++) {
			int cpu = k ? (int)b : (int)a;
			if (slot[cpu] >= 0)
				continue;
			if (npu == LB_PROBE_MAX_PUS) {
				lb_err(err, errlen, "%s:%ld: more than %d PUs", path, r.line,
				       LB_PROBE_MAX_PUS);
				goto out;
			}
			slot[cpu] = npu;
			pu[npu++] = cpu;
		}
	}
	if (got < 0)
		goto out;
	if (!nrows) {
		lb_err(err, errlen, "%s: no rows, only the header", path);
		goto out;
	}
	qsort(pu, (size_t)npu, sizeof *pu, cmp_int);
	for (int i = 0; i < npu; i++)
		slot[pu[i]] = i;
	if (!(m = malloc((size_t)npu * (size_t)npu * sizeof *m))) {
		lb_err(err, errlen, "out of memory");
		goto out;
	}
	for (size_t i = 0; i < (size_t)npu * (size_t)npu; i++)
		m[i] = NAN;
	for (size_t k = 0; k < nrows; k++) {
		int i = slot[rows[k].a], j = slot[rows[k].b];
		/* A pair is probed once, in either order: a second row for it
		 * is not a second measurement to pick from. */
		if (!isnan(m[(size_t)i * (size_t)npu + (size_t)j])) {
			size_t e = 0; /* the first row of the pair */
			while (!(rows[e].a == rows[k].a && rows[e].b == rows[k].b) &&
			       !(rows[e].a == rows[k].b && rows[e].b == rows[k].a))
				e++;
			lb_err(err, errlen, "%s:%ld: a second row for PUs %d and %d (the first is "
			       "line %ld)", path, rows[k].line, rows[k].a, rows[k].b, rows[e].line);
			goto out;
		}
		m[(size_t)i * (size_t)npu + (size_t)j] = m[(size_t)j * (size_t)npu + (size_t)i] =
			rows[k].ns;
	}
	if (!(style = read_text(plots_dir, "style.gp", err, errlen)) ||
	    !(tmpl = read_text(plots_dir, "heatmap.gp", err, errlen)))
		goto out;
	const char *slash = strrchr(path, '/');
	if (!(base = strdup(slash ? slash + 1 : path))) {
		lb_err(err, errlen, "out of memory");
		goto out;
	}
	char *dot = strrchr(base, '.');
	if (dot && dot != base)
		*dot = '\0';
	char name[160];
	char *v = visible_dup(base); /* a file name of plain characters */
	snprintf(name, sizeof name, "probe-%.140s", v ? v : "");
	free(v);
	for (char *c = name; *c; c++)
		if (!isalnum((unsigned char)*c) && *c != '-' && *c != '_' && *c != '.')
			*c = '_';
	/* Two files of one name (a/p.csv, b/p.csv), or of names that differ
	 * only where they were cut or made plain, draw two charts. */
	size_t plain = strlen(name);
	for (int k = 2; chart_named(out, name); k++)
		snprintf(name + plain, sizeof name - plain, "-%d", k);
	FILE *f = open_memstream(&script, &len);
	if (!f) {
		lb_err(err, errlen, "out of memory");
		goto out;
	}
	fprintf(f, "# %s.gp - one-way cache-line transfer latency, PU x PU\n"
		   "# Drawn by lockbench %s from ", name, PACKAGE_VERSION);
	lb_gp_comment(f, path);
	fprintf(f, ".  `gnuplot %s.gp` draws %s.png and %s.svg.\n\n"
		   "# ---- style: plots/style.gp ----\n%s\n# ---- data ----\nlb_out = ",
		name, name, name, style);
	lb_gp_str(f, name);
	fputs("\nlb_title = 'one-way cache-line transfer latency, ns (median)' . \"\\n\" . ", f);
	lb_gp_str(f, path);
	fprintf(f, "\nlb_npus = %d\narray lb_pu[%d] = [", npu, npu);
	for (int i = 0; i < npu; i++)
		fprintf(f, "%s%d", i ? ", " : "", pu[i]);
	fputs("]\n$data << EOD\n", f);
	for (int i = 0; i < npu; i++)
		for (int j = 0; j < npu; j++) {
			lb_gp_num(f, m[(size_t)i * (size_t)npu + (size_t)j]);
			fputc(j + 1 < npu ? ' ' : '\n', f);
		}
	fprintf(f, "EOD\n# ---- chart: plots/heatmap.gp ----\n%s", tmpl);
	if (fclose(f) != 0) {
		lb_err(err, errlen, "out of memory");
		goto out;
	}
	if (lb_gp_check(script, err, errlen) < 0)
		goto out;
	struct lb_chart *c = realloc(out->c, (out->n + 1) * sizeof *c);
	if (c)
		out->c = c;
	if (!c || !(c[out->n].caption = strdup("One-way cache-line transfer latency, PU x PU"))) {
		lb_err(err, errlen, "out of memory");
		goto out;
	}
	c += out->n++;
	snprintf(c->name, sizeof c->name, "%s", name);
	snprintf(c->kind, sizeof c->kind, "heatmap");
	c->script = script;
	script = NULL;
	rc = 0;
out:
	lb_csv_in_close(&in);
	free(pu);
	free(slot);
	free(rows);
	free(m);
	free(style);
	free(tmpl);
	free(script);
	free(base);
	return rc;
}

void lb_charts_free(struct lb_charts *cs)
{
	for (size_t i = 0; i < cs->n; i++) {
		free(cs->c[i].caption);
		free(cs->c[i].script);
	}
	free(cs->c);
	memset(cs, 0, sizeof *cs);
}

static int write_file(const char *path, const char *text, char *err, size_t errlen)
{
	int fd = lb_create(path, true, NULL, err, errlen);
	FILE *f = fd < 0 ? NULL : fdopen(fd, "w");

	if (fd < 0)
		return -1;
	if (!f) {
		close(fd);
		return lb_err(err, errlen, "cannot write %s: %s", path, strerror(errno));
	}
	fputs(text, f);
	return lb_close_whole(f, path, err, errlen);
}

/* The last line of text that is not blank, into buf. */
static void last_line(const char *text, char *buf, size_t len)
{
	const char *end = text + strlen(text);

	while (end > text && (end[-1] == '\n' || end[-1] == ' '))
		end--;
	const char *start = end;
	while (start > text && start[-1] != '\n')
		start--;
	snprintf(buf, len, "%.*s", (int)(end - start), start);
}

/* Run gnuplot on NAME.gp in dir; its complaints are kept for the error. */
static int run_gnuplot(const char *gnuplot, const char *dir, const char *name, char *err,
		       size_t errlen)
{
	char script[200], said[4096] = "", why[512], out[2][PATH_MAX];
	size_t n = 0;
	int fd[2], status;

	snprintf(script, sizeof script, "%s.gp", name);
	/* What an earlier run drew must not pass for this run's charts. */
	for (int i = 0; i < 2; i++) {
		if (lb_path(out[i], sizeof out[i], err, errlen, "%s/%s.%s", dir, name,
			    i ? "svg" : "png") < 0)
			return -1;
		if (unlink(out[i]) < 0 && errno != ENOENT)
			return lb_err(err, errlen, "cannot remove the old %s: %s", out[i],
				      strerror(errno));
	}
	if (pipe2(fd, O_CLOEXEC) < 0)
		return lb_err(err, errlen, "cannot run gnuplot: %s", strerror(errno));
	pid_t pid = fork();
	if (pid < 0) {
		close(fd[0]);
		close(fd[1]);
		return lb_err(err, errlen, "cannot run gnuplot: %s", strerror(errno));
	}
	if (pid == 0) {
		int null = open("/dev/null", O_RDWR);
		if (null < 0 || chdir(dir) < 0 || dup2(null, 0) < 0 || dup2(null, 1) < 0 ||
		    dup2(fd[1], 2) < 0)
			_exit(126);
		/* lockbench ignores these (lb_main); gnuplot gets the defaults. */
		signal(SIGPIPE, SIG_DFL);
		signal(SIGXFSZ, SIG_DFL);
		execl(gnuplot, "gnuplot", script, (char *)NULL);
		dprintf(2, "cannot run %s: %s\n", gnuplot, strerror(errno));
		_exit(127);
	}
	close(fd[1]);
	for (;;) {
		ssize_t k = read(fd[0], said + n, sizeof said - 1 - n);
		if (k < 0 && errno == EINTR)
			continue;
		if (k <= 0)
			break;
		n += (size_t)k;
		if (n == sizeof said - 1) /* keep the end: the error is last */
			memmove(said, said + n / 2, n - n / 2), n -= n / 2;
	}
	said[n] = '\0';
	close(fd[0]);
	while (waitpid(pid, &status, 0) < 0)
		if (errno != EINTR)
			return lb_err(err, errlen, "gnuplot %s: %s", script, strerror(errno));
	if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) {
		last_line(said, why, sizeof why);
		return lb_err(err, errlen, "gnuplot failed on %s/%s (%s %d): %s", dir, script,
			    WIFEXITED(status) ? "exit status" : "signal",
			    WIFEXITED(status) ? WEXITSTATUS(status) : WTERMSIG(status),
			    why[0] ? why : "no message");
	}
	for (int i = 0; i < 2; i++) {
		struct stat st;
		if (stat(out[i], &st) < 0 || st.st_size == 0)
			return lb_err(err, errlen, "gnuplot ran %s/%s but made no %s", dir, script,
				      out[i]);
	}
	return 0;
}

int lb_charts_draw(const struct lb_charts *cs, const char *dir, const char *gnuplot, char *err,
		   size_t errlen)
{
	char path[PATH_MAX], first[LB_ERR_LEN + PATH_MAX], other[sizeof first];
	size_t failed = 0;

	for (size_t i = 0; i < cs->n; i++)
		if (lb_path(path, sizeof path, err, errlen, "%s/%s.gp", dir, cs->c[i].name) < 0 ||
		    write_file(path, cs->c[i].script, err, errlen) < 0)
			return -1;
	/* A chart gnuplot fails on leaves no half-drawn picture behind, and
	 * the others are drawn all the same. */
	for (size_t i = 0; i < cs->n; i++) {
		char *why = failed ? other : first;
		if (run_gnuplot(gnuplot, dir, cs->c[i].name, why, sizeof first) == 0)
			continue;
		failed++;
		for (int k = 0; k < 2; k++)
			if (lb_path(path, sizeof path, err, errlen, "%s/%s.%s", dir,
				    cs->c[i].name, k ? "svg" : "png") == 0)
				unlink(path);
	}
	if (!failed)
		return 0;
	if (failed == cs->n && failed == 1)
		return lb_err(err, errlen, "%s", first);
	if (failed == 1)
		return lb_err(err, errlen, "%s; the other %zu charts drawn", first, cs->n - 1);
	return lb_err(err, errlen, "%s, and on %zu other chart%s; %zu of the %zu drawn", first,
		      failed - 1, failed > 2 ? "s" : "", cs->n - failed, cs->n);
}
