/*
 * profile_report.c - a profile read back, its charts and its pages.  See
 * profile_report.h.
 *
 * The distributions.  The profile's CSV carries each lock's histograms of
 * waits and of sampled holds (wait_hist, hold_hist: the buckets of
 * stats.h's log-linear histogram, 32 to a power of two).  A chart draws
 * them in powers of two, a point per octave [2^k, 2^(k+1)) ns at its
 * geometric middle, one line per lock; a power of two with nothing in
 * it between the first and the last is a gap in the line (a blank line
 * in the datablock), not a zero.
 *
 * Comparing.  Profiles of one program under different --as locks name
 * the same locks by the same site (function and object offsets, which
 * do not move from run to run), but not by address or process.  So a
 * comparison matches kind and site: the rows of one side with the same
 * kind and site (locks made at one call site, in one or more processes)
 * are added up, their histograms merged, and the percentiles taken from
 * the merged histogram, as the profile took them from each lock's.
 */
#include "harness/profile_report.h"

#include <errno.h>
#include <fcntl.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "config.h"
#include "harness/files.h"
#include "harness/html.h"
#include "harness/options.h"
#include "harness/report.h"
#include "harness/stats.h"

/* ---- reading ---------------------------------------------------------- */

bool lb_pfile_is(const char *path)
{
	static const char head[] = "lock_addr,";
	char buf[sizeof head - 1];
	int fd = open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK);

	if (fd < 0)
		return false;
	ssize_t n = read(fd, buf, sizeof buf);
	close(fd);
	return n == (ssize_t)sizeof buf && memcmp(buf, head, sizeof buf) == 0;
}

enum pcol {
	C_addr, C_kind, C_site, C_acq, C_cont, C_wtotal, C_wp50, C_wp99, C_wmax, C_hp50, C_hp99,
	C_hmax, C_owner, C_threads, C_NREQUIRED = C_threads + 1,
	C_lock = C_NREQUIRED, C_pid, C_program, C_whist, C_hhist, C_N
};

static const char *const pcol_names[C_N] = {
	"lock_addr", "kind", "site", "acquisitions", "contended", "wait_total_ns", "wait_p50_ns",
	"wait_p99_ns", "wait_max_ns", "hold_p50_ns", "hold_p99_ns", "hold_max_ns",
	"owner_changes", "threads", "lock", "pid", "program", "wait_hist", "hold_hist",
};

static int count_of(const char *s, uint64_t *v)
{
	char *end;

	if (*s < '0' || *s > '9')
		return -1;
	errno = 0;
	unsigned long long x = strtoull(s, &end, 10);
	if (errno || *end)
		return -1;
	*v = x;
	return 0;
}

/* A count or NA (NAN). */
static int value_of(const char *s, double *v)
{
	uint64_t x;

	if (strcmp(s, "NA") == 0) {
		*v = NAN;
		return 0;
	}
	if (count_of(s, &x) < 0)
		return -1;
	*v = (double)x;
	return 0;
}

static void meta_take(void *arg, const char *key, const char *value)
{
	struct lb_pfile *pf = arg;
	static const char *const keys[] = { "command", "program_command", "as", "exit_status",
					    "signal", "processes" };
	char **slots[] = { &pf->command, &pf->program_command, &pf->as, &pf->exit_status,
			   &pf->signal, &pf->processes };

	if (strcmp(key, "wall_s") == 0) {
		char *end;
		double v = strtod(value, &end);
		if (value[0] && !*end && isfinite(v) && v >= 0 && isnan(pf->wall_s))
			pf->wall_s = v;
		return;
	}
	for (size_t i = 0; i < sizeof keys / sizeof keys[0]; i++)
		if (strcmp(key, keys[i]) == 0 && !*slots[i])
			*slots[i] = strdup(value);
}

/* Most waited-on first: total wait, contended, acquisitions. */
static int by_wait(const void *a, const void *b)
{
	const struct lb_plock *x = a, *y = b;
	uint64_t kx[3] = { x->wait_total, x->contended, x->acquisitions };
	uint64_t ky[3] = { y->wait_total, y->contended, y->acquisitions };

	for (int i = 0; i < 3; i++)
		if (kx[i] != ky[i])
			return kx[i] < ky[i] ? 1 : -1;
	return x->line < y->line ? -1 : x->line > y->line;
}

/* What the pages add up over a file's rows (each lock's acquisitions,
 * its total wait, and the waits its histogram holds, which a comparison
 * merges), kept at most LB_CSV_NUM_MAX together, as any number of a
 * sweep's row is, so that no sum wraps around.  (contended and
 * owner_changes are at most the acquisitions, row by row.) */
enum { T_acq, T_wait, T_waits, T_N };

