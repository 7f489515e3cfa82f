/*
 * test-stats.c - histogram buckets, percentiles, merge, Jain's index and
 * the summary across repetitions, and the Mann-Whitney U test, against
 * values worked out by hand.
 */
#include "harness/stats.h"
#include "tests/check.h"

#include <errno.h>
#include <math.h>
#include <string.h>

#define NELEM(a) (sizeof(a) / sizeof((a)[0]))

static int near(double got, double want)
{
	return fabs(got - want) <= 1e-9 * fmax(1.0, fabs(want));
}

/* Bucket index, low and high end of values picked at the edges of each
 * region: 0..31 one value per bucket, 32..63 width 1, 64..127 width 2,
 * 128..255 width 4, 512..1023 width 16, the top of the range. */
static void test_buckets(void)
{
	static const struct {
		uint64_t v;
		unsigned bucket;
		uint64_t low, high;
	} fx[] = {
		{ 0, 0, 0, 0 },
		{ 1, 1, 1, 1 },
		{ 17, 17, 17, 17 },
		{ 31, 31, 31, 31 },
		{ 32, 32, 32, 32 },
		{ 50, 50, 50, 50 },
		{ 63, 63, 63, 63 },
		{ 64, 64, 64, 65 },
		{ 65, 64, 64, 65 },
		{ 66, 65, 66, 67 },
		{ 90, 77, 90, 91 },
		{ 91, 77, 90, 91 },
		{ 100, 82, 100, 101 },
		{ 101, 82, 100, 101 },
		{ 126, 95, 126, 127 },
		{ 127, 95, 126, 127 },
		{ 128, 96, 128, 131 },
		{ 131, 96, 128, 131 },
		{ 132, 97, 132, 135 },
		{ 999, 190, 992, 1007 },
		{ 1000, 190, 992, 1007 },
		{ 5000, 263, 4992, 5119 },
		{ UINT64_MAX, 1919, 0xFC00000000000000u, UINT64_MAX },
	};
	CHECK(LB_HIST_BUCKETS == 1920, "LB_HIST_BUCKETS = %u", LB_HIST_BUCKETS);
	for (size_t i = 0; i < NELEM(fx); i++) {
		unsigned b = lb_hist_bucket(fx[i].v);
		CHECK(b == fx[i].bucket, "bucket(%llu) = %u, want %u",
		      (unsigned long long)fx[i].v, b, fx[i].bucket);
		uint64_t lo = lb_hist_bucket_low(fx[i].bucket);
		uint64_t hi = lb_hist_bucket_high(fx[i].bucket);
		CHECK(lo == fx[i].low, "low(%u) = %llu, want %llu", fx[i].bucket,
		      (unsigned long long)lo, (unsigned long long)fx[i].low);
		CHECK(hi == fx[i].high, "high(%u) = %llu, want %llu",
		      fx[i].bucket, (unsigned long long)hi,
		      (unsigned long long)fx[i].high);
	}

	/* Every bucket: its ends map back to it, and the buckets tile the
	 * range without gap or overlap. */
	unsigned bad = 0;
	for (unsigned i = 0; i < LB_HIST_BUCKETS; i++) {
		uint64_t lo = lb_hist_bucket_low(i), hi = lb_hist_bucket_high(i);
		if (lo > hi || lb_hist_bucket(lo) != i || lb_hist_bucket(hi) != i)
			bad++;
		if (i + 1 < LB_HIST_BUCKETS && lb_hist_bucket_low(i + 1) != hi + 1)
			bad++;
	}
	CHECK(bad == 0, "%u buckets do not invert or do not tile", bad);
	CHECK(lb_hist_bucket_low(0) == 0, "first bucket starts at 0");
	CHECK(lb_hist_bucket_high(LB_HIST_BUCKETS - 1) == UINT64_MAX,
	      "last bucket ends at UINT64_MAX");
}

