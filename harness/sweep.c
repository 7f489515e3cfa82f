/*
 * sweep.c - expanding a sweep into cases, running them, writing rows,
 * showing progress and the summary.  See sweep.h.
 */
#include <errno.h>
#include <inttypes.h>
#include <limits.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "config.h"
#include "harness/csv.h"
#include "harness/files.h"
#include "harness/fleet.h"
#include "harness/probe.h"
#include "harness/stats.h"
#include "harness/sweep.h"

/* The lists a case of workload wl is crossed with: a primitive kind it
 * does not use and a parameter it does not read count as one item. */
struct axes {
	int locks, wgs, rr, cs, think, work, spawn;
};

static struct axes axes_of(const struct lb_sweep_spec *s, const struct lb_workload_ops *wl)
{
	struct axes x = {
		.locks = wl->kinds & LB_KIND_LOCK ? s->nlocks : 1,
		.wgs = wl->kinds & LB_KIND_WG ? s->nwgs : 1,
		.rr = wl->params & LB_WP_READ_RATIO ? s->nread_ratios : 1,
		.cs = wl->params & LB_WP_CS ? s->ncs : 1,
		.think = wl->params & LB_WP_THINK ? s->nthink : 1,
		.work = wl->params & LB_WP_WORK ? s->nwork : 1,
		.spawn = wl->params & LB_WP_SPAWN ? s->nspawn : 1,
	};
	return x;
}

/* Whether the lock l or WaitGroup g (-1: none) of s fails to exclude, so
 * that it runs above one thread only with allow_unsafe. */
static bool unsafe_pair(const struct lb_sweep_spec *s, int l, int g)
{
	return (l >= 0 && (s->locks[l].ops->caps & LB_CAP_UNSAFE)) ||
	       (g >= 0 && (s->wgs[g].ops->caps & LB_WG_UNSAFE));
}

/* The cases of s into out (NULL: only count them); returns their count. */
static uint64_t expand(const struct lb_sweep_spec *s, struct lb_case *out)
{
	uint64_t k = 0;

	for (int w = 0; w < s->nworkloads; w++) {
		const struct lb_workload_ops *wl = s->workloads[w];
		const struct axes x = axes_of(s, wl);
		const uint64_t params = (uint64_t)x.rr * (uint64_t)x.cs * (uint64_t)x.think *
					(uint64_t)x.work * (uint64_t)x.spawn;
		for (int l = 0; l < x.locks; l++)
		for (int g = 0; g < x.wgs; g++) {
			int li = wl->kinds & LB_KIND_LOCK ? l : -1;
			int gi = wl->kinds & LB_KIND_WG ? g : -1;
			bool only_one = unsafe_pair(s, li, gi) && !s->allow_unsafe;
			if (!out) { /* multiplied out: a sweep can be too large to walk */
				k += params * (only_one ? (uint64_t)(s->nthreads && s->threads[0] == 1)
							: (uint64_t)s->nthreads);
				continue;
			}
			for (int r = 0; r < x.rr; r++)
			for (int c = 0; c < x.cs; c++)
			for (int t = 0; t < x.think; t++)
			for (int wk = 0; wk < x.work; wk++)
			for (int sp = 0; sp < x.spawn; sp++)
			for (int th = 0; th < s->nthreads; th++) {
				if (only_one && s->threads[th] > 1)
					continue;
				struct lb_case *y = &out[k++];
				memset(y, 0, sizeof *y);
				if (li >= 0) {
					y->lock = s->locks[li].ops;
					y->lock_opts = s->locks[li].opts;
				}
				if (gi >= 0) {
					y->wg = s->wgs[gi].ops;
					y->wg_opts = s->wgs[gi].opts;
				}
				y->workload = wl;
				y->p = s->base;
				y->p.read_ratio = wl->params & LB_WP_READ_RATIO ? s->read_ratios[r] : 0;
				y->p.cs_ns = wl->params & LB_WP_CS ? s->cs_ns[c] : 0;
				y->p.think_ns = wl->params & LB_WP_THINK ? s->think_ns[t] : 0;
				y->p.work_ns = wl->params & LB_WP_WORK ? s->work_ns[wk] : 0;
				y->p.spawn = wl->params & LB_WP_SPAWN ? s->spawns[sp] : LB_SPAWN_POOL;
				y->threads = s->threads[th];
				y->pin = &s->pin;
				y->warmup_ns = s->warmup_ns;
				y->duration_ns = s->duration_ns;
				y->timeout_ns = s->timeout_ns;
				y->sample_ns = s->sample_ns;
				y->sample_n = s->sample_n;
				y->events = &s->events;
			}
		}
	}
	return k;
}