static int take_row(struct lb_pfile *pf, const int *map, const struct lb_csv_rec *r,
		    struct lb_hist *scratch, uint64_t total[T_N], char *err, size_t errlen)
{
	struct lb_plock *p = &pf->rows[pf->nrows];
	const char *v[C_N];
	uint64_t *counts[C_N] = { [C_acq] = &p->acquisitions, [C_cont] = &p->contended,
				  [C_wtotal] = &p->wait_total, [C_owner] = &p->owner_changes,
				  [C_threads] = &p->threads };
	double *values[C_N] = { [C_wp50] = &p->wait_p50, [C_wp99] = &p->wait_p99,
				[C_wmax] = &p->wait_max, [C_hp50] = &p->hold_p50,
				[C_hp99] = &p->hold_p99, [C_hmax] = &p->hold_max };

	for (int c = 0; c < C_N; c++)
		v[c] = map[c] >= 0 ? r->f[map[c]] : NULL;
	memset(p, 0, sizeof *p);
	p->line = r->line;
	p->addr = v[C_addr];
	p->kind = v[C_kind];
	p->site = v[C_site];
	p->lock = v[C_lock];
	p->program = v[C_program];
	p->wait_hist = v[C_whist];
	p->hold_hist = v[C_hhist];
	for (int c = C_acq; c <= C_threads; c++) {
		if ((counts[c] ? count_of(v[c], counts[c]) : value_of(v[c], values[c])) < 0)
			return lb_err(err, errlen, "%s:%ld: %s: '%s' is neither a count nor NA",
				      pf->path, r->line, pcol_names[c], v[c]);
	}
	/* Each contended acquisition, and each change of owner, is one of
	 * the acquisitions. */
	static const int of_acq[] = { C_cont, C_owner };
	for (size_t k = 0; k < sizeof of_acq / sizeof of_acq[0]; k++)
		if (*counts[of_acq[k]] > p->acquisitions)
			return lb_err(err, errlen, "%s:%ld: %s: %llu is more than the %llu "
				      "acquisitions", pf->path, r->line, pcol_names[of_acq[k]],
				      (unsigned long long)*counts[of_acq[k]],
				      (unsigned long long)p->acquisitions);
	uint64_t pid = 0;
	p->pid = -1;
	if (v[C_pid] && (count_of(v[C_pid], &pid) < 0 || pid > INT32_MAX))
		return lb_err(err, errlen, "%s:%ld: pid: '%s' is not a process id", pf->path, r->line,
			      v[C_pid]);
	if (v[C_pid])
		p->pid = (long)pid;
	uint64_t add[T_N] = { p->acquisitions, p->wait_total, 0 };
	for (int k = 0; k < 2 && pf->hists; k++) {
		const char *text = k ? p->hold_hist : p->wait_hist;
		double max = k ? p->hold_max : p->wait_max;
		bool empty = strcmp(text, "NA") == 0;
		if (empty != isnan(max) ||
		    (!empty && lb_hist_parse(scratch, text, (uint64_t)max) < 0))
			return lb_err(err, errlen, "%s:%ld: %s: not a histogram whose largest value "
				      "is %s (%s)", pf->path, r->line, pcol_names[k ? C_hhist : C_whist],
				      pcol_names[k ? C_hmax : C_wmax], v[k ? C_hmax : C_wmax]);
		if (k == 0 && !empty)
			add[T_waits] = scratch->count;
	}
	static const int named[T_N] = { C_acq, C_wtotal, C_whist };
	for (int t = 0; t < T_N; t++) {
		if (add[t] > LB_CSV_NUM_MAX - total[t])
			return lb_err(err, errlen, "%s:%ld: %s: the rows up to this one add up to more "
				      "than 1e18", pf->path, r->line, pcol_names[named[t]]);
		total[t] += add[t];
	}
	pf->nrows++;
	return 0;
}

