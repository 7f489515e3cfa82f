/*
 * runner.c - one case in a child process.  See runner.h.
 */
#include <errno.h>
#include <fcntl.h>
#include <math.h>
#include <poll.h>
#include <pthread.h>
#include <sched.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "harness/noise.h"
#include "harness/probe.h"
#include "harness/runner.h"

const char *const lb_status_names[] = {
	[LB_OK] = "ok",
	[LB_TIMEOUT] = "timeout",
	[LB_CRASHED] = "crashed",
	[LB_FAILED] = "failed",
	[LB_SKIPPED] = "skipped",
	[LB_INTERRUPTED] = "interrupted",
};

/* ---- the child: threads, start gate, measured window ------------------ */

/* The start gate: every thread arrives (after binding itself), then all
 * leave together when the coordinator opens it.  A mutex and condition
 * variable rather than a pthread barrier, so that a failed thread
 * creation can still release the threads already waiting. */
struct gate {
	pthread_mutex_t mu;
	pthread_cond_t cv;
	int arrived;
	bool open, abort;
};

struct job {
	const struct lb_case *c;
	const struct lb_env *env;
	const struct lb_workload_ops *wl;
	struct lb_worker *ws;
	struct gate gate;
	struct lb_counters_case *counters;
	const int *cpus; /* each thread's PU, -1 when not pinned */
	uint64_t steal[2], cpu_time[2]; /* /proc/stat at the window's edges */
	bool steal_ok[2];
};

struct targ {
	struct job *job;
	struct lb_worker *w;
};

static void *thread_main(void *arg)
{
	struct targ *t = arg;
	struct job *job = t->job;
	struct lb_worker *w = t->w;
	char err[LB_ERR_LEN];
	bool run;

	if (w->cpu >= 0 && lb_pin_self(job->env->topo, w->cpu, err, sizeof err) < 0)
		snprintf(w->error, sizeof w->error, "thread %d: %s", w->id, err);
	w->delay_fd = lb_run_delay_open();
	lb_counters_thread_open(job->counters, w->id);

	pthread_mutex_lock(&job->gate.mu);
	job->gate.arrived++;
	pthread_cond_broadcast(&job->gate.cv);
	while (!job->gate.open)
		pthread_cond_wait(&job->gate.cv, &job->gate.mu);
	run = !job->gate.abort;
	pthread_mutex_unlock(&job->gate.mu);

	if (run && !w->error[0]) {
		/* Counting starts after the gate; the thread reads its counters
		 * when it sees the window open and close (lb_window_edge). */
		lb_counters_thread_start(job->counters, w->id);
		job->wl->thread_main(w);
	}
	lb_counters_thread_close(job->counters, w->id);
	if (w->delay_fd >= 0)
		close(w->delay_fd);
	if (w->cpu < 0)
		w->cpu = sched_getcpu();
	return NULL;
}

/* The thread's own note of an edge (workload.h): its running counts, its
 * lock counters, its PAPI counters.  A thread that sees the close without
 * having seen the open notes the close as its open too: nothing of its
 * work falls in the window. */
void lb_window_edge(struct lb_worker *w, int phase)
{
	int k = phase == LB_PHASE_MEASURE ? 0 : 1;

	/* Acquire: pairs with the coordinator's release store of the phase,
	 * after which the window's open and close ticks may be read. */
	(void)atomic_load_explicit(&w->run->phase, memory_order_acquire);

	w->edge_reads[k] = atomic_load_explicit(&w->done_reads, memory_order_relaxed);
	w->edge_writes[k] = atomic_load_explicit(&w->done_writes, memory_order_relaxed);
	w->edge_changes[k] = atomic_load_explicit(&w->done_changes, memory_order_relaxed);
	if (w->run->stats)
		lb_stats_read(w->lk.ctx, w->edge_stats[k]);
	w->edge_ns[k] = lb_now_ns();
	w->edge_delay_ns[k] = lb_run_delay_ns(w->delay_fd);
	if (k == 1 && !(w->edges & 1)) {
		w->edge_reads[0] = w->edge_reads[1];
		w->edge_writes[0] = w->edge_writes[1];
		w->edge_changes[0] = w->edge_changes[1];
		memcpy(w->edge_stats[0], w->edge_stats[1], sizeof w->edge_stats[0]);
		w->edge_ns[0] = w->edge_ns[1];
		w->edge_delay_ns[0] = w->edge_delay_ns[1];
		w->edges |= 1;
		/* Held up for the whole window: its worst wait is the window. */
		w->worst_wait = w->waited = w->run->close_ticks - w->run->open_ticks;
	}
	w->edges |= 1u << k;
	lb_counters_thread_edge(w->run->counters, w->id, phase);
}

