/*
 * test-pin.c - pinning policies on hwloc synthetic topologies (so a
 * 2-socket machine can be checked on any box), CPU-list parsing, binding
 * on the real machine, and the `lockbench topo` text.
 *
 * The expected orders are written out by hand from the synthetic trees,
 * not computed by the code under test.
 */

#include <sched.h>
#include <stdio.h>
#include <string.h>

#include "harness/pin.h"
#include "tests/check.h"

#define ERRLEN 256

static const int seq16[16] = { 0, 1, 2, 3, 4, 5, 6, 7,
			       8, 9, 10, 11, 12, 13, 14, 15 };

/* "pack:2 core:4 pu:2": PU n is package n / 8, core (n % 8) / 2, SMT
 * sibling n % 2.  One thread per package first (0, 8), then the next core
 * of each package (2, 10), ..., then the second siblings (1, 9, ...). */
static const int scatter_2x4x2[16] = { 0, 8, 2, 10, 4, 12, 6, 14,
				       1, 9, 3, 11, 5, 13, 7, 15 };

/* "pack:2 l3:2 core:2 pu:2": PU n is package n / 8, L3 (n % 8) / 4, core
 * (n % 4) / 2, sibling n % 2.  Packages alternate (0, 8), then the other
 * L3 of each package (4, 12), then the second core under each L3
 * (2, 10, 6, 14), then the same again for the second siblings. */
static const int scatter_2x2x2x2[16] = { 0, 8, 4, 12, 2, 10, 6, 14,
					 1, 9, 5, 13, 3, 11, 7, 15 };

static struct lb_pin pin; /* large; kept off the stack */

static struct lb_topo *open_synth(const char *desc)
{
	char err[ERRLEN] = "";
	struct lb_topo *t = lb_topo_open(desc, err, sizeof err);

	CHECK(t != NULL, "lb_topo_open(\"%s\"): %s", desc, err);
	return t;
}

/* Plans n threads under policy text and compares with want[0..n). */
static void check_plan(const struct lb_topo *t, const char *desc,
		       const char *text, int n, const int *want)
{
	char err[ERRLEN] = "";
	int got[64];
	int same = 1;

	if (n > 64) {
		CHECK(n <= 64, "test asks for %d threads", n);
		return;
	}
	if (lb_pin_parse(t, text, &pin, err, sizeof err) < 0) {
		CHECK(0, "%s: parse \"%s\": %s", desc, text, err);
		return;
	}
	if (lb_pin_plan(t, &pin, n, got, err, sizeof err) < 0) {
		CHECK(0, "%s: plan %s for %d: %s", desc, text, n, err);
		return;
	}
	for (int i = 0; i < n; i++)
		if (got[i] != want[i])
			same = 0;
	if (!same) {
		fprintf(stderr, "%s, %s, %d threads: got", desc, text, n);
		for (int i = 0; i < n; i++)
			fprintf(stderr, " %d", got[i]);
		fprintf(stderr, "\n  want");
		for (int i = 0; i < n; i++)
			fprintf(stderr, " %d", want[i]);
		fputc('\n', stderr);
	}
	CHECK(same, "%s: %s for %d threads", desc, text, n);
}

static void check_counts(const struct lb_topo *t, const char *desc, int packages,
			 int cores, int pus, int numa)
{
	struct lb_topo_counts c;

	lb_topo_counts(t, &c);
	CHECK(c.packages == packages && c.cores == cores && c.pus == pus &&
		      c.numa == numa,
	      "%s: counts %d packages, %d cores, %d PUs, %d NUMA; want %d, %d, %d, %d",
	      desc, c.packages, c.cores, c.pus, c.numa, packages, cores, pus,
	      numa);
}