static void test_init(void)
{
	struct lb_hist h;
	memset(&h, 0xA5, sizeof h);
	lb_hist_init(&h);
	CHECK(h.count == 0, "count %llu", (unsigned long long)h.count);
	CHECK(h.min == UINT64_MAX, "min %llu", (unsigned long long)h.min);
	CHECK(h.max == 0, "max %llu", (unsigned long long)h.max);
	unsigned nonzero = 0;
	for (unsigned i = 0; i < LB_HIST_BUCKETS; i++)
		nonzero += h.b[i] != 0;
	CHECK(nonzero == 0, "%u buckets not cleared", nonzero);
}

#define PCT(h, q, want)                                                     \
	do {                                                                \
		uint64_t got_ = lb_hist_percentile((h), (q));               \
		CHECK(got_ == (uint64_t)(want), "p%g = %llu, want %llu",    \
		      (double)(q), (unsigned long long)got_,                \
		      (unsigned long long)(want));                          \
	} while (0)

static void test_percentiles(void)
{
	static struct lb_hist h;

	/* Empty: 0 whatever q is. */
	lb_hist_init(&h);
	PCT(&h, 0, 0);
	PCT(&h, 50, 0);
	PCT(&h, 100, 0);

	/* 1..100 once each.  rank = ceil(q), the rank-th value is rank, and
	 * the answer is the high end of its bucket capped at max = 100. */
	lb_hist_init(&h);
	for (uint64_t v = 1; v <= 100; v++)
		lb_hist_add(&h, v);
	PCT(&h, 0, 1);      /* the minimum */
	PCT(&h, 0.5, 1);    /* rank ceil(0.5) = 1 */
	PCT(&h, 1, 1);
	PCT(&h, 50, 50);    /* 32..63 exact */
	PCT(&h, 50.5, 51);  /* rank 51 */
	PCT(&h, 63, 63);
	PCT(&h, 64, 65);    /* 64 is in [64,65]: rounded up to 65 */
	PCT(&h, 65, 65);
	PCT(&h, 89, 89);    /* [88,89] */
	PCT(&h, 90, 91);    /* [90,91] */
	PCT(&h, 92, 93);    /* [92,93] */
	PCT(&h, 99, 99);    /* [98,99] */
	PCT(&h, 99.9, 100); /* rank ceil(99.9) = 100, [100,101] capped at 100 */
	PCT(&h, 100, 100);
	PCT(&h, 150, 100);  /* above 100 reads as 100 */
	PCT(&h, -5, 1);     /* below 0 reads as 0 */

	/* 1..10: rank = ceil(q / 10). */
	lb_hist_init(&h);
	for (uint64_t v = 1; v <= 10; v++)
		lb_hist_add(&h, v);
	PCT(&h, 10, 1);
	PCT(&h, 30, 3);
	PCT(&h, 60, 6);
	PCT(&h, 70, 7);
	PCT(&h, 71, 8);     /* rank ceil(7.1) = 8 */
	PCT(&h, 90, 9);

	/* 1..10000: q = 0.07 is rank 7 exactly, but 0.07 * 10000 / 100 in
	 * doubles is 7.000000000000001 (and 0.14 gives 14.000000000000002),
	 * whose ceiling would be the next rank.  Values below 32 are exact,
	 * so a rank off by one shows. */
	lb_hist_init(&h);
	for (uint64_t v = 1; v <= 10000; v++)
		lb_hist_add(&h, v);
	PCT(&h, 0.07, 7);
	PCT(&h, 0.14, 14);
	PCT(&h, 0.17, 17);
	PCT(&h, 0.28, 28);
	PCT(&h, 0.071, 8);  /* rank ceil(7.1) = 8 */
	PCT(&h, 100, 10000);

	/* 999 samples of 10 and one of 5000: only the top 0.1% sees the
	 * outlier.  p99.9 is rank 999 (not 1000) and must not see it. */
	lb_hist_init(&h);
	for (int i = 0; i < 999; i++)
		lb_hist_add(&h, 10);
	lb_hist_add(&h, 5000);
	PCT(&h, 0, 10);
	PCT(&h, 50, 10);
	PCT(&h, 90, 10);
	PCT(&h, 99, 10);
	PCT(&h, 99.9, 10);
	PCT(&h, 99.95, 5000); /* rank ceil(999.5) = 1000 */
	PCT(&h, 99.99, 5000); /* 5000 is in [4992,5119], capped at max */
	PCT(&h, 100, 5000);

	/* One sample: every percentile is it, though its bucket is wider. */
	lb_hist_init(&h);
	lb_hist_add(&h, 1000);
	PCT(&h, 0, 1000);
	PCT(&h, 50, 1000);   /* [992,1007] capped at max */
	PCT(&h, 100, 1000);

	/* A bucket's high end above the true sample but below max: 1000 is
	 * reported as 1007 when a larger sample exists. */
	lb_hist_init(&h);
	lb_hist_add(&h, 1000);
	lb_hist_add(&h, 2000);
	PCT(&h, 50, 1007);
	PCT(&h, 100, 2000);
}