void lb_window_sample(struct lb_window *win, int phase)
{
	struct lb_worker *w = win->w;
	const struct lb_run *run = w->run;

	if (win->phase == LB_PHASE_MEASURE) { /* timed in the window */
		uint64_t n = win->since ? win->since : 1;
		lb_hist_add_n(&w->hist, win->wait, n);
		if (win->wake_pending)
			lb_hist_add_n(&w->wake, win->wake, n);
		w->samples++;
	}
	/* Cut to the window: from the open, and, once the thread has seen
	 * the close, up to it.  A wait timed in the warm-up counts only
	 * when the thread then saw the window open (one that saw the close
	 * first counts the whole window: lb_window_edge). */
	if (phase == LB_PHASE_MEASURE || win->phase == LB_PHASE_MEASURE) {
		uint64_t end = win->wait_end, start = end - win->wait;
		if (start < run->open_ticks)
			start = run->open_ticks;
		if (phase == LB_PHASE_STOP && end > run->close_ticks)
			end = run->close_ticks;
		if (end > start) {
			if (end - start > w->worst_wait)
				w->worst_wait = end - start;
			w->waited += end - start;
		}
	}
	win->pending = win->wake_pending = false;
	win->since = 0;
}

static void sleep_until(uint64_t deadline_ns)
{
	struct timespec ts = {
		.tv_sec = (time_t)(deadline_ns / 1000000000u),
		.tv_nsec = (long)(deadline_ns % 1000000000u),
	};
	while (clock_nanosleep(CLOCK_MONOTONIC, TIMER_ABSTIME, &ts, NULL) == EINTR)
		;
}

/* One edge of the window as the coordinator sees it: each context's lock
 * counters, for the threads that do not run the window themselves (the
 * helpers of the WaitGroup workloads: see window_stats), and the PAPI
 * counters that the coordinator reads. */
static void window_edge(const struct job *job, const char *ctx, size_t stride, int phase,
			uint64_t *stats)
{
	const struct lb_case *c = job->c;

	for (int i = 0; c->lock && c->lock->stats && i < c->threads; i++)
		lb_stats_read((const struct lb_lock_stats *)(ctx + (size_t)i * stride),
			      stats + (size_t)i * LB_NSTATS);
	lb_counters_case_edge(job->counters, phase);
}

/* The case's PUs' steal at edge k, read once the threads have been told
 * (reading /proc/stat takes a while, which must not shorten the window
 * the threads see). */
static void steal_edge(struct job *job, int k)
{
	job->steal_ok[k] = lb_steal_read(job->cpus, job->c->threads, &job->steal[k],
					 &job->cpu_time[k]) == 0;
}

/* The owner changes per operation, and the share of the threads' window
 * time they spent runnable but not running, from each thread's notes of
 * its edges (a thread that saw no window adds nothing); NaN where they do
 * not apply or could not be read. */
static void window_noise(const struct lb_case *c, const struct lb_worker *ws,
			 struct lb_result *r)
{
	uint64_t changes = 0, delay = 0, span = 0;
	bool delay_ok = true;

	for (int i = 0; i < c->threads; i++) {
		const struct lb_worker *w = &ws[i];
		if ((w->edges & 3) != 3)
			continue;
		changes += w->edge_changes[1] - w->edge_changes[0];
		span += w->edge_ns[1] - w->edge_ns[0];
		if (w->edge_delay_ns[0] == UINT64_MAX || w->edge_delay_ns[1] == UINT64_MAX)
			delay_ok = false;
		else
			delay += w->edge_delay_ns[1] - w->edge_delay_ns[0];
	}
	r->owner_changes = c->workload->owners && r->ops ? (double)changes / (double)r->ops
							 : NAN;
	r->preempted_pct = delay_ok && span ? 100.0 * (double)delay / (double)span : NAN;
}

/* The window's counts from each thread's notes of its edges, and the lock
 * counters: each thread's own over its window where it ran one, the
 * coordinator's reads of its context where it did not (opened, closed). */