static void test_two_sockets(void)
{
	const char *desc = "pack:2 core:4 pu:2";
	struct lb_topo *t = open_synth(desc);
	int wrap_c[20], wrap_s[20];

	if (!t)
		return;
	check_counts(t, desc, 2, 8, 16, 1);
	check_plan(t, desc, "compact", 16, seq16);
	check_plan(t, desc, "scatter", 16, scatter_2x4x2);
	check_plan(t, desc, "scatter", 3, (const int[]){ 0, 8, 2 });
	check_plan(t, desc, "compact", 1, (const int[]){ 0 });

	/* 20 threads on 16 PUs: the order starts again. */
	for (int i = 0; i < 20; i++) {
		wrap_c[i] = seq16[i % 16];
		wrap_s[i] = scatter_2x4x2[i % 16];
	}
	CHECK(wrap_s[16] == 0 && wrap_s[19] == 10, "wrap table");
	check_plan(t, desc, "compact", 20, wrap_c);
	check_plan(t, desc, "scatter", 20, wrap_s);
	lb_topo_close(t);
}

static void test_two_l3_per_package(void)
{
	const char *desc = "pack:2 l3:2 core:2 pu:2";
	struct lb_topo *t = open_synth(desc);

	if (!t)
		return;
	check_counts(t, desc, 2, 8, 16, 1);
	check_plan(t, desc, "compact", 16, seq16);
	check_plan(t, desc, "scatter", 16, scatter_2x2x2x2);
	lb_topo_close(t);
}

static void test_flat(void)
{
	static const int four[4] = { 0, 1, 2, 3 };
	const char *descs[] = { "core:4 pu:1", "pack:1 core:4 pu:1" };
	struct lb_topo *t;

	for (int i = 0; i < 2; i++) {
		t = open_synth(descs[i]);
		if (!t)
			continue;
		check_counts(t, descs[i], 1, 4, 4, 1);
		check_plan(t, descs[i], "compact", 4, four);
		check_plan(t, descs[i], "scatter", 4, four);
		lb_topo_close(t);
	}

	/* Two packages without SMT: alternate packages, then cores. */
	t = open_synth("pack:2 core:2 pu:1");
	if (t) {
		check_counts(t, "pack:2 core:2 pu:1", 2, 4, 4, 1);
		check_plan(t, "pack:2 core:2 pu:1", "scatter", 4,
			   (const int[]){ 0, 2, 1, 3 });
		lb_topo_close(t);
	}

	/* No Core level at all: cores count as PUs. */
	t = open_synth("pack:2 pu:3");
	if (t) {
		check_counts(t, "pack:2 pu:3", 2, 6, 6, 1);
		check_plan(t, "pack:2 pu:3", "scatter", 6,
			   (const int[]){ 0, 3, 1, 4, 2, 5 });
		lb_topo_close(t);
	}

	/* NUMA nodes are counted. */
	t = open_synth("pack:2 numa:2 core:2 pu:1");
	if (t) {
		check_counts(t, "pack:2 numa:2 core:2 pu:1", 2, 8, 8, 4);
		lb_topo_close(t);
	}
}