int lb_pfile_read(struct lb_pfile *pf, const char *path, char *err, size_t errlen)
{
	struct lb_csv_rec r;
	struct lb_hist *scratch = NULL;
	uint64_t total[T_N] = { 0 };
	int map[C_N], k;
	size_t cap = 0;

	memset(pf, 0, sizeof *pf);
	pf->wall_s = NAN;
	if (!(pf->path = strdup(path)))
		return lb_err(err, errlen, "out of memory");
	if (lb_csv_in_open(&pf->in, path, err, errlen) < 0)
		goto fail;
	if ((k = lb_csv_in_next(&pf->in, &r, err, errlen)) <= 0) {
		if (k == 0)
			lb_err(err, errlen, "%s: empty: not a profile", path);
		goto fail;
	}
	for (int c = 0; c < C_N; c++) {
		map[c] = -1;
		for (int i = 0; i < r.n; i++) {
			if (strcmp(r.f[i], pcol_names[c]) != 0)
				continue;
			if (map[c] >= 0) { /* which of the two would be the lock's? */
				lb_err(err, errlen, "%s:%ld: column '%s' appears twice in the header",
				       path, r.line, pcol_names[c]);
				goto fail;
			}
			map[c] = i;
		}
		if (c < C_NREQUIRED && map[c] < 0) {
			lb_err(err, errlen, "%s: the header has no column %s: not a profile of "
			       "lockbench profile", path, pcol_names[c]);
			goto fail;
		}
	}
	int nhead = r.n;
	pf->hists = map[C_whist] >= 0 && map[C_hhist] >= 0;
	if (pf->hists && !(scratch = malloc(sizeof *scratch))) {
		lb_err(err, errlen, "out of memory");
		goto fail;
	}
	while ((k = lb_csv_in_next(&pf->in, &r, err, errlen)) > 0) {
		if (r.n != nhead) {
			lb_err(err, errlen, "%s:%ld: %d fields, but the header has %d%s", path, r.line,
			       r.n, nhead, r.eol ? "" : " (the file ends inside the row)");
			goto fail;
		}
		if (pf->nrows == cap) {
			cap = cap ? 2 * cap : 64;
			struct lb_plock *n = realloc(pf->rows, cap * sizeof *n);
			if (!n) {
				lb_err(err, errlen, "out of memory");
				goto fail;
			}
			pf->rows = n;
		}
		if (take_row(pf, map, &r, scratch, total, err, errlen) < 0)
			goto fail;
	}
	if (k < 0)
		goto fail;
	if (pf->nrows == 0) {
		lb_err(err, errlen, "%s: no rows, only the header (the program took no pthread lock)",
		       path);
		goto fail;
	}
	qsort(pf->rows, pf->nrows, sizeof *pf->rows, by_wait);
	free(scratch);
	scratch = NULL;
	if (lb_meta_read(path, meta_take, pf, err, errlen) == 0)
		pf->meta = true;
	else if (errno != ENOENT)
		goto fail;
	return 0;
fail:
	free(scratch);
	lb_pfile_free(pf);
	return -1;
}

void lb_pfile_free(struct lb_pfile *pf)
{
	if (pf->path)
		lb_csv_in_close(&pf->in);
	free(pf->rows);
	free(pf->path);
	free(pf->command);
	free(pf->program_command);
	free(pf->as);
	free(pf->exit_status);
	free(pf->signal);
	free(pf->processes);
	memset(pf, 0, sizeof *pf);
	pf->wall_s = NAN;
}

/* ---- charts ----------------------------------------------------------- */

/* A condition variable's row: its waits are waits for a signal, not for
 * a lock, so it is listed apart from the locks and drawn with none. */
static bool is_cond(const struct lb_plock *p)
{
	return strcmp(p->kind, "cond") == 0;
}

/* A lock's name on a chart and a page: "#N kind site". */
static char *lock_label(const struct lb_plock *p, size_t rank)
{
	char *s = NULL;

	if (asprintf(&s, "#%zu %s %.60s%s", rank + 1, p->kind, p->site,
		     strlen(p->site) > 60 ? "..." : "") < 0)
		return NULL;
	return s;
}

/* Counts per power of two, from the histogram's text (checked at
 * reading): oct[k] holds [2^k, 2^(k+1)) ns, oct[0] also 0. */
static void octaves(const char *text, uint64_t oct[64])
{
	memset(oct, 0, 64 * sizeof *oct);
	if (!text || strcmp(text, "NA") == 0)
		return;
	for (const char *s = text; *s;) {
		char *end;
		unsigned long long low = strtoull(s, &end, 10);
		unsigned long long n = strtoull(end + 1, &end, 10);
		oct[low ? 63 - __builtin_clzll(low) : 0] += n;
		s = *end ? end + 1 : end;
	}
}

