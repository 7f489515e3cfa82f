/*
 * probe.h - the machine's own cache-line transfer latency.
 *
 * Two threads, pinned to PUs a and b, pass one cache line back and forth:
 * the first writes an odd value into it and spins until it reads the next
 * even one, which the second writes as soon as it reads the odd one.  A
 * round trip so moves the line twice, from a's cache to b's and back, and
 * nothing else happens in it; the one-way latency is half a round trip.
 * One sample times a run of round trips between two reads of the clock.
 * What those two reads add is measured first, on the pinger's PU
 * (lb_clock_read_cost), and taken off every sample; and a sample holds
 * enough round trips (lb_probe_trips) that the reads are at most an eighth
 * of it even at LB_PROBE_FLOOR_NS a transfer, so that an error in their
 * cost weighs little.  The reads cost 20 to 40 ns where the counter is read
 * in user space, but a microsecond or more where a hypervisor traps each
 * read: at four round trips a sample, uncorrected, a 30 ns transfer would
 * read as 200.  The pair is probed for a given time (and for a few hundred
 * samples at least).  The median of the samples is the pair's latency,
 * robust against the samples that a preemption stretches; the 99th
 * percentile shows those.
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

#define LB_PROBE_TRIPS 4        /* round trips per sample, at least */
#define LB_PROBE_MAX_TRIPS 4096 /* and at most */
#define LB_PROBE_FLOOR_NS 10    /* the shortest transfer a sample is sized for */

struct lb_xfer {
	double oneway_ns;     /* median over the samples */
	double oneway_ns_p99; /* their 99th percentile */
	uint64_t samples;
	unsigned trips;      /* round trips per sample */
	double read_cost_ns; /* the clock reads' cost, taken off each sample */
};

/* Round trips per sample for clock reads that cost read_cost_ns: the
 * fewest (LB_PROBE_TRIPS at least, LB_PROBE_MAX_TRIPS at most) that make
 * the reads an eighth of a sample or less at LB_PROBE_FLOOR_NS a transfer. */
unsigned lb_probe_trips(double read_cost_ns);

/* The pair's figures from its n > 0 samples (ticks per `trips` round trips,
 * clock reads included; sorted in place): each sample less read_cost
 * ticks (none below 0), over 2 * trips transfers. */
void lb_probe_summarize(uint64_t *samples, size_t n, unsigned trips, uint64_t read_cost,
			double ticks_per_ns, struct lb_xfer *out);

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