static void test_list(void)
{
	const char *desc = "pack:2 core:4 pu:2";
	static const char *bad[] = {
		"abc", "", "3-", "-1", "1,,2", "5-2", "1,", ",1", "1-2-3",
		"0-3 ", " 0", "0x1", "1;2", "0-", "compactx", "Compact",
		"99999999999",
	};
	struct lb_topo *t = open_synth(desc);
	char err[ERRLEN];
	int got[8];

	if (!t)
		return;

	CHECK(lb_pin_parse(t, "0-3,8", &pin, err, sizeof err) == 0,
	      "0-3,8: %s", err);
	CHECK(pin.policy == LB_PIN_LIST && strcmp(pin.name, "0-3,8") == 0 &&
		      pin.ncpus == 5,
	      "0-3,8 parsed as policy %d name '%s' ncpus %d", (int)pin.policy,
	      pin.name, pin.ncpus);
	check_plan(t, desc, "0-3,8", 5, (const int[]){ 0, 1, 2, 3, 8 });

	/* Any spelling of the same set gets the canonical name and the
	 * ascending order. */
	CHECK(lb_pin_parse(t, "8,3,0-2,1", &pin, err, sizeof err) == 0,
	      "8,3,0-2,1: %s", err);
	CHECK(strcmp(pin.name, "0-3,8") == 0, "name '%s'", pin.name);
	check_plan(t, desc, "8,3,0-2,1", 5, (const int[]){ 0, 1, 2, 3, 8 });
	check_plan(t, desc, "15", 2, (const int[]){ 15, 15 });
	check_plan(t, desc, "7-7", 1, (const int[]){ 7 });

	/* Wrap-around on a list. */
	check_plan(t, desc, "1,3,9", 7, (const int[]){ 1, 3, 9, 1, 3, 9, 1 });

	/* CPUs that do not exist, named in the message. */
	err[0] = '\0';
	CHECK(lb_pin_parse(t, "16", &pin, err, sizeof err) < 0, "16 accepted");
	CHECK(strstr(err, "CPU 16 does not exist") && strstr(err, "0-15"),
	      "16: message '%s'", err);
	err[0] = '\0';
	CHECK(lb_pin_parse(t, "2,20-30,17", &pin, err, sizeof err) < 0,
	      "2,20-30,17 accepted");
	CHECK(strstr(err, "CPU 17 does not exist") != NULL,
	      "2,20-30,17: message '%s' should name the lowest missing CPU", err);
	err[0] = '\0';
	CHECK(lb_pin_parse(t, "0-2000000000", &pin, err, sizeof err) < 0,
	      "0-2000000000 accepted");
	CHECK(strstr(err, "CPU 16 does not exist") != NULL,
	      "0-2000000000: message '%s'", err);

	/* Malformed text. */
	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		err[0] = '\0';
		CHECK(lb_pin_parse(t, bad[i], &pin, err, sizeof err) < 0,
		      "\"%s\" accepted as '%s'", bad[i], pin.name);
		CHECK(strstr(err, "hwloc's list syntax") != NULL &&
			      strchr(err, '\n') == NULL,
		      "\"%s\": message '%s'", bad[i], err);
	}
	err[0] = '\0';
	CHECK(lb_pin_parse(t, "5-2", &pin, err, sizeof err) < 0 &&
		      strstr(err, "5-2") != NULL,
	      "5-2: message '%s'", err);

	/* The named policies. */
	CHECK(lb_pin_parse(t, "compact", &pin, err, sizeof err) == 0 &&
		      pin.policy == LB_PIN_COMPACT &&
		      strcmp(pin.name, "compact") == 0,
	      "compact");
	CHECK(lb_pin_parse(t, "scatter", &pin, err, sizeof err) == 0 &&
		      pin.policy == LB_PIN_SCATTER &&
		      strcmp(pin.name, "scatter") == 0,
	      "scatter");
	CHECK(lb_pin_parse(t, "none", &pin, err, sizeof err) == 0 &&
		      pin.policy == LB_PIN_NONE && strcmp(pin.name, "none") == 0,
	      "none");
	check_plan(t, desc, "none", 3, (const int[]){ -1, -1, -1 });

	/* A plan needs at least one thread. */
	err[0] = '\0';
	CHECK(lb_pin_plan(t, &pin, 0, got, err, sizeof err) < 0 && err[0],
	      "plan for 0 threads: '%s'", err);
	err[0] = '\0';
	CHECK(lb_pin_plan(t, &pin, -1, got, err, sizeof err) < 0 && err[0],
	      "plan for -1 threads: '%s'", err);

	lb_topo_close(t);

	/* The canonical name must fit struct lb_pin's name: a sparse list
	 * that does not is refused rather than shown cut short. */
	t = open_synth("pack:1 core:256 pu:1");
	if (t) {
		char evens[1024] = "";

		for (int cpu = 0; cpu < 256; cpu += 2)
			snprintf(evens + strlen(evens), sizeof evens - strlen(evens),
				 "%s%d", cpu ? "," : "", cpu);
		err[0] = '\0';
		CHECK(lb_pin_parse(t, evens, &pin, err, sizeof err) < 0 &&
			      strstr(err, "longer than 255"),
		      "%s: '%s'", evens, err);
		CHECK(lb_pin_parse(t, "0-31,40,50-63", &pin, err, sizeof err) == 0 &&
			      pin.ncpus == 47 && pin.cpus[46] == 63,
		      "0-31,40,50-63: %s", err);
		lb_topo_close(t);
	}
}