static void test_merge(void)
{
	static struct lb_hist a, b, all, empty, copy;
	static const uint64_t va[] = { 1, 100, 5000, 100 };
	static const uint64_t vb[] = { 3, 64, 65, 1000000 };

	lb_hist_init(&a);
	lb_hist_init(&b);
	lb_hist_init(&all);
	lb_hist_init(&empty);
	for (size_t i = 0; i < NELEM(va); i++) {
		lb_hist_add(&a, va[i]);
		lb_hist_add(&all, va[i]);
	}
	for (size_t i = 0; i < NELEM(vb); i++) {
		lb_hist_add(&b, vb[i]);
		lb_hist_add(&all, vb[i]);
	}
	lb_hist_merge(&a, &b);
	CHECK(memcmp(&a, &all, sizeof a) == 0, "merge differs from adding all");
	CHECK(a.count == 8, "count %llu", (unsigned long long)a.count);
	CHECK(a.min == 1, "min %llu", (unsigned long long)a.min);
	CHECK(a.max == 1000000, "max %llu", (unsigned long long)a.max);
	CHECK(a.b[82] == 2, "bucket of 100 holds %llu",
	      (unsigned long long)a.b[82]);
	CHECK(a.b[64] == 2, "bucket [64,65] holds %llu",
	      (unsigned long long)a.b[64]);

	copy = all;
	lb_hist_merge(&copy, &empty);
	CHECK(memcmp(&copy, &all, sizeof copy) == 0, "merging empty changed it");
	lb_hist_merge(&empty, &all);
	CHECK(memcmp(&empty, &all, sizeof empty) == 0,
	      "merging into empty differs");
}

/* A sample with a weight counts as that many observations: 10 weighing 90
 * and 20 weighing 10 is the same distribution as ninety 10s and ten 20s
 * (worked by hand: rank 90 of 100 is the last 10, rank 91 the first 20). */
static void test_weights(void)
{
	struct lb_hist h;

	lb_hist_init(&h);
	lb_hist_add_n(&h, 10, 90);
	lb_hist_add_n(&h, 20, 10);
	CHECK(h.count == 100, "weighted count %llu, expected 100", (unsigned long long)h.count);
	CHECK(lb_hist_percentile(&h, 50) == 10, "p50 %llu", (unsigned long long)lb_hist_percentile(&h, 50));
	CHECK(lb_hist_percentile(&h, 90) == 10, "p90 %llu", (unsigned long long)lb_hist_percentile(&h, 90));
	CHECK(lb_hist_percentile(&h, 91) == 20, "p91 %llu", (unsigned long long)lb_hist_percentile(&h, 91));
	CHECK(lb_hist_percentile(&h, 99) == 20, "p99 %llu", (unsigned long long)lb_hist_percentile(&h, 99));
	CHECK(h.min == 10 && h.max == 20, "min %llu max %llu", (unsigned long long)h.min,
	      (unsigned long long)h.max);
}

