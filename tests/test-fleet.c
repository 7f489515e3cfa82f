/*
 * test-fleet.c - the shard split (a case's expected time; every case in
 * exactly one shard, the shards balanced by that time, the same deal every
 * time) and the merge of shards (a good join in rounds with its sidecar;
 * refusals of mixed columns, a repeated (run_id, case, rep), mixed
 * platforms, an existing output, a symbolic link, each leaving nothing
 * behind).
 */
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "harness/csv.h"
#include "harness/fleet.h"
#include "harness/merge.h"
#include "harness/options.h"
#include "locks/waitgroup.h"
#include "tests/check.h"

/* ---- the split -------------------------------------------------------- */

static void check_split(const double *cost, int n, int shards, const char *what)
{
	int *a = malloc((size_t)(n + 1) * sizeof *a), *b = malloc((size_t)(n + 1) * sizeof *b);
	double *load = calloc((size_t)shards, sizeof *load), most = 0;

	if (!a || !b || !load) {
		CHECK(0, "out of memory");
		goto out;
	}
	CHECK(lb_shard_split(cost, n, shards, a) == 0, "%s: split", what);
	int bad = 0;
	for (int i = 0; i < n; i++) {
		bad += a[i] < 1 || a[i] > shards; /* each case in exactly one shard */
		if (a[i] >= 1 && a[i] <= shards)
			load[a[i] - 1] += cost[i];
		most = cost[i] > most ? cost[i] : most;
	}
	CHECK(bad == 0, "%s: %d cases outside shards 1..%d", what, bad, shards);
	/* Greedy on the least loaded shard: no shard exceeds another by more
	 * than the longest case. */
	double hi = load[0], lo = load[0];
	for (int k = 1; k < shards; k++) {
		hi = load[k] > hi ? load[k] : hi;
		lo = load[k] < lo ? load[k] : lo;
	}
	CHECK(hi - lo <= most + 1e-9, "%s: loads %g..%g differ by more than the longest case %g",
	      what, lo, hi, most);
	/* Stable: the same costs deal the same way. */
	CHECK(lb_shard_split(cost, n, shards, b) == 0 && memcmp(a, b, (size_t)n * sizeof *a) == 0,
	      "%s: a second split deals differently", what);
out:
	free(a);
	free(b);
	free(load);
}

static void test_split(void)
{
	double equal[12], mixed[37], one[1] = { 5 };
	int shard_of[12];

	for (int i = 0; i < 12; i++)
		equal[i] = 0.53;
	unsigned x = 12345;
	for (int i = 0; i < 37; i++) {
		x = x * 1103515245u + 12345u;
		mixed[i] = 0.01 + (double)(x >> 16 & 1023) / 100.0;
	}
	check_split(equal, 12, 1, "12 equal cases, 1 shard");
	check_split(equal, 12, 4, "12 equal cases, 4 shards");
	check_split(equal, 12, 5, "12 equal cases, 5 shards");
	check_split(mixed, 37, 3, "37 mixed cases, 3 shards");
	check_split(mixed, 37, 8, "37 mixed cases, 8 shards");
	check_split(one, 1, 4, "1 case, 4 shards");

	/* Equal cases: 12 over 4 shards is 3 each. */
	int count[4] = { 0 };
	lb_shard_split(equal, 12, 4, shard_of);
	for (int i = 0; i < 12; i++)
		count[shard_of[i] - 1]++;
	CHECK(count[0] == 3 && count[1] == 3 && count[2] == 3 && count[3] == 3,
	      "12 equal cases over 4 shards: %d %d %d %d", count[0], count[1], count[2], count[3]);
	/* One long case and many short: the long one alone in its shard. */
	double skew[5] = { 1, 1, 10, 1, 1 };
	lb_shard_split(skew, 5, 2, shard_of);
	int alone = 0;
	for (int i = 0; i < 5; i++)
		alone += i != 2 && shard_of[i] == shard_of[2];
	CHECK(alone == 0, "the long case shares its shard with %d short ones", alone);
	CHECK(lb_shard_split(equal, 12, 0, shard_of) < 0 && errno == EINVAL, "0 shards accepted");
}

/* A case's expected time: its window; at most, its timeout where its
 * WaitGroup can block forever by design. */