uint64_t lb_sweep_count(const struct lb_sweep_spec *s)
{
	return expand(s, NULL);
}

struct lb_case *lb_sweep_cases(const struct lb_sweep_spec *s, int *n)
{
	uint64_t k = lb_sweep_count(s);
	struct lb_case *cs = k <= INT_MAX ? calloc(k ? (size_t)k : 1, sizeof *cs) : NULL;

	if (!cs)
		return NULL;
	*n = (int)expand(s, cs);
	return cs;
}

/* "read_ratio=0.9,keys=1024,dist=uniform,cs_ns=0,think_ns=0,seed=1": the
 * parameters the case's workload reads. */
static void workload_opts_text(const struct lb_case *c, char *buf, size_t len)
{
	unsigned pm = c->workload->params;
	size_t used = 0;

	buf[0] = '\0';
#define ADD(...) used += (size_t)snprintf(buf + used, used < len ? len - used : 0, __VA_ARGS__)
	if (pm & LB_WP_READ_RATIO)
		ADD("%sread_ratio=%g", used ? "," : "", c->p.read_ratio);
	if (pm & LB_WP_KEYS)
		ADD("%skeys=%" PRIu64, used ? "," : "", c->p.keys);
	if (pm & LB_WP_DIST) {
		if (c->p.dist == LB_DIST_ZIPF)
			ADD("%sdist=zipf,skew=%g", used ? "," : "", c->p.skew);
		else
			ADD("%sdist=uniform", used ? "," : "");
	}
	if (pm & LB_WP_CS)
		ADD("%scs_ns=%" PRIu64, used ? "," : "", c->p.cs_ns);
	if (pm & LB_WP_THINK)
		ADD("%sthink_ns=%" PRIu64, used ? "," : "", c->p.think_ns);
	if (pm & LB_WP_WORK)
		ADD("%swork_ns=%" PRIu64, used ? "," : "", c->p.work_ns);
	if (pm & LB_WP_SPAWN)
		ADD("%sspawn=%s", used ? "," : "", lb_spawn_names[c->p.spawn]);
	if (pm & LB_WP_SEED)
		ADD("%sseed=%" PRIu64, used ? "," : "", c->p.seed);
#undef ADD
}

/* "wg-seed-fixed" or "gomutex:mode=normal,...": a primitive as typed,
 * its options (defaults filled in) after the colon when it has any. */
static void prim_text(const char *name, const struct lb_optdesc *options,
		      const struct lb_optset *o, char *b, size_t len)
{
	snprintf(b, len, "%s%s%s", name, options ? ":" : "", options ? o->canon : "");
}

/* ---- rows ------------------------------------------------------------- */

#define NUMLEN 40

static const char *u64s(char *b, uint64_t v)
{
	snprintf(b, NUMLEN, "%" PRIu64, v);
	return b;
}

static const char *dbl(char *b, const char *fmt, double v)
{
	if (isnan(v))
		return NULL; /* NA */
	snprintf(b, NUMLEN, fmt, v);
	return b;
}

int lb_sweep_header(const struct lb_sweep_spec *s, FILE *csv)
{
	const char *cols[LB_MAX_EVENTS];

	for (int i = 0; i < s->events.n; i++)
		cols[i] = s->events.ev[i].column;
	return lb_csv_header(csv, cols, s->events.n);
}

