/*
 * probe.c - one-way cache-line transfer latency by ping-pong.  See probe.h.
 *
 * The line holds one counter.  The pinger (on a) stores 2k+1 and spins
 * until it loads 2k+2; the ponger (on b) spins until it loads 2k+1 and
 * stores 2k+2.  Each store finds the line in the other core's cache, so
 * each step is one transfer, and nothing but the counter is shared.
 * Relaxed atomics throughout: the counter's value is all that passes
 * between the two threads, and the stores and loads of one location are
 * ordered among themselves (coherence); no other data is published.
 * The pinger stores LB_PROBE_STOP when its time is up; the ponger leaves
 * on seeing it.
 *
 * Before the first sample the pinger measures, on its own PU, what a pair
 * of clock reads costs, and sizes its samples from that (probe.h): the
 * ponger spins meanwhile, which costs nothing but its PU.
 *
 * Both threads bind themselves first, then meet; if either cannot bind,
 * neither ping-pongs.
 */
#include <errno.h>
#include <math.h>
#include <pthread.h>
#include <sched.h>
#include <stdatomic.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "harness/clock.h"
#include "harness/options.h"
#include "harness/pin.h"
#include "harness/probe.h"

#define LB_PROBE_STOP UINT64_MAX
#define LB_PROBE_MAX_SAMPLES (1u << 18)
/* A pair's time is up once it has this many samples too, so that a
 * median stands on many even where the other thread was preempted for
 * most of the time; but at most LB_PROBE_MAX_OVER times its time: two
 * threads that ran together so little have no latency to tell (an
 * error, not a figure made of preemptions). */
#define LB_PROBE_MIN_SAMPLES 512
#define LB_PROBE_MAX_OVER 200

struct pingpong {
	_Alignas(128) _Atomic uint64_t line; /* the line that moves */
	_Alignas(128) _Atomic int ready;     /* threads bound (or failed) */
	_Atomic bool failed;
	const struct lb_topo *topo;
	int cpu[2];
	uint64_t budget_ticks;
	double ticks_per_ns;
	uint64_t read_cost; /* ticks, measured by the pinger */
	unsigned trips;     /* round trips per sample */
	uint64_t *samples;  /* ticks per `trips` round trips, reads included */
	size_t nsamples;
	char err[2][LB_ERR_LEN];
};

struct side {
	struct pingpong *pp;
	int k; /* 0: pinger, 1: ponger */
};

/* Bind, then wait for the other side: false when either could not bind. */
static bool meet(struct pingpong *pp, int k)
{
	if (lb_pin_self(pp->topo, pp->cpu[k], pp->err[k], sizeof pp->err[k]) < 0)
		atomic_store(&pp->failed, true);
	atomic_fetch_add(&pp->ready, 1); /* seq_cst: pairs with the loads below */
	while (atomic_load(&pp->ready) < 2)
		sched_yield();
	return !atomic_load(&pp->failed);
}

static void ping(struct pingpong *pp)
{
	pp->read_cost = lb_clock_read_cost();
	pp->trips = lb_probe_trips((double)pp->read_cost / pp->ticks_per_ns);

	const unsigned trips = pp->trips;
	const uint64_t start = lb_ticks(), end = start + pp->budget_ticks;
	const uint64_t last = start + LB_PROBE_MAX_OVER * pp->budget_ticks;
	uint64_t v = 0;

	while (pp->nsamples < LB_PROBE_MAX_SAMPLES) {
		uint64_t t0 = lb_ticks();
		for (unsigned r = 0; r < trips; r++) {
			atomic_store_explicit(&pp->line, ++v, memory_order_relaxed);
			++v;
			while (atomic_load_explicit(&pp->line, memory_order_relaxed) != v)
				lb_cpu_relax();
		}
		uint64_t t1 = lb_ticks_after();
		pp->samples[pp->nsamples++] = t1 - t0;
		if ((t1 >= end && pp->nsamples >= LB_PROBE_MIN_SAMPLES) || t1 >= last)
			break;
	}
	atomic_store_explicit(&pp->line, LB_PROBE_STOP, memory_order_relaxed);
}

static void pong(struct pingpong *pp)
{
	uint64_t v = 0;

	for (;;) {
		uint64_t seen;
		while ((seen = atomic_load_explicit(&pp->line, memory_order_relaxed)) == v)
			lb_cpu_relax();
		if (seen == LB_PROBE_STOP)
			return;
		v = seen + 1;
		atomic_store_explicit(&pp->line, v, memory_order_relaxed);
	}
}

static void *side_main(void *arg)
{
	struct side *s = arg;

	if (meet(s->pp, s->k)) {
		if (s->k == 0)
			ping(s->pp);
		else
			pong(s->pp);
	}
	return NULL;
}

static int cmp_u64(const void *a, const void *b)
{
	uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;
	return (x > y) - (x < y);
}

unsigned lb_probe_trips(double read_cost_ns)
{
	/* 2 * trips * LB_PROBE_FLOOR_NS >= 8 * read_cost_ns */
	double want = ceil(4.0 * read_cost_ns / LB_PROBE_FLOOR_NS);

	if (!(want > LB_PROBE_TRIPS)) /* NaN too */
		return LB_PROBE_TRIPS;
	return want < LB_PROBE_MAX_TRIPS ? (unsigned)want : LB_PROBE_MAX_TRIPS;
}