static void test_cost(void)
{
	struct lb_case c = { .warmup_ns = 100000000, .duration_ns = 500000000,
			     .timeout_ns = 10000000000ULL };
	double plain = lb_case_cost(&c, 3, false);

	CHECK(plain >= 3 * 0.6 && plain < 3 * 0.7, "a lock case of 0.6s x 3: %g s", plain);
	CHECK(lb_case_cost(&c, 3, true) == plain, "a lock case cannot hang: %g s",
	      lb_case_cost(&c, 3, true));
	c.wg = lb_wg_find("wg-go");
	CHECK(c.wg && lb_case_cost(&c, 3, true) == plain, "wg-go cannot hang: %g s",
	      lb_case_cost(&c, 3, true));
	c.wg = lb_wg_find("wg-seed");
	CHECK(c.wg && c.wg->hangs && lb_case_cost(&c, 3, true) >= 3 * 10.0,
	      "wg-seed can block until its timeout: %g s", lb_case_cost(&c, 3, true));
	CHECK(lb_case_cost(&c, 3, false) == plain, "wg-seed when it does not block: %g s",
	      lb_case_cost(&c, 3, false));
}

static void test_parse(void)
{
	struct lb_shard sh;
	char err[LB_ERR_LEN];
	static const char *const bad[] = { "", "3", "0/3", "4/3", "1/0", "a/b", "2/3x", "-1/3",
					   "/3", "1/", "1/3/4" };

	CHECK(lb_shard_parse("2/3", &sh, err, sizeof err) == 0 && sh.k == 2 && sh.n == 3,
	      "2/3: %s", err);
	CHECK(lb_shard_parse("1/1", &sh, err, sizeof err) == 0 && sh.k == 1 && sh.n == 1,
	      "1/1: %s", err);
	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++)
		CHECK(lb_shard_parse(bad[i], &sh, err, sizeof err) < 0 && err[0],
		      "'%s' accepted as a shard", bad[i]);
}

/* ---- the merge -------------------------------------------------------- */

static char dir[] = "/tmp/lockbench-fleet.XXXXXX";

static char *in_dir(const char *name)
{
	static char p[4][PATH_MAX];
	static int i;
	i = (i + 1) % 4;
	snprintf(p[i], sizeof p[i], "%s/%s", dir, name);
	return p[i];
}

/* A results file of rows "case:rep" (run_id r, platform plat), with the
 * extra column extra (NULL: none) and a sidecar saying shard. */
static void results(const char *name, const char *plat, const char *extra, const char *shard,
		    const char *rows)
{
	FILE *f = fopen(in_dir(name), "w");
	const char *ex[1] = { extra };
	char meta[PATH_MAX];

	if (!f)
		return;
	lb_csv_header(f, ex, extra ? 1 : 0);
	for (const char *p = rows; *p;) {
		char cs[16], rp[16];
		int used = 0;
		if (sscanf(p, "%15[0-9]:%15[0-9]%n", cs, rp, &used) != 2)
			break;
		p += used + (p[used] == ' ');
		const char *v[LB_CSV_NCOLS] = { 0 }, *e[1] = { NULL };
		v[LB_COL_schema] = "1";
		v[LB_COL_run_id] = "r";
		v[LB_COL_case] = cs;
		v[LB_COL_rep] = rp;
		v[LB_COL_status] = "ok";
		v[LB_COL_platform] = plat;
		v[LB_COL_lock] = "ticket";
		v[LB_COL_workload] = "hits";
		v[LB_COL_threads] = "2";
		v[LB_COL_pin] = "compact";
		v[LB_COL_verified] = "yes";
		lb_csv_row(f, v, e, extra ? 1 : 0);
	}
	fclose(f);
	snprintf(meta, sizeof meta, "%s.meta", in_dir(name));
	if ((f = fopen(meta, "w"))) {
		fprintf(f, "run_id=r\nshard=%s\nwarning=slow %s\n", shard, shard);
		fclose(f);
	}
}

static char *slurp(const char *path)
{
	FILE *f = fopen(path, "r");
	static char buf[1 << 16];
	size_t n = f ? fread(buf, 1, sizeof buf - 1, f) : 0;

	buf[n] = '\0';
	if (f)
		fclose(f);
	return buf;
}

static bool exists(const char *path)
{
	struct stat st;
	return lstat(path, &st) == 0;
}

/* The merge of a and b into out must be refused, saying want, and leave
 * no out behind. */
static void refused(const char *a, const char *b, const char *out, const char *want)
{
	char *in[2] = { in_dir(a), in_dir(b) }, err[1024] = "";
	char *o = in_dir(out);
	bool was = exists(o);

	CHECK(lb_merge(in, 2, o, false, NULL, err, sizeof err) < 0, "%s + %s merged", a, b);
	CHECK(strstr(err, want) != NULL, "%s + %s: '%s' does not say '%s'", a, b, err, want);
	CHECK(!strchr(err, '\n'), "more than one line: %s", err);
	CHECK(exists(o) == was, "%s + %s: %s %s", a, b, out, was ? "removed" : "left behind");
}