static void window_counts(struct lb_worker *ws, int n, const uint64_t *opened,
			  const uint64_t *closed, uint64_t stats[LB_NSTATS])
{
	memset(stats, 0, LB_NSTATS * sizeof *stats);
	for (int i = 0; i < n; i++) {
		struct lb_worker *w = &ws[i];
		bool own = (w->edges & 3) == 3;
		if (own) {
			w->reads = w->edge_reads[1] - w->edge_reads[0];
			w->ops = w->reads + w->edge_writes[1] - w->edge_writes[0];
		}
		for (int k = 0; k < LB_NSTATS; k++)
			stats[k] += own ? w->edge_stats[1][k] - w->edge_stats[0][k]
					: closed[(size_t)i * LB_NSTATS + k] -
						  opened[(size_t)i * LB_NSTATS + k];
	}
}

static void open_gate(struct gate *g, bool abort)
{
	pthread_mutex_lock(&g->mu);
	g->open = true;
	g->abort = abort;
	pthread_cond_broadcast(&g->cv);
	pthread_mutex_unlock(&g->mu);
}

/* The q-th percentile of h in ns (q = 100: the maximum, exact); NaN
 * when h is empty. */
static double pct_ns(const struct lb_hist *h, double q, const struct lb_env *env)
{
	if (!h || !h->count)
		return NAN;
	return (double)lb_hist_percentile(h, q) / env->ticks_per_ns;
}

/* The waits weighted by threads, not operations (workload.h): the
 * longest and the median of the threads' worst waits, in ns, and the
 * share of the window that the slowest thread (the fewest operations; of
 * several, the one that waited longest) spent in its timed waits. */
static void worst_waits(const struct lb_worker *ws, int n, const struct lb_env *env,
			uint64_t window_ticks, struct lb_result *r)
{
	double *worst = malloc((size_t)n * sizeof *worst);
	struct lb_summary s;
	int slowest = 0;

	r->worst_wait_max_ns = r->worst_wait_p50_ns = r->slowest_wait_pct = NAN;
	if (!worst)
		return;
	for (int i = 0; i < n; i++) {
		worst[i] = (double)ws[i].worst_wait / env->ticks_per_ns;
		if (ws[i].ops < ws[slowest].ops ||
		    (ws[i].ops == ws[slowest].ops && ws[i].waited > ws[slowest].waited))
			slowest = i;
	}
	if (lb_summarize(worst, (size_t)n, &s) == 0) {
		r->worst_wait_max_ns = s.max;
		r->worst_wait_p50_ns = s.median;
	}
	if (window_ticks)
		r->slowest_wait_pct = 100.0 * (double)ws[slowest].waited / (double)window_ticks;
	free(worst);
}

/* Fill r's measurements from the joined workers. */
static void summarise(const struct lb_case *c, const struct lb_env *env,
		      const struct lb_worker *ws, double seconds, uint64_t window_ticks,
		      struct lb_result *r)
{
	int n = c->threads;
	double *per = malloc((size_t)n * sizeof *per);
	struct lb_hist *h = malloc(sizeof *h), *wake = malloc(sizeof *wake);
	size_t used = 0;

	r->duration_s = seconds;
	r->thread_ops_min = UINT64_MAX;
	if (h)
		lb_hist_init(h);
	if (wake)
		lb_hist_init(wake);
	for (int i = 0; i < n; i++) {
		r->ops += ws[i].ops;
		r->reads += ws[i].reads;
		if (ws[i].ops < r->thread_ops_min)
			r->thread_ops_min = ws[i].ops;
		if (ws[i].ops > r->thread_ops_max)
			r->thread_ops_max = ws[i].ops;
		if (per)
			per[i] = (double)ws[i].ops;
		if (h)
			lb_hist_merge(h, &ws[i].hist);
		if (wake)
			lb_hist_merge(wake, &ws[i].wake);
		used += (size_t)snprintf(r->cpus + used, used < sizeof r->cpus ? sizeof r->cpus - used : 0,
					 "%s%d", i ? " " : "", ws[i].cpu);
		if (used >= sizeof r->cpus)
			used = sizeof r->cpus;
	}
	r->writes = r->ops - r->reads;
	r->jain = per ? lb_jain(per, (size_t)n) : NAN;
	for (int i = 0; i < n; i++)
		r->lat_samples += ws[i].samples;
	r->lat_p50_ns = pct_ns(h, 50, env);
	r->lat_p90_ns = pct_ns(h, 90, env);
	r->lat_p99_ns = pct_ns(h, 99, env);
	r->lat_p999_ns = pct_ns(h, 99.9, env);
	r->lat_max_ns = pct_ns(h, 100, env);
	r->wake_p50_ns = pct_ns(wake, 50, env);
	r->wake_p99_ns = pct_ns(wake, 99, env);
	r->wake_max_ns = pct_ns(wake, 100, env);
	worst_waits(ws, n, env, window_ticks, r);
	free(per);
	free(h);
	free(wake);
}