static void test_bad_synthetic(void)
{
	static const char *bad[] = { "pack:two core:4", "bogus:3 pu:2",
				     "pack:2 core:4 pu:2 junk" };

	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		char err[ERRLEN] = "";
		struct lb_topo *t = lb_topo_open(bad[i], err, sizeof err);

		CHECK(t == NULL, "\"%s\" accepted", bad[i]);
		CHECK(strstr(err, bad[i]) && strstr(err, "synthetic"),
		      "\"%s\": message '%s'", bad[i], err);
		lb_topo_close(t);
	}
}

static void test_bind(void)
{
	char err[ERRLEN] = "";
	struct lb_topo *t = lb_topo_open(NULL, err, sizeof err);
	struct lb_topo_counts c;
	cpu_set_t set;
	int order[LB_PIN_MAX_CPUS];
	int first, last;

	CHECK(t != NULL, "lb_topo_open(NULL): %s", err);
	if (!t)
		return;
	lb_topo_counts(t, &c);
	CHECK(c.pus >= 1 && c.pus <= LB_PIN_MAX_CPUS && c.cores >= c.packages &&
		      c.packages >= 1 && c.numa >= 1,
	      "this machine: %d packages, %d cores, %d PUs, %d NUMA", c.packages,
	      c.cores, c.pus, c.numa);
	/* Only the PUs this process may use count. */
	CHECK(sched_getaffinity(0, sizeof set, &set) == 0, "sched_getaffinity");
	CHECK(c.pus == CPU_COUNT(&set), "%d PUs but %d allowed CPUs", c.pus,
	      CPU_COUNT(&set));

	if (lb_pin_parse(t, "compact", &pin, err, sizeof err) < 0 ||
	    lb_pin_plan(t, &pin, c.pus, order, err, sizeof err) < 0) {
		CHECK(0, "compact plan on this machine: %s", err);
		lb_topo_close(t);
		return;
	}
	first = last = order[0];
	for (int i = 0; i < c.pus; i++) {
		if (order[i] < first)
			first = order[i];
		if (order[i] > last)
			last = order[i];
	}
	/* CPUs outside this process's affinity mask are not PUs here. */
	for (int cpu = 0; cpu <= last && cpu < CPU_SETSIZE; cpu++) {
		char text[16];

		if (CPU_ISSET(cpu, &set))
			continue;
		snprintf(text, sizeof text, "%d", cpu);
		err[0] = '\0';
		CHECK(lb_pin_parse(t, text, &pin, err, sizeof err) < 0 &&
			      strstr(err, "does not exist"),
		      "CPU %d is outside the affinity mask: '%s'", cpu, err);
	}

	/* PU 0 where the process may use it, else the lowest it may. */
	CHECK(lb_pin_self(t, first, err, sizeof err) == 0, "bind to %d: %s",
	      first, err);
	CHECK(sched_getcpu() == first, "bound to %d, running on %d", first,
	      sched_getcpu());
	CHECK(lb_pin_self(t, last, err, sizeof err) == 0, "bind to %d: %s",
	      last, err);
	CHECK(sched_getcpu() == last, "bound to %d, running on %d", last,
	      sched_getcpu());

	err[0] = '\0';
	CHECK(lb_pin_self(t, last + 1, err, sizeof err) < 0 && err[0],
	      "bind to missing CPU %d: '%s'", last + 1, err);
	err[0] = '\0';
	CHECK(lb_pin_self(t, -1, err, sizeof err) < 0 && err[0],
	      "bind to CPU -1: '%s'", err);
	CHECK(sched_getcpu() == last, "a failed bind moved the thread");
	lb_topo_close(t);

	/* A synthetic topology describes some other machine: no binding. */
	t = open_synth("pack:2 core:4 pu:2");
	if (t) {
		err[0] = '\0';
		CHECK(lb_pin_self(t, 0, err, sizeof err) < 0 && err[0],
		      "bind on a synthetic topology: '%s'", err);
		lb_topo_close(t);
	}
}