void lb_probe_summarize(uint64_t *samples, size_t n, unsigned trips, uint64_t read_cost,
			double ticks_per_ns, struct lb_xfer *out)
{
	double per = 2.0 * trips * ticks_per_ns; /* sample ticks per one-way ns */
	size_t p99 = (size_t)ceil(0.99 * (double)n);

	qsort(samples, n, sizeof *samples, cmp_u64);
	/* Taking the same cost off every sample keeps their order. */
	uint64_t mid = samples[(n - 1) / 2], high = samples[p99 ? p99 - 1 : 0];
	out->oneway_ns = (double)(mid > read_cost ? mid - read_cost : 0) / per;
	out->oneway_ns_p99 = (double)(high > read_cost ? high - read_cost : 0) / per;
	out->samples = n;
	out->trips = trips;
	out->read_cost_ns = (double)read_cost / ticks_per_ns;
}

int lb_probe_pair(const struct lb_topo *t, int a, int b, uint64_t budget_ns,
		  double ticks_per_ns, struct lb_xfer *out, char *err, size_t errlen)
{
	struct pingpong *pp;
	struct side sides[2];
	pthread_t tid[2];
	int e = 0, started = 0;

	if (a == b)
		return lb_err(err, errlen, "PUs %d and %d: a line does not move within one PU",
			      a, b);
	if (!(pp = aligned_alloc(128, sizeof *pp)))
		return lb_err(err, errlen, "out of memory");
	memset(pp, 0, sizeof *pp);
	pp->samples = malloc(LB_PROBE_MAX_SAMPLES * sizeof *pp->samples);
	if (!pp->samples) {
		free(pp);
		return lb_err(err, errlen, "out of memory");
	}
	pp->topo = t;
	pp->cpu[0] = a;
	pp->cpu[1] = b;
	pp->budget_ticks = (uint64_t)((double)budget_ns * ticks_per_ns);
	pp->ticks_per_ns = ticks_per_ns;
	for (; started < 2; started++) {
		sides[started] = (struct side){ .pp = pp, .k = started };
		if ((e = pthread_create(&tid[started], NULL, side_main, &sides[started])) != 0)
			break;
	}
	if (started < 2) { /* release the one that waits for its partner */
		atomic_store(&pp->failed, true);
		atomic_fetch_add(&pp->ready, 1);
	}
	for (int i = 0; i < started; i++)
		pthread_join(tid[i], NULL);

	int rc = 0;
	if (started < 2)
		rc = lb_err(err, errlen, "cannot start a thread: %s", strerror(e));
	else if (pp->err[0][0] || pp->err[1][0])
		rc = lb_err(err, errlen, "%s", pp->err[0][0] ? pp->err[0] : pp->err[1]);
	else if (pp->nsamples < LB_PROBE_MIN_SAMPLES)
		rc = lb_err(err, errlen, "PUs %d and %d: the two threads ran together too little "
			    "for a measurement (%zu round trips of %zu)", a, b,
			    pp->nsamples * pp->trips, (size_t)LB_PROBE_MIN_SAMPLES * pp->trips);
	else
		lb_probe_summarize(pp->samples, pp->nsamples, pp->trips, pp->read_cost,
				   ticks_per_ns, out);
	free(pp->samples);
	free(pp);
	return rc;
}

static int cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;
	return (x > y) - (x < y);
}

int lb_probe_matrix(const struct lb_topo *t, const int *pus, int n, uint64_t budget_ns,
		    double ticks_per_ns,
		    void (*fn)(void *arg, int a, int b, const struct lb_xfer *x), void *arg,
		    char *err, size_t errlen)
{
	for (int i = 0; i < n; i++)
		for (int j = i + 1; j < n; j++) {
			struct lb_xfer x;
			if (lb_probe_pair(t, pus[i], pus[j], budget_ns, ticks_per_ns, &x, err,
					  errlen) < 0)
				return -1;
			fn(arg, pus[i], pus[j], &x);
		}
	return 0;
}

int lb_probe_distinct(const int *cpus, int n, int *out, int max)
{
	int got = 0;

	for (int i = 0; i < n && got < max; i++) {
		bool seen = cpus[i] < 0;
		for (int j = 0; j < got && !seen; j++)
			seen = out[j] == cpus[i];
		if (!seen)
			out[got++] = cpus[i];
	}
	return got;
}

int lb_probe_allowed(int n, int *out)
{
	cpu_set_t set;
	int got = 0;

	if (sched_getaffinity(0, sizeof set, &set) < 0)
		return 0;
	for (int cpu = 0; cpu < CPU_SETSIZE && got < n; cpu++)
		if (CPU_ISSET(cpu, &set))
			out[got++] = cpu;
	return got;
}

int lb_probe_among(const struct lb_topo *t, const int *cpus, int n, uint64_t budget_ns,
		   double ticks_per_ns, double *oneway_ns, char *err, size_t errlen)
{
	int pu[LB_PROBE_CASE_PAIRS + 1];
	int npu = lb_probe_distinct(cpus, n, pu, LB_PROBE_CASE_PAIRS + 1);
	double med[LB_PROBE_CASE_PAIRS];

	*oneway_ns = NAN;
	for (int i = 0; i + 1 < npu; i++) {
		struct lb_xfer x;
		if (lb_probe_pair(t, pu[i], pu[i + 1], budget_ns, ticks_per_ns, &x, err,
				  errlen) < 0)
			return -1;
		med[i] = x.oneway_ns;
	}
	if (npu < 2)
		return 0;
	int m = npu - 1;
	qsort(med, (size_t)m, sizeof *med, cmp_double);
	*oneway_ns = m % 2 ? med[m / 2] : (med[m / 2 - 1] + med[m / 2]) / 2;
	return 0;
}
