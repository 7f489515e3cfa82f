/*
 * test-options.c - what users type: durations, numbers, option specs
 * checked against a lock's descriptor table.
 */
#include <string.h>

#include "harness/options.h"
#include "tests/check.h"

static const struct lb_optdesc table[] = {
	{ "mode", LB_OPT_ENUM, "adaptive", "adaptive|normal|starvation", 0, 0, "mode" },
	{ "spin", LB_OPT_UINT, "4", NULL, 0, 100, "spins" },
	{ "threshold", LB_OPT_DURATION, "1ms", NULL, 0, 1e10, "threshold" },
	{ "skew", LB_OPT_DOUBLE, "0.5", NULL, 0, 1, "skew" },
	{ NULL, 0, NULL, NULL, 0, 0, NULL },
};

static void durations(void)
{
	static const struct {
		const char *s;
		uint64_t ns;
	} good[] = {
		{ "500ms", 500000000 }, { "2s", 2000000000 }, { "100us", 100000 },
		{ "250ns", 250 }, { "1m", 60000000000ULL }, { "0.5s", 500000000 },
		{ "1.5ms", 1500000 },
	};
	static const char *const bad[] = { "", "0", "0s", "-1s", "5", "1h", "ms", "1 s",
					   "s1", "1e400s", "0.1ns", "abc" };
	char err[LB_ERR_LEN];
	uint64_t ns;

	for (size_t i = 0; i < sizeof good / sizeof good[0]; i++) {
		ns = 0;
		CHECK(lb_parse_duration_ns(good[i].s, &ns, err, sizeof err) == 0 &&
			      ns == good[i].ns,
		      "'%s' -> %llu: %s", good[i].s, (unsigned long long)ns, err);
	}
	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		err[0] = '\0';
		CHECK(lb_parse_duration_ns(bad[i], &ns, err, sizeof err) < 0 &&
			      strstr(err, bad[i]),
		      "'%s' must be refused with a message naming it (got '%s')", bad[i], err);
	}
	CHECK(lb_parse_duration0_ns("0", &ns, err, sizeof err) == 0 && ns == 0, "0 allowed");
	CHECK(lb_parse_duration0_ns("0ms", &ns, err, sizeof err) == 0 && ns == 0, "0ms allowed");
	CHECK(lb_parse_duration0_ns("-1ms", &ns, err, sizeof err) < 0, "-1ms refused");
	CHECK(strstr((lb_parse_duration_ns("5", &ns, err, sizeof err), err), "no unit") != NULL,
	      "a number without a unit says so: %s", err);
	/* 0 where a positive duration is wanted: no unit makes it one. */
	CHECK(strstr((lb_parse_duration_ns("0", &ns, err, sizeof err), err),
		     "is not a positive duration") != NULL && !strstr(err, "e.g. 0ms"),
	      "0 without a unit says a duration is positive, not to write 0ms: %s", err);

	char buf[32];
	lb_format_duration(1000000, buf, sizeof buf);
	CHECK(strcmp(buf, "1ms") == 0, "1ms, not %s", buf);
	lb_format_duration(1500000, buf, sizeof buf);
	CHECK(strcmp(buf, "1500us") == 0, "1500us, not %s", buf);
	lb_format_duration(120000000000ULL, buf, sizeof buf);
	CHECK(strcmp(buf, "2m") == 0, "2m, not %s", buf);
}

static void numbers(void)
{
	char err[LB_ERR_LEN];
	uint64_t u;
	double d;

	CHECK(lb_parse_u64("42", 1, 100, &u, err, sizeof err) == 0 && u == 42, "42");
	CHECK(lb_parse_u64("0", 1, 100, &u, err, sizeof err) < 0 && strstr(err, "0"), "0 below min");
	CHECK(lb_parse_u64("101", 1, 100, &u, err, sizeof err) < 0, "101 above max");
	CHECK(lb_parse_u64("-1", 0, 100, &u, err, sizeof err) < 0, "-1 is not unsigned");
	CHECK(lb_parse_u64("12abc", 0, 100, &u, err, sizeof err) < 0, "trailing junk");
	CHECK(lb_parse_u64("", 0, 100, &u, err, sizeof err) < 0, "empty");
	CHECK(lb_parse_u64(" 3", 0, 100, &u, err, sizeof err) < 0, "leading space");
	CHECK(lb_parse_u64("99999999999999999999999", 0, UINT64_MAX, &u, err, sizeof err) < 0,
	      "overflow");
	CHECK(lb_parse_double("0.9", 0, 1, &d, err, sizeof err) == 0 && d == 0.9, "0.9");
	CHECK(lb_parse_double("1.5", 0, 1, &d, err, sizeof err) < 0, "1.5 out of [0,1]");
	CHECK(lb_parse_double("-0.1", 0, 1, &d, err, sizeof err) < 0, "-0.1 out of [0,1]");
	CHECK(lb_parse_double("nan", 0, 1, &d, err, sizeof err) < 0, "nan");
	CHECK(lb_parse_double("0.5x", 0, 1, &d, err, sizeof err) < 0, "trailing junk");
}

static void specs(void)
{
	char err[LB_ERR_LEN];
	struct lb_optset o;

	CHECK(lb_opts_parse("lock 'x'", table, NULL, &o, err, sizeof err) == 0, "defaults: %s", err);
	CHECK(o.v[0].i == 0 && o.v[1].i == 4 && o.v[2].i == 1000000 && o.v[3].d == 0.5,
	      "default values");
	CHECK(strcmp(o.canon, "mode=adaptive,spin=4,threshold=1ms,skew=0.5") == 0, "canon '%s'",
	      o.canon);

	CHECK(lb_opts_parse("lock 'x'", table, "threshold=200us,mode=starvation", &o, err,
			    sizeof err) == 0, "two keys: %s", err);
	CHECK(o.v[0].i == 2 && o.v[2].i == 200000, "parsed values");
	CHECK(strcmp(o.canon, "mode=starvation,spin=4,threshold=200us,skew=0.5") == 0,
	      "canon in table order '%s'", o.canon);

	static const struct {
		const char *text, *must;
	} bad[] = {
		{ "bogus=1", "unknown option 'bogus'" },
		{ "mode=fast", "'fast'" },
		{ "mode=", "mode" },
		{ "spin=101", "spin" },
		{ "spin=-1", "spin" },
		{ "threshold=5", "no unit" },
		{ "skew=2", "skew" },
		{ "spin", "not key=value" },
		{ "spin=1,spin=2", "twice" },
		{ "spin=1,", "comma" },
		{ "spin=1,,mode=normal", "key=value" },
	};
	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		err[0] = '\0';
		CHECK(lb_opts_parse("lock 'x'", table, bad[i].text, &o, err, sizeof err) < 0 &&
			      strstr(err, "lock 'x'") && strstr(err, bad[i].must),
		      "'%s' must fail naming the lock and '%s' (got '%s')", bad[i].text,
		      bad[i].must, err);
	}
	CHECK(lb_opts_parse("lock 'y'", NULL, "a=1", &o, err, sizeof err) < 0 &&
		      strstr(err, "takes no options"),
	      "a lock without options refuses any: %s", err);
}

int main(void)
{
	durations();
	numbers();
	specs();
	return check_done();
}