/* The transfer latency among the case's n PUs cpus (unpinned: the first
 * PUs the process may run on), or NaN where it cannot be probed (the PUs
 * cannot be bound, or the two probe threads did not run side by side);
 * a probe that fails leaves the column NA, not the case failed.  The case
 * takes the lesser of a probe before its threads start and one after they
 * end: a hypervisor may move the vCPUs, and the transfer latency with
 * them (here from about 40 ns to about 220 ns and back, for seconds at a
 * time), and a ceiling is an upper bound only if its latency is not
 * longer than the window's was.  The greater of the two goes beside it
 * (xfer_ns_max): far above it, the vCPUs moved around the window.  A move
 * during the window that both probes miss is not seen. */
static double xfer_among(const struct lb_env *env, const int *cpus, int n)
{
	char err[LB_ERR_LEN];
	double ns = NAN;
	int *pus = malloc((size_t)n * sizeof *pus);

	if (!pus)
		return NAN;
	int npus = n;
	memcpy(pus, cpus, (size_t)n * sizeof *pus);
	if (cpus[0] < 0)
		npus = lb_probe_allowed(n, pus);
	if (lb_probe_among(env->topo, pus, npus, LB_XFER_PAIR_NS, env->ticks_per_ns, &ns, err,
			   sizeof err) < 0)
		ns = NAN;
	free(pus);
	return ns;
}