static int write_row(FILE *csv, const char *run_id, int case_no, unsigned rep,
		     const struct lb_case *c, const struct lb_result *r,
		     const struct lb_platform *plat)
{
	char num[LB_CSV_NCOLS][NUMLEN], pnum[LB_MAX_EVENTS][NUMLEN];
	const char *v[LB_CSV_NCOLS] = { 0 }, *papi[LB_MAX_EVENTS] = { 0 };
	const int npapi = c->events ? c->events->n : 0;
	char wopts[256], wg[256];
	bool ok = r->status == LB_OK, shares = !c->workload->rounds;

	workload_opts_text(c, wopts, sizeof wopts);
	if (c->wg)
		prim_text(c->wg->name, c->wg->options, &c->wg_opts, wg, sizeof wg);
	v[LB_COL_schema] = u64s(num[LB_COL_schema], LB_CSV_SCHEMA);
	v[LB_COL_run_id] = run_id;
	v[LB_COL_case] = u64s(num[LB_COL_case], (uint64_t)case_no);
	v[LB_COL_rep] = u64s(num[LB_COL_rep], rep);
	v[LB_COL_status] = lb_status_names[r->status];
	v[LB_COL_error] = r->error[0] ? r->error : NULL;
	v[LB_COL_platform] = plat->platform;
	v[LB_COL_host] = plat->host[0] ? plat->host : NULL;
	v[LB_COL_cpu_model] = plat->cpu_model[0] ? plat->cpu_model : NULL;
	if (plat->pus) { /* none: a run that never reached a machine */
		v[LB_COL_packages] = u64s(num[LB_COL_packages], (uint64_t)plat->packages);
		v[LB_COL_cores] = u64s(num[LB_COL_cores], (uint64_t)plat->cores);
		v[LB_COL_pus] = u64s(num[LB_COL_pus], (uint64_t)plat->pus);
	}
	v[LB_COL_kernel] = plat->kernel[0] ? plat->kernel : NULL;
	v[LB_COL_compiler] = plat->compiler[0] ? plat->compiler : NULL;
	v[LB_COL_lockbench_version] = PACKAGE_VERSION;
	v[LB_COL_lock] = c->lock ? c->lock->name : NULL;
	v[LB_COL_lock_opts] = c->lock && c->lock_opts.canon[0] ? c->lock_opts.canon : NULL;
	v[LB_COL_waitgroup] = c->wg ? wg : NULL;
	v[LB_COL_workload] = c->workload->name;
	v[LB_COL_workload_opts] = wopts;
	v[LB_COL_threads] = u64s(num[LB_COL_threads], (uint64_t)c->threads);
	v[LB_COL_pin] = c->pin->name;
	if (ok) {
		v[LB_COL_cpus] = r->cpus;
		v[LB_COL_duration_s] = dbl(num[LB_COL_duration_s], "%.6f", r->duration_s);
		v[LB_COL_ops] = u64s(num[LB_COL_ops], r->ops);
		v[LB_COL_ops_per_sec] = dbl(num[LB_COL_ops_per_sec], "%.1f",
					    r->duration_s > 0 ? (double)r->ops / r->duration_s : NAN);
		if (shares) { /* NA where the operations are thread 0's rounds */
			v[LB_COL_reads] = u64s(num[LB_COL_reads], r->reads);
			v[LB_COL_writes] = u64s(num[LB_COL_writes], r->writes);
			v[LB_COL_thread_ops_min] = u64s(num[LB_COL_thread_ops_min],
							r->thread_ops_min);
			v[LB_COL_thread_ops_max] = u64s(num[LB_COL_thread_ops_max],
							r->thread_ops_max);
			v[LB_COL_jain] = dbl(num[LB_COL_jain], "%.6f", r->jain);
			v[LB_COL_worst_wait_max_ns] = dbl(num[LB_COL_worst_wait_max_ns], "%.1f",
							  r->worst_wait_max_ns);
			v[LB_COL_worst_wait_p50_ns] = dbl(num[LB_COL_worst_wait_p50_ns], "%.1f",
							  r->worst_wait_p50_ns);
			v[LB_COL_slowest_wait_pct] = dbl(num[LB_COL_slowest_wait_pct], "%.3f",
							 r->slowest_wait_pct);
		}
		v[LB_COL_lat_metric] = c->workload->lat_metric;
		v[LB_COL_lat_samples] = u64s(num[LB_COL_lat_samples], r->lat_samples);
		v[LB_COL_lat_p50_ns] = dbl(num[LB_COL_lat_p50_ns], "%.1f", r->lat_p50_ns);
		v[LB_COL_lat_p90_ns] = dbl(num[LB_COL_lat_p90_ns], "%.1f", r->lat_p90_ns);
		v[LB_COL_lat_p99_ns] = dbl(num[LB_COL_lat_p99_ns], "%.1f", r->lat_p99_ns);
		v[LB_COL_lat_p999_ns] = dbl(num[LB_COL_lat_p999_ns], "%.1f", r->lat_p999_ns);
		v[LB_COL_lat_max_ns] = dbl(num[LB_COL_lat_max_ns], "%.1f", r->lat_max_ns);
		v[LB_COL_verified] = r->verified ? "yes" : "no";
		v[LB_COL_wake_p50_ns] = dbl(num[LB_COL_wake_p50_ns], "%.1f", r->wake_p50_ns);
		v[LB_COL_wake_p99_ns] = dbl(num[LB_COL_wake_p99_ns], "%.1f", r->wake_p99_ns);
		v[LB_COL_wake_max_ns] = dbl(num[LB_COL_wake_max_ns], "%.1f", r->wake_max_ns);
		/* Six significant digits: a few changes in millions of operations
		 * still show. */
		v[LB_COL_owner_changes] = dbl(num[LB_COL_owner_changes], "%.6g", r->owner_changes);
		v[LB_COL_xfer_ns] = dbl(num[LB_COL_xfer_ns], "%.1f", r->xfer_ns);
		v[LB_COL_xfer_ns_max] = dbl(num[LB_COL_xfer_ns_max], "%.1f", r->xfer_ns_max);
		/* No lock passes ownership faster than its line moves.  From the
		 * two as the row gives them, so that the row's own figures give
		 * its ceiling to the last digit. */
		double changes = v[LB_COL_owner_changes] ? strtod(v[LB_COL_owner_changes], NULL) : 0;
		double xfer = v[LB_COL_xfer_ns] ? strtod(v[LB_COL_xfer_ns], NULL) : 0;
		v[LB_COL_ceiling_ops_per_sec] =
			changes > 0 && xfer > 0
				? dbl(num[LB_COL_ceiling_ops_per_sec], "%.1f", 1e9 / (changes * xfer))
				: NULL;
		v[LB_COL_preempted_pct] = dbl(num[LB_COL_preempted_pct], "%.3f", r->preempted_pct);
		v[LB_COL_steal_pct] = dbl(num[LB_COL_steal_pct], "%.3f", r->steal_pct);
		_Static_assert(LB_COL_starve_exit - LB_COL_spins + 1 == LB_NSTATS,
			       "the CSV's counter columns follow LB_LOCK_STATS");
		/* spins .. starve_exit, in LB_LOCK_STATS order; NA for a counter
		 * the lock does not keep. */
		for (int k = 0; k < LB_NSTATS; k++)
			if (r->stats_mask & (1u << k))
				v[LB_COL_spins + k] = u64s(num[LB_COL_spins + k], r->stats[k]);
		/* Each PAPI event's count per operation; NA where not counted. */
		for (int k = 0; k < npapi; k++)
			papi[k] = dbl(pnum[k], "%.6g", r->papi[k]);
	}
	return lb_csv_row(csv, v, papi, npapi); /* written and flushed */
}