static int dist_chart(const struct lb_pfile *pf, const char *plots_dir, const char *origin,
		      bool hold, struct lb_charts *out, char *err, size_t errlen)
{
	size_t pick[LB_PROFILE_TOP_CHART], rank[LB_PROFILE_TOP_CHART], locks = 0;
	int n = 0;

	for (size_t i = 0; i < pf->nrows && n < LB_PROFILE_TOP_CHART; i++) {
		const char *t = hold ? pf->rows[i].hold_hist : pf->rows[i].wait_hist;
		if (is_cond(&pf->rows[i]))
			continue;
		if (t && strcmp(t, "NA") != 0) {
			pick[n] = i;
			rank[n++] = locks;
		}
		locks++;
	}
	if (n == 0)
		return 0;
	char *data = NULL, *label[LB_PROFILE_TOP_CHART] = { 0 };
	size_t len = 0;
	int rc = -1;
	FILE *f = open_memstream(&data, &len);
	if (!f)
		return lb_err(err, errlen, "out of memory");
	const char *name = hold ? "profile-hold" : "profile-wait";
	fprintf(f, "lb_out = ");
	lb_gp_str(f, name);
	fprintf(f, "\nlb_title = ");
	lb_gp_str(f, hold ? "Hold times of the most waited-on locks (sampled)"
			  : "Wait times of the most waited-on locks");
	fputs(" . \"\\n\" . ", f);
	lb_gp_str(f, pf->program_command ? pf->program_command : pf->path);
	fprintf(f, "\nlb_xlabel = ");
	lb_gp_str(f, hold ? "time held (power-of-two bins)" : "wait (power-of-two bins)");
	fprintf(f, "\nlb_ylabel = ");
	lb_gp_str(f, hold ? "holds (each sample weighted)" : "acquisitions that waited");
	fprintf(f, "\narray lb_series[%d] = [", n);
	for (int i = 0; i < n; i++) {
		if (!(label[i] = lock_label(&pf->rows[pick[i]], rank[i]))) {
			fclose(f);
			goto out;
		}
		fputs(i ? ", " : "", f);
		lb_gp_str(f, label[i]);
	}
	fprintf(f, "]\narray lb_lt[%d] = [", n);
	for (int i = 0; i < n; i++)
		fprintf(f, "%s%d", i ? ", " : "", i + 1);
	fputs("]\n$data << EOD\n", f);
	for (int i = 0; i < n; i++) {
		uint64_t oct[64];
		int lo = 64, hi = -1;
		octaves(hold ? pf->rows[pick[i]].hold_hist : pf->rows[pick[i]].wait_hist, oct);
		for (int k = 0; k < 64; k++)
			if (oct[k]) {
				lo = k < lo ? k : lo;
				hi = k;
			}
		fputs(i ? "\n\n# " : "# ", f);
		lb_gp_comment(f, label[i]);
		fputs("\n# ns count\n", f);
		for (int k = lo; k <= hi; k++) {
			if (!oct[k]) {
				/* one blank line: a gap within the lock's line */
				if (oct[k - 1])
					putc('\n', f);
				continue;
			}
			lb_gp_num(f, ldexp(M_SQRT2, k));
			putc(' ', f);
			lb_gp_num(f, (double)oct[k]);
			putc('\n', f);
		}
	}
	fputs("EOD\n", f);
	if (fclose(f) != 0) {
		lb_err(err, errlen, "out of memory");
		goto out;
	}
	char caption[160];
	snprintf(caption, sizeof caption, "%s of the %d most waited-on locks %s, in powers of two",
		 hold ? "Sampled hold times" : "Wait times", n,
		 hold ? "with a sampled hold" : "that waited");
	rc = lb_chart_add(out, plots_dir, name, "profile", hold, caption, origin,
			  "the locks of a profile", data, err, errlen);
out:
	if (rc < 0 && !err[0])
		lb_err(err, errlen, "out of memory");
	for (int i = 0; i < n; i++)
		free(label[i]);
	free(data);
	return rc;
}

int lb_pfile_charts(const struct lb_pfile *pf, const char *plots_dir, const char *origin,
		    struct lb_charts *out, char *err, size_t errlen)
{
	memset(out, 0, sizeof *out);
	if (!pf->hists)
		return 0;
	err[0] = '\0';
	if (dist_chart(pf, plots_dir, origin, false, out, err, errlen) < 0 ||
	    dist_chart(pf, plots_dir, origin, true, out, err, errlen) < 0) {
		lb_charts_free(out);
		return -1;
	}
	return 0;
}

/* ---- the pages -------------------------------------------------------- */

static void td_text(FILE *f, const char *s)
{
	fputs("<td>", f);
	lb_html_esc(f, s);
	fputs("</td>", f);
}

static void td_num(FILE *f, struct lb_num n)
{
	fprintf(f, "<td class=\"n\">%s</td>", n.s);
}

static void td_count(FILE *f, uint64_t v)
{
	fprintf(f, "<td class=\"n\">%llu</td>", (unsigned long long)v);
}

static double share(uint64_t part, uint64_t whole)
{
	return whole ? (double)part / (double)whole : NAN;
}

/* What ran the program's mutexes: the --as lock, or the system's. */
static const char *ran_on(const struct lb_pfile *pf)
{
	return pf->as && strcmp(pf->as, "NA") != 0 ? pf->as : NULL;
}

static void exit_text(FILE *f, const struct lb_pfile *pf)
{
	lb_html_esc(f, pf->exit_status);
	if (pf->signal && strcmp(pf->signal, "NA") != 0) {
		fputs(" (killed by signal ", f);
		lb_html_esc(f, pf->signal);
		fputs(")", f);
	}
}