void lb_case_run(const struct lb_case *c, const struct lb_env *env, struct lb_result *r)
{
	const int n = c->threads;
	const size_t ctx_stride = lb_ctx_stride(c->lock);
	struct job job = { .c = c, .env = env, .wl = c->workload };
	struct lb_run run = { 0 };
	struct lb_instance inst = { 0 };
	pthread_t *tids = calloc((size_t)n, sizeof *tids);
	struct targ *targs = calloc((size_t)n, sizeof *targs);
	int *cpus = calloc((size_t)n, sizeof *cpus);
	uint64_t *opened = calloc((size_t)n * LB_NSTATS, sizeof *opened);
	uint64_t *closed = calloc((size_t)n * LB_NSTATS, sizeof *closed);
	char *ctx = lb_alloc_lines((size_t)n * ctx_stride); /* zeroed */
	char err[LB_ERR_LEN];
	uint64_t stats[LB_NSTATS];
	int started = 0;

	memset(r, 0, sizeof *r);
	r->status = LB_FAILED;
	job.ws = aligned_alloc(128, (size_t)n * sizeof *job.ws);
	if (!tids || !targs || !cpus || !opened || !closed || !ctx || !job.ws) {
		snprintf(r->error, sizeof r->error, "out of memory for %d threads", n);
		goto out;
	}
	memset(job.ws, 0, (size_t)n * sizeof *job.ws);
	if (lb_pin_plan(env->topo, c->pin, n, cpus, err, sizeof err) < 0) {
		snprintf(r->error, sizeof r->error, "pin: %s", err);
		goto out;
	}
	job.cpus = cpus;
	/* The transfer latency in force: probed before any thread of the case
	 * runs and again after the last has left, a few ms each, outside the
	 * window; the lesser of the two (see xfer_among). */
	double xfer_before = xfer_among(env, cpus, n);
	atomic_init(&run.phase, LB_PHASE_WARMUP);
	run.cs_ticks = (uint64_t)llround((double)c->p.cs_ns * env->ticks_per_ns);
	run.think_ticks = (uint64_t)llround((double)c->p.think_ns * env->ticks_per_ns);
	run.work_ticks = (uint64_t)llround((double)c->p.work_ns * env->ticks_per_ns);
	run.sample_ticks = (uint64_t)llround((double)c->sample_ns * env->ticks_per_ns);
	run.sample_n = c->sample_n;
	run.stats = c->lock ? c->lock->stats : 0;
	/* A batch lasts at most LB_SLOW_BATCH_NS, and in time sampling at most
	 * the sampling period, so that a poll comes when a sample is due. */
	run.batch_ticks = (uint64_t)llround(LB_SLOW_BATCH_NS * env->ticks_per_ns);
	if (!c->sample_n && run.sample_ticks < run.batch_ticks)
		run.batch_ticks = run.sample_ticks ? run.sample_ticks : 1;
	struct lb_setup s = {
		.lock = c->lock, .lock_opts = &c->lock_opts,
		.wg = c->wg, .wg_opts = &c->wg_opts,
		.p = &c->p, .threads = n, .cpus = cpus, .topo = env->topo,
		.ticks_per_ns = env->ticks_per_ns,
	};
	if (c->workload->setup(&s, &inst, err, sizeof err) < 0) {
		snprintf(r->error, sizeof r->error, "%s", err);
		goto out;
	}

	job.counters = lb_counters_case_open(c->events, n, ctx, ctx_stride,
					     c->lock ? c->lock->stats : 0);
	if (!job.counters && c->events && c->events->n)
		snprintf(r->papi_error, sizeof r->papi_error, "PAPI: cannot count: %s",
			 strerror(errno));
	run.counters = job.counters;
	pthread_mutex_init(&job.gate.mu, NULL);
	pthread_cond_init(&job.gate.cv, NULL);
	for (int i = 0; i < n; i++) {
		struct lb_worker *w = &job.ws[i];
		w->id = i;
		w->cpu = cpus[i];
		/* A pinned thread's tag is its PU's; an unpinned one's is its own. */
		_Static_assert(LB_PIN_MAX_CPUS + LB_MAX_THREADS < 1 << LB_OWNER_TAG_BITS,
			       "every tag fits in LB_OWNER_TAG_BITS");
		w->owner_tag = cpus[i] >= 0 ? (uint64_t)cpus[i] + 1
					    : (uint64_t)LB_PIN_MAX_CPUS + 1 + (uint64_t)i;
		run.one_pu = i == 0 || (run.one_pu && w->owner_tag == job.ws[0].owner_tag);
		if (c->lock)
			w->lk = lb_lock_bind(c->lock, inst.lock, ctx + (size_t)i * ctx_stride);
		w->state = inst.state;
		w->p = &c->p;
		w->run = &run;
		lb_hist_init(&w->hist);
		lb_hist_init(&w->wake);
		targs[i] = (struct targ){ .job = &job, .w = w };
	}
	for (; started < n; started++) {
		int e = pthread_create(&tids[started], NULL, thread_main, &targs[started]);
		if (e) {
			snprintf(r->error, sizeof r->error, "cannot start thread %d of %d: %s",
				 started + 1, n, strerror(e));
			break;
		}
	}

	/* Wait for everyone at the gate, then run the window. */
	pthread_mutex_lock(&job.gate.mu);
	while (job.gate.arrived < started)
		pthread_cond_wait(&job.gate.cv, &job.gate.mu);
	pthread_mutex_unlock(&job.gate.mu);
	open_gate(&job.gate, started < n);
	uint64_t t0 = lb_now_ns(), t1 = t0;
	if (started == n) {
		if (c->warmup_ns) {
			sleep_until(t0 + c->warmup_ns);
			t0 = lb_now_ns();
		}
		/* The window opens: the phase that turns latency sampling on and
		 * that each thread notes its counts at (lb_window_edge).  Release:
		 * pairs with the acquire in lb_window_edge, for open_ticks; the
		 * threads' notes are read after pthread_join. */
		window_edge(&job, ctx, ctx_stride, LB_PHASE_MEASURE, opened);
		run.open_ticks = lb_ticks();
		atomic_store_explicit(&run.phase, LB_PHASE_MEASURE, memory_order_release);
		steal_edge(&job, 0);
		sleep_until(t0 + c->duration_ns);
		t1 = lb_now_ns();
		window_edge(&job, ctx, ctx_stride, LB_PHASE_STOP, closed);
		run.close_ticks = lb_ticks();
	}
	/* Release: pairs with the acquire in lb_window_edge, for close_ticks. */
	atomic_store_explicit(&run.phase, LB_PHASE_STOP, memory_order_release);
	if (started == n)
		steal_edge(&job, 1);
	for (int i = 0; i < started; i++)
		pthread_join(tids[i], NULL);
	double xfer_after = xfer_among(env, cpus, n);
	r->xfer_ns = fmin(xfer_before, xfer_after);
	r->xfer_ns_max = fmax(xfer_before, xfer_after);

	if (started == n) {
		window_counts(job.ws, n, opened, closed, stats);
		for (int i = 0; i < n && !r->error[0]; i++)
			if (job.ws[i].error[0])
				snprintf(r->error, sizeof r->error, "%s", job.ws[i].error);
		if (!r->error[0]) {
			summarise(c, env, job.ws, (double)(t1 - t0) / 1e9,
				  run.close_ticks - run.open_ticks, r);
			window_noise(c, job.ws, r);
			r->steal_pct = job.steal_ok[0] && job.steal_ok[1] &&
						       job.cpu_time[1] > job.cpu_time[0]
					       ? 100.0 * (double)(job.steal[1] - job.steal[0]) /
							 (double)(job.cpu_time[1] - job.cpu_time[0])
					       : NAN;
			r->stats_mask = c->lock ? c->lock->stats : 0;
			memcpy(r->stats, stats, sizeof r->stats);
			r->verified = c->workload->verify(inst.state, job.ws, n,
							  r->error, sizeof r->error);
			r->status = LB_OK;
		}
	}
	if (c->events) {
		char why[sizeof r->papi_error];
		lb_counters_case_close(job.counters, c->events->n, r->status == LB_OK ? r->ops : 0,
				       r->papi, why, sizeof why);
		if (!r->papi_error[0])
			snprintf(r->papi_error, sizeof r->papi_error, "%s", why);
	}
	c->workload->teardown(inst.state);
	if (c->lock)
		lb_lock_free(c->lock, inst.lock);
	pthread_cond_destroy(&job.gate.cv);
	pthread_mutex_destroy(&job.gate.mu);
out:
	free(tids);
	free(targs);
	free(cpus);
	free(opened);
	free(closed);
	free(ctx);
	free(job.ws);
}