int lb_sweep_row_unrun(FILE *csv, const char *run_id, int case_no, unsigned rep,
		       const struct lb_case *c, const char *platform, const char *error,
		       int nextra)
{
	struct lb_platform plat = { 0 };
	struct lb_events none = { .n = nextra };
	struct lb_case bare = *c;
	struct lb_result *r = calloc(1, sizeof *r);
	int rc;

	if (!r || nextra < 0 || nextra > LB_MAX_EVENTS) {
		free(r);
		errno = r ? EINVAL : ENOMEM;
		return -1;
	}
	snprintf(plat.platform, sizeof plat.platform, "%s", platform);
	r->status = LB_FAILED;
	snprintf(r->error, sizeof r->error, "%s", error);
	bare.events = &none; /* NA in every extra column: the run has no counts */
	rc = write_row(csv, run_id, case_no, rep, &bare, r, &plat);
	free(r);
	return rc;
}

/* ---- progress and summary --------------------------------------------- */

static void fmt_secs(double s, char *b, size_t len)
{
	if (s < 60)
		snprintf(b, len, "%.0fs", ceil(s));
	else
		snprintf(b, len, "%dm%02ds", (int)(s / 60), (int)fmod(s, 60));
}

static void fmt_rate(double v, char *b, size_t len)
{
	if (isnan(v))
		snprintf(b, len, "NA");
	else if (v >= 1e9)
		snprintf(b, len, "%.2fG", v / 1e9);
	else if (v >= 1e6)
		snprintf(b, len, "%.2fM", v / 1e6);
	else if (v >= 1e3)
		snprintf(b, len, "%.1fk", v / 1e3);
	else
		snprintf(b, len, "%.0f", v);
}