static void head(FILE *f, const struct lb_pfile *pf, int n, bool compare)
{
	const char *what = compare ? "lockbench compare" : "lockbench report";

	fprintf(f, "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
		   "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
		   "<title>%s: profile of ", what);
	lb_html_esc(f, pf[0].program_command ? pf[0].program_command : pf[0].path);
	fprintf(f, "</title>\n<style>%s</style>\n</head>\n<body>\n<h1>%s: %s</h1>\n"
		   "<p class=\"sub\">From ", lb_html_css, what,
		compare ? "profiles side by side" : "the locks of a program");
	for (int i = 0; i < n; i++) {
		fputs(i ? ", <code>" : "<code>", f);
		lb_html_esc(f, pf[i].path);
		fputs("</code>", f);
	}
	fprintf(f, " (written by <code>lockbench profile</code>; read by lockbench %s).</p>\n",
		PACKAGE_VERSION);
}

/* The program: one profile's sidecar. */
static void program_section(FILE *f, const struct lb_pfile *pf)
{
	uint64_t acq = 0, cont = 0;
	size_t locks = 0;

	for (size_t i = 0; i < pf->nrows; i++)
		if (!is_cond(&pf->rows[i])) {
			locks++;
			acq += pf->rows[i].acquisitions;
			cont += pf->rows[i].contended;
		}
	fputs("<section id=\"program\">\n<h2>The program</h2>\n", f);
	if (!pf->meta)
		fputs("<p class=\"warn\">No sidecar (<code>FILE.csv.meta</code>) beside the "
		      "profile: the command line, wall time and exit status are not known.</p>\n", f);
	fputs("<table>\n<tr><th>command line</th><td><code>", f);
	lb_html_esc(f, pf->program_command);
	fputs("</code></td></tr>\n<tr><th>its mutexes ran on</th><td>", f);
	if (ran_on(pf)) {
		fputs("<code>", f);
		lb_html_esc(f, pf->as);
		fputs("</code> (<code>--as</code>)", f);
	} else {
		fputs(pf->meta ? "the system's locks" : "NA", f);
	}
	fprintf(f, "</td></tr>\n<tr><th>wall time</th><td>%s</td></tr>\n<tr><th>exit status</th><td>",
		lb_num_ns(pf->wall_s * 1e9).s);
	exit_text(f, pf);
	fputs("</td></tr>\n<tr><th>processes</th><td>", f);
	lb_html_esc(f, pf->processes);
	fprintf(f, "</td></tr>\n<tr><th>locks</th><td>%zu locks and %zu condition variables; the "
		   "locks: %llu acquisitions, %llu contended (%s)</td></tr>\n"
		   "<tr><th>profiled by</th><td><code>", locks, pf->nrows - locks,
		(unsigned long long)acq, (unsigned long long)cont, lb_num_pct(share(cont, acq)).s);
	lb_html_esc(f, pf->command);
	fputs("</code></td></tr>\n</table>\n</section>\n", f);
}

/* The most waited-on rows of the locks (conds false) or of the
 * condition variables (conds true), in the order of the file's rows. */
static void top_section(FILE *f, const struct lb_pfile *pf, bool conds)
{
	size_t all = 0, n = 0, max = conds ? LB_PROFILE_TOP_ROWS / 2 : LB_PROFILE_TOP_ROWS;

	for (size_t i = 0; i < pf->nrows; i++)
		all += is_cond(&pf->rows[i]) == conds;
	fprintf(f, "<section id=\"%s\">\n<h2>%s</h2>\n", conds ? "conds" : "locks",
		conds ? "Condition variables" : "The most waited-on locks");
	if (all == 0) {
		fprintf(f, "<p>None.</p>\n</section>\n");
		return;
	}
	if (conds)
		fprintf(f, "<p>The %zu of %zu condition variables whose waiters waited longest in "
			   "all. An acquisition here is a completed wait, and its wait is the time "
			   "until a signal woke it (and it had the mutex again): a wait for another "
			   "thread's work, not for a lock.</p>\n", all < max ? all : max, all);
	else
		fprintf(f, "<p>The %zu of %zu locks (a lock of one process each) with the longest "
			   "total wait, then the most contended acquisitions; the CSV has them all. "
			   "Waits are over the acquisitions that waited, each timed; holds over one "
			   "exclusive acquisition in 64 per thread. <em>ran on</em> is what ran the "
			   "lock: the system's, the <code>--as</code> lock, or the system's where "
			   "<code>--as</code> left a recursive or error-checking mutex to it.</p>\n",
			all < max ? all : max, all);
	fputs("<table>\n<tr><th>#</th><th>kind</th><th>site</th><th>ran on</th>"
	      "<th>acquisitions</th><th>contended</th><th>wait total</th><th>wait p50</th>"
	      "<th>wait p99</th><th>wait max</th><th>hold p50</th><th>hold p99</th>"
	      "<th>hold max</th><th>owner changes</th><th>threads</th><th>process</th></tr>\n", f);
	for (size_t i = 0; i < pf->nrows && n < max; i++) {
		const struct lb_plock *p = &pf->rows[i];
		if (is_cond(p) != conds)
			continue;
		fprintf(f, "<tr><td class=\"n\">%zu</td>", ++n);
		td_text(f, p->kind);
		fputs("<td><code>", f);
		lb_html_esc(f, p->site);
		fputs("</code></td>", f);
		td_text(f, p->lock);
		td_count(f, p->acquisitions);
		fprintf(f, "<td class=\"n\">%llu (%s)</td>", (unsigned long long)p->contended,
			lb_num_pct(share(p->contended, p->acquisitions)).s);
		td_num(f, lb_num_ns((double)p->wait_total));
		td_num(f, lb_num_ns(p->wait_p50));
		td_num(f, lb_num_ns(p->wait_p99));
		td_num(f, lb_num_ns(p->wait_max));
		td_num(f, lb_num_ns(p->hold_p50));
		td_num(f, lb_num_ns(p->hold_p99));
		td_num(f, lb_num_ns(p->hold_max));
		td_count(f, p->owner_changes);
		td_count(f, p->threads);
		fputs("<td>", f);
		lb_html_esc(f, p->program);
		if (p->pid >= 0)
			fprintf(f, " %ld", p->pid);
		fputs("</td></tr>\n", f);
	}
	fputs("</table>\n</section>\n", f);
}