static void test_jain(void)
{
	static const double equal[] = { 5, 5, 5, 5 };
	static const double one[] = { 10, 0, 0, 0 };
	static const double ramp[] = { 1, 2, 3, 4 };
	static const double two[] = { 1, 3 };
	static const double zero[] = { 0, 0, 0 };
	double j;

	j = lb_jain(equal, 4);
	CHECK(near(j, 1.0), "equal shares: %.17g", j);
	j = lb_jain(one, 4);
	CHECK(near(j, 0.25), "one takes all of 4: %.17g", j);
	j = lb_jain(one, 1);
	CHECK(near(j, 1.0), "n = 1: %.17g", j);
	/* (1+2+3+4)^2 / (4 * (1+4+9+16)) = 100 / 120 */
	j = lb_jain(ramp, 4);
	CHECK(near(j, 0.83333333333333333), "{1,2,3,4}: %.17g", j);
	/* (1+3)^2 / (2 * (1+9)) = 16 / 20 */
	j = lb_jain(two, 2);
	CHECK(near(j, 0.8), "{1,3}: %.17g", j);
	j = lb_jain(zero, 3);
	CHECK(isnan(j), "all zero: %.17g, not NAN", j);
	j = lb_jain(NULL, 0);
	CHECK(isnan(j), "n = 0: %.17g, not NAN", j);
}

static void check_summary(const char *what, const struct lb_summary *s,
			  size_t n, double mean, double median, double sd,
			  double cv, double min, double max)
{
	CHECK(s->n == n, "%s: n %zu, want %zu", what, s->n, n);
	CHECK(near(s->mean, mean), "%s: mean %.17g, want %.17g", what, s->mean,
	      mean);
	CHECK(near(s->median, median), "%s: median %.17g, want %.17g", what,
	      s->median, median);
	CHECK(near(s->stddev, sd), "%s: stddev %.17g, want %.17g", what,
	      s->stddev, sd);
	CHECK(near(s->cv, cv), "%s: cv %.17g, want %.17g", what, s->cv, cv);
	CHECK(near(s->min, min), "%s: min %.17g, want %.17g", what, s->min,
	      min);
	CHECK(near(s->max, max), "%s: max %.17g, want %.17g", what, s->max,
	      max);
}