/* The two text columns of a case in the summary: its primitives (the
 * lock, the WaitGroup, or both), and the workload with its parameters. */
static void case_names(const struct lb_case *c, char *prim, size_t plen, char *wl, size_t wlen)
{
	char w[256], lock[256] = "", wg[256] = "";

	if (c->lock)
		prim_text(c->lock->name, c->lock->options, &c->lock_opts, lock, sizeof lock);
	if (c->wg)
		prim_text(c->wg->name, c->wg->options, &c->wg_opts, wg, sizeof wg);
	snprintf(prim, plen, "%s%s%s", lock, lock[0] && wg[0] ? " " : "", wg);
	workload_opts_text(c, w, sizeof w);
	snprintf(wl, wlen, "%s(%s)", c->workload->name, w);
}

void lb_sweep_describe(const struct lb_case *c, char *b, size_t len)
{
	char prim[520], wl[320];

	case_names(c, prim, sizeof prim, wl, sizeof wl);
	snprintf(b, len, "%s %s threads=%d", prim, wl, c->threads);
}

static void progress(bool tty, int done, int total, const char *what, unsigned rep,
		     unsigned reps, const struct lb_result *r, double left_s)
{
	char left[32], rate[32];

	fmt_secs(left_s, left, sizeof left);
	if (tty) {
		int width = 24, fill = total ? done * width / total : width;
		fprintf(stderr, "\r\033[K[%.*s%*s] %d/%d  %s rep %u/%u  %s left",
			fill, "========================", width - fill, "", done, total,
			what, rep, reps, left);
		if (done == total)
			fputc('\n', stderr);
	} else if (r) {
		fmt_rate(r->duration_s > 0 ? (double)r->ops / r->duration_s : NAN, rate,
			 sizeof rate);
		fprintf(stderr, "lockbench: [%d/%d] %s rep %u/%u: %s%s%s%s, %s left\n", done,
			total, what, rep, reps, lb_status_names[r->status],
			r->status == LB_OK ? " " : "", r->status == LB_OK ? rate : "",
			r->status == LB_OK ? " ops/s" : "", left);
	}
	fflush(stderr);
}

struct outcome {
	enum lb_status status;
	bool verified;
	double ops_per_sec, p99_ns, jain;
};

static void fmt_ns(double ns, char *b, size_t len)
{
	if (isnan(ns))
		snprintf(b, len, "NA");
	else if (ns < 1e3)
		snprintf(b, len, "%.0fns", ns);
	else if (ns < 1e6)
		snprintf(b, len, "%.1fus", ns / 1e3);
	else
		snprintf(b, len, "%.2fms", ns / 1e6);
}

/* One line per case: medians over the repetitions that ran ok, the CV of
 * their ops/s, and how many did not run ok. */