static void charts_section(FILE *f, const struct lb_pfile *pf, const struct lb_charts *cs)
{
	fputs("<section id=\"distributions\">\n<h2>Distributions</h2>\n", f);
	if (!pf->hists)
		fputs("<p>This profile has no <code>wait_hist</code> and <code>hold_hist</code> "
		      "columns: no distribution to draw.</p>\n", f);
	else
		fputs("<p>The locks' waits and sampled holds in powers of two (a point per "
		      "octave, at its middle; a gap where an octave between the first and the last "
		      "is empty), from the <code>wait_hist</code> and <code>hold_hist</code> "
		      "columns. The numbers name the rows of the table above.</p>\n", f);
	for (int k = 0; k < 2; k++) {
		bool found = false;
		for (size_t i = 0; i < cs->n; i++)
			if (cs->c[i].panel == k) {
				lb_html_figure(f, &cs->c[i]);
				found = true;
			}
		if (!found && pf->hists)
			fprintf(f, "<p>No %s to draw.</p>\n", k ? "hold was sampled" : "lock waited");
	}
	fputs("</section>\n", f);
}

/* ---- compare ---------------------------------------------------------- */

/* The locks of one side with one kind and site, added up. */
struct group {
	const char *kind, *site;
	size_t nlocks;
	uint64_t acquisitions, contended, wait_total;
	double p50, p99, max; /* of the merged wait histogram; NAN: none */
};

static int by_site(const void *a, const void *b)
{
	const struct lb_plock *x = *(const struct lb_plock *const *)a;
	const struct lb_plock *y = *(const struct lb_plock *const *)b;
	int c = strcmp(x->kind, y->kind);
	return c ? c : strcmp(x->site, y->site);
}

static int group_cmp(const void *a, const void *b)
{
	const struct group *x = a, *y = b;
	int c = strcmp(x->kind, y->kind);
	return c ? c : strcmp(x->site, y->site);
}

/* The side's groups, sorted by kind and site, into *out.  -1: no memory. */
static int groups_of(const struct lb_pfile *pf, struct group **out, size_t *nout)
{
	const struct lb_plock **v = malloc(pf->nrows * sizeof *v);
	struct group *g = calloc(pf->nrows, sizeof *g);
	struct lb_hist *merged = malloc(sizeof *merged), *one = malloc(sizeof *one);
	size_t n = 0;

	if (!v || !g || !merged || !one) {
		free(v), free(g), free(merged), free(one);
		return -1;
	}
	for (size_t i = 0; i < pf->nrows; i++)
		v[i] = &pf->rows[i];
	qsort(v, pf->nrows, sizeof *v, by_site);
	for (size_t i = 0; i < pf->nrows;) {
		size_t j = i;
		struct group *x = &g[n++];
		x->kind = v[i]->kind;
		x->site = v[i]->site;
		lb_hist_init(merged);
		for (; j < pf->nrows && by_site(&v[i], &v[j]) == 0; j++) {
			x->nlocks++;
			x->acquisitions += v[j]->acquisitions;
			x->contended += v[j]->contended;
			x->wait_total += v[j]->wait_total;
			if (pf->hists && !isnan(v[j]->wait_max) &&
			    lb_hist_parse(one, v[j]->wait_hist, (uint64_t)v[j]->wait_max) == 0)
				lb_hist_merge(merged, one);
		}
		x->p50 = x->p99 = x->max = NAN;
		if (merged->count) {
			x->p50 = (double)lb_hist_percentile(merged, 50);
			x->p99 = (double)lb_hist_percentile(merged, 99);
			x->max = (double)merged->max;
		} else if (!pf->hists && x->nlocks == 1) {
			x->p50 = v[i]->wait_p50;
			x->p99 = v[i]->wait_p99;
			x->max = v[i]->wait_max;
		}
		i = j;
	}
	free(v);
	free(merged);
	free(one);
	*out = g;
	*nout = n;
	return 0;
}

