/*
 * probe.h - the machine's own cache-line transfer latency.
 *
 * Two threads, pinned to PUs a and b, pass one cache line back and forth:
 * the first writes an odd value into it and spins until it reads the next
 * even one, which the second writes as soon as it reads the odd one.  A
 * round trip so moves the line twice, from a's cache to b's and back, and
 * nothing else happens in it; the one-way latency is half a round trip.
 * One sample times LB_PROBE_TRIPS round trips, so that the two clock reads
 * weigh little, and the pair is probed for a given time (and for a few
 * hundred samples at least).  The median of
 * the samples is the pair's latency, robust against the samples that a
 * preemption stretches; the 99th percentile shows those.
 *
 * This is the cost that any hand-over of a lock between threads on a and b
 * pays at least: the lock's word, and the data it guards, must make that
 * trip.  `lockbench probe` measures it for pairs of PUs; each case of a
 * sweep measures it, for a few ms, between the PUs its threads use, before
 * its threads start (the xfer_ns column).
 *
 * Functions return 0, or -1 with a message in err.
 */
#ifndef LB_PROBE_H
#define LB_PROBE_H

#include <stddef.h>
#include <stdint.h>

struct lb_topo;

#define LB_PROBE_TRIPS 4 /* round trips per sample */

struct lb_xfer {
	double oneway_ns;     /* median over the samples */
	double oneway_ns_p99; /* their 99th percentile */
	uint64_t samples;
};

/* Ping-pong between PUs a and b (OS indexes, a != b) for about budget_ns
 * (-1 when the two threads did not run side by side long enough within
 * 200 times that). */
int lb_probe_pair(const struct lb_topo *t, int a, int b, uint64_t budget_ns,
		  double ticks_per_ns, struct lb_xfer *out, char *err, size_t errlen);

/* The transfer latency in force among the n PUs cpus (repeats and -1
 * ignored): the median of the pairs' medians, over the pairs of
 * consecutive distinct PUs (at most LB_PROBE_CASE_PAIRS of them, each
 * probed for budget_ns).  NaN, and 0, when fewer than two distinct PUs
 * are named: no line moves between PUs. */
#define LB_PROBE_CASE_PAIRS 8
int lb_probe_among(const struct lb_topo *t, const int *cpus, int n, uint64_t budget_ns,
		   double ticks_per_ns, double *oneway_ns, char *err, size_t errlen);

/* Every pair of the n PUs in pus (distinct), in list order, each probed
 * for budget_ns; each result goes to fn as it comes.  0, or -1 at the
 * first pair that cannot be probed. */
int lb_probe_matrix(const struct lb_topo *t, const int *pus, int n, uint64_t budget_ns,
		    double ticks_per_ns,
		    void (*fn)(void *arg, int a, int b, const struct lb_xfer *x), void *arg,
		    char *err, size_t errlen);

/* The distinct PUs of cpus[0..n), in order, -1 left out: at most max of
 * them into out.  Returns how many. */
int lb_probe_distinct(const int *cpus, int n, int *out, int max);

/* The PUs that n unpinned threads may run on: the first n of this
 * process's affinity mask, into out; fewer where it allows fewer.
 * Returns how many. */
int lb_probe_allowed(int n, int *out);

#endif