static void summary_table(FILE *out, const struct lb_case *cases, int ncases,
			  const struct outcome *o, unsigned reps_done)
{
	double *x = malloc((reps_done + 1) * sizeof *x), *p = malloc((reps_done + 1) * sizeof *p),
	       *j = malloc((reps_done + 1) * sizeof *j);
	int lw = 9, ww = 8;
	char lock[520], wl[320];

	if (!x || !p || !j)
		goto out;
	for (int k = 0; k < ncases; k++) {
		case_names(&cases[k], lock, sizeof lock, wl, sizeof wl);
		lw = (int)strlen(lock) > lw ? (int)strlen(lock) : lw;
		ww = (int)strlen(wl) > ww ? (int)strlen(wl) : ww;
	}
	fprintf(out, "\n%-*s  %-*s  %7s  %10s  %6s  %9s  %6s  %s\n", lw, "primitive", ww,
		"workload", "threads", "ops/s", "CV", "p99", "jain", "verified");
	for (int k = 0; k < ncases; k++) {
		char rate[32] = "-", cv[16] = "-", p99[32] = "-", jn[16] = "-", ver[64];
		size_t n = 0, np = 0, nj = 0, bad = 0, unverified = 0;
		struct lb_summary sx, sp, sj;

		for (unsigned r = 0; r < reps_done; r++) {
			const struct outcome *q = &o[(size_t)r * (size_t)ncases + (size_t)k];
			if (q->status == LB_INTERRUPTED)
				continue;
			if (q->status != LB_OK) {
				bad++;
				continue;
			}
			unverified += !q->verified;
			x[n++] = q->ops_per_sec;
			if (!isnan(q->jain)) /* NA for rounds, and where no thread did anything */
				j[nj++] = q->jain;
			if (!isnan(q->p99_ns)) /* a run with no latency sample has none */
				p[np++] = q->p99_ns;
		}
		if (n == 0 && bad == 0)
			continue;
		case_names(&cases[k], lock, sizeof lock, wl, sizeof wl);
		if (n && lb_summarize(x, n, &sx) == 0) {
			fmt_rate(sx.median, rate, sizeof rate);
			if (n > 1)
				snprintf(cv, sizeof cv, "%.1f%%", sx.cv * 100);
		}
		if (nj && lb_summarize(j, nj, &sj) == 0)
			snprintf(jn, sizeof jn, "%.3f", sj.median);
		if (np && lb_summarize(p, np, &sp) == 0)
			fmt_ns(sp.median, p99, sizeof p99);
		snprintf(ver, sizeof ver, "%s", n == 0 ? "-" : unverified ? "NO" : "yes");
		if (bad)
			snprintf(ver + strlen(ver), sizeof ver - strlen(ver),
				 " (%zu of %zu runs not ok)", bad, bad + n);
		fprintf(out, "%-*s  %-*s  %7d  %10s  %6s  %9s  %6s  %s\n", lw, lock, ww, wl,
			cases[k].threads, rate, cv, p99, jn, ver);
	}
	fprintf(out, "(medians over %u repetition%s; CV: the spread of ops/s across them; "
		     "p99: of the wait to acquire, or of a round, as lat_metric says)\n",
		reps_done, reps_done == 1 ? "" : "s");
out:
	free(x);
	free(p);
	free(j);
}

/* ---- the sidecar ------------------------------------------------------ */

/* This process's command line, each word quoted for a POSIX shell where
 * it needs to be; control characters become '?'. */
static void command_line(FILE *out)
{
	FILE *f = fopen("/proc/self/cmdline", "r");
	char word[4096];
	int c, n = 0, words = 0;

	if (!f) {
		fputs("NA", out);
		return;
	}
	do {
		c = getc(f);
		if (c != EOF && c != '\0') {
			if (n + 1 < (int)sizeof word)
				word[n++] = (char)c;
			continue;
		}
		if (n == 0 && c == EOF)
			break;
		word[n] = '\0';
		fputs(words++ ? " " : "", out);
		lb_sh_word(out, word, true);
		n = 0;
	} while (c != EOF);
	fclose(f);
}

/*
 * CSV_PATH.meta: how the sweep ran, in key=value lines, for what the rows
 * do not say (the command line, the sweep's timing flags, the CPU
 * frequency governor, SMT, the warnings); lockbench report shows it next
 * to the rows.  A sidecar that cannot be written costs a warning, not the
 * sweep.
 */
void lb_meta_machine(FILE *f)
{
	char v[256];
	time_t now = time(NULL);
	struct tm tm;

	fputs("command=", f);
	command_line(f);
	localtime_r(&now, &tm);
	strftime(v, sizeof v, "%Y-%m-%dT%H:%M:%S%z", &tm);
	fprintf(f, "\nstarted=%s\nlockbench_version=%s\n", v, PACKAGE_VERSION);
	lb_platform_governor(v, sizeof v);
	fprintf(f, "governor=%s\n", v[0] ? v : "NA");
	lb_platform_smt(v, sizeof v);
	fprintf(f, "smt=%s\n", v[0] ? v : "NA");
}

void lb_meta_xfer(void *arg, int a, int b, const struct lb_xfer *x)
{
	fprintf(arg, "xfer=%d %d %.1f %.1f %" PRIu64 "\n", a, b, x->oneway_ns, x->oneway_ns_p99,
		x->samples);
}

/* The sweep's PUs, probed once before its first case: every pair of the
 * first LB_SWEEP_PROBE_PUS PUs that its widest case uses, each for
 * LB_SWEEP_PROBE_NS, as xfer= lines; a pair that cannot be probed ends
 * the lines with xfer_error=. */