struct site_row {
	const char *kind, *site;
	uint64_t key[2]; /* the most wait, then the most contended, of any side */
};

/* The locks before the condition variables, each most waited-on first. */
static int by_key(const void *a, const void *b)
{
	const struct site_row *x = a, *y = b;
	bool cx = strcmp(x->kind, "cond") == 0, cy = strcmp(y->kind, "cond") == 0;
	if (cx != cy)
		return cx ? 1 : -1;
	for (int i = 0; i < 2; i++)
		if (x->key[i] != y->key[i])
			return x->key[i] < y->key[i] ? 1 : -1;
	int c = strcmp(x->kind, y->kind);
	return c ? c : strcmp(x->site, y->site);
}

static void side_name(FILE *f, const struct lb_pfile *pf)
{
	if (ran_on(pf)) {
		fputs("--as ", f);
		lb_html_esc(f, pf->as);
	} else {
		fputs(pf->meta ? "system" : "NA", f);
	}
}

static void sides_section(FILE *f, const struct lb_pfile *pf, int n)
{
	bool same = true;

	for (int i = 1; i < n; i++)
		same = same && pf[i].program_command && pf[0].program_command &&
		       strcmp(pf[i].program_command, pf[0].program_command) == 0;
	fputs("<section id=\"program\">\n<h2>The program and its runs</h2>\n", f);
	if (same) {
		fputs("<p>Every profile ran <code>", f);
		lb_html_esc(f, pf[0].program_command);
		fputs("</code>.</p>\n", f);
	} else {
		fputs("<p class=\"warn\">The profiles ran different command lines (compared with "
		      "<code>--any-command</code>): each is named below.</p>\n", f);
	}
	fputs("<table>\n<tr><th>side</th><th>its mutexes ran on</th><th>file</th>", f);
	if (!same)
		fputs("<th>command line</th>", f);
	fputs("<th>wall time</th><th>against the first</th><th>exit status</th><th>locks</th>"
	      "<th>acquisitions</th><th>contended</th><th>wait total</th></tr>\n", f);
	for (int s = 0; s < n; s++) {
		uint64_t acq = 0, cont = 0, wait = 0;
		size_t locks = 0;
		for (size_t i = 0; i < pf[s].nrows; i++)
			if (!is_cond(&pf[s].rows[i])) {
				locks++;
				acq += pf[s].rows[i].acquisitions;
				cont += pf[s].rows[i].contended;
				wait += pf[s].rows[i].wait_total;
			}
		fprintf(f, "<tr><td class=\"n\">%d</td><td>", s + 1);
		side_name(f, &pf[s]);
		fputs("</td><td><code>", f);
		lb_html_esc(f, pf[s].path);
		fputs("</code></td>", f);
		if (!same) {
			fputs("<td><code>", f);
			lb_html_esc(f, pf[s].program_command);
			fputs("</code></td>", f);
		}
		td_num(f, lb_num_ns(pf[s].wall_s * 1e9));
		td_num(f, lb_num_times(pf[s].wall_s / pf[0].wall_s));
		fputs("<td>", f);
		exit_text(f, &pf[s]);
		fputs("</td>", f);
		td_count(f, locks);
		td_count(f, acq);
		fprintf(f, "<td class=\"n\">%llu (%s)</td>", (unsigned long long)cont,
			lb_num_pct(share(cont, acq)).s);
		td_num(f, lb_num_ns((double)wait));
		fputs("</tr>\n", f);
	}
	fputs("</table>\n<p>Wall time is the program's, from start to exit, as "
	      "<code>lockbench profile</code> measured it (the sidecar's <code>wall_s</code>); "
	      "one run each, so a difference within the machine's noise is no difference.</p>\n"
	      "</section>\n", f);
}

