/*
 * report.c - the HTML page of lockbench report and compare.  See report.h.
 *
 * The page is written top to bottom with fprintf; every text that comes
 * from a results file or its sidecar goes through esc(), and numbers are
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
#include "harness/options.h"

/* ---- text ------------------------------------------------------------- */

/* s, HTML-escaped; NULL as "NA". */
static void esc(FILE *f, const char *s)
{
	if (!s)
		s = "NA";
	for (; *s; s++)
		switch (*s) {
		case '&': fputs("&amp;", f); break;
		case '<': fputs("&lt;", f); break;
		case '>': fputs("&gt;", f); break;
		case '"': fputs("&quot;", f); break;
		case '\'': fputs("&#39;", f); break;
		default:
			/* Other control characters, as the messages show them
			 * (lb_visible); a line break and a tab are white space. */
			if (((unsigned char)*s < ' ' && *s != '\n' && *s != '\t') || *s == 0x7f)
				fprintf(f, "\\x%02x", (unsigned char)*s);
			else
				putc(*s, f);
		}
}

static void escf(FILE *f, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

static void escf(FILE *f, const char *fmt, ...)
{
	char buf[2048];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(buf, sizeof buf, fmt, ap);
	va_end(ap);
	esc(f, buf);
}

/* Number formats: a buffer each, so that several fit in one printf. */
struct num {
	char s[32];
};

/* v to three significant digits, in plain decimal (never "1e+03"), with
 * trailing zeros dropped as %g drops them: 12.3, 1.2, 950, 0.000123. */
static void sig3(char *buf, size_t len, double v, const char *unit)
{
	int digits = 0;

	if (v != 0 && isfinite(v)) {
		int e = (int)floor(log10(fabs(v)));
		/* what rounding does to the exponent: 999.7 is 1000 */
		double r = round(fabs(v) / pow(10, e - 2)) * pow(10, e - 2);
		if (r >= pow(10, e + 1))
			e++;
		digits = e >= 2 ? 0 : 2 - e;
	}
	int n = snprintf(buf, len, "%.*f", digits, v);
	if (digits > 0 && n > 0 && (size_t)n < len) {
		while (n > 1 && buf[n - 1] == '0')
			buf[--n] = '\0';
		if (buf[n - 1] == '.')
			buf[--n] = '\0';
	}
	snprintf(buf + strlen(buf), len - strlen(buf), "%s", unit);
}

/* v in the largest of the units (each `step` times the one before) in
 * which it reads at least 1 once rounded to three digits. */
static struct num scaled(double v, const char *const *units, int nunits, double step)
{
	struct num n;
	int u = 0;

	if (isnan(v) || isinf(v))
		return (struct num){ "NA" };
	while (u + 1 < nunits && fabs(v) >= step * (1 - 5e-4))
		v /= step, u++;
	sig3(n.s, sizeof n.s, v, units[u]);
	return n;
}

static struct num si(double v) /* 12.3M */
{
	static const char *const u[] = { "", "k", "M", "G" };
	return scaled(v, u, 4, 1e3);
}

static struct num ns(double v) /* 950ns, 1.2us, 3.4ms */
{
	static const char *const u[] = { "ns", "us", "ms", "s" };
	return scaled(v, u, 4, 1e3);
}

static struct num g3(double v) /* 0.123 */
{
	return scaled(v, (const char *const[]){ "" }, 1, 1);
}

static struct num pct(double v)
{
	struct num n;

	if (isnan(v))
		return (struct num){ "NA" };
	snprintf(n.s, sizeof n.s, "%.1f%%", v * 100);
	return n;
}

/* 1.23x; a ratio under 0.01 keeps three significant digits (0.000123x),
 * never "0.00x". */
static struct num times(double v)
{
	struct num n;

	if (isnan(v) || isinf(v))
		return (struct num){ "NA" };
	if (fabs(v) >= 0.01 || v == 0)
		snprintf(n.s, sizeof n.s, "%.2fx", v);
	else
		sig3(n.s, sizeof n.s, v, "x");
	return n;
}

/* ---- the data --------------------------------------------------------- */

struct page {
	FILE *f;
	const struct lb_report *rep;
	const struct lb_results *r;
	const struct lb_table *t;
	double *hz; /* per file: kernel_hz from its sidecar, NAN where none says */
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
	esc(f, lb_row_text(t, row, LB_COL_platform));
	fputs("</td><td>", f);
	if (wg) {
		esc(f, wg);
		fputs(" + ", f);
	}
	esc(f, lb_row_text(t, row, LB_COL_lock));
	if (opts) {
		putc(':', f);
		esc(f, opts);
	}
	fputs("</td><td>", f);
	esc(f, lb_row_text(t, row, LB_COL_workload));
	fputs("(", f);
	esc(f, lb_row_str(t, row, LB_COL_workload_opts) ? lb_row_str(t, row, LB_COL_workload_opts)
							  : "");
	fputs(")</td><td class=\"n\">", f);
	esc(f, lb_row_text(t, row, LB_COL_threads));
	fputs("</td>", f);
}

/* ---- the sidecar ------------------------------------------------------ */

int lb_meta_read(const char *csv_path, void (*fn)(void *arg, const char *key, const char *value),
		 void *arg, char *err, size_t errlen)
{
	char path[PATH_MAX], *text;
	size_t len;

	if (lb_path(path, sizeof path, err, errlen, "%s.meta", csv_path) < 0 ||
	    lb_read_text(path, LB_READ_MAX_SIDECAR, &text, &len, err, errlen) < 0)
		return -1;
	for (char *line = text, *next; fn && *line; line = next) {
		next = line + strcspn(line, "\n");
		if (*next)
			*next++ = '\0';
		size_t n = strlen(line);
		if (n && line[n - 1] == '\r') /* a CRLF line end */
			line[n - 1] = '\0';
		char *eq = strchr(line, '=');
		if (line[0] == '#' || !eq)
			continue;
		*eq = '\0';
		fn(arg, line, eq + 1);
	}
	free(text);
	return 0;
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
	esc(m->f, value);
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

/* ---- sections --------------------------------------------------------- */

static const char css[] =
	"*{box-sizing:border-box}body{font:15px/1.45 system-ui,-apple-system,'Segoe UI',sans-serif;margin:0 auto;"
	"max-width:1200px;padding:1em 2em;color:#222}"
	"h1{margin-bottom:.2em}h2{border-bottom:1px solid #ccc;padding-bottom:.2em;margin-top:2em}"
	".sub{color:#555;margin-top:0}nav li{overflow-wrap:anywhere}"
	"table{border-collapse:collapse;margin:.8em 0;font-size:13px}"
	"th,td{border:1px solid #ddd;padding:3px 7px;text-align:left;vertical-align:top}"
	"th{background:#f3f3f3}tr:nth-child(even) td{background:#fafafa}"
	"td.n{text-align:right;font-variant-numeric:tabular-nums;white-space:nowrap}"
	"td.bad{color:#a00;font-weight:600}td.good{color:#060}"
	"figure{margin:1em 0}figure img{max-width:100%;height:auto;border:1px solid #eee}"
	"figcaption{font-size:13px;color:#444}"
	".warn{color:#a00}code{font-size:90%}";

static void head(struct page *pg)
{
	FILE *f = pg->f;
	const char *what = pg->rep->compare ? "lockbench compare" : "lockbench report";

	fprintf(f, "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
		   "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
		   "<title>%s: ", what);
	for (int i = 0; i < pg->rep->npaths; i++) {
		fputs(i ? ", " : "", f);
		esc(f, pg->rep->paths[i]);
	}
	fprintf(f, "</title>\n<style>%s</style>\n</head>\n<body>\n<h1>%s</h1>\n<p class=\"sub\">", css,
		what);
	fprintf(f, "From ");
	for (int i = 0; i < pg->rep->npaths; i++) {
		fputs(i ? ", " : "", f);
		fputs("<code>", f);
		esc(f, pg->rep->paths[i]);
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
	for (int p = 0; p < pg->r->npanels; p++) {
		fprintf(f, "<li><a href=\"#panel-%d\">%d. ", p + 1, p + 1);
		esc(f, pg->r->panels[p].label);
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
		esc(f, side_name(pg, s));
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
				esc(f, v);
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
	      "<th>warnings</th></tr>\n", f);
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
		esc(f, pg->rep->paths[i]);
		fputs("</code></td><td>", f);
		esc(f, runs);
		fprintf(f, "</td><td class=\"n\">%zu / %zu</td>", good, all);
		meta_td(pg, i, "command");
		meta_td(pg, i, "started");
		meta_td(pg, i, "governor");
		meta_td(pg, i, "smt");
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
		esc(f, pg->r->series[s].label);
		fputs("</code>", f);
	}
	fputs("</td></tr>\n<tr><th>workloads</th><td>", f);
	for (int p = 0; p < pg->r->npanels; p++) {
		fputs(p ? "<br>" : "", f);
		esc(f, pg->r->panels[p].label);
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
	double dsum = 0;
	size_t dn = 0;
	for (size_t i = 0; i < t->nrows; i++) {
		double d = lb_row_num(t, &t->rows[i], LB_COL_duration_s);
		if (!isnan(d))
			dsum += d, dn++;
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
	fprintf(f, "<tr><th>measured window</th><td>%s</td></tr>\n",
		dn ? ns(dsum / (double)dn * 1e9).s : "NA");
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
		esc(f, v);
		fputs(".</li>\n", f);
	}
	fputs("</ul>\n</section>\n", f);
}

/* ---- findings --------------------------------------------------------- */

/* The lock spec of case c, escaped, with its side when there are several. */
static void case_name(const struct page *pg, const struct lb_case *c)
{
	if (pg->r->nsides > 1) {
		esc(pg->f, side_name(pg, c->side));
		fputs(": ", pg->f);
	}
	fputs("<code>", pg->f);
	esc(pg->f, pg->r->series[c->series].label);
	fputs("</code>", pg->f);
}

/* Whether series s is the none lock: no lock at all, the harness's floor. */
static bool is_floor(const struct lb_results *r, int s)
{
	return r->series[s].lock && strcmp(r->series[s].lock, "none") == 0;
}

/* How v was reached: the test and where the ratio comes from. */
static void versus_how(FILE *f, const struct lb_versus *v)
{
	fprintf(f, "p = %s, Mann&ndash;Whitney U over %zu against %zu runs; ", g3(v->mwu.p).s, v->na,
		v->nb);
	if (v->rounds)
		fprintf(f, "ratio: the median over %zu rounds paired by repetition, above 1 in %zu "
			   "and below in %zu", v->rounds, v->a_above, v->b_above);
	else
		fputs("ratio of the medians: the runs do not pair by round", f);
}

/* Why a difference cannot be found with these runs, when it cannot. */
static void versus_power(FILE *f, const struct lb_versus *v)
{
	if (v->min_p >= LB_SIGNIFICANT_P)
		fprintf(f, " With %zu against %zu runs no difference can reach p &lt; %.2g (the "
			   "least p is %s): run 5 repetitions or more (<code>--reps 5</code>).",
			v->na, v->nb, LB_SIGNIFICANT_P, g3(v->min_p).s);
}

/* One thread count of the fastest-lock finding: the best two locks
 * (never the none lock), named winner only beyond the noise. */
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
		esc(f, r->series[best->series].label);
		fprintf(f, "</code>, %s ops/s, %s the next, <code>", si(med(best, LB_M_OPS)).s,
			times(v.ratio).s);
		esc(f, r->series[next->series].label);
		fprintf(f, "</code> (%s ops/s) (", si(med(next, LB_M_OPS)).s);
		versus_how(f, &v);
		fputs(").</li>\n", f);
		return;
	}
	fputs("no lock leads beyond the noise: <code>", f);
	esc(f, r->series[best->series].label);
	fprintf(f, "</code> %s ops/s against <code>", si(med(best, LB_M_OPS)).s);
	esc(f, r->series[next->series].label);
	fprintf(f, "</code> %s ops/s, %s, is not significant (", si(med(next, LB_M_OPS)).s,
		times(v.ratio).s);
	versus_how(f, &v);
	fputs(").", f);
	versus_power(f, &v);
	fputs("</li>\n", f);
}

/* The none lock at one thread count: its ops/s, and the locks whose
 * median beats it, flagged where they do so beyond the noise. */
static void floor_at(struct page *pg, const struct lb_panel *p, int side, int ti,
		     const struct lb_case *floor)
{
	const struct lb_results *r = pg->r;
	FILE *f = pg->f;

	fprintf(f, "<li>%d thread%s: <code>none</code>, the floor, %s ops/s", p->threads[ti],
		p->threads[ti] == 1 ? "" : "s", si(med(floor, LB_M_OPS)).s);
	for (int k = 0; k < p->nseries; k++) {
		const struct lb_case *c = lb_results_cell(r, p, side, k, ti);
		struct lb_versus v;
		if (!c || c == floor || !(med(c, LB_M_OPS) > med(floor, LB_M_OPS)) ||
		    lb_case_versus(r, c, floor, LB_M_OPS, &v) < 0)
			continue;
		bool beyond = v.mwu.p < LB_SIGNIFICANT_P;
		fprintf(f, "; <span%s><code>", beyond ? " class=\"warn\"" : "");
		esc(f, r->series[c->series].label);
		fprintf(f, "</code> beats it, %s ops/s (%s; ", si(med(c, LB_M_OPS)).s, times(v.ratio).s);
		versus_how(f, &v);
		if (beyond)
			fputs("): suspicious, beyond the noise: no lock costs less than none, so the "
			      "runs differ in something else (placement, CPU frequency)</span>", f);
		else
			fputs("), within the noise</span>", f);
	}
	fputs(".</li>\n", f);
}

/* Per panel and side, the fastest lock at each thread count and by how
 * much it leads the next, where that is beyond the noise; the none lock
 * is the harness's floor, never a contender. */
static void fastest(struct page *pg)
{
	const struct lb_results *r = pg->r;
	FILE *f = pg->f;

	fprintf(f, "<li>The fastest lock (median ops/s) at each thread count, and its lead over the "
		   "next, named only where the two differ beyond the noise (two-sided Mann&ndash;Whitney "
		   "U test of their runs' ops/s, p &lt; %.2g); <code>none</code>, which takes no lock, "
		   "is the harness's floor, shown apart:\n<ul>\n", LB_SIGNIFICANT_P);
	for (int pi = 0; pi < r->npanels; pi++) {
		const struct lb_panel *p = &r->panels[pi];
		for (int side = 0; side < r->nsides; side++) {
			bool any = false;
			for (int ti = 0; ti < p->nthreads; ti++) {
				const struct lb_case *best = NULL, *next = NULL, *floor = NULL;
				for (int k = 0; k < p->nseries; k++) {
					const struct lb_case *c = lb_results_cell(r, p, side, k, ti);
					double v = med(c, LB_M_OPS);
					if (isnan(v))
						continue;
					if (is_floor(r, c->series)) {
						floor = c;
					} else if (!best || v > med(best, LB_M_OPS)) {
						next = best;
						best = c;
					} else if (!next || v > med(next, LB_M_OPS)) {
						next = c;
					}
				}
				if ((!best || !next) && !floor)
					continue;
				if (!any) {
					fprintf(f, "<li><a href=\"#panel-%d\">", pi + 1);
					esc(f, p->label);
					fputs("</a>", f);
					if (r->nsides > 1) {
						fputs(" on ", f);
						esc(f, side_name(pg, side));
					}
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

/* How many of case c's good rows have column col above 0. */
static size_t rows_above_zero(const struct page *pg, const struct lb_case *c, int col)
{
	size_t n = 0;

	for (size_t k = 0; k < c->nrows; k++) {
		const struct lb_row *row = &pg->t->rows[c->rows[k]];
		n += lb_row_good(pg->t, row) && lb_row_num(pg->t, row, col) > 0;
	}
	return n;
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
	fputs("<li>Starvation mode (locks that count <code>starve_enter</code>): the share of "
	      "operations handed over directly (<code>handoffs</code> per op, median), which is "
	      "the share done in starvation mode, and the entries into it:\n<ul>\n", f);
	for (size_t i = 0; i < r->ncases; i++) {
		const struct lb_case *c = &r->cases[i];
		const struct lb_summary *st = lb_case_get(c, LB_M_STARVE);
		const struct lb_summary *ho = lb_case_get(c, LB_M_HANDOFFS);
		if (!st || (st->max <= 0 && (!ho || ho->max <= 0)))
			continue;
		size_t entered = rows_above_zero(pg, c, LB_COL_starve_enter);
		double share = ho ? ho->median : NAN;
		engaged++;
		fputs("<li>", f);
		case_name(pg, c);
		fprintf(f, " at %d thread%s, <a href=\"#panel-%d\">", c->threads,
			c->threads == 1 ? "" : "s", c->panel + 1);
		esc(f, r->panels[c->panel].label);
		fprintf(f, "</a>: %s of operations handed over", pct(share).s);
		if (entered)
			fprintf(f, "; entered starvation mode in %zu of %zu runs (%s entries per "
				   "million operations, median)", entered, c->ngood,
				g3(st->median * 1e6).s);
		else if (share >= LB_STARVING_ALL)
			fprintf(f, "; <span class=\"warn\">stayed in starvation mode for the whole "
				   "window</span> in %zu runs: it entered before the window opened, so "
				   "<code>starve_enter</code> is 0", c->ngood);
		else
			fputs("; <code>starve_enter</code> is 0 in every run: it was in starvation mode "
			      "when the window opened and left it", f);
		const struct lb_case *n = normal_mode(r, c);
		struct lb_versus v;
		if (n == c) {
			fputs(".</li>\n", f);
			continue;
		}
		if (!n || lb_case_versus(r, c, n, LB_M_OPS, &v) < 0) {
			fputs("; no mode=normal run of this lock here to hold it against.</li>\n", f);
			continue;
		}
		fprintf(f, "; against <code>");
		esc(f, r->series[n->series].label);
		fprintf(f, "</code>: throughput %s vs %s ops/s (%s%s; ", si(med(c, LB_M_OPS)).s,
			si(med(n, LB_M_OPS)).s, times(v.ratio).s,
			v.mwu.p < LB_SIGNIFICANT_P ? "" : ", not significant");
		versus_how(f, &v);
		fprintf(f, "), p99 wait %s vs %s, hand-overs per op %s vs %s.</li>\n",
			ns(med(c, LB_M_P99)).s, ns(med(n, LB_M_P99)).s, g3(med(c, LB_M_HANDOFFS)).s,
			g3(med(n, LB_M_HANDOFFS)).s);
	}
	if (!engaged)
		fputs("<li>No run was in starvation mode: <code>starve_enter</code> and "
		      "<code>handoffs</code> are 0 in every row that ran ok and verified.</li>\n", f);
	fputs("</ul></li>\n", f);
}

static void meta_hz(void *arg, const char *key, const char *value)
{
	double *hz = arg;
	char *end;

	if (strcmp(key, "kernel_hz") != 0)
		return;
	errno = 0;
	double v = strtod(value, &end);
	*hz = errno == 0 && end != value && !*end && v > 0 && v <= 1e6 ? v : NAN;
}

/* The median over case c's good rows of num / den of the row (rows where
 * den > 0), in seconds where scale turns the columns' ratio into them;
 * NAN where no row has one. */
static double median_of(const struct page *pg, const struct lb_case *c, int num, int den,
			double scale)
{
	double *x = malloc((c->nrows ? c->nrows : 1) * sizeof *x), med = NAN;
	size_t n = 0;
	struct lb_summary s;

	for (size_t k = 0; x && k < c->nrows; k++) {
		const struct lb_row *row = &pg->t->rows[c->rows[k]];
		double a = num < 0 ? 1 : lb_row_num(pg->t, row, num);
		double b = den < 0 ? 1 : lb_row_num(pg->t, row, den);
		if (lb_row_good(pg->t, row) && b > 0 && !isnan(a))
			x[n++] = a / b * scale;
	}
	if (n && lb_summarize(x, n, &s) == 0)
		med = s.median;
	free(x);
	return med;
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
		double period[3] = {
			median_of(pg, c, LB_COL_duration_s, LB_COL_thread_ops_min, 1),
			median_of(pg, c, LB_COL_duration_s, LB_COL_starve_enter, 1),
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
				case_name(pg, c);
				fprintf(f, " at %d thread%s, <a href=\"#panel-%d\">", c->threads,
					c->threads == 1 ? "" : "s", c->panel + 1);
				esc(f, r->panels[c->panel].label);
				fprintf(f, "</a> (kernel_hz=%g, a tick of %s): ", hz, ns(1e9 / hz).s);
			}
			fprintf(f, "%s%s %s", any ? "; " : "", what[k], ns(period[k] * 1e9).s);
			any = true;
		}
		if (any)
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
		case_name(pg, c);
		fprintf(f, " at %d thread%s, <a href=\"#panel-%d\">", c->threads,
			c->threads == 1 ? "" : "s", c->panel + 1);
		esc(f, r->panels[c->panel].label);
		fprintf(f, "</a>: Jain %s; the slowest thread did %s of the mean per thread.</li>\n",
			g3(j).s, g3(med(c, LB_M_SHARE)).s);
	}
	if (!n)
		fprintf(f, "<li>None: every lock scored %.2f or more at every thread count.</li>\n",
			LB_UNFAIR_JAIN);
	fputs("</ul></li>\n", f);
}

static void noisy(struct page *pg)
{
	const struct lb_results *r = pg->r;
	FILE *f = pg->f;
	int n = 0;

	for (size_t i = 0; i < r->ncases; i++) {
		const struct lb_summary *s = lb_case_get(&r->cases[i], LB_M_OPS);
		if (!s || s->n < 2 || s->cv <= LB_NOISY_CV)
			continue;
		if (!n++)
			fprintf(f, "<li>Cases whose ops/s vary by more than %.0f%% (CV) across "
				   "repetitions:\n<ul>\n", LB_NOISY_CV * 100);
		fputs("<li>", f);
		case_name(pg, &r->cases[i]);
		fprintf(f, " at %d thread%s, ", r->cases[i].threads,
			r->cases[i].threads == 1 ? "" : "s");
		esc(f, r->panels[r->cases[i].panel].label);
		fprintf(f, ": CV %s over %zu runs.</li>\n", pct(s->cv).s, s->n);
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

/* Per side after the first: the geometric mean of its ratios to the
 * first side over the cases both have. */
static void platform_ratios(struct page *pg)
{
	const struct lb_results *r = pg->r;
	FILE *f = pg->f;

	for (int side = 1; side < r->nsides; side++) {
		double lops = 0, lp99 = 0;
		int nops = 0, np99 = 0, faster = 0;
		for (size_t i = 0; i < r->ncases; i++) {
			const struct lb_case *c = &r->cases[i];
			if (c->side != side)
				continue;
			const struct lb_panel *p = &r->panels[c->panel];
			int k, ti;
			lb_panel_index(p, c->series, c->threads, &k, &ti);
			const struct lb_case *base = lb_results_cell(r, p, 0, k, ti);
			double a = med(base, LB_M_OPS), b = med(c, LB_M_OPS);
			if (a > 0 && b > 0) {
				lops += log(b / a);
				nops++;
				faster += b > a;
			}
			a = med(base, LB_M_P99), b = med(c, LB_M_P99);
			if (a > 0 && b > 0) {
				lp99 += log(b / a);
				np99++;
			}
		}
		fputs("<li><code>", f);
		esc(f, side_name(pg, side));
		fputs("</code> against <code>", f);
		esc(f, side_name(pg, 0));
		if (nops)
			fprintf(f, "</code>: throughput %s (geometric mean of the ratios of median ops/s "
				   "over the %d cases both ran; faster in %d of them)",
				times(exp(lops / nops)).s, nops, faster);
		else
			fputs("</code>: no case that both ran ok", f);
		if (np99)
			fprintf(f, "; p99 wait %s (over %d cases)", times(exp(lp99 / np99)).s, np99);
		fputs(".</li>\n", f);
	}
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

	fputs("<section id=\"findings\">\n<h2>Findings</h2>\n<ul>\n", f);
	if (pg->rep->compare) {
		if (pg->rep->by_file)
			fputs("<li class=\"warn\">Every row names the same platform, so the files are "
			      "compared with each other instead.</li>\n", f);
		platform_ratios(pg);
		size_t np = partial_count(pg->r);
		if (np)
			fprintf(f, "<li>%zu cases ran on some platforms only: <a href=\"#only\">listed "
				   "below</a>.</li>\n", np);
	} else {
		fastest(pg);
		starvation(pg);
		at_tick(pg);
		unfair(pg);
	}
	noisy(pg);
	if (bad)
		fprintf(f, "<li class=\"warn\">%zu runs failed, timed out, crashed or did not verify: "
			   "<a href=\"#failures\">listed below</a>; they are not in the charts or "
			   "medians.</li>\n", bad);
	else
		fputs("<li>Every run finished ok and verified.</li>\n", f);
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
		esc(f, t->files[row->file].path);
		fprintf(f, ":%ld</code></td>", row->line);
		row_cells(f, t, row);
		const char *st = lb_row_text(t, row, LB_COL_status);
		const char *ver = lb_row_text(t, row, LB_COL_verified);
		fputs("<td class=\"n\">", f);
		esc(f, lb_row_text(t, row, LB_COL_rep));
		fprintf(f, "</td><td class=\"%s\">", strcmp(st, "ok") ? "bad" : "good");
		esc(f, st);
		fprintf(f, "</td><td class=\"%s\">", strcmp(ver, "yes") ? "bad" : "good");
		esc(f, ver);
		fputs("</td><td>", f);
		esc(f, lb_row_text(t, row, LB_COL_error));
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
				esc(f, r->series[p->series[k]].label);
				fputs("</code></td><td>", f);
				esc(f, p->label);
				fprintf(f, "</td><td class=\"n\">%d</td>", p->threads[ti]);
				for (int want = 1; want >= 0; want--) {
					fputs("<td>", f);
					for (int side = 0, first = 1; side < r->nsides; side++) {
						if ((lb_results_cell(r, p, side, k, ti) != NULL) != want)
							continue;
						fputs(first ? "" : ", ", f);
						esc(f, side_name(pg, side));
						first = 0;
					}
					fputs("</td>", f);
				}
				fputs("</tr>\n", f);
			}
	}
	fputs("</table>\n</section>\n", f);
}

/* ---- per panel -------------------------------------------------------- */

static void figures(struct page *pg, int pi)
{
	const struct lb_charts *cs = pg->rep->charts;
	FILE *f = pg->f;

	for (size_t i = 0; i < cs->n; i++) {
		const struct lb_chart *c = &cs->c[i];
		if (c->panel != pi)
			continue;
		fputs("<figure id=\"fig-", f);
		esc(f, c->name);
		fputs("\"><img src=\"", f);
		esc(f, c->name);
		fputs(".svg\" alt=\"", f);
		esc(f, c->caption);
		fputs("\"><figcaption>", f);
		esc(f, c->caption);
		fputs(" &middot; <a href=\"", f);
		esc(f, c->name);
		fputs(".png\">PNG</a> &middot; <a href=\"", f);
		esc(f, c->name);
		fputs(".svg\">SVG</a> &middot; <a href=\"", f);
		esc(f, c->name);
		fputs(".gp\">gnuplot script</a></figcaption></figure>\n", f);
	}
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

static void report_table(struct page *pg, int pi)
{
	const struct lb_results *r = pg->r;
	const struct lb_panel *p = &r->panels[pi];
	FILE *f = pg->f;
	int extra[64], nextra = 0;

	/* The measures past the common ones that this panel has. */
	for (int m = LB_M_HANDOFFS; m < r->nmeasures && nextra < 64; m++)
		if (panel_has(r, pi, m))
			extra[nextra++] = m;
	fprintf(f, "<table id=\"table-%d\" class=\"data\">\n<tr>", pi + 1);
	if (r->nsides > 1)
		fputs("<th>platform</th>", f);
	fputs("<th>lock</th><th>threads</th><th>runs ok</th><th>ops/s</th><th>CV</th>"
	      "<th>p50 wait</th><th>p99 wait</th><th>max wait</th><th>Jain</th>"
	      "<th>slowest share</th>", f);
	for (int e = 0; e < nextra; e++) {
		fputs("<th>", f);
		esc(f, r->measure[extra[e]]);
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
					esc(f, side_name(pg, side));
					fputs("</td>", f);
				}
				fputs("<td><code>", f);
				esc(f, r->series[p->series[k]].label);
				fprintf(f, "</code></td><td class=\"n\">%d</td>", c->threads);
				runs_td(f, c);
				fprintf(f, "<td class=\"n\">%s</td><td class=\"n\">%s</td>"
					   "<td class=\"n\">%s</td><td class=\"n\">%s</td>"
					   "<td class=\"n\">%s</td><td class=\"n\">%s</td>"
					   "<td class=\"n\">%s</td>",
					si(med(c, LB_M_OPS)).s, ops && ops->n > 1 ? pct(ops->cv).s : "NA",
					ns(med(c, LB_M_P50)).s, ns(med(c, LB_M_P99)).s,
					ns(mx ? mx->max : NAN).s, g3(med(c, LB_M_JAIN)).s,
					g3(med(c, LB_M_SHARE)).s);
				for (int e = 0; e < nextra; e++) {
					const char *name = r->measure[extra[e]];
					size_t nl = strlen(name);
					bool time = nl > 3 && strcmp(name + nl - 3, "_ns") == 0;
					double v = med(c, extra[e]);
					fprintf(f, "<td class=\"n\">%s</td>", time ? ns(v).s : g3(v).s);
				}
				fputs("</tr>\n", f);
			}
	fputs("</table>\n", f);
	fputs("<p>Medians over the runs that ran ok and verified; max wait is the longest "
	      "over them. Per-operation columns divide by the run's operations.</p>\n", f);
}

/* The compare table: per case, each side's median ops/s and p99 wait
 * with the ratio to the first side. */
static void compare_table(struct page *pg, int pi)
{
	const struct lb_results *r = pg->r;
	const struct lb_panel *p = &r->panels[pi];
	FILE *f = pg->f;

	fprintf(f, "<table id=\"table-%d\" class=\"data compare\">\n<tr><th rowspan=\"2\">lock</th>"
		   "<th rowspan=\"2\">threads</th>", pi + 1);
	for (int side = 0; side < r->nsides; side++) {
		fprintf(f, "<th colspan=\"%d\">", side ? 5 : 3);
		esc(f, side_name(pg, side));
		fputs("</th>", f);
	}
	fputs("</tr>\n<tr>", f);
	for (int side = 0; side < r->nsides; side++)
		fprintf(f, "<th>runs ok</th><th>ops/s</th>%s<th>p99 wait</th>%s",
			side ? "<th>ratio</th>" : "", side ? "<th>ratio</th>" : "");
	fputs("</tr>\n", f);
	for (int k = 0; k < p->nseries; k++)
		for (int ti = 0; ti < p->nthreads; ti++) {
			const struct lb_case *base = lb_results_cell(r, p, 0, k, ti);
			bool any = false;
			for (int side = 0; side < r->nsides; side++)
				any |= lb_results_cell(r, p, side, k, ti) != NULL;
			if (!any)
				continue;
			fputs("<tr><td><code>", f);
			esc(f, r->series[p->series[k]].label);
			fprintf(f, "</code></td><td class=\"n\">%d</td>", p->threads[ti]);
			for (int side = 0; side < r->nsides; side++) {
				const struct lb_case *c = lb_results_cell(r, p, side, k, ti);
				runs_td(f, c);
				fprintf(f, "<td class=\"n\">%s</td>", c ? si(med(c, LB_M_OPS)).s : "&mdash;");
				if (side)
					fprintf(f, "<td class=\"n\">%s</td>", c && base
						? times(med(c, LB_M_OPS) / med(base, LB_M_OPS)).s : "&mdash;");
				fprintf(f, "<td class=\"n\">%s</td>", c ? ns(med(c, LB_M_P99)).s : "&mdash;");
				if (side)
					fprintf(f, "<td class=\"n\">%s</td>", c && base
						? times(med(c, LB_M_P99) / med(base, LB_M_P99)).s : "&mdash;");
			}
			fputs("</tr>\n", f);
		}
	fputs("</table>\n<p>Ratios are to the first platform: above 1 means more operations "
	      "per second, or a longer p99 wait.</p>\n", f);
}

static void panels(struct page *pg)
{
	const struct lb_results *r = pg->r;
	FILE *f = pg->f;

	for (int pi = 0; pi < r->npanels; pi++) {
		const struct lb_panel *p = &r->panels[pi];
		fprintf(f, "<section id=\"panel-%d\" class=\"panel\">\n<h2>%d. ", pi + 1, pi + 1);
		esc(f, p->label);
		fputs("</h2>\n<p>Latency columns time ", f);
		if (p->lat_metric && strcmp(p->lat_metric, "round") == 0)
			fputs("WaitGroup rounds (<code>lat_metric=round</code>).</p>\n", f);
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
	char merr[LB_ERR_LEN];

	if (!(pg.hz = malloc((size_t)(rep->npaths ? rep->npaths : 1) * sizeof *pg.hz)))
		return lb_err(err, errlen, "out of memory");
	for (int i = 0; i < rep->npaths; i++) {
		pg.hz[i] = NAN;
		lb_meta_read(rep->paths[i], meta_hz, &pg.hz[i], merr, sizeof merr);
	}
	int fd = lb_create(path, true, NULL, err, errlen);
	if (fd < 0) {
		free(pg.hz);
		return -1;
	}
	if (!(pg.f = fdopen(fd, "w"))) {
		close(fd);
		free(pg.hz);
		return lb_err(err, errlen, "cannot write %s: %s", path, strerror(errno));
	}
	head(&pg);
	platform_section(&pg);
	findings(&pg);
	failures(&pg);
	if (rep->compare)
		only_some(&pg);
	panels(&pg);
	fputs("</body>\n</html>\n", pg.f);
	free(pg.hz);
	if (fclose(pg.f) != 0) {
		snprintf(err, errlen, "cannot write %s: %s", path, strerror(errno));
		return -1;
	}
	return 0;
}
