/*
 * stats.c - histograms, percentiles, fairness and the summary across
 * repetitions (see stats.h for the bucket layout).
 */
#include "harness/stats.h"

#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void lb_hist_init(struct lb_hist *h)
{
	memset(h->b, 0, sizeof h->b);
	h->count = 0;
	h->min = UINT64_MAX;
	h->max = 0;
}

void lb_hist_merge(struct lb_hist *dst, const struct lb_hist *src)
{
	for (unsigned i = 0; i < LB_HIST_BUCKETS; i++)
		dst->b[i] += src->b[i];
	dst->count += src->count;
	if (src->min < dst->min)
		dst->min = src->min;
	if (src->max > dst->max)
		dst->max = src->max;
}

/*
 * Inverse of lb_hist_bucket.  Bucket i >= SUB sits in the power of two
 * 2^e with e = SUB_BITS + (i - SUB) / SUB, and is the sub-th of its SUB
 * equal slices, each 2^(e - SUB_BITS) wide:
 *
 *     low  = (SUB + sub) << (e - SUB_BITS)
 *     high = low + 2^(e - SUB_BITS) - 1
 *
 * The last bucket ends at UINT64_MAX without overflow.  An index past the
 * last bucket is read as the last bucket.
 */
uint64_t lb_hist_bucket_low(unsigned i)
{
	if (i >= LB_HIST_BUCKETS)
		i = LB_HIST_BUCKETS - 1;
	if (i < LB_HIST_SUB)
		return i;
	unsigned j = i - LB_HIST_SUB;
	unsigned shift = j / LB_HIST_SUB; /* e - SUB_BITS */
	uint64_t sub = j % LB_HIST_SUB;
	return ((uint64_t)LB_HIST_SUB + sub) << shift;
}

uint64_t lb_hist_bucket_high(unsigned i)
{
	if (i >= LB_HIST_BUCKETS)
		i = LB_HIST_BUCKETS - 1;
	if (i < LB_HIST_SUB)
		return i;
	unsigned shift = (i - LB_HIST_SUB) / LB_HIST_SUB;
	return lb_hist_bucket_low(i) + ((uint64_t)1 << shift) - 1;
}

/*
 * Nearest rank: rank = ceil(q/100 * count), at least 1, then the bucket
 * holding the rank-th smallest sample; its highest value, capped at max.
 * Since every sample in that bucket is >= its low end and the bucket's
 * high end is >= the sample itself, the answer never undershoots the true
 * nearest-rank sample and overshoots it by less than one bucket width.
 *
 * q <= 0 (and a NaN q) gives the minimum, exactly: "the 0th percentile"
 * is the smallest sample, and min is kept exact while a bucket is not.
 * q >= 100 gives the maximum.  An empty histogram gives 0 for every q.
 *
 * q * count / 100 is computed in doubles, where a result meant to be an
 * integer can land a hair above it (0.07 * 10000 / 100 gives
 * 7.000000000000001), and ceil would then take the next rank.  A result
 * within a relative 1e-9 of an integer is taken as that integer.
 */
uint64_t lb_hist_percentile(const struct lb_hist *h, double q)
{
	if (h->count == 0)
		return 0;
	if (!(q > 0))
		return h->min;
	if (q >= 100)
		return h->max;

	double x = q * (double)h->count / 100.0;
	double r = nearbyint(x);
	if (fabs(x - r) <= 1e-9 * fmax(1.0, x))
		x = r;
	else
		x = ceil(x);
	uint64_t rank = (uint64_t)x;
	if (rank < 1)
		rank = 1;
	if (rank > h->count)
		rank = h->count;

	uint64_t seen = 0;
	for (unsigned i = 0; i < LB_HIST_BUCKETS; i++) {
		seen += h->b[i];
		if (seen >= rank) {
			uint64_t v = lb_hist_bucket_high(i);
			return v < h->max ? v : h->max;
		}
	}
	/* Buckets summing to less than count: a histogram written by hand or
	 * merged inconsistently.  The largest sample is the honest answer. */
	return h->max;
}

