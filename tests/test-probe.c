/*
 * test-probe.c - the transfer-latency probe (harness/probe.h) against a
 * plain ping-pong written here, its refusals, and the noise readers
 * (harness/noise.h).
 *
 * The plain ping-pong: two pinned threads flip one shared word (spinning
 * with a pause, as the probe does), timed
 * with CLOCK_MONOTONIC over short blocks of round trips; its one-way
 * latency is the median block's time over twice its round trips (a block
 * that a preemption stretched lies above it).  The probe's median must lie within a
 * factor of 2 of it, and both within 10 ns .. 1 us.  Not under
 * ThreadSanitizer (LB_TSAN=yes), whose instrumentation of the two loops
 * differs: there the probe read 1.0 to 2.0 times the plain ping-pong, run
 * after run, which says nothing of the probe.
 *
 * The probe takes the cost of its clock reads off each sample and sizes
 * its samples from that cost; both are checked on made-up samples, where
 * a clock read is as dear as a trapped one (a microsecond and more), so
 * that leaving either out shows here and not only on such a machine.
 */
#include <math.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "harness/clock.h"
#include "harness/noise.h"
#include "harness/pin.h"
#include "harness/probe.h"
#include "tests/check.h"

#define TRIPS 256
#define BLOCKS 2001

static _Alignas(128) _Atomic unsigned word;
static _Atomic int up;
static const struct lb_topo *topo;

static void *plain_pong(void *arg)
{
	unsigned v = 0;

	(void)arg;
	lb_pin_self(topo, 1, NULL, 0);
	atomic_fetch_add(&up, 1);
	for (unsigned n = 0; n < TRIPS * BLOCKS; n++) {
		while (atomic_load_explicit(&word, memory_order_relaxed) == v)
			lb_cpu_relax();
		v += 2;
		atomic_store_explicit(&word, v, memory_order_relaxed);
	}
	return NULL;
}

static int cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;
	return (x > y) - (x < y);
}

/* The plain ping-pong between PUs 0 and 1: one way, ns.  Relaxed, as the
 * probe's: the value is all that passes (the coherence order of one word
 * orders the two sides' accesses to it), and under ThreadSanitizer an
 * acquire and a release each cost a vector-clock sync, which made this
 * reference eight times slower than the probe it checks. */
static double plain_oneway(void)
{
	pthread_t t;
	static double block[BLOCKS];
	unsigned v = 0;

	atomic_store(&word, 0);
	atomic_store(&up, 0);
	lb_pin_self(topo, 0, NULL, 0);
	if (pthread_create(&t, NULL, plain_pong, NULL) != 0)
		return NAN;
	while (atomic_load(&up) == 0)
		;
	for (int b = 0; b < BLOCKS; b++) {
		uint64_t t0 = lb_now_ns();
		for (int n = 0; n < TRIPS; n++) {
			atomic_store_explicit(&word, ++v, memory_order_relaxed);
			++v;
			while (atomic_load_explicit(&word, memory_order_relaxed) != v)
				lb_cpu_relax();
		}
		block[b] = (double)(lb_now_ns() - t0) / (2.0 * TRIPS);
	}
	pthread_join(t, NULL);
	qsort(block, BLOCKS, sizeof *block, cmp_double);
	return block[BLOCKS / 2];
}

/* The sizing and the correction, on made-up samples: a clock of 2.5
 * ticks per ns whose two reads cost 1400 ns, and a 25 ns transfer. */
static void check_correction(void)
{
	static uint64_t s[1015];
	const double tpn = 2.5, cost_ns = 1400, one_way = 25;
	const uint64_t cost = (uint64_t)(cost_ns * tpn);
	struct lb_xfer x;

	CHECK(lb_probe_trips(0) == LB_PROBE_TRIPS && lb_probe_trips(NAN) == LB_PROBE_TRIPS,
	      "free reads: %u round trips a sample", lb_probe_trips(0));
	CHECK(lb_probe_trips(1e9) == LB_PROBE_MAX_TRIPS, "a second a read: %u round trips",
	      lb_probe_trips(1e9));
	const double costs[] = { 1, 20, 35, 120, 1400, 9000 };
	for (size_t i = 0; i < sizeof costs / sizeof *costs; i++) {
		unsigned n = lb_probe_trips(costs[i]);
		CHECK(8 * costs[i] <= 2.0 * n * LB_PROBE_FLOOR_NS &&
			      (n == LB_PROBE_TRIPS || 8 * costs[i] > 2.0 * (n - 1) * LB_PROBE_FLOOR_NS),
		      "reads of %g ns: %u round trips, the fewest that make them an eighth",
		      costs[i], n);
	}

	/* Sized as the probe sizes them, and at LB_PROBE_TRIPS, where the
	 * reads are 28 times the transfers: 1000 steady samples and 15
	 * stretched by a preemption. */
	const unsigned sizes[] = { lb_probe_trips(cost_ns), LB_PROBE_TRIPS };
	for (int k = 0; k < 2; k++) {
		unsigned trips = sizes[k];
		uint64_t work = (uint64_t)(2 * trips * one_way * tpn);
		for (int i = 0; i < 1015; i++)
			s[i] = i < 1000 ? cost + work - 3 + (uint64_t)(i % 7) : cost + 1000 * work;
		lb_probe_summarize(s, 1015, trips, cost, tpn, &x);
		CHECK(fabs(x.oneway_ns - one_way) < 0.05 * one_way && x.samples == 1015 &&
			      x.trips == trips && fabs(x.read_cost_ns - cost_ns) < 1,
		      "%u round trips a sample, reads of %g ns: %.2f ns one way, %.0f ns reads",
		      trips, cost_ns, x.oneway_ns, x.read_cost_ns);
		CHECK(x.oneway_ns_p99 > 100 * one_way, "the stretched samples make the p99: %.1f",
		      x.oneway_ns_p99);
	}
	/* Samples shorter than the reads' cost (a cost measured high) are no
	 * transfer at all, not a count that ran below zero. */
	for (int i = 0; i < 1015; i++)
		s[i] = cost / 2;
	lb_probe_summarize(s, 1015, LB_PROBE_TRIPS, cost, tpn, &x);
	CHECK(x.oneway_ns == 0 && x.oneway_ns_p99 == 0, "samples under the cost: %g, %g",
	      x.oneway_ns, x.oneway_ns_p99);
}