/* ---- the parent: fork, deadline, outcome ------------------------------ */

static void child(const struct lb_case *c, const struct lb_env *env, pid_t parent,
		  int resfd, int errfd)
{
	struct lb_result *r = malloc(sizeof *r);
	size_t off = 0;

	/* The parent decides what a Ctrl-C, a SIGTERM or a SIGHUP stops (and
	 * kills this process with SIGKILL when it is this run): a signal sent
	 * to the whole process group or job reaches it too, and must not make
	 * the run a crash. */
	signal(SIGINT, SIG_IGN);
	signal(SIGTERM, SIG_IGN);
	signal(SIGHUP, SIG_IGN);
	/* Die with the sweep; if it died before this line, go now. */
	prctl(PR_SET_PDEATHSIG, SIGKILL);
	if (getppid() != parent)
		_exit(5);
	dup2(errfd, STDERR_FILENO);
	if (!r)
		_exit(3);
	lb_case_run(c, env, r);
	while (off < sizeof *r) {
		ssize_t k = write(resfd, (char *)r + off, sizeof *r - off);
		if (k < 0 && errno == EINTR)
			continue;
		if (k <= 0)
			_exit(4);
		off += (size_t)k;
	}
	_exit(0);
}

/* Keep the last line the child wrote to stderr (its own words on a crash). */
static void keep_tail(char *tail, size_t cap, const char *buf, size_t n)
{
	size_t have = strlen(tail);

	if (n >= cap - 1) {
		buf += n - (cap - 1);
		n = cap - 1;
	}
	if (have + n >= cap) {
		size_t drop = have + n - (cap - 1);
		memmove(tail, tail + drop, have - drop + 1);
		have -= drop;
	}
	memcpy(tail + have, buf, n);
	tail[have + n] = '\0';
}

static const char *last_line(char *tail)
{
	size_t n = strlen(tail);

	while (n && (tail[n - 1] == '\n' || tail[n - 1] == '\r'))
		tail[--n] = '\0';
	char *nl = strrchr(tail, '\n');
	return nl ? nl + 1 : tail;
}