static void test_merge(void)
{
	char err[1024] = "", *in[3];

	if (!mkdtemp(dir)) {
		CHECK(0, "mkdtemp: %s", strerror(errno));
		return;
	}
	results("s1.csv", "box", NULL, "1/2", "1:1 3:1 1:2 3:2");
	results("s2.csv", "box", NULL, "2/2", "2:1 2:2");
	in[0] = in_dir("s1.csv");
	in[1] = in_dir("s2.csv");
	CHECK(lb_merge(in, 2, in_dir("m.csv"), false, NULL, err, sizeof err) == 0, "merge: %s",
	      err);
	/* In rounds: rep 1's cases in order, then rep 2's. */
	const char *text = slurp(in_dir("m.csv"));
	const char *order[] = { "1,r,1,1,", "1,r,2,1,", "1,r,3,1,", "1,r,1,2,", "1,r,2,2,",
				"1,r,3,2," };
	const char *at = text;
	for (size_t i = 0; i < 6; i++) {
		const char *p = strstr(at, order[i]);
		CHECK(p != NULL, "row %s not in order in:\n%s", order[i], text);
		at = p ? p + 1 : at;
	}
	CHECK(strncmp(text, "schema,run_id,case,rep,", 23) == 0, "no header: %.40s", text);
	char meta[PATH_MAX];
	snprintf(meta, sizeof meta, "%s.meta", in_dir("m.csv"));
	const char *m = slurp(meta);
	CHECK(strstr(m, "run_id=r\n") && strstr(m, "shard 1/2") && strstr(m, "shard 2/2") &&
		      strstr(m, "warning=slow 1/2\n") && strstr(m, "warning=slow 2/2\n"),
	      "merged sidecar:\n%s", m);

	/* Refusals. */
	results("papi.csv", "box", "papi_PAPI_L2_TCM", "2/2", "2:1 2:2");
	refused("s1.csv", "papi.csv", "m1.csv", "columns differ");
	results("dup.csv", "box", NULL, "2/2", "2:1 3:2");
	refused("s1.csv", "dup.csv", "m2.csv", "both hold run_id r case 3 rep 2");
	results("other.csv", "box-b", NULL, "2/2", "2:1 2:2");
	refused("s1.csv", "other.csv", "m3.csv", "platform 'box-b'");
	refused("s1.csv", "s2.csv", "m.csv", "exists"); /* no clobbering */
	CHECK(errno == EEXIST, "an existing output: errno %d", errno);
	CHECK(symlink(in_dir("s1.csv"), in_dir("link.csv")) == 0, "symlink");
	refused("s1.csv", "s2.csv", "link.csv", "symbolic link");
	CHECK(strstr(slurp(in_dir("s1.csv")), "1,r,3,2,") != NULL, "the link's target changed");
	/* A schema this version does not read. */
	FILE *f = fopen(in_dir("s9.csv"), "w");
	if (f) {
		fputs(slurp(in_dir("s2.csv")), f);
		fclose(f);
	}
	text = slurp(in_dir("s9.csv"));
	char *copy = strdup(text), *row = copy ? strstr(copy, "\n1,r,") : NULL;
	if (row) {
		row[1] = '9';
		f = fopen(in_dir("s9.csv"), "w");
		fputs(copy, f);
		fclose(f);
	}
	free(copy);
	refused("s1.csv", "s9.csv", "m4.csv", "schema 9");
	/* Another run of the platform, its second shard: not a shard of r. */
	copy = strdup(slurp(in_dir("s2.csv")));
	for (char *p = copy; p && (p = strstr(p, "\n1,r,")); p++)
		p[3] = 'q';
	if (copy && (f = fopen(in_dir("q2.csv"), "w"))) {
		fputs(copy, f);
		fclose(f);
	}
	free(copy);
	refused("s1.csv", "q2.csv", "m5.csv", "run_id 'q', where");
	/* replace: the existing output is rewritten. */
	in[0] = in_dir("s2.csv");
	CHECK(lb_merge(in, 1, in_dir("m.csv"), true, NULL, err, sizeof err) == 0, "--force: %s",
	      err);
	CHECK(!strstr(slurp(in_dir("m.csv")), "1,r,1,1,"), "m.csv not replaced");
}

int main(void)
{
	test_parse();
	test_cost();
	test_split();
	test_merge();
	char cmd[PATH_MAX + 16];
	snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
	if (strncmp(dir, "/tmp/lockbench-fleet.", 21) == 0 && !strchr(dir, '\''))
		(void)system(cmd);
	return check_done();
}