/* Returns the length written (as snprintf), or -1 when buf is too small. */
int lb_hist_format(char *buf, size_t len, const struct lb_hist *h)
{
	size_t n = 0;

	if (h->count == 0)
		return snprintf(buf, len, "NA") < (int)len ? 2 : -1;
	if (len)
		buf[0] = '\0';
	for (unsigned i = 0; i < LB_HIST_BUCKETS; i++) {
		if (!h->b[i])
			continue;
		int k = snprintf(buf + n, len > n ? len - n : 0, "%s%llu:%llu", n ? " " : "",
				 (unsigned long long)lb_hist_bucket_low(i),
				 (unsigned long long)h->b[i]);
		if (k < 0 || (size_t)k >= (len > n ? len - n : 0))
			return -1;
		n += (size_t)k;
	}
	return (int)n;
}

/* One unsigned decimal at *s (no sign, no space before it): 0, or -1. */
static int read_u64(const char **s, uint64_t *v)
{
	char *end;

	if (**s < '0' || **s > '9')
		return -1;
	errno = 0;
	unsigned long long x = strtoull(*s, &end, 10);
	if (errno)
		return -1;
	*v = x;
	*s = end;
	return 0;
}

int lb_hist_parse(struct lb_hist *h, const char *text, uint64_t max)
{
	const char *s = text;
	int last = -1;

	lb_hist_init(h);
	if (strcmp(text, "NA") == 0)
		return 0;
	while (*s) {
		uint64_t low, count;
		if ((last >= 0 && *s++ != ' ') || read_u64(&s, &low) < 0 || *s++ != ':' ||
		    read_u64(&s, &count) < 0 || count == 0)
			goto bad;
		unsigned i = lb_hist_bucket(low);
		if (lb_hist_bucket_low(i) != low || (int)i <= last || h->count + count < h->count)
			goto bad;
		if (last < 0)
			h->min = low;
		h->b[i] = count;
		h->count += count;
		last = (int)i;
	}
	if (last < 0 || lb_hist_bucket(max) != (unsigned)last)
		goto bad;
	h->max = max;
	return 0;
bad:
	lb_hist_init(h);
	errno = EINVAL;
	return -1;
}

double lb_jain(const double *x, size_t n)
{
	double sum = 0, sumsq = 0;
	for (size_t i = 0; i < n; i++) {
		sum += x[i];
		sumsq += x[i] * x[i];
	}
	if (n == 0 || sumsq == 0)
		return NAN; /* nobody did anything: neither fair nor unfair */
	return sum * sum / ((double)n * sumsq);
}

static int cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;
	return (x > y) - (x < y);
}

/*
 * Mean first, then the squared deviations from it (two passes: the
 * one-pass sum-of-squares formula loses every digit when the spread is
 * small against the mean, as it is for ops/s across repetitions).  The
 * median sorts a copy, so the caller's array keeps its order.
 */
int lb_summarize(const double *x, size_t n, struct lb_summary *out)
{
	if (n == 0 || x == NULL || out == NULL) {
		errno = EINVAL;
		return -1;
	}
	double *s = n > SIZE_MAX / sizeof *s ? NULL : malloc(n * sizeof *s);
	if (s == NULL) {
		errno = ENOMEM;
		return -1;
	}
	memcpy(s, x, n * sizeof *s);
	qsort(s, n, sizeof *s, cmp_double);

	double sum = 0;
	for (size_t i = 0; i < n; i++)
		sum += x[i];
	double mean = sum / (double)n;

	double ss = 0;
	for (size_t i = 0; i < n; i++)
		ss += (x[i] - mean) * (x[i] - mean);
	double sd = n < 2 ? 0.0 : sqrt(ss / (double)(n - 1));

	out->n = n;
	out->mean = mean;
	out->median = n % 2 ? s[n / 2] : (s[n / 2 - 1] + s[n / 2]) / 2.0;
	out->stddev = sd;
	out->cv = mean == 0 ? 0.0 : sd / mean;
	out->min = s[0];
	out->max = s[n - 1];
	free(s);
	return 0;
}