static int sites_section(FILE *f, const struct lb_pfile *pf, int n)
{
	/* n >= 2: compare refuses fewer profiles */
	struct group **g = n > 0 ? calloc((size_t)n, sizeof *g) : NULL;
	size_t *ng = n > 0 ? calloc((size_t)n, sizeof *ng) : NULL, total = 0, nrows = 0;
	struct site_row *rows = NULL;
	int rc = -1;

	if (!g || !ng)
		goto out;
	for (int s = 0; s < n; s++) {
		if (groups_of(&pf[s], &g[s], &ng[s]) < 0)
			goto out;
		total += ng[s];
	}
	if (!(rows = calloc(total, sizeof *rows)))
		goto out;
	/* The union of the sides' sites, each once. */
	for (int s = 0; s < n; s++)
		for (size_t i = 0; i < ng[s]; i++) {
			struct group *x = &g[s][i];
			bool seen = false;
			for (int t = 0; t < s && !seen; t++)
				seen = bsearch(x, g[t], ng[t], sizeof *x, group_cmp) != NULL;
			if (seen)
				continue;
			struct site_row *r = &rows[nrows++];
			r->kind = x->kind;
			r->site = x->site;
			for (int t = 0; t < n; t++) {
				struct group *y = bsearch(x, g[t], ng[t], sizeof *x, group_cmp);
				if (y && y->wait_total > r->key[0])
					r->key[0] = y->wait_total;
				if (y && y->contended > r->key[1])
					r->key[1] = y->contended;
			}
		}
	qsort(rows, nrows, sizeof *rows, by_key);
	size_t shown = nrows < LB_PROFILE_TOP_SITES ? nrows : LB_PROFILE_TOP_SITES;
	fprintf(f, "<section id=\"locks\">\n<h2>The locks, matched by site</h2>\n<p>A lock is "
		   "matched across the profiles by its kind and its site; the locks of one profile "
		   "with the same kind and site (made at one call site, or in several processes) "
		   "are added up, and their waits' percentiles are taken over all of their waits. "
		   "The %zu of %zu sites with the longest wait, then the most contended "
		   "acquisitions, in any profile, the locks before the condition variables (whose "
		   "waits are for a signal); &mdash; where a profile has no such lock. A library "
		   "that makes its locks through a function of its own (pigz's yarn) gives them "
		   "all that function's site.</p>\n"
		   "<table>\n<tr><th rowspan=\"2\">kind</th><th rowspan=\"2\">site</th>",
		shown, nrows);
	for (int s = 0; s < n; s++) {
		fprintf(f, "<th colspan=\"7\">%d: ", s + 1);
		side_name(f, &pf[s]);
		fputs("</th>", f);
	}
	fputs("</tr>\n<tr>", f);
	for (int s = 0; s < n; s++)
		fputs("<th>locks</th><th>acquisitions</th><th>contended</th><th>wait total</th>"
		      "<th>wait p50</th><th>wait p99</th><th>wait max</th>", f);
	fputs("</tr>\n", f);
	for (size_t i = 0; i < shown; i++) {
		struct group key = { .kind = rows[i].kind, .site = rows[i].site };
		fputs("<tr>", f);
		td_text(f, rows[i].kind);
		fputs("<td><code>", f);
		lb_html_esc(f, rows[i].site);
		fputs("</code></td>", f);
		for (int s = 0; s < n; s++) {
			struct group *y = bsearch(&key, g[s], ng[s], sizeof key, group_cmp);
			if (!y) {
				fputs("<td class=\"n\" colspan=\"7\">&mdash;</td>", f);
				continue;
			}
			td_count(f, y->nlocks);
			td_count(f, y->acquisitions);
			td_num(f, lb_num_pct(share(y->contended, y->acquisitions)));
			td_num(f, lb_num_ns((double)y->wait_total));
			td_num(f, lb_num_ns(y->p50));
			td_num(f, lb_num_ns(y->p99));
			td_num(f, lb_num_ns(y->max));
		}
		fputs("</tr>\n", f);
	}
	fputs("</table>\n</section>\n", f);
	rc = 0;
out:
	for (int s = 0; g && s < n; s++)
		free(g[s]);
	free(g);
	free(ng);
	free(rows);
	return rc;
}

int lb_pfile_page(const struct lb_pfile *pf, int n, bool compare, const struct lb_charts *charts,
		  const char *path, char *err, size_t errlen)
{
	int fd = lb_create(path, true, NULL, err, errlen);
	FILE *f;
	int rc = 0;

	if (fd < 0)
		return -1;
	if (!(f = fdopen(fd, "w"))) {
		close(fd);
		return lb_err(err, errlen, "cannot write %s: %s", path, strerror(errno));
	}
	head(f, pf, n, compare);
	if (compare) {
		sides_section(f, pf, n);
		rc = sites_section(f, pf, n);
	} else {
		program_section(f, pf);
		top_section(f, pf, false);
		charts_section(f, pf, charts);
		top_section(f, pf, true);
	}
	fputs("</body>\n</html>\n", f);
	if (rc < 0) {
		unlink(path);
		fclose(f);
		return lb_err(err, errlen, "cannot write %s: out of memory", path);
	}
	return lb_close_whole(f, path, err, errlen);
}
