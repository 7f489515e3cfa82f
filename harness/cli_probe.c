/*
 * cli_probe.c - lockbench probe: the one-way cache-line transfer latency
 * between pairs of PUs (probe.h), as a CSV with one row per pair and a
 * sidecar that records the machine.
 *
 * Which pairs: every pair of the PUs given with --pus; by default every
 * pair of the machine's PUs, or, on a machine of more than
 * LB_PROBE_ALL_PUS PUs, every pair of one PU per core (SMT siblings
 * share their core's caches, so a core stands for its PUs).  Each pair is
 * probed for its share of LB_PROBE_BUDGET_NS, but at least
 * LB_PROBE_MIN_NS and at most LB_PROBE_MAX_NS: 1 s on 2 PUs, 15 s on 16
 * (120 pairs of 125 ms); beyond that, 100 ms a pair.
 */
#include <errno.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "config.h"
#include "harness/cli.h"
#include "harness/clock.h"
#include "harness/csv.h"
#include "harness/files.h"
#include "harness/options.h"
#include "harness/pin.h"
#include "harness/platform.h"
#include "harness/probe.h"
#include "harness/sweep.h"

#define LB_PROBE_ALL_PUS 16
#define LB_PROBE_BUDGET_NS 15000000000ull
#define LB_PROBE_MIN_NS 100000000ull
#define LB_PROBE_MAX_NS 1000000000ull

static const char probe_help[] =
"usage: lockbench probe [--pus LIST] [--out FILE.csv] [--force]\n"
"\n"
"Measures the one-way latency of moving one cache line between two PUs, by\n"
"ping-pong on one line between two pinned threads, for each pair of PUs.\n"
"Writes a CSV with one row per pair (pu_a, pu_b, oneway_ns: the median,\n"
"oneway_ns_p99, samples) and a sidecar FILE.csv.meta that records the\n"
"machine; `lockbench plot FILE.csv` draws it as a PU x PU heatmap.\n"
"\n"
"  --pus LIST    the PUs to pair, in hwloc list syntax (\"0-3,8\"), at least\n"
"                two; default: all PUs, or one PU per core above 16 PUs\n"
"  --out FILE    where the CSV goes (default results/PLATFORM-probe-STAMP.csv)\n"
"  --force       replace FILE and its sidecar if they exist\n"
"\n"
"Each pair gets 15 s / pairs, at least 100 ms and at most 1 s: about 1 s on\n"
"2 PUs, 15 s on 16.\n";

/* The CSV of a probe: its header names it. */
#define PROBE_HEADER "pu_a,pu_b,oneway_ns,oneway_ns_p99,samples"

struct out {
	FILE *csv;
	int done, total;
};

static void row(void *arg, int a, int b, const struct lb_xfer *x)
{
	struct out *o = arg;

	fprintf(o->csv, "%d,%d,%.1f,%.1f,%llu\n", a, b, x->oneway_ns, x->oneway_ns_p99,
		(unsigned long long)x->samples);
	fflush(o->csv);
	lb_say(stderr, "lockbench probe: %d/%d: PUs %d and %d: %.1f ns one way", ++o->done,
	       o->total, a, b, x->oneway_ns);
}

/* The PUs to pair: --pus, or the machine's (see the top).  0, or an exit
 * status after saying why. */
static int choose(const struct lb_topo *t, const char *list, struct lb_pin *pin, int *pus,
		  int *n, const char **which)
{
	char err[LB_ERR_LEN];
	struct lb_topo_counts tc;

	if (list) {
		if (lb_pin_parse_list(t, list, pin, err, sizeof err) < 0)
			return lb_cli_usage("probe", "--pus '%s': %s", list, err);
		if (pin->ncpus < 2)
			return lb_cli_usage("probe", "--pus '%s': a line moves between two PUs at "
					    "least; this names one", list);
		memcpy(pus, pin->cpus, (size_t)pin->ncpus * sizeof *pus);
		*n = pin->ncpus;
		*which = "the PUs given";
		return 0;
	}
	lb_topo_counts(t, &tc);
	if (lb_pin_parse(t, "compact", pin, err, sizeof err) < 0 ||
	    lb_pin_plan(t, pin, tc.pus, pus, err, sizeof err) < 0) {
		lb_say(stderr, "lockbench probe: %s", err);
		return 1;
	}
	*n = tc.pus;
	*which = "all PUs";
	if (tc.pus > LB_PROBE_ALL_PUS && tc.cores > 0 && tc.pus % tc.cores == 0) {
		/* compact order lists a core's SMT siblings together */
		int smt = tc.pus / tc.cores;
		for (int i = 0; i < tc.cores; i++)
			pus[i] = pus[i * smt];
		*n = tc.cores;
		*which = "one PU per core";
	}
	if (*n < 2) {
		lb_say(stderr, "lockbench probe: this machine has one PU: no line moves");
		return 1;
	}
	return 0;
}