double lb_mwu_min_p(size_t n, size_t m)
{
	double c = 1; /* C(n+m, n), built up as a product of ratios */

	for (size_t i = 1; i <= n; i++)
		c = c * (double)(m + i) / (double)i;
	return n == 0 || m == 0 || 2 / c > 1 ? 1.0 : 2 / c;
}

struct ranked {
	double v;
	int from_x;
};

static int cmp_ranked(const void *a, const void *b)
{
	return cmp_double(&((const struct ranked *)a)->v, &((const struct ranked *)b)->v);
}

/*
 * The exact count.  w[i] is the doubled rank of the i-th pooled value;
 * ways[k][s], after the first i values, is how many ways k of them sum
 * to s.  The counts are at most C(40, 20) ~ 1.4e11, exact in a double.
 */
static double mwu_exact(const long *w, size_t total, size_t n, long center, long dev_obs)
{
	long smax = 0;
	for (size_t i = 0; i < total; i++)
		smax += w[i];
	size_t width = (size_t)smax + 1;
	double *ways = calloc((n + 1) * width, sizeof *ways);
	if (!ways)
		return NAN;
	ways[0] = 1;
	for (size_t i = 0; i < total; i++)
		for (size_t k = (i + 1 < n ? i + 1 : n); k >= 1; k--)
			for (long s = smax; s >= w[i]; s--)
				ways[k * width + (size_t)s] += ways[(k - 1) * width + (size_t)(s - w[i])];
	double far = 0, all = 0;
	for (long s = 0; s <= smax; s++) {
		double c = ways[n * width + (size_t)s];
		all += c;
		if (labs(s - center) >= dev_obs)
			far += c;
	}
	free(ways);
	return far / all;
}

int lb_mann_whitney(const double *x, size_t n, const double *y, size_t m, struct lb_mwu *out)
{
	size_t total = n + m;

	if (n == 0 || m == 0 || !x || !y || !out) {
		errno = EINVAL;
		return -1;
	}
	struct ranked *v = total > SIZE_MAX / sizeof *v ? NULL : malloc(total * sizeof *v);
	long *w = v ? malloc(total * sizeof *w) : NULL;
	if (!w) {
		free(v);
		errno = ENOMEM;
		return -1;
	}
	for (size_t i = 0; i < total; i++) {
		v[i].v = i < n ? x[i] : y[i - n];
		v[i].from_x = i < n;
		if (isnan(v[i].v)) {
			free(v);
			free(w);
			errno = EINVAL;
			return -1;
		}
	}
	qsort(v, total, sizeof *v, cmp_ranked);
	/* Doubled mid-ranks: a run of ties at places i..j-1 (ranks i+1..j)
	 * gets i+1+j each; and the tie term sum(t^3 - t) of the variance. */
	long r2 = 0;
	double ties = 0;
	for (size_t i = 0, j; i < total; i = j) {
		for (j = i + 1; j < total && v[j].v == v[i].v; j++)
			;
		double t = (double)(j - i);
		ties += t * t * t - t;
		for (size_t k = i; k < j; k++) {
			w[k] = (long)(i + 1 + j);
			r2 += v[k].from_x ? w[k] : 0;
		}
	}
	long center = (long)(n * (total + 1)); /* doubled mean of R */
	out->u = (double)r2 / 2 - (double)n * (double)(n + 1) / 2;
	if (total <= LB_MWU_EXACT_MAX) {
		out->exact = 1;
		out->p = mwu_exact(w, total, n, center, labs(r2 - center));
	} else {
		double nn = (double)n, mm = (double)m, tt = (double)total;
		double var = nn * mm / 12 * (tt + 1 - ties / (tt * (tt - 1)));
		double d = fabs(out->u - nn * mm / 2) - 0.5;
		out->exact = 0;
		out->p = var <= 0 || d <= 0 ? 1.0 : erfc(d / sqrt(var) / sqrt(2.0));
	}
	free(v);
	free(w);
	if (isnan(out->p)) {
		errno = ENOMEM;
		return -1;
	}
	if (out->p > 1)
		out->p = 1;
	return 0;
}