#define LB_SWEEP_PROBE_PUS 16
#define LB_SWEEP_PROBE_NS 20000000
static void probe_sweep(const struct lb_sweep_spec *s, const struct lb_env *env, FILE *f)
{
	int n = s->threads[s->nthreads - 1], *cpus = malloc((size_t)n * sizeof *cpus);
	int pus[LB_SWEEP_PROBE_PUS], npus;
	char err[LB_ERR_LEN];

	if (!cpus || lb_pin_plan(env->topo, &s->pin, n, cpus, err, sizeof err) < 0) {
		free(cpus);
		return;
	}
	if (cpus[0] < 0) /* unpinned: where the threads may run */
		n = lb_probe_allowed(n, cpus);
	npus = lb_probe_distinct(cpus, n, pus, LB_SWEEP_PROBE_PUS);
	free(cpus);
	if (lb_probe_matrix(env->topo, pus, npus, LB_SWEEP_PROBE_NS, env->ticks_per_ns,
			    lb_meta_xfer, f, err, sizeof err) < 0)
		fprintf(f, "xfer_error=%s\n", err);
}

static void write_meta(const struct lb_sweep_spec *s, const struct lb_env *env,
		       const struct lb_platform *plat, const char *run_id, const char *csv_path,
		       FILE *f)
{
	char v[256], *warn = NULL;
	size_t wlen = 0;
	struct lb_clock_res res;
	const char *hz_source = NULL;
	int hz;
	FILE *w;

	lb_meta_title(f, "sweep", csv_path, "; lockbench report reads this.");
	fprintf(f, "run_id=%s\n", run_id);
	lb_meta_machine(f);
	lb_format_duration(s->duration_ns, v, sizeof v);
	fprintf(f, "duration=%s\n", v);
	lb_format_duration(s->warmup_ns, v, sizeof v);
	fprintf(f, "warmup=%s\n", v);
	lb_format_duration(s->timeout_ns, v, sizeof v);
	fprintf(f, "timeout=%s\nreps=%u\n", v, s->reps);
	if (s->shard_n) /* the deal of lb_sweep_shards, and over how many cases */
		fprintf(f, "shard=%d/%d\ncases=%" PRIu64 "\n", s->shard_k, s->shard_n,
			lb_sweep_count(s));
	if (s->sample_n)
		snprintf(v, sizeof v, "%u", s->sample_n);
	else
		lb_format_duration(s->sample_ns, v, sizeof v);
	fprintf(f, "sample_every=%s\n", v);
	/* What limits the latency columns (the clock's step) and paces a
	 * thread that waits for the scheduler (the tick). */
	if (lb_clock_resolution(env->ticks_per_ns, &res) == 0)
		fprintf(f, "clock_resolution_ns=%.3g\nclock_min_step_ns=%.3g\n", res.step_ns,
			res.min_ns);
	else
		fprintf(f, "clock_resolution_ns=NA\nclock_min_step_ns=NA\n");
	if ((hz = lb_platform_kernel_hz(&hz_source)) > 0)
		fprintf(f, "kernel_hz=%d\nkernel_hz_source=%s\n", hz, hz_source);
	else
		fprintf(f, "kernel_hz=NA\nkernel_hz_source=NA\n");
	/* The warnings lockbench run printed (the platform's, oversubscription,
	 * the PAPI events it cannot count), one warning= line each. */
	if ((w = open_memstream(&warn, &wlen))) {
		int pus = s->pin.policy == LB_PIN_LIST ? s->pin.ncpus : plat->pus;
		lb_platform_warn(w);
		if (s->nthreads && s->threads[s->nthreads - 1] > pus)
			lb_warn_oversubscribed(w, "lockbench", s->threads[s->nthreads - 1], pus);
		lb_counters_warn(&s->events, "lockbench", w);
		if (fclose(w) == 0)
			for (char *line = warn, *nl; line && *line; line = nl + 1) {
				nl = strchr(line, '\n');
				if (!nl)
					break;
				*nl = '\0';
				/* "lockbench: warning: ...", "lockbench: ...": the text */
				static const char *const tags[] = { "lockbench: ", "warning: " };
				for (size_t k = 0; k < 2; k++)
					if (strncmp(line, tags[k], strlen(tags[k])) == 0)
						line += strlen(tags[k]);
				fprintf(f, "warning=%s\n", line);
			}
		free(warn);
	}
	probe_sweep(s, env, f);
	if (fclose(f) != 0)
		lb_say(stderr, "lockbench: warning: cannot write %s.meta: %s", csv_path,
		       strerror(errno));
}