int lb_cmd_probe(int argc, char **argv)
{
	enum { OPT_PUS = 300, OPT_OUT, OPT_FORCE, OPT_HELP };
	static const struct option opts[] = {
		{ "pus", required_argument, NULL, OPT_PUS },
		{ "out", required_argument, NULL, OPT_OUT },
		{ "force", no_argument, NULL, OPT_FORCE },
		{ "help", no_argument, NULL, OPT_HELP },
		{ NULL, 0, NULL, 0 },
	};
	const char *list = NULL, *out = NULL, *which = "";
	bool force = false;
	struct lb_pin *pin = calloc(1, sizeof *pin);
	int *pus = calloc(LB_PIN_MAX_CPUS, sizeof *pus);
	struct lb_topo *t = NULL;
	struct lb_platform plat;
	char err[LB_ERR_LEN], path[PATH_MAX];
	FILE *csv = NULL, *meta = NULL;
	int c, rc = 0, n = 0;

	if (!pin || !pus) {
		lb_say(stderr, "lockbench probe: out of memory");
		rc = 1;
		goto done;
	}
	while ((c = lb_cli_flag("probe", argc, argv, opts, &rc)) != -1) {
		if (rc)
			goto done;
		switch (c) {
		case OPT_PUS: list = optarg; break;
		case OPT_OUT: out = optarg; break;
		case OPT_FORCE: force = true; break;
		case OPT_HELP: fputs(probe_help, stdout); goto done;
		default: break;
		}
	}
	if (optind < argc) {
		rc = lb_cli_usage("probe", "unexpected argument '%s' (see lockbench probe --help)",
				  argv[optind]);
		goto done;
	}
	if (!(t = lb_topo_open(NULL, err, sizeof err))) {
		lb_say(stderr, "lockbench probe: cannot read this machine's topology: %s", err);
		rc = 1;
		goto done;
	}
	if ((rc = choose(t, list, pin, pus, &n, &which)) != 0)
		goto done;

	time_t now = time(NULL);
	struct tm tm;
	localtime_r(&now, &tm);
	lb_platform_read(t, NULL, &plat);
	if (!(csv = lb_cli_open_csv("probe", out, force, plat.platform, "-probe", &tm, path,
				    sizeof path, &meta, &rc)))
		goto done;

	int pairs = n * (n - 1) / 2;
	uint64_t each = LB_PROBE_BUDGET_NS / (uint64_t)pairs;
	each = each < LB_PROBE_MIN_NS ? LB_PROBE_MIN_NS : each > LB_PROBE_MAX_NS ? LB_PROBE_MAX_NS : each;
	double ticks_per_ns = lb_clock_calibrate(20);

	lb_meta_title(meta, "probe", path, ".");
	lb_meta_machine(meta);
	fprintf(meta, "platform=%s\nhost=%s\ncpu_model=%s\npackages=%d\ncores=%d\npus=%d\n"
		      "kernel=%s\ncompiler=%s\npairs=%s, %d pairs\npair_ns=%llu\n",
		plat.platform, plat.host, plat.cpu_model[0] ? plat.cpu_model : "NA",
		plat.packages, plat.cores, plat.pus, plat.kernel, plat.compiler, which, pairs,
		(unsigned long long)each);
	lb_platform_warn(stderr);
	lb_say(stderr, "lockbench probe: %d pairs (%s), about %.0fs; results go to %s", pairs,
	       which, (double)each * pairs / 1e9, path);
	fputs(PROBE_HEADER "\n", csv);
	struct out o = { .csv = csv, .total = pairs };
	if (lb_probe_matrix(t, pus, n, each, ticks_per_ns, row, &o, err, sizeof err) < 0) {
		lb_say(stderr, "lockbench probe: %s", err);
		rc = 1;
	}
	/* A write that failed, on the way or at the close, fails the probe
	 * and takes both files with it: a matrix cut short, or one without
	 * its platform, would pass for a whole one. */
	if (lb_close_results(csv, meta, path, true, err, sizeof err) < 0) {
		if (rc == 0)
			lb_say(stderr, "lockbench probe: %s", err);
		rc = 1;
	}
	csv = meta = NULL;
	if (rc == 0)
		lb_say(stdout, "results: %s", path);
done:
	if (csv)
		fclose(csv);
	if (meta)
		fclose(meta);
	lb_topo_close(t);
	free(pin);
	free(pus);
	return rc;
}