int main(void)
{
	char err[256];
	struct lb_topo_counts tc;
	struct lb_topo *t = lb_topo_open(NULL, err, sizeof err);

	if (!t) {
		check_skip(err);
		return 77;
	}
	topo = t;
	lb_topo_counts(t, &tc);
	check_correction();

	/* The noise readers: a thread asleep is not runnable, so sleeping
	 * adds (almost) nothing to its run delay. */
	int fd = lb_run_delay_open();
	uint64_t d0 = lb_run_delay_ns(fd);
	CHECK(d0 != UINT64_MAX, "run delay readable");
	usleep(200000);
	uint64_t d1 = lb_run_delay_ns(fd);
	close(fd);
	CHECK(d1 >= d0 && d1 - d0 < 100000000, "200 ms asleep added %llu ns of run delay",
	      (unsigned long long)(d1 - d0));
	uint64_t steal, total;
	int all[] = { -1 };
	CHECK(lb_steal_read(all, 1, &steal, &total) == 0 && total > 0 && steal <= total,
	      "steal over the machine: %llu of %llu", (unsigned long long)steal,
	      (unsigned long long)total);
	int none[] = { 1 << 20 };
	CHECK(lb_steal_read(none, 1, &steal, &total) < 0, "steal of a PU that does not exist");

	/* Refusals, and fewer than two PUs. */
	struct lb_xfer x;
	double ns = 0;
	double tpn = lb_clock_calibrate(20);
	/* The reads' cost against their time back to back, many pairs over. */
	uint64_t c0 = lb_now_ns();
	for (int i = 0; i < 100000; i++) {
		(void)lb_ticks();
		(void)lb_ticks_after();
	}
	double pair_ns = (double)(lb_now_ns() - c0) / 100000;
	double read_ns = (double)lb_clock_read_cost() / tpn;
	CHECK(read_ns <= 2 * pair_ns + 5, "clock reads: %.1f ns by their cost, %.1f ns a pair",
	      read_ns, pair_ns);
	CHECK(lb_probe_pair(t, 0, 0, 1000000, tpn, &x, err, sizeof err) < 0, "PU 0 with itself");
	CHECK(lb_probe_pair(t, 0, 1 << 20, 1000000, tpn, &x, err, sizeof err) < 0,
	      "a PU that does not exist");
	int one[] = { 0, 0, 0 };
	CHECK(lb_probe_among(t, one, 3, 1000000, tpn, &ns, err, sizeof err) == 0 && isnan(ns),
	      "threads on one PU: no transfer (%g)", ns);

	if (tc.pus < 2) {
		lb_topo_close(t);
		if (check_failed)
			return check_done();
		check_skip("one PU: no line moves between PUs");
	}
	/* The probe and the plain ping-pong, taken in turn, three times each:
	 * a hypervisor moves the two vCPUs, and the latency with them (40 ns
	 * to 220 ns and back, for seconds at a time), so two measurements a
	 * moment apart may each be right and differ by five times.  The least
	 * of each side's three are held against each other. */
	double probe = INFINITY, plain = INFINITY, reads = 0;
	unsigned trips = 0;
	for (int round = 0; round < 3; round++) {
		CHECK(lb_probe_pair(t, 0, 1, 200000000, tpn, &x, err, sizeof err) == 0,
		      "probe: %s", err);
		CHECK(x.oneway_ns >= 10 && x.oneway_ns <= 1000, "probe: %.1f ns one way",
		      x.oneway_ns);
		CHECK(x.oneway_ns_p99 >= x.oneway_ns && x.samples >= 512,
		      "p99 %.1f, %llu samples", x.oneway_ns_p99, (unsigned long long)x.samples);
		CHECK(x.trips == lb_probe_trips(x.read_cost_ns), "%u round trips a sample for "
		      "reads of %.1f ns", x.trips, x.read_cost_ns);
		probe = fmin(probe, x.oneway_ns);
		reads = x.read_cost_ns;
		trips = x.trips;
		double p = plain_oneway();
		CHECK(p >= 10 && p <= 1000, "plain ping-pong: %.1f ns one way", p);
		plain = fmin(plain, p);
	}
	const char *tsan = getenv("LB_TSAN");
	if (!tsan || strcmp(tsan, "yes") != 0)
		CHECK(probe <= 2 * plain && plain <= 2 * probe,
		      "probe %.1f ns vs plain ping-pong %.1f ns (the least of three each; "
		      "clock reads %.1f ns, %u round trips a sample)", probe, plain, reads, trips);
	else
		printf("under ThreadSanitizer: the probe is not held to the plain ping-pong\n");
	int two[] = { 0, 1, 0, 1 };
	CHECK(lb_probe_among(t, two, 4, 20000000, tpn, &ns, err, sizeof err) == 0 && ns >= 10 &&
		      ns <= 1000, "among PUs 0 and 1: %.1f ns", ns);
	printf("probe %.1f ns, plain ping-pong %.1f ns (the least of three each); clock reads "
	       "%.1f ns, %u round trips a sample\n", probe, plain, reads, trips);
	lb_topo_close(t);
	return check_done();
}