int lb_sweep_run(const struct lb_sweep_spec *s, const struct lb_plan *plan,
		 const struct lb_env *env, const struct lb_platform *plat, const char *run_id,
		 FILE *csv, const char *csv_path, FILE *meta, FILE *summary,
		 volatile sig_atomic_t *interrupts)
{
	const int ncases = plan->n, *shard_of = plan->shard_of;
	const struct lb_case *cases = plan->cases;
	int rc = 0;
	struct outcome *o = calloc((size_t)ncases * s->reps + 1, sizeof *o);
	struct lb_result *r = malloc(sizeof *r);
	bool tty = isatty(STDERR_FILENO), papi_warned = false, gone = false;
	int gone_errno = 0;
	int total = 0, done = 0;
	unsigned rounds = 0;
	uint64_t t_start = lb_now_ns();

	if (!o || !r) {
		lb_say(stderr, "lockbench: out of memory for the sweep's cases");
		rc = 1;
		goto out;
	}
	for (int k = 0; k < ncases; k++)
		total += shard_of[k] == s->shard_k ? (int)s->reps : 0; /* 0 == 0 unsharded */
	for (size_t i = 0; i < (size_t)ncases * s->reps; i++)
		o[i].status = LB_INTERRUPTED; /* not run (yet) */
	write_meta(s, env, plat, run_id, csv_path, meta);
	meta = NULL;
	for (unsigned rep = 1; rep <= s->reps && !*interrupts && !gone; rep++) {
		for (int k = 0; k < ncases && !*interrupts && !gone; k++) {
			char what[512];
			if (shard_of[k] != s->shard_k)
				continue; /* another shard's case */
			double per = done ? (double)(lb_now_ns() - t_start) / 1e9 / done
					  : (double)(s->warmup_ns + s->duration_ns) / 1e9 + 0.02;

			lb_sweep_describe(&cases[k], what, sizeof what);
			if (tty)
				progress(true, done, total, what, rep, s->reps, NULL,
					 per * (total - done));
			if (lb_case_exec(&cases[k], env, interrupts, r) < 0) {
				memset(r, 0, sizeof *r);
				r->status = LB_FAILED;
				snprintf(r->error, sizeof r->error, "could not start the case: %m");
			}
			if (r->status == LB_INTERRUPTED)
				break;
			if (r->papi_error[0] && !papi_warned) { /* once per sweep */
				fprintf(stderr, "%slockbench: warning: %s (case %d); the PAPI "
					"columns of such runs are NA\n", tty ? "\r\033[K" : "",
					r->papi_error, k + 1);
				papi_warned = true;
			}
			if (write_row(csv, run_id, k + 1, rep, &cases[k], r, plat) < 0) {
				lb_say(stderr, "%slockbench: cannot write %s: %s; the %d runs before "
				       "this one are in it", tty ? "\n" : "", csv_path, strerror(errno),
				       done);
				rc = 1;
				goto out;
			}
			o[(size_t)(rep - 1) * (size_t)ncases + (size_t)k] = (struct outcome){
				.status = r->status,
				.verified = r->verified,
				.ops_per_sec = r->duration_s > 0 ? (double)r->ops / r->duration_s : NAN,
				.p99_ns = r->lat_p99_ns,
				.jain = cases[k].workload->rounds ? NAN : r->jain,
			};
			done++;
			per = (double)(lb_now_ns() - t_start) / 1e9 / done;
			progress(tty, done, total, what, rep, s->reps, r, per * (total - done));
			if (ferror(stderr) || ferror(summary)) {
				gone = true;
				gone_errno = errno;
			}
		}
		rounds = rep;
	}
	if (gone) {
		/* Said to stderr, which may be the closed pipe itself. */
		lb_say(stderr, "lockbench: the output is gone (%s): stopped after %d of %d runs; "
		       "every finished run is in %s", strerror(gone_errno), done, total, csv_path);
		rc = 1;
		goto out;
	}
	if (*interrupts) {
		if (tty)
			fputc('\n', stderr);
		fprintf(stderr, "lockbench: interrupted after %d of %d runs; every finished run is in the CSV\n",
			done, total);
		rc = 130;
	}
	summary_table(summary, cases, ncases, o, rounds);
out:
	if (meta)
		fclose(meta);
	free(o);
	free(r);
	return rc;
}