int lb_case_exec(const struct lb_case *c, const struct lb_env *env,
		 volatile sig_atomic_t *interrupts, struct lb_result *r)
{
	int resp[2], errp[2];
	char tail[512] = "";
	size_t got = 0;
	bool timed_out = false, interrupted = false;
	int poll_error = 0;
	pid_t parent = getpid(), pid;

	if (pipe2(resp, O_CLOEXEC) < 0)
		return -1;
	if (pipe2(errp, O_CLOEXEC) < 0) {
		close(resp[0]);
		close(resp[1]);
		return -1;
	}
	fflush(NULL);
	pid = fork();
	if (pid < 0) {
		int e = errno;
		close(resp[0]), close(resp[1]), close(errp[0]), close(errp[1]);
		errno = e;
		return -1;
	}
	if (pid == 0) {
		close(resp[0]);
		close(errp[0]);
		child(c, env, parent, resp[1], errp[1]);
	}
	close(resp[1]);
	close(errp[1]);

	memset(r, 0, sizeof *r);
	uint64_t deadline = lb_now_ns() + c->timeout_ns;
	struct pollfd fds[2] = { { .fd = resp[0], .events = POLLIN },
				 { .fd = errp[0], .events = POLLIN } };
	while (fds[0].fd >= 0 || fds[1].fd >= 0) {
		uint64_t now = lb_now_ns();
		if (now >= deadline) {
			timed_out = true;
			break;
		}
		if (*interrupts >= 2) {
			interrupted = true;
			break;
		}
		uint64_t ms = (deadline - now + 999999) / 1000000;
		int k = poll(fds, 2, ms > 1000 ? 1000 : (int)ms);
		if (k < 0 && errno != EINTR) {
			poll_error = errno;
			break;
		}
		if (k <= 0)
			continue;
		if (fds[0].revents) {
			ssize_t m = got < sizeof *r
					    ? read(resp[0], (char *)r + got, sizeof *r - got)
					    : 0;
			if (m > 0)
				got += (size_t)m;
			else if (m == 0 || errno != EINTR)
				fds[0].fd = -1;
		}
		if (fds[1].revents) {
			char buf[256];
			ssize_t m = read(errp[0], buf, sizeof buf);
			if (m > 0)
				keep_tail(tail, sizeof tail, buf, (size_t)m);
			else if (m == 0 || errno != EINTR)
				fds[1].fd = -1;
		}
	}
	if (timed_out || interrupted || poll_error)
		kill(pid, SIGKILL);
	close(resp[0]);
	close(errp[0]);

	int st = 0;
	while (waitpid(pid, &st, 0) < 0 && errno == EINTR)
		;
	const char *said = last_line(tail);
	char tmo[32];
	if (poll_error) {
		memset(r, 0, sizeof *r);
		r->status = LB_FAILED;
		snprintf(r->error, sizeof r->error, "lost the child's pipes: %s; killed",
			 strerror(poll_error));
	} else if (interrupted) {
		memset(r, 0, sizeof *r);
		r->status = LB_INTERRUPTED;
		snprintf(r->error, sizeof r->error, "interrupted");
	} else if (timed_out) {
		memset(r, 0, sizeof *r);
		r->status = LB_TIMEOUT;
		lb_format_duration(c->timeout_ns, tmo, sizeof tmo);
		snprintf(r->error, sizeof r->error, "no result within %s; killed%s%s", tmo,
			 *said ? ": " : "", said);
		if (c->wg && c->wg->hangs) /* the likely reason, by design */
			snprintf(r->error + strlen(r->error), sizeof r->error - strlen(r->error),
				 "; waitgroup '%s' can block forever: %s", c->wg->name,
				 c->wg->hangs);
	} else if (WIFSIGNALED(st)) {
		memset(r, 0, sizeof *r);
		r->status = LB_CRASHED;
		snprintf(r->error, sizeof r->error, "killed by signal %d (%s)%s%s",
			 WTERMSIG(st), strsignal(WTERMSIG(st)), *said ? ": " : "", said);
	} else if (got != sizeof *r || !WIFEXITED(st) || WEXITSTATUS(st) != 0) {
		memset(r, 0, sizeof *r);
		r->status = LB_FAILED;
		snprintf(r->error, sizeof r->error, "exited with status %d without a result%s%s",
			 WIFEXITED(st) ? WEXITSTATUS(st) : -1, *said ? ": " : "", said);
	}
	return 0;
}