static void test_summary(void)
{
	struct lb_summary s;
	int rc;

	/* Even n, given out of order: sorted 2 4 4 4 5 5 7 9.  Mean 40/8 = 5;
	 * median (4+5)/2; squared deviations 9+1+1+1+0+0+4+16 = 32, sample
	 * variance 32/7, stddev sqrt(32/7) = 2.1380899352993950, cv that / 5. */
	double even[] = { 9, 2, 5, 4, 7, 4, 5, 4 };
	rc = lb_summarize(even, NELEM(even), &s);
	CHECK(rc == 0, "even: rc %d", rc);
	check_summary("even", &s, 8, 5, 4.5, 2.1380899352993950,
		      0.42761798705987900, 2, 9);
	static const double even_after[] = { 9, 2, 5, 4, 7, 4, 5, 4 };
	CHECK(memcmp(even, even_after, sizeof even) == 0,
	      "the caller's array was reordered");

	/* Odd n: sorted 1 3 4 7 10.  Mean 25/5 = 5, median 4; squared
	 * deviations 25+16+1+4+4 = 50, variance 50/4 = 12.5, stddev
	 * sqrt(12.5) = 3.5355339059327378, cv 0.70710678118654757. */
	const double odd[] = { 10, 1, 4, 7, 3 };
	rc = lb_summarize(odd, NELEM(odd), &s);
	CHECK(rc == 0, "odd: rc %d", rc);
	check_summary("odd", &s, 5, 5, 4, 3.5355339059327378,
		      0.70710678118654757, 1, 10);

	/* n = 3: mean 2, median 2, variance (1+1+0)/2 = 1. */
	const double three[] = { 3, 1, 2 };
	rc = lb_summarize(three, NELEM(three), &s);
	CHECK(rc == 0, "three: rc %d", rc);
	check_summary("three", &s, 3, 2, 2, 1, 0.5, 1, 3);

	/* n = 1: no spread. */
	const double single[] = { 42 };
	rc = lb_summarize(single, 1, &s);
	CHECK(rc == 0, "single: rc %d", rc);
	check_summary("single", &s, 1, 42, 42, 0, 0, 42, 42);

	/* Mean 0: cv is 0, not a division by zero.  Variance (1+1)/1 = 2. */
	const double pm[] = { -1, 1 };
	rc = lb_summarize(pm, NELEM(pm), &s);
	CHECK(rc == 0, "zero mean: rc %d", rc);
	check_summary("zero mean", &s, 2, 0, 0, 1.4142135623730951, 0, -1, 1);

	/* Large mean, small spread: 1e9 + {1, 2, 3} has stddev 1 exactly. */
	const double big[] = { 1e9 + 1, 1e9 + 2, 1e9 + 3 };
	rc = lb_summarize(big, NELEM(big), &s);
	CHECK(rc == 0, "big: rc %d", rc);
	check_summary("big", &s, 3, 1e9 + 2, 1e9 + 2, 1, 1 / (1e9 + 2),
		      1e9 + 1, 1e9 + 3);

	/* n = 0 fails with EINVAL and leaves out alone. */
	struct lb_summary untouched = { 7, 1, 2, 3, 4, 5, 6 };
	s = untouched;
	errno = 0;
	rc = lb_summarize(even, 0, &s);
	CHECK(rc == -1, "n = 0: rc %d", rc);
	CHECK(errno == EINVAL, "n = 0: errno %d", errno);
	CHECK(memcmp(&s, &untouched, sizeof s) == 0, "n = 0 wrote the summary");
}

static void check_mwu(const char *what, const double *x, size_t n, const double *y, size_t m,
		      double u, double p, int exact)
{
	struct lb_mwu t = { -1, -1, -1 };
	int rc = lb_mann_whitney(x, n, y, m, &t);

	CHECK(rc == 0, "%s: rc %d", what, rc);
	CHECK(near(t.u, u), "%s: U %.17g, want %.17g", what, t.u, u);
	CHECK(fabs(t.p - p) <= 1e-6 * p, "%s: p %.17g, want %.17g", what, t.p, p);
	CHECK(t.exact == exact, "%s: exact %d, want %d", what, t.exact, exact);
}

/*
 * The exact two-sided p counts the C(n+m, n) ways to give n of the
 * pooled ranks to x.  For 3 against 3 (20 ways) U takes 0..9 in
 * 1,1,2,3,3,3,3,2,1,1 ways.
 */
