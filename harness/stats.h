/*
 * stats.h - latency histograms and the statistics lockbench reports.
 *
 * The histogram is log-linear, in the manner of HdrHistogram: values
 * below 2^LB_HIST_SUB_BITS get a bucket each (exact); above, each power
 * of two is split into 2^LB_HIST_SUB_BITS equal buckets, so a recorded
 * value is known to within 1/32 (about 3%).  Recording is a few shifts
 * and one increment, cheap enough for the sampled path of a hot loop;
 * each thread owns its histogram and they are merged after the run.
 */
#ifndef LB_STATS_H
#define LB_STATS_H

#include <stddef.h>
#include <stdint.h>

#define LB_HIST_SUB_BITS 5
#define LB_HIST_SUB (1u << LB_HIST_SUB_BITS)
#define LB_HIST_BUCKETS (LB_HIST_SUB + (64 - LB_HIST_SUB_BITS) * LB_HIST_SUB)

struct lb_hist {
	uint64_t count; /* observations, weights included */
	uint64_t min, max; /* exact */
	uint64_t b[LB_HIST_BUCKETS];
};

static inline unsigned lb_hist_bucket(uint64_t v)
{
	if (v < LB_HIST_SUB)
		return (unsigned)v;
	unsigned e = 63u - (unsigned)__builtin_clzll(v); /* e >= SUB_BITS */
	unsigned sub = (unsigned)(v >> (e - LB_HIST_SUB_BITS)) - LB_HIST_SUB;
	return LB_HIST_SUB + (e - LB_HIST_SUB_BITS) * LB_HIST_SUB + sub;
}

/* Record v standing for n observations (a sample's weight). */
static inline void lb_hist_add_n(struct lb_hist *h, uint64_t v, uint64_t n)
{
	h->b[lb_hist_bucket(v)] += n;
	h->count += n;
	if (v > h->max)
		h->max = v;
	if (v < h->min)
		h->min = v;
}

static inline void lb_hist_add(struct lb_hist *h, uint64_t v)
{
	lb_hist_add_n(h, v, 1);
}

void lb_hist_init(struct lb_hist *h);
void lb_hist_merge(struct lb_hist *dst, const struct lb_hist *src);
/* Lowest and highest value that fall in bucket i. */
uint64_t lb_hist_bucket_low(unsigned i);
uint64_t lb_hist_bucket_high(unsigned i);
/* Nearest-rank percentile, q in [0, 100]: the highest value of the bucket
 * holding the ceil(q/100 * count)-th smallest sample, capped at max (so
 * q = 100 gives max exactly).  0 for an empty histogram. */
uint64_t lb_hist_percentile(const struct lb_hist *h, double q);

/*
 * A histogram as text, for a CSV column: its non-empty buckets in
 * ascending order, each as LOW:COUNT (the bucket's lowest value, then
 * its count), one space apart: "8192:3 8448:1".  An empty histogram is
 * "NA".  lb_hist_parse reads that text back into h, exactly (so
 * lb_hist_percentile gives what it gave before writing), given the
 * histogram's max, which the text does not hold (min becomes the first
 * bucket's low end).  It refuses, with -1 and errno EINVAL, anything
 * else: a LOW that is not a bucket's low end, buckets out of order or
 * repeated, a count of 0, a total that overflows, more than
 * LB_HIST_BUCKETS buckets, or a max outside the last bucket.
 */
int lb_hist_format(char *buf, size_t len, const struct lb_hist *h);
int lb_hist_parse(struct lb_hist *h, const char *text, uint64_t max);

/* Jain's fairness index (sum x)^2 / (n * sum x^2): 1 when all x are
 * equal, 1/n when one takes everything.  NAN when all are zero or n == 0:
 * a window in which no thread did anything says nothing of fairness. */
double lb_jain(const double *x, size_t n);

/* Across repetitions: mean, median (middle two averaged), sample standard
 * deviation (n - 1; 0 for n < 2), coefficient of variation (stddev/mean;
 * 0 when mean is 0), min and max. */
struct lb_summary {
	size_t n;
	double mean, median, stddev, cv, min, max;
};
int lb_summarize(const double *x, size_t n, struct lb_summary *out);

/*
 * The Mann-Whitney U test (the Wilcoxon rank-sum test): whether the
 * values of x tend to differ from those of y, assuming neither the normal
 * distribution nor equal spreads, only that the repetitions of a case are
 * independent draws.  Google Benchmark's compare.py judges two builds
 * with it, and it suits a few repetitions of a benchmark: it compares
 * ranks, so one run disturbed by the machine moves it little.
 *
 * Pool the n + m values and rank them (ties get the mean of their
 * ranks); R is the sum of x's ranks, and U = R - n(n+1)/2 counts the
 * pairs (x_i, y_j) with x_i > y_j, ties counting one half.  U runs from
 * 0 to nm around nm/2 when x and y come from one distribution.
 *
 * The p-value is two-sided: the share of the C(n+m, n) ways to pick n of
 * the pooled ranks for x whose sum lies at least as far from its mean
 * n(n+m+1)/2 as R does.  Up to LB_MWU_EXACT_MAX values in all it is
 * exact, counted with the ties as they are (a dynamic program over the
 * ranks, doubled so that mid-ranks stay integers: no approximation where
 * it matters most, at a handful of repetitions).  Above, the normal
 * approximation with the tie correction of the variance and a continuity
 * correction of 1/2, good to a few per cent of p at those sizes.
 *
 * The least p that n against m values can give is 2 / C(n+m, n)
 * (lb_mwu_min_p): 0.1 for 3 against 3, so a test at 0.05 can never find
 * a difference with 3 repetitions; 0.0079 for 5 against 5.
 */
#define LB_MWU_EXACT_MAX 40

struct lb_mwu {
	double u; /* U of x: pairs with x_i > y_j, ties one half */
	double p; /* two-sided */
	int exact; /* 1: counted exactly; 0: normal approximation */
};
/* 0, or -1 with errno EINVAL (n or m is 0, a NaN among the values) or
 * ENOMEM. */
int lb_mann_whitney(const double *x, size_t n, const double *y, size_t m, struct lb_mwu *out);
/* 2 / C(n+m, n), at most 1: the least two-sided p of n against m values. */
double lb_mwu_min_p(size_t n, size_t m);

#endif
