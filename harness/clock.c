/*
 * clock.c - the tick-to-nanosecond ratio of lb_ticks(), and its resolution.
 *
 * The ratio is the ticks elapsed over the nanoseconds of CLOCK_MONOTONIC
 * elapsed across a busy-waited window.  The budget of `ms` milliseconds is
 * split into NWIN windows and the median of their ratios is returned:
 *
 *   - A window is corrupted when the thread is preempted or migrated
 *     between the read of the counter and the read of CLOCK_MONOTONIC at
 *     one of its ends (the error is then the length of the descheduling,
 *     easily milliseconds), or when NTP slews CLOCK_MONOTONIC during it.
 *     One long window would carry such an error into the result; the
 *     median of five ignores up to two bad windows.
 *   - Each end is read as (ns, ticks, ns), the tightest of a few tries,
 *     and the ticks are paired with the midpoint of the two ns reads, so
 *     an undisturbed end is known to within a few tens of ns: for a 4 ms
 *     window, about 1e-5 of the ratio.
 *   - The window is busy-waited, not slept, so the thread stays on its
 *     CPU (a migration between CPUs whose counters are not in step is
 *     one of the failures above) and the CPU does not drop into a sleep
 *     state.
 *
 * When lb_ticks() is CLOCK_MONOTONIC itself (the clock_gettime fallback),
 * every tick read lies between the two ns reads that bracket it.  A
 * counter of its own could do that at every end of every window only if
 * it ran at one tick per ns and were set to the same origin, so in that
 * case the ratio is exactly 1.0 by construction, not a measurement that
 * comes out near it.
 *
 * The result is always a positive finite number: if no window gives a
 * usable ratio (a counter that stands still or runs backwards), 1.0 is
 * returned, the only ratio that needs no measurement to be plausible.
 */
#include "harness/clock.h"
#include "harness/stats.h"

#include <errno.h>
#include <math.h>
#include <stdlib.h>

#define NWIN 5
#define TRIES 5
#define MIN_WINDOW_NS 100000u /* 0.1 ms: ms == 0 still measures something */

struct stamp {
	uint64_t ticks;
	uint64_t ns;   /* midpoint of the bracketing reads */
	int inside;    /* ticks fell between the bracketing ns reads */
};

static struct stamp take_stamp(void)
{
	struct stamp best = { 0, 0, 1 };
	uint64_t best_width = UINT64_MAX;
	int inside = 1;
	for (int i = 0; i < TRIES; i++) {
		uint64_t a = lb_now_ns();
		uint64_t t = lb_ticks();
		uint64_t b = lb_now_ns();
		if (t < a || t > b)
			inside = 0;
		if (b - a < best_width) {
			best_width = b - a;
			best.ticks = t;
			best.ns = a + (b - a) / 2;
		}
	}
	best.inside = inside;
	return best;
}

double lb_clock_calibrate(unsigned ms)
{
	uint64_t win_ns = (uint64_t)ms * 1000000u / NWIN;
	if (win_ns < MIN_WINDOW_NS)
		win_ns = MIN_WINDOW_NS;

	double ratio[NWIN];
	int n = 0;
	int same_clock = 1;
	for (int w = 0; w < NWIN; w++) {
		struct stamp s0 = take_stamp();
		while (lb_now_ns() - s0.ns < win_ns)
			lb_cpu_relax();
		struct stamp s1 = take_stamp();
		same_clock &= s0.inside & s1.inside;
		if (s1.ticks <= s0.ticks || s1.ns <= s0.ns)
			continue;
		double r = (double)(s1.ticks - s0.ticks) / (double)(s1.ns - s0.ns);
		if (isfinite(r) && r > 0)
			ratio[n++] = r;
	}
	struct lb_summary sum;
	if (same_clock || n == 0 || lb_summarize(ratio, (size_t)n, &sum) < 0)
		return 1.0;
	return sum.median;
}

/*
 * The resolution: NPAIRS pairs of back-to-back reads.  A pair whose
 * difference is zero fell inside one step of the counter and says only
 * that the step is longer than a read; the non-zero differences are each
 * one step (or a few, when a read took longer than a step, or a
 * preemption, which the median ignores), or, for a counter finer than a
 * read, the cost of a read.  Either way the median of the non-zero ones is
 * the shortest interval that a timed operation can tell from zero.
 */
#define NPAIRS 100000

static int cmp_u64(const void *a, const void *b)
{
	uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;
	return (x > y) - (x < y);
}

int lb_clock_resolution(double ticks_per_ns, struct lb_clock_res *res)
{
	uint64_t *d = malloc(NPAIRS * sizeof *d);
	size_t n = 0;

	if (!d)
		return -1;
	for (size_t i = 0; i < NPAIRS; i++) {
		uint64_t a = lb_ticks();
		uint64_t b = lb_ticks();
		if (b > a)
			d[n++] = b - a;
	}
	if (n == 0) {
		free(d);
		errno = EAGAIN;
		return -1;
	}
	qsort(d, n, sizeof *d, cmp_u64);
	res->step_ns = (double)d[n / 2] / ticks_per_ns;
	res->min_ns = (double)d[0] / ticks_per_ns;
	free(d);
	return 0;
}

/* The read cost: the same pairs as a timed interval's, with nothing
 * between them.  The median leaves out the pairs that an interrupt split. */
uint64_t lb_clock_read_cost(void)
{
	uint64_t d[LB_CLOCK_COST_PAIRS];

	for (int i = 0; i < LB_CLOCK_COST_PAIRS; i++) {
		uint64_t a = lb_ticks();
		uint64_t b = lb_ticks_after();
		d[i] = b > a ? b - a : 0;
	}
	qsort(d, LB_CLOCK_COST_PAIRS, sizeof *d, cmp_u64);
	return d[LB_CLOCK_COST_PAIRS / 2];
}