static void test_mwu(void)
{
	/* Apart: U = 0, and only U = 0 and U = 9 are as far from 4.5: 2/20. */
	const double a3[] = { 1, 2, 3 }, b3[] = { 4, 5, 6 };
	check_mwu("3 apart", a3, 3, b3, 3, 0, 0.1, 1);
	check_mwu("3 apart, swapped", b3, 3, a3, 3, 9, 0.1, 1);
	/* x ranks 1, 2, 4: R = 7, U = 1; U <= 1 or U >= 8 in 4 of 20 ways. */
	const double a[] = { 1, 2, 4 }, b[] = { 3, 5, 6 };
	check_mwu("3 overlapping", a, 3, b, 3, 1, 0.2, 1);
	/* Given in any order: ranks do not care. */
	const double a_shuffled[] = { 4, 1, 2 }, b_shuffled[] = { 6, 3, 5 };
	check_mwu("3 overlapping, shuffled", a_shuffled, 3, b_shuffled, 3, 1, 0.2, 1);
	/* 4 apart: 2 / C(8, 4) = 2/70; 5 apart: 2 / C(10, 5) = 2/252. */
	const double a4[] = { 1, 2, 3, 4 }, b4[] = { 5, 6, 7, 8 };
	check_mwu("4 apart", a4, 4, b4, 4, 0, 2.0 / 70, 1);
	const double a5[] = { 10, 11, 12, 13, 14 }, b5[] = { 1, 2, 3, 4, 5 };
	check_mwu("5 apart", a5, 5, b5, 5, 25, 2.0 / 252, 1);
	/* Ties: 1 2 | 2 3 ranks 1, 2.5, 2.5, 4 (doubled 2 5 5 8).  x = {2, 5}
	 * sums 7, 3 below the mean 10; of the 6 picks {2,5} {2,5} {2,8}
	 * {5,5} {5,8} {5,8} (7 7 10 10 13 13), 4 are as far: p = 4/6.  U =
	 * 3.5 - 3 = 0.5 (the tied pair counts one half). */
	const double t1[] = { 1, 2 }, t2[] = { 2, 3 };
	check_mwu("ties", t1, 2, t2, 2, 0.5, 4.0 / 6, 1);
	/* All equal: no evidence at all. */
	const double e[] = { 7, 7, 7 };
	check_mwu("all equal", e, 3, e, 3, 4.5, 1, 1);

	/* 21 against 21 (42 > LB_MWU_EXACT_MAX): the normal approximation.
	 * Apart: U = 0, mean 220.5, variance 21*21*43/12 = 1580.25, z =
	 * (220.5 - 0.5) / 39.753 = 5.534, p = erfc(z / sqrt 2) = 3.1254e-8. */
	double x[21], y[21];
	for (int i = 0; i < 21; i++)
		x[i] = i + 1, y[i] = i + 22;
	check_mwu("21 apart", x, 21, y, 21, 0, 3.125399998400882e-08, 0);
	/* Twenty 1s and a 2 against twenty-one 2s: ranks 10.5 (x20) and 31.5
	 * (x22), R = 241.5, U = 10.5.  The ties shrink the variance to
	 * 21*21/12 * (43 - (7980 + 10626) / (42*41)) = 1183.17, z = 209.5 /
	 * 34.397 = 6.091, p = 1.12486e-9 (1.4e-7 without the correction). */
	for (int i = 0; i < 21; i++)
		x[i] = i < 20 ? 1 : 2, y[i] = 2;
	check_mwu("21 with ties", x, 21, y, 21, 10.5, 1.1248592500698427e-09, 0);

	/* The least p: 2 / C(n+m, n). */
	CHECK(near(lb_mwu_min_p(3, 3), 0.1), "min p 3 vs 3: %g", lb_mwu_min_p(3, 3));
	CHECK(near(lb_mwu_min_p(5, 5), 2.0 / 252), "min p 5 vs 5: %g", lb_mwu_min_p(5, 5));
	CHECK(near(lb_mwu_min_p(2, 3), 0.2), "min p 2 vs 3: %g", lb_mwu_min_p(2, 3));
	CHECK(near(lb_mwu_min_p(1, 1), 1), "min p 1 vs 1: %g", lb_mwu_min_p(1, 1));

	/* No values on one side, or a NaN: EINVAL. */
	struct lb_mwu t;
	const double nan1[] = { 1, NAN };
	errno = 0;
	CHECK(lb_mann_whitney(a, 3, b, 0, &t) == -1 && errno == EINVAL, "m = 0 accepted");
	errno = 0;
	CHECK(lb_mann_whitney(nan1, 2, b, 3, &t) == -1 && errno == EINVAL, "NaN accepted");
}

int main(void)
{
	test_buckets();
	test_init();
	test_percentiles();
	test_merge();
	test_weights();
	test_jain();
	test_summary();
	test_mwu();
	return check_done();
}