/* Reads all of f into buf (NUL-terminated). */
static size_t slurp(FILE *f, char *buf, size_t len)
{
	size_t n;

	rewind(f);
	n = fread(buf, 1, len - 1, f);
	buf[n] = '\0';
	return n;
}

/* Whether some line of text has exactly the three words a, b, c. */
static int has_row(const char *text, const char *a, const char *b, const char *c)
{
	char line[512], w[3][128], extra[2];

	while (*text) {
		size_t n = strcspn(text, "\n");

		if (n < sizeof line) {
			memcpy(line, text, n);
			line[n] = '\0';
			if (sscanf(line, "%127s %127s %127s %1s", w[0], w[1], w[2],
				   extra) == 3 &&
			    strcmp(w[0], a) == 0 && strcmp(w[1], b) == 0 &&
			    strcmp(w[2], c) == 0)
				return 1;
		}
		text += n;
		if (*text)
			text++;
	}
	return 0;
}

static void test_print(void)
{
	static char buf[65536];
	struct lb_topo *t = open_synth("pack:2 core:4 pu:2");
	FILE *f;

	if (!t)
		return;
	f = tmpfile();
	CHECK(f != NULL, "tmpfile");
	if (!f) {
		lb_topo_close(t);
		return;
	}
	CHECK(lb_topo_print(t, f, 16) == 0, "lb_topo_print failed");
	slurp(f, buf, sizeof buf);
	fclose(f);

	CHECK(strncmp(buf, "2 packages, 1 NUMA node, 8 cores, 16 PUs\n",
		      strlen("2 packages, 1 NUMA node, 8 cores, 16 PUs\n")) == 0,
	      "summary line in:\n%s", buf);
	CHECK(strstr(buf, "Package L#1") != NULL, "no Package L#1 in:\n%s", buf);
	CHECK(strstr(buf, "Core L#0 (P#0): PU 0, 1\n") != NULL,
	      "no line for core 0 in:\n%s", buf);
	CHECK(strstr(buf, "Core L#7 (P#7): PU 14, 15\n") != NULL,
	      "no line for core 7 in:\n%s", buf);
	CHECK(has_row(buf, "threads", "compact", "scatter"), "no table header in:\n%s",
	      buf);
	CHECK(has_row(buf, "3", "0,1,2", "0,8,2"), "no row for 3 threads in:\n%s",
	      buf);
	CHECK(has_row(buf, "16", "0,1,2,3,4,5,6,7,8,9,10,11,12,13,14,15",
		      "0,8,2,10,4,12,6,14,1,9,3,11,5,13,7,15"),
	      "no row for 16 threads in:\n%s", buf);
	CHECK(!has_row(buf, "17", "0", "0"), "row 17");
	lb_topo_close(t);

	/* Caches show their size; several NUMA nodes are listed. */
	t = open_synth("pack:2 numa:1 l3:2(size=32MiB) core:2 pu:2");
	f = t ? tmpfile() : NULL;
	if (f) {
		CHECK(lb_topo_print(t, f, 4) == 0, "lb_topo_print failed");
		slurp(f, buf, sizeof buf);
		fclose(f);
		CHECK(strncmp(buf, "2 packages, 2 NUMA nodes, 8 cores, 16 PUs\n",
			      strlen("2 packages, 2 NUMA nodes, 8 cores, 16 PUs\n")) == 0,
		      "summary line in:\n%s", buf);
		CHECK(strstr(buf, "L3 (32 MiB)") != NULL, "no L3 size in:\n%s", buf);
		CHECK(strstr(buf, "NUMANode L#1") != NULL, "no NUMA node 1 in:\n%s",
		      buf);
		CHECK(has_row(buf, "4", "0,1,2,3", "0,8,4,12"),
		      "no row for 4 threads in:\n%s", buf);
	}
	lb_topo_close(t);
}

int main(void)
{
	test_two_sockets();
	test_two_l3_per_package();
	test_flat();
	test_list();
	test_bad_synthetic();
	test_bind();
	test_print();
	return check_done();
}
