/*
 * cli.c - lockbench run | list | topo; plot, report and compare are in
 * cli_report.c.
 *
 * Every flag is read into text first and checked only when all are in,
 * so a bad value is reported before anything runs or any file is made:
 * one line on stderr naming the flag and the value, exit status 2.
 */
#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <inttypes.h>
#include <math.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <limits.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "config.h"
#include "harness/cli.h"
#include "harness/fleet.h"
#include "harness/counters.h"
#include "harness/csv.h"
#include "harness/files.h"
#include "harness/platform.h"
#include "harness/sweep.h"

#define EXIT_USAGE 2
#define LB_MAX_RUNS 1000000
#define LB_MS 1000000ULL
#define LB_SECOND 1000000000ULL
#define LB_HOUR (3600 * LB_SECOND)

/* Who speaks for run's flags while lb_run_plan checks them for another
 * command: NULL (run itself) but there. */
static const char *run_speaker;

/* The name run's messages go under: its own, or run_speaker's. */
static const char *run_who(const char *cmd)
{
	return run_speaker ? run_speaker : cmd;
}

/* One line on stderr, "lockbench CMD: ...", and the exit status of bad
 * usage; the commands of cli_report.c share it (cli.h). */
int lb_cli_usage(const char *cmd, const char *fmt, ...)
{
	char msg[4096];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof msg, fmt, ap);
	va_end(ap);
	lb_say(stderr, "lockbench %s: %s", run_who(cmd), msg);
	return EXIT_USAGE;
}
#define usage_error lb_cli_usage

/* Split s at commas into at most max items (s is modified). */
static int split(char *s, char **items, int max)
{
	int n = 0;

	for (char *p = s;; p++) {
		char *c = strchr(p, ',');
		if (n == max)
			return -1;
		items[n++] = p;
		if (!c)
			break;
		*c = '\0';
		p = c;
	}
	return n;
}

/* ---- lockbench run ---------------------------------------------------- */

static const char run_help[] =
"usage: lockbench run [options]\n"
"\n"
"Runs every case (workload x lock x waitgroup x parameters x threads) --reps\n"
"times, each in its own child process, and appends one CSV row per run.  With\n"
"no options: the standard sweep (every safe lock; getset at read ratios 0.5\n"
"and 0.9, and hits; threads 1, 2, 4 ... up to twice the PUs; 5 reps).\n"
"\n"
"What to run:\n"
"  --locks L,..        locks, each NAME or NAME:key=value,key=value; 'all' is\n"
"                      every safe lock (default).  See `lockbench list`.\n"
"  --waitgroups G,..   WaitGroups, named as locks are; 'all' is every safe one\n"
"                      (default, for the workloads that use one).  A run that\n"
"                      hangs ends at --timeout, its row naming the WaitGroup's\n"
"                      flaw when it has one by design (see `lockbench list`)\n"
"  --workload W,..     getset, hits (lock workloads; the default), seed (a lock\n"
"                      and a WaitGroup), waitgroup, errgroup (a WaitGroup only;\n"
"                      with --waitgroups and no --workload: these three)\n"
"  --threads LIST      1,2,4 or 1-8 or max (= PUs), mixed freely\n"
"                      (default: 1, 2, 4 ... up to twice the PUs); for the\n"
"                      WaitGroup workloads thread 0 is main(), the others run\n"
"                      the tasks\n"
"  --allow-unsafe      run a lock that does not exclude (none) or a racy\n"
"                      WaitGroup (wg-seed-racy) above 1 thread\n"
"  --preset NAME       a prepared sweep; flags given as well override its\n"
"                      choices.  starvation: gomutex in modes adaptive, normal\n"
"                      and starvation, and pthread-mutex, on hits, with\n"
"                      --cs-ns 0,1us,10us,100us,1ms and threads 1, 2, 4 ... up\n"
"                      to 4 x the PUs (at least 16): Go's starvation cliff\n"
"                      (about 5 minutes on 2 PUs)\n"
"\n"
"Workload parameters (lists run one case per value):\n"
"  --read-ratio R,..   share of getset operations that are gets, in [0,1]\n"
"                      (default 0.5,0.9)\n"
"  --keys N            getset and seed map size (default 1024)\n"
"  --dist D            getset key distribution: uniform or zipf (default uniform)\n"
"  --skew S            zipf exponent, > 0 (default 0.99)\n"
"  --cs-ns N,..        work inside the critical section, ns or a duration (default 0)\n"
"  --think-ns N,..     work between operations, ns or a duration (default 0)\n"
"  --work-ns N,..      waitgroup and errgroup: a task's work (default 0)\n"
"  --spawn S,..        seed: run tasks on a pinned pool started once, or on a\n"
"                      fresh thread each: pool or thread (default pool)\n"
"  --seed N            seed of the random draws (default 1)\n"
"\n"
"How to measure:\n"
"  --duration T        measured window per run (default 0.5s)\n"
"  --warmup T          run before the window opens (default 0.1s; 0 for none)\n"
"  --reps N            repetitions of every case, in rounds (default 5: the\n"
"                      fewest at which the report's Mann-Whitney U test can\n"
"                      find two cases apart, p < 0.05, even with a run lost)\n"
"  --pin P             compact, scatter, none, or a CPU list such as 0-3,8\n"
"                      (default compact; see `lockbench topo`)\n"
"  --sample-every T|N  time one acquisition per T of each thread's time\n"
"                      (default 5us), or one in N acquisitions; 0 times all\n"
"  --timeout T         kill a run not finished T after it started\n"
"                      (default: warm-up + duration + 10s)\n"
"  --papi EVENT,..     PAPI events to count in the window, each a CSV column\n"
"                      papi_EVENT with the count per operation: preset, native\n"
"                      or component names (PAPI_L1_DCM, perf::CONTEXT-SWITCHES,\n"
"                      sde:::lockbench::handoffs), 'default' for the default\n"
"                      set; 'none' counts nothing.  Without it: the default\n"
"                      set's events that work here (`lockbench list --papi`)\n"
"\n"
"Output:\n"
"  --out FILE          the CSV (default results/PLATFORM-DATE-TIME.csv)\n"
"  --force             overwrite FILE if it exists\n"
"  --platform NAME     the platform column, to compare machines (default: host name)\n"
"  --dry-run           list the cases and the time they will take; run nothing\n"
"  --shard K/N         run only the K-th of N shards of the sweep's cases (dealt\n"
"                      by expected time, every repetition of a case in one\n"
"                      shard; rows keep the whole sweep's case numbers), for\n"
"                      `lockbench merge` to join (see `lockbench slurm`)\n"
"  --run-id ID         the run_id column (default: DATE-PLATFORM-PID), shared by\n"
"                      the shards of one sweep; 1 to 127 of A-Z a-z 0-9 . _ -\n"
"\n"
"Durations take a unit: ns, us, ms, s, m (500ms, 2s, 100us).\n"
"Exit status: 0 done, 1 a failure, 2 bad usage, 130 interrupted (Ctrl-C stops\n"
"after the run in flight; a second Ctrl-C kills it).\n";

enum {
	OPT_LOCKS = 256, OPT_WORKLOAD, OPT_THREADS, OPT_DURATION, OPT_WARMUP, OPT_REPS,
	OPT_WAITGROUPS, OPT_WORK, OPT_SPAWN, OPT_PRESET,
	OPT_PIN, OPT_READ_RATIO, OPT_KEYS, OPT_DIST, OPT_SKEW, OPT_CS, OPT_THINK,
	OPT_SEED, OPT_SAMPLE, OPT_TIMEOUT, OPT_OUT, OPT_FORCE, OPT_PLATFORM,
	OPT_UNSAFE, OPT_DRY_RUN, OPT_PAPI, OPT_SHARD, OPT_RUN_ID, OPT_HELP,
};

const struct option lb_run_options[] = {
	{ "locks", required_argument, NULL, OPT_LOCKS },
	{ "waitgroups", required_argument, NULL, OPT_WAITGROUPS },
	{ "work-ns", required_argument, NULL, OPT_WORK },
	{ "spawn", required_argument, NULL, OPT_SPAWN },
	{ "preset", required_argument, NULL, OPT_PRESET },
	{ "workload", required_argument, NULL, OPT_WORKLOAD },
	{ "threads", required_argument, NULL, OPT_THREADS },
	{ "duration", required_argument, NULL, OPT_DURATION },
	{ "warmup", required_argument, NULL, OPT_WARMUP },
	{ "reps", required_argument, NULL, OPT_REPS },
	{ "pin", required_argument, NULL, OPT_PIN },
	{ "read-ratio", required_argument, NULL, OPT_READ_RATIO },
	{ "keys", required_argument, NULL, OPT_KEYS },
	{ "dist", required_argument, NULL, OPT_DIST },
	{ "skew", required_argument, NULL, OPT_SKEW },
	{ "cs-ns", required_argument, NULL, OPT_CS },
	{ "think-ns", required_argument, NULL, OPT_THINK },
	{ "seed", required_argument, NULL, OPT_SEED },
	{ "sample-every", required_argument, NULL, OPT_SAMPLE },
	{ "timeout", required_argument, NULL, OPT_TIMEOUT },
	{ "out", required_argument, NULL, OPT_OUT },
	{ "force", no_argument, NULL, OPT_FORCE },
	{ "platform", required_argument, NULL, OPT_PLATFORM },
	{ "allow-unsafe", no_argument, NULL, OPT_UNSAFE },
	{ "dry-run", no_argument, NULL, OPT_DRY_RUN },
	{ "papi", required_argument, NULL, OPT_PAPI },
	{ "shard", required_argument, NULL, OPT_SHARD },
	{ "run-id", required_argument, NULL, OPT_RUN_ID },
	{ "help", no_argument, NULL, OPT_HELP },
	{ NULL, 0, NULL, 0 },
};

/* The flags as typed; NULL where not given. */
struct run_args {
	const char *waitgroups, *work, *spawn, *preset;
	const char *locks, *workload, *threads, *duration, *warmup, *reps, *pin;
	const char *read_ratio, *keys, *dist, *skew, *cs, *think, *seed, *sample;
	const char *timeout, *out, *platform, *papi, *shard, *run_id;
	bool force, allow_unsafe, dry_run;
};

/* How many long options word ("--d", "--d=x") abbreviates. */
static int prefix_matches(const struct option *longopts, const char *word)
{
	size_t n = strcspn(word, "=");
	int k = 0;

	if (n < 3 || strncmp(word, "--", 2) != 0)
		return 0;
	for (const struct option *o = longopts; o->name; o++)
		k += strncmp(o->name, word + 2, n - 2) == 0;
	return k;
}

/* getopt_long with our own messages.  The optstring starts with "+:":
 * stop at the first word that is not an option (the caller reports it),
 * and tell a missing value apart from an unknown option.  After an error
 * getopt has stepped past the offending word, so it is argv[optind - 1]. */
static int get_flag(const char *cmd, int argc, char **argv,
		    const struct option *longopts, int *rc)
{
	int c = getopt_long(argc, argv, "+:", longopts, NULL);
	const char *word = optind > 0 && optind <= argc ? argv[optind - 1] : "";

	if (c == '?' && optopt >= 256)
		*rc = usage_error(cmd, "option '%.*s' takes no value", (int)strcspn(word, "="),
				  word);
	else if (c == '?' && optopt > 0)
		*rc = usage_error(cmd, "unknown option '-%c' (see lockbench %s --help)", optopt,
				  cmd);
	else if (c == '?' && prefix_matches(longopts, word) > 1)
		*rc = usage_error(cmd, "option '%s' is ambiguous (see lockbench %s --help)", word,
				  cmd);
	else if (c == '?')
		*rc = usage_error(cmd, "unknown option '%s' (see lockbench %s --help)", word, cmd);
	else if (c == ':')
		*rc = usage_error(cmd, "option '%s' needs a value", word);
	return c;
}

/* A primitive kind as --locks and --waitgroups name its members. */
struct prim_info {
	const char *name;
	const struct lb_optdesc *options;
	int (*check)(const struct lb_optset *o, char *err, size_t errlen);
	bool unsafe;
};

struct prim_kind {
	const char *what; /* "lock" */
	int max;          /* how many one list may hold */
	/* The i-th registered one into *p; false past the last. */
	bool (*at)(int i, struct prim_info *p);
};

static bool lock_at(int i, struct prim_info *p)
{
	const struct lb_lock_ops *l = lb_locks[i];

	if (l)
		*p = (struct prim_info){ l->name, l->options, l->check, l->caps & LB_CAP_UNSAFE };
	return l != NULL;
}

static bool wg_at(int i, struct prim_info *p)
{
	const struct lb_wg_ops *g = lb_waitgroups[i];

	if (g)
		*p = (struct prim_info){ g->name, g->options, g->check, g->caps & LB_WG_UNSAFE };
	return g != NULL;
}

static const struct prim_kind lock_kind = { "lock", LB_MAX_LOCKS, lock_at };
static const struct prim_kind wg_kind = { "waitgroup", LB_MAX_LIST, wg_at };

/* The registry index of the kind's primitive called name, or -1. */
static int prim_find(const struct prim_kind *k, const char *name)
{
	struct prim_info p;

	for (int i = 0; k->at(i, &p); i++)
		if (strcmp(p.name, name) == 0)
			return i;
	return -1;
}

/* Options longer than their buffer (size bytes) are refused, not cut:
 * cut, one could say another value. */
static int too_long(const struct prim_kind *k, const char *at, size_t size, char *err,
		    size_t errlen)
{
	snprintf(err, errlen, "a %s's options are at most %zu bytes: too long at '%.40s'",
		 k->what, size - 1, at);
	return -1;
}

/* "NAME[:key=value,key=value],NAME..." with 'all' for every safe one: the
 * registry index of each into idx and its checked options into opts
 * (text is modified); *count gets how many. */
static int parse_prims(char *text, const struct prim_kind *k, int *idx, struct lb_optset *opts,
		       int *count, char *err, size_t errlen)
{
	char *items[LB_MAX_LOCKS * LB_OPTS_MAX];
	int n = split(text, items, (int)(sizeof items / sizeof items[0]));
	char optbuf[LB_MAX_LOCKS][256];
	struct prim_info p;
	int m = 0;

	if (n < 0) {
		snprintf(err, errlen, "too many %ss", k->what);
		return -1;
	}
	for (int i = 0; i < n; i++) {
		char *it = items[i], *colon = strchr(it, ':'), *eq = strchr(it, '=');
		if (eq && (!colon || eq < colon)) { /* key=value: the previous one's */
			if (m == 0) {
				snprintf(err, errlen, "'%s' is an option with no %s before it", it,
					 k->what);
				return -1;
			}
			char *o = optbuf[m - 1];
			size_t used = strlen(o);
			if ((size_t)snprintf(o + used, sizeof optbuf[0] - used, "%s%s",
					     o[0] ? "," : "", it) >= sizeof optbuf[0] - used)
				return too_long(k, it, sizeof optbuf[0], err, errlen);
			continue;
		}
		if (colon)
			*colon = '\0';
		if (strcmp(it, "all") == 0 && !colon) {
			for (int r = 0; k->at(r, &p); r++) {
				if (p.unsafe)
					continue;
				if (m == k->max)
					goto too_many;
				idx[m] = r;
				optbuf[m++][0] = '\0';
			}
			continue;
		}
		if (m == k->max)
			goto too_many;
		if ((idx[m] = prim_find(k, it)) < 0) {
			char known[512] = "";
			for (int r = 0; k->at(r, &p); r++)
				snprintf(known + strlen(known), sizeof known - strlen(known), "%s%s",
					 r ? ", " : "", p.name);
			snprintf(err, errlen, "unknown %s '%s' (known: %s)", k->what, it, known);
			return -1;
		}
		if ((size_t)snprintf(optbuf[m++], sizeof optbuf[0], "%s", colon ? colon + 1 : "") >=
		    sizeof optbuf[0])
			return too_long(k, it, sizeof optbuf[0], err, errlen);
	}
	if (m == 0) {
		snprintf(err, errlen, "no %s given", k->what);
		return -1;
	}
	for (int i = 0; i < m; i++) {
		char owner[96];
		k->at(idx[i], &p);
		snprintf(owner, sizeof owner, "%s '%s'", k->what, p.name);
		if (lb_opts_parse(owner, p.options, optbuf[i], &opts[i], err, errlen) < 0)
			return -1;
		if (p.check && p.check(&opts[i], err, errlen) < 0)
			return -1;
	}
	*count = m;
	return 0;
too_many:
	snprintf(err, errlen, "too many %ss (at most %d)", k->what, k->max);
	return -1;
}

static int parse_locks(char *text, struct lb_sweep_spec *s, char *err, size_t errlen)
{
	int idx[LB_MAX_LOCKS];
	struct lb_optset opts[LB_MAX_LOCKS];

	if (parse_prims(text, &lock_kind, idx, opts, &s->nlocks, err, errlen) < 0)
		return -1;
	for (int i = 0; i < s->nlocks; i++)
		s->locks[i] = (struct lb_lockspec){ lb_locks[idx[i]], opts[i] };
	return 0;
}

static int parse_waitgroups(char *text, struct lb_sweep_spec *s, char *err, size_t errlen)
{
	int idx[LB_MAX_LIST];
	struct lb_optset opts[LB_MAX_LIST];

	if (parse_prims(text, &wg_kind, idx, opts, &s->nwgs, err, errlen) < 0)
		return -1;
	for (int i = 0; i < s->nwgs; i++)
		s->wgs[i] = (struct lb_wgspec){ lb_waitgroups[idx[i]], opts[i] };
	return 0;
}

static int parse_threads(char *text, int pus, struct lb_sweep_spec *s, char *err, size_t errlen)
{
	char *items[LB_MAX_LIST * 4];
	int n = split(text, items, (int)(sizeof items / sizeof items[0]));
	static bool seen[LB_MAX_THREADS + 1];
	char why[LB_ERR_LEN];

	if (n < 0) {
		snprintf(err, errlen, "too many items");
		return -1;
	}
	memset(seen, 0, sizeof seen);
	for (int i = 0; i < n; i++) {
		uint64_t lo, hi;
		char *dash = strchr(items[i], '-');
		if (strcmp(items[i], "max") == 0) {
			lo = hi = (uint64_t)(pus < LB_MAX_THREADS ? pus : LB_MAX_THREADS);
		} else if (dash && dash != items[i]) {
			*dash = '\0';
			if (lb_parse_u64(items[i], 1, LB_MAX_THREADS, &lo, why, sizeof why) < 0 ||
			    lb_parse_u64(dash + 1, 1, LB_MAX_THREADS, &hi, why, sizeof why) < 0) {
				snprintf(err, errlen, "%s (thread counts are 1 to %d)", why,
					 LB_MAX_THREADS);
				return -1;
			}
			if (lo > hi) {
				snprintf(err, errlen, "range %s-%s runs backwards", items[i], dash + 1);
				return -1;
			}
		} else if (lb_parse_u64(items[i], 1, LB_MAX_THREADS, &lo, why, sizeof why) < 0) {
			snprintf(err, errlen, "%s (thread counts are 1 to %d, a range A-B, or max)",
				 why, LB_MAX_THREADS);
			return -1;
		} else {
			hi = lo;
		}
		for (uint64_t t = lo; t <= hi; t++)
			seen[t] = true;
	}
	s->nthreads = 0;
	for (int t = 1; t <= LB_MAX_THREADS; t++)
		if (seen[t])
			s->threads[s->nthreads++] = t;
	return 0;
}

static int parse_doubles(char *text, double min, double max, double *out, int *n,
			 char *err, size_t errlen)
{
	char *items[LB_MAX_LIST];
	int k = split(text, items, LB_MAX_LIST);

	if (k < 0) {
		snprintf(err, errlen, "more than %d values", LB_MAX_LIST);
		return -1;
	}
	for (int i = 0; i < k; i++)
		if (lb_parse_double(items[i], min, max, &out[i], err, errlen) < 0)
			return -1;
	*n = k;
	return 0;
}

/* ns as a plain number, or a duration with a unit; 0 allowed. */
static int parse_ns_list(char *text, uint64_t *out, int *n, char *err, size_t errlen)
{
	char *items[LB_MAX_LIST];
	int k = split(text, items, LB_MAX_LIST);
	char why[LB_ERR_LEN];

	if (k < 0) {
		snprintf(err, errlen, "more than %d values", LB_MAX_LIST);
		return -1;
	}
	for (int i = 0; i < k; i++) {
		if (lb_parse_u64(items[i], 0, 10000000000ULL, &out[i], why, sizeof why) == 0)
			continue;
		if (lb_parse_duration0_ns(items[i], &out[i], why, sizeof why) < 0 ||
		    out[i] > 10000000000ULL) {
			snprintf(err, errlen, "'%s' is not a number of ns (0 to 10s) or a duration",
				 items[i]);
			return -1;
		}
	}
	*n = k;
	return 0;
}

/* Threads 1, 2, 4 ... up to top, and top itself. */
static void default_threads(int top, struct lb_sweep_spec *s)
{
	top = top > LB_MAX_THREADS ? LB_MAX_THREADS : top;
	s->nthreads = 0;
	for (int t = 1; t < top; t *= 2)
		s->threads[s->nthreads++] = t;
	s->threads[s->nthreads++] = top;
}

/*
 * A prepared sweep: what it chooses unless a flag says otherwise.
 *
 * starvation: Go's starvation cliff (Go issue 33747).  A waiter that
 * waited more than 1 ms switches gomutex to starvation mode, in which
 * every hand-over goes to the head of the queue through the kernel; with
 * hold time h and more than about 1 ms / h waiters, every waiter has
 * waited that long and the mutex stays starving.  So the sweep crosses
 * hold times 0 to 1 ms with threads up to 4 x the PUs, and at least 16
 * (15 waiters: past the cliff at 100 us), for gomutex with the switch
 * (adaptive), without it (normal), always in it (starvation), and glibc's
 * mutex for reference.  It runs hits, whose operation is the lock and the
 * critical section and nothing else, so the hold time is --cs-ns; getset
 * would add a hash lookup to every hold.  100 cases on 2 PUs.
 */
struct preset {
	const char *name;
	const char *locks, *workload, *cs;
	int threads_per_pu, threads_min; /* up to max(PUs x per_pu, min) */
};

static const struct preset presets[] = {
	{ "starvation",
	  "gomutex:mode=adaptive,gomutex:mode=normal,gomutex:mode=starvation,pthread-mutex",
	  "hits", "0,1us,10us,100us,1ms", 4, 16 },
};

static const struct preset *preset_find(const char *name)
{
	for (size_t i = 0; i < sizeof presets / sizeof presets[0]; i++)
		if (strcmp(presets[i].name, name) == 0)
			return &presets[i];
	return NULL;
}

/* The workloads named in text (modified), or the default: the lock
 * workloads, or with --waitgroups the WaitGroup workloads. */
static int parse_workloads(char *text, bool waitgroups, struct lb_sweep_spec *s, char *err,
			   size_t errlen)
{
	char *items[LB_MAX_LIST];
	int n;

	if (!text) {
		for (int k = 0; lb_workloads[k]; k++)
			if (waitgroups ? lb_workloads[k]->kinds & LB_KIND_WG
				       : lb_workloads[k]->kinds == LB_KIND_LOCK)
				s->workloads[s->nworkloads++] = lb_workloads[k];
		return 0;
	}
	if ((n = split(text, items, LB_MAX_LIST)) < 0) {
		snprintf(err, errlen, "too many workloads");
		return -1;
	}
	for (int i = 0; i < n; i++) {
		s->workloads[i] = lb_workload_find(items[i]);
		if (!s->workloads[i]) {
			char known[256] = "";
			for (int k = 0; lb_workloads[k]; k++)
				snprintf(known + strlen(known), sizeof known - strlen(known), "%s%s",
					 k ? ", " : "", lb_workloads[k]->name);
			snprintf(err, errlen, "unknown workload '%s' (known: %s)", items[i], known);
			return -1;
		}
	}
	s->nworkloads = n;
	return 0;
}

/* The workloads that use a primitive kind, as "a, b". */
static void workloads_using(unsigned kind, char *b, size_t len)
{
	b[0] = '\0';
	for (int k = 0; lb_workloads[k]; k++)
		if (lb_workloads[k]->kinds & kind)
			snprintf(b + strlen(b), len - strlen(b), "%s%s", b[0] ? ", " : "",
				 lb_workloads[k]->name);
}

/* --spawn: pool and thread, a list. */
static int parse_spawns(char *text, struct lb_sweep_spec *s, char *err, size_t errlen)
{
	char *items[LB_MAX_LIST];
	int n = split(text, items, LB_MAX_LIST);

	if (n < 0 || n > 2) {
		snprintf(err, errlen, "at most two: pool,thread");
		return -1;
	}
	for (int i = 0; i < n; i++) {
		if (strcmp(items[i], "pool") == 0) {
			s->spawns[i] = LB_SPAWN_POOL;
		} else if (strcmp(items[i], "thread") == 0) {
			s->spawns[i] = LB_SPAWN_THREAD;
		} else {
			snprintf(err, errlen, "'%s' is not pool or thread", items[i]);
			return -1;
		}
		if (i == 1 && s->spawns[1] == s->spawns[0]) {
			snprintf(err, errlen, "'%s' is given twice", items[i]);
			return -1;
		}
	}
	s->nspawn = n;
	return 0;
}

/* The checked sweep; 0, or an exit status after saying what is wrong. */
static int build_spec(struct run_args *a, const struct lb_topo *topo,
		      struct lb_sweep_spec *s, char *platform, size_t platlen)
{
	char err[LB_ERR_LEN], buf[4096];
	struct lb_topo_counts tc;
	uint64_t u;

#define BAD(flag, val) usage_error("run", "%s '%s': %s", flag, val, err)
#define COPY(v) (snprintf(buf, sizeof buf, "%s", v), buf)
	lb_topo_counts(topo, &tc);
	memset(s, 0, sizeof *s);

	const struct preset *pre = NULL;
	if (a->preset && !(pre = preset_find(a->preset))) {
		snprintf(err, sizeof err, "unknown preset (known: starvation)");
		return BAD("--preset", a->preset);
	}
	/* A value the preset chose is reported under --preset when wrong. */
	const char *locks = a->locks ? a->locks : pre ? pre->locks : "all,none";
	const char *locks_flag = a->locks || !pre ? "--locks" : "--preset starvation: --locks";
	const char *wl = a->workload ? a->workload : pre ? pre->workload : NULL;
	const char *cs = a->cs ? a->cs : pre ? pre->cs : "0";
	char using[256];

	if (parse_workloads(wl ? COPY(wl) : NULL, a->waitgroups != NULL, s, err, sizeof err) < 0)
		return BAD("--workload", wl);
	unsigned kinds = 0;
	for (int i = 0; i < s->nworkloads; i++)
		kinds |= s->workloads[i]->kinds;
	if (a->locks && !(kinds & LB_KIND_LOCK)) {
		workloads_using(LB_KIND_LOCK, using, sizeof using);
		snprintf(err, sizeof err, "no workload chosen uses a lock (those that do: %s)", using);
		return BAD("--locks", a->locks);
	}
	if (a->waitgroups && !(kinds & LB_KIND_WG)) {
		workloads_using(LB_KIND_WG, using, sizeof using);
		snprintf(err, sizeof err, "no workload chosen uses a WaitGroup (those that do: %s)",
			 using);
		return BAD("--waitgroups", a->waitgroups);
	}

	/* Without --locks: every safe lock, and `none` at one thread, the
	 * harness's own floor (unsafe locks above one thread are dropped
	 * without --allow-unsafe, see lb_sweep_cases). */
	if ((kinds & LB_KIND_LOCK) && parse_locks(COPY(locks), s, err, sizeof err) < 0)
		return BAD(locks_flag, locks);
	if ((kinds & LB_KIND_WG) &&
	    parse_waitgroups(COPY(a->waitgroups ? a->waitgroups : "all"), s, err, sizeof err) < 0)
		return BAD("--waitgroups", a->waitgroups ? a->waitgroups : "all");
	s->allow_unsafe = a->allow_unsafe;

	if (a->threads) {
		if (parse_threads(COPY(a->threads), tc.pus, s, err, sizeof err) < 0)
			return BAD("--threads", a->threads);
	} else if (pre) {
		int top = tc.pus * pre->threads_per_pu;
		default_threads(top > pre->threads_min ? top : pre->threads_min, s);
	} else {
		default_threads(2 * tc.pus, s);
	}

	bool unsafe_lock = false, unsafe_wg = false, multi = s->threads[s->nthreads - 1] > 1;
	for (int i = 0; i < s->nlocks; i++)
		unsafe_lock |= (s->locks[i].ops->caps & LB_CAP_UNSAFE) != 0;
	for (int i = 0; i < s->nwgs; i++)
		unsafe_wg |= (s->wgs[i].ops->caps & LB_WG_UNSAFE) != 0;
	if (a->locks && unsafe_lock && multi && !a->allow_unsafe)
		return usage_error("run",
				   "--locks '%s': a lock that does not exclude runs at more than "
				   "1 thread only with --allow-unsafe",
				   a->locks);
	if (a->waitgroups && unsafe_wg && multi && !a->allow_unsafe)
		return usage_error("run",
				   "--waitgroups '%s': a WaitGroup with a data race runs at more "
				   "than 1 thread only with --allow-unsafe",
				   a->waitgroups);

	if (parse_doubles(COPY(a->read_ratio ? a->read_ratio : "0.5,0.9"), 0, 1,
			  s->read_ratios, &s->nread_ratios, err, sizeof err) < 0)
		return BAD("--read-ratio", a->read_ratio);
	if (parse_ns_list(COPY(cs), s->cs_ns, &s->ncs, err, sizeof err) < 0)
		return BAD("--cs-ns", cs);
	if (parse_ns_list(COPY(a->work ? a->work : "0"), s->work_ns, &s->nwork, err,
			  sizeof err) < 0)
		return BAD("--work-ns", a->work);
	if (parse_spawns(COPY(a->spawn ? a->spawn : "pool"), s, err, sizeof err) < 0)
		return BAD("--spawn", a->spawn);
	if (parse_ns_list(COPY(a->think ? a->think : "0"), s->think_ns, &s->nthink, err,
			  sizeof err) < 0)
		return BAD("--think-ns", a->think);

	if (lb_parse_u64(a->keys ? a->keys : "1024", 1, 1u << 24, &s->base.keys, err,
			 sizeof err) < 0)
		return BAD("--keys", a->keys);
	if (!a->dist || strcmp(a->dist, "uniform") == 0) {
		s->base.dist = LB_DIST_UNIFORM;
	} else if (strcmp(a->dist, "zipf") == 0) {
		s->base.dist = LB_DIST_ZIPF;
	} else {
		snprintf(err, sizeof err, "must be uniform or zipf");
		return BAD("--dist", a->dist);
	}
	if (lb_parse_double(a->skew ? a->skew : "0.99", 1e-6, 10, &s->base.skew, err,
			    sizeof err) < 0)
		return BAD("--skew", a->skew);
	if (lb_parse_u64(a->seed ? a->seed : "1", 0, UINT64_MAX, &s->base.seed, err,
			 sizeof err) < 0)
		return BAD("--seed", a->seed);

	if (lb_parse_duration_in(a->duration ? a->duration : "500ms", LB_MS, LB_HOUR,
				 &s->duration_ns, err, sizeof err) < 0)
		return BAD("--duration", a->duration);
	if (lb_parse_duration_in(a->warmup ? a->warmup : "100ms", 0, LB_HOUR, &s->warmup_ns,
				 err, sizeof err) < 0)
		return BAD("--warmup", a->warmup);
	if (lb_parse_u64(a->reps ? a->reps : "5", 1, 1000, &u, err, sizeof err) < 0)
		return BAD("--reps", a->reps);
	s->reps = (unsigned)u;
	const char *se = a->sample ? a->sample : "5us";
	if (lb_parse_u64(se, 0, 1000000, &u, err, sizeof err) == 0) {
		s->sample_n = u ? (unsigned)u : 1; /* one in N */
	} else if (lb_parse_duration_in(se, 0, LB_SECOND, &s->sample_ns, err, sizeof err) < 0) {
		snprintf(err, sizeof err, "not a count of acquisitions (0 to 1000000) or a "
					  "duration with a unit (0 to 1s)");
		return BAD("--sample-every", a->sample);
	} else if (s->sample_ns == 0) {
		s->sample_n = 1;
	}
	if (a->timeout) {
		if (lb_parse_duration_in(a->timeout, 1, LB_TIMEOUT_MAX, &s->timeout_ns, err,
					 sizeof err) < 0)
			return BAD("--timeout", a->timeout);
		if (s->timeout_ns <= s->warmup_ns + s->duration_ns) {
			char t[32];
			lb_format_duration(s->warmup_ns + s->duration_ns, t, sizeof t);
			snprintf(err, sizeof err,
				 "must be longer than --warmup + --duration (%s)", t);
			return BAD("--timeout", a->timeout);
		}
	} else {
		s->timeout_ns = s->warmup_ns + s->duration_ns + 10000000000ULL;
	}

	if (lb_pin_parse(topo, a->pin ? a->pin : "compact", &s->pin, err, sizeof err) < 0)
		return BAD("--pin", a->pin);

	if (a->platform) {
		char clean[64];
		lb_platform_sanitize(a->platform, clean, sizeof clean);
		if (!a->platform[0] || strlen(a->platform) >= sizeof clean ||
		    strcmp(clean, a->platform) != 0) {
			snprintf(err, sizeof err,
				 "a platform name is 1 to 63 of A-Z a-z 0-9 . _ -");
			return BAD("--platform", a->platform);
		}
	}
	snprintf(platform, platlen, "%s", a->platform ? a->platform : "");

	struct lb_shard sh = { 0, 0 };
	if (a->shard && lb_shard_parse(a->shard, &sh, err, sizeof err) < 0)
		return BAD("--shard", a->shard);
	s->shard_k = sh.k;
	s->shard_n = sh.n;
	if (a->run_id) {
		char clean[128];
		lb_platform_sanitize(a->run_id, clean, sizeof clean);
		if (!a->run_id[0] || strlen(a->run_id) >= sizeof clean ||
		    strcmp(clean, a->run_id) != 0) {
			snprintf(err, sizeof err, "a run id is 1 to 127 of A-Z a-z 0-9 . _ -");
			return BAD("--run-id", a->run_id);
		}
	}

	/* Last, as it starts PAPI and tries each event on this machine. */
	if (lb_counters_select(a->papi, &s->events, err, sizeof err) < 0) {
		if (errno != EIO)
			return BAD("--papi", a->papi);
		lb_say(stderr, "lockbench %s: --papi '%s': %s", run_who("run"), a->papi, err);
		return 1;
	}

	uint64_t runs = lb_sweep_count(s) * s->reps;
	if (runs == 0 || runs > LB_MAX_RUNS)
		return usage_error("run", "the sweep has %" PRIu64 " runs (cases x --reps): "
				   "it must have 1 to %d", runs, LB_MAX_RUNS);
#undef BAD
#undef COPY
	return 0;
}

/* What a command would refuse about --out before making it: an empty path, a
 * path too long for its sidecar, a directory, a file or a sidecar that
 * exists (without --force), a folder it cannot write in.  0, or an exit
 * status after saying so. */
int lb_cli_check_out(const char *cmd, const char *out, bool force)
{
	struct stat st;
	char dir[PATH_MAX], meta[PATH_MAX], err[LB_ERR_LEN];

	if (!out)
		return 0;
	if (!out[0])
		return usage_error(cmd, "--out '': an empty path");
	if (lb_path(meta, sizeof meta, err, sizeof err, "%s.meta", out) < 0)
		return usage_error(cmd, "--out: %s", err);
	if (stat(out, &st) == 0 && S_ISDIR(st.st_mode))
		return usage_error(cmd, "--out '%s': is a directory", out);
	if (!force && lstat(out, &st) == 0)
		return usage_error(cmd, "--out '%s': file exists (add --force to replace it)",
				   out);
	if (!force && lstat(meta, &st) == 0)
		return usage_error(cmd, "--out '%s': its sidecar %s exists (add --force to replace "
				   "both)", out, meta);
	snprintf(dir, sizeof dir, "%s", out); /* fits: meta, longer, did */
	char *slash = strrchr(dir, '/');
	if (!slash)
		snprintf(dir, sizeof dir, ".");
	else if (slash == dir)
		dir[1] = '\0'; /* the root */
	else
		*slash = '\0';
	if (access(dir, W_OK | X_OK) < 0)
		return usage_error(cmd, "--out '%s': cannot create: %s", out, strerror(errno));
	return 0;
}

/* See cli.h. */
int lb_open_results(const char *path, bool replace, FILE **csv, FILE **meta, char *err,
		    size_t errlen)
{
	char mpath[PATH_MAX];
	bool made;
	int fd, mfd;

	*csv = *meta = NULL;
	if (lb_path(mpath, sizeof mpath, err, errlen, "%s.meta", path) < 0)
		return -1;
	if ((fd = lb_create(path, replace, &made, err, errlen)) < 0)
		return -1;
	if ((mfd = lb_create(mpath, replace, NULL, err, errlen)) < 0) {
		int e = errno;
		if (made)
			unlink(path);
		close(fd);
		errno = e;
		return -1;
	}
	if (!(*csv = fdopen(fd, "w")) || !(*meta = fdopen(mfd, "w"))) {
		int e = errno;
		if (*csv)
			fclose(*csv);
		else
			close(fd);
		close(mfd);
		*csv = NULL;
		errno = e;
		return lb_err(err, errlen, "%s: %s", path, strerror(e));
	}
	return 0;
}

int lb_close_results(FILE *csv, FILE *meta, const char *path, bool whole, char *err,
		     size_t errlen)
{
	char mpath[PATH_MAX + 8], why[2][LB_ERR_LEN + PATH_MAX];
	int rc = 0;

	snprintf(mpath, sizeof mpath, "%s.meta", path); /* lb_open_results made it */
	if (lb_close_whole(csv, path, why[0], sizeof why[0]) < 0)
		rc = lb_err(err, errlen, "%s", why[0]);
	if (lb_close_whole(meta, mpath, why[1], sizeof why[1]) < 0 && rc == 0)
		rc = lb_err(err, errlen, "%s", why[1]);
	if (!whole)
		rc = -1; /* err as the caller left it, unless a write failed too */
	if (rc < 0) {
		unlink(path);
		unlink(mpath);
	}
	return rc;
}

FILE *lb_cli_open_csv(const char *cmd, const char *out, bool force, const char *platform,
		       const char *kind, const struct tm *tm, char *path, size_t pathlen,
		       FILE **meta, int *rc)
{
	char err[LB_ERR_LEN + PATH_MAX];
	FILE *csv = NULL;

	if ((*rc = lb_cli_check_out(cmd, out, force)) != 0)
		return NULL;
	if (out) {
		if (lb_path(path, pathlen, err, sizeof err, "%s", out) < 0 ||
		    lb_open_results(path, force, &csv, meta, err, sizeof err) < 0) {
			/* Another writer is no misuse: the run fails (1). */
			*rc = errno == EWOULDBLOCK ? (lb_say(stderr, "lockbench %s: %s", cmd, err), 1)
						   : usage_error(cmd, "--out: %s", err);
			return NULL;
		}
		return csv;
	}
	char clean[64], stamp[32];
	lb_platform_sanitize(platform, clean, sizeof clean);
	strftime(stamp, sizeof stamp, "%Y%m%d-%H%M%S", tm);
	if (mkdir("results", 0755) < 0 && errno != EEXIST) {
		lb_say(stderr, "lockbench %s: cannot make results/: %s", cmd, strerror(errno));
		*rc = 1;
		return NULL;
	}
	for (int i = 1; i < 100; i++) {
		if (i == 1)
			snprintf(path, pathlen, "results/%s%s-%s.csv", clean, kind, stamp);
		else
			snprintf(path, pathlen, "results/%s%s-%s-%d.csv", clean, kind, stamp, i);
		if (lb_open_results(path, false, &csv, meta, err, sizeof err) == 0)
			return csv;
		if (errno != EEXIST)
			break;
	}
	lb_say(stderr, "lockbench %s: %s", cmd, err);
	*rc = 1;
	return NULL;
}

/* "63 cases x 3 reps = 189 runs, about 120s", for the cases of this shard;
 * where some have a WaitGroup that can block forever by design, also the
 * most they take if every one of their runs waits out the timeout. */
static void print_estimate(const struct lb_sweep_spec *s, const struct lb_plan *p, FILE *out)
{
	int ncases = 0, hang = 0;
	double about = 0, most = 0;

	for (int k = 0; k < p->n; k++) {
		const struct lb_case *c = &p->cases[k];
		if (p->shard_of[k] != s->shard_k)
			continue; /* another shard's */
		ncases++;
		hang += c->wg && c->wg->hangs;
		about += lb_case_cost(c, s->reps, false);
		most += lb_case_cost(c, s->reps, true);
	}
	fprintf(out, "%d case%s x %u rep%s = %d run%s, about %.0fs", ncases,
		ncases == 1 ? "" : "s", s->reps, s->reps == 1 ? "" : "s", ncases * (int)s->reps,
		ncases * s->reps == 1 ? "" : "s", ceil(about));
	if (hang)
		fprintf(out, ", up to %.0fs if the %d runs of WaitGroups that can block forever "
			"each wait out --timeout", ceil(most), hang * (int)s->reps);
}

/* --dry-run: the cases of p, s's plan, numbered as the case column will
 * number them. */
static void print_plan(const struct lb_sweep_spec *s, const struct lb_plan *p, FILE *out)
{
	for (int k = 0; k < p->n; k++) {
		char what[512];
		if (p->shard_of[k] != s->shard_k)
			continue; /* another shard's */
		lb_sweep_describe(&p->cases[k], what, sizeof what);
		fprintf(out, "case %d: %s\n", k + 1, what);
	}
	print_estimate(s, p, out);
	fputc('\n', out);
}

static volatile sig_atomic_t interrupts, stop_signal;

/* Ctrl-C asks the sweep to stop after the run in flight, a second one to
 * kill that run; SIGTERM and SIGHUP (a scheduler's cancel, a terminal
 * gone) count as both at once: the run in flight is killed and is no row. */
static void on_stop(int sig)
{
	interrupts += sig == SIGINT ? 1 : 2;
	stop_signal = sig;
}

/* One flag of lockbench run, c from lb_run_options, into a. */
static void run_flag(struct run_args *a, int c)
{
	switch (c) {
	case OPT_LOCKS: a->locks = optarg; break;
	case OPT_WAITGROUPS: a->waitgroups = optarg; break;
	case OPT_WORK: a->work = optarg; break;
	case OPT_SPAWN: a->spawn = optarg; break;
	case OPT_PRESET: a->preset = optarg; break;
	case OPT_WORKLOAD: a->workload = optarg; break;
	case OPT_THREADS: a->threads = optarg; break;
	case OPT_DURATION: a->duration = optarg; break;
	case OPT_WARMUP: a->warmup = optarg; break;
	case OPT_REPS: a->reps = optarg; break;
	case OPT_PIN: a->pin = optarg; break;
	case OPT_READ_RATIO: a->read_ratio = optarg; break;
	case OPT_KEYS: a->keys = optarg; break;
	case OPT_DIST: a->dist = optarg; break;
	case OPT_SKEW: a->skew = optarg; break;
	case OPT_CS: a->cs = optarg; break;
	case OPT_THINK: a->think = optarg; break;
	case OPT_SEED: a->seed = optarg; break;
	case OPT_SAMPLE: a->sample = optarg; break;
	case OPT_TIMEOUT: a->timeout = optarg; break;
	case OPT_OUT: a->out = optarg; break;
	case OPT_FORCE: a->force = true; break;
	case OPT_PLATFORM: a->platform = optarg; break;
	case OPT_UNSAFE: a->allow_unsafe = true; break;
	case OPT_DRY_RUN: a->dry_run = true; break;
	case OPT_PAPI: a->papi = optarg; break;
	case OPT_SHARD: a->shard = optarg; break;
	case OPT_RUN_ID: a->run_id = optarg; break;
	default: break;
	}
}

/* run's flags into a, and the sweep they ask for into s, on the machine
 * whose topology goes into *topo (NULL until it is read; the caller
 * closes it).  0, or an exit status after saying why; -1 after printing
 * the help (--help). */
static int read_run(int argc, char **argv, struct run_args *a, struct lb_topo **topo,
		    struct lb_sweep_spec *s, char *platform, size_t len)
{
	char err[LB_ERR_LEN];
	int c, rc = 0;

	*topo = NULL;
	optind = 1;
	while (rc == 0 && (c = get_flag("run", argc, argv, lb_run_options, &rc)) != -1) {
		if (c == OPT_HELP) {
			fputs(run_help, stdout);
			return -1;
		}
		run_flag(a, c);
	}
	if (rc)
		return rc;
	if (optind < argc)
		return usage_error("run", "unexpected argument '%s' (see lockbench run --help)",
				   argv[optind]);
	if (!(*topo = lb_topo_open(NULL, err, sizeof err))) {
		lb_say(stderr, "lockbench %s: cannot read this machine's topology: %s", run_who("run"),
		       err);
		return 1;
	}
	return build_spec(a, *topo, s, platform, len);
}

int lb_run_plan(int argc, char **argv, struct lb_sweep_spec *s, const char *speaker)
{
	struct run_args a = { 0 };
	struct lb_topo *topo;
	char platform[64];

	run_speaker = speaker;
	int rc = read_run(argc, argv, &a, &topo, s, platform, sizeof platform);
	run_speaker = NULL;
	lb_topo_close(topo);
	return rc < 0 ? 2 : rc; /* lockbench slurm takes --help itself */
}

static int cmd_run(int argc, char **argv)
{
	struct run_args a = { 0 };
	struct lb_sweep_spec *s = calloc(1, sizeof *s);
	struct lb_topo *topo = NULL;
	struct lb_platform plat;
	struct lb_plan plan = { 0 };
	char platform[64], path[PATH_MAX];
	FILE *csv = NULL, *meta = NULL;
	bool opened = false; /* path is this run's results file */
	int rc;

	if (!s) {
		lb_say(stderr, "lockbench run: out of memory");
		return 1;
	}
	if ((rc = read_run(argc, argv, &a, &topo, s, platform, sizeof platform)) != 0) {
		rc = rc < 0 ? 0 : rc;
		goto out;
	}
	lb_platform_read(topo, platform[0] ? platform : NULL, &plat);
	if (lb_sweep_plan(s, s->shard_n, &plan) < 0) {
		lb_say(stderr, "lockbench run: out of memory for the sweep's cases");
		rc = 1;
		goto out;
	}
	if (a.dry_run) {
		if ((rc = lb_cli_check_out("run", a.out, a.force)) == 0)
			print_plan(s, &plan, stdout);
		goto out;
	}
	time_t started = time(NULL);
	struct tm tm;
	char stamp[32], run_id[160];
	localtime_r(&started, &tm);
	strftime(stamp, sizeof stamp, "%Y%m%dT%H%M%S", &tm);
	if (a.run_id)
		snprintf(run_id, sizeof run_id, "%s", a.run_id);
	else
		snprintf(run_id, sizeof run_id, "%s-%s-%d", stamp, plat.platform, (int)getpid());
	if (!(csv = lb_cli_open_csv("run", a.out, a.force, plat.platform, "", &tm, path,
				     sizeof path, &meta, &rc)))
		goto out;
	opened = true;
	if (lb_sweep_header(s, csv) < 0) {
		lb_say(stderr, "lockbench run: cannot write %s: %s", path, strerror(errno));
		rc = 1;
		goto out;
	}

	int pus = s->pin.policy == LB_PIN_LIST ? s->pin.ncpus : plat.pus;
	char estimate[256] = "";
	FILE *est = fmemopen(estimate, sizeof estimate, "w");
	if (est) {
		print_estimate(s, &plan, est);
		fclose(est);
	}
	lb_say(stderr, "lockbench: %s; results go to %s", estimate, path);
	if (s->threads[s->nthreads - 1] > pus)
		lb_warn_oversubscribed(stderr, "lockbench", s->threads[s->nthreads - 1], pus);
	lb_platform_warn(stderr);
	lb_counters_warn(&s->events, "lockbench", stderr);

	struct lb_env env = { .topo = topo, .ticks_per_ns = lb_clock_calibrate(20) };
	static const int stops[] = { SIGINT, SIGTERM, SIGHUP };
	struct sigaction sa = { .sa_handler = on_stop }, old[3];
	sigfillset(&sa.sa_mask);
	for (int i = 0; i < 3; i++) {
		sigaction(stops[i], NULL, &old[i]);
		if (stops[i] != SIGHUP || old[i].sa_handler != SIG_IGN) /* as nohup left it */
			sigaction(stops[i], &sa, NULL);
	}
	rc = lb_sweep_run(s, &plan, &env, &plat, run_id, csv, path, meta, stdout, &interrupts);
	for (int i = 0; i < 3; i++)
		sigaction(stops[i], &old[i], NULL);
	if (rc == 130 && stop_signal != SIGINT)
		rc = 128 + stop_signal;
	meta = NULL; /* lb_sweep_run closed it */
	if (fclose(csv) != 0 && rc == 0) {
		lb_say(stderr, "lockbench run: cannot write %s: %s", path, strerror(errno));
		rc = 1;
	}
	csv = NULL;
out:
	if (csv)
		fclose(csv);
	if (meta)
		fclose(meta);
	if (opened && rc != 0)
		lb_drop_if_empty(path); /* a write failed before the header was in */
	if (opened && access(path, F_OK) == 0)
		lb_say(stdout, "results: %s", path);
	lb_plan_free(&plan);
	lb_topo_close(topo);
	free(s);
	return rc;
}

/* ---- lockbench list --------------------------------------------------- */

static const char list_help[] =
"usage: lockbench list [--papi]\n"
"\n"
"Lists the locks and the WaitGroups with their options and defaults, and the\n"
"workloads with the primitives they use and the parameters they read.  --papi\n"
"lists the default PAPI events instead, whether each can be counted on this\n"
"machine and why not, and the lock-internal counters' PAPI names.\n";

static const char *const lock_caps[] = { "rw", "trylock", "stats", "unsafe" };
static const char *const wg_caps[] = { "unsafe", "oneshot" };

/* "  [rw, trylock]": the names of the bits set in caps. */
static void print_caps(unsigned caps, const char *const *names, unsigned n)
{
	bool first = true;

	printf("  [");
	for (unsigned i = 0; i < n; i++)
		if (caps & (1u << i)) {
			printf("%s%s", first ? "" : ", ", names[i]);
			first = false;
		}
	printf("]\n");
}

static void print_options(const struct lb_optdesc *d)
{
	for (; d && d->key; d++)
		printf("      %s=%s%s%s  %s\n", d->key, d->def, d->choices ? "  one of " : "",
		       d->choices ? d->choices : "", d->help);
}

static int cmd_list(int argc, char **argv)
{
	static const struct option opts[] = { { "papi", no_argument, NULL, OPT_PAPI },
					      { "help", no_argument, NULL, OPT_HELP },
					      { NULL, 0, NULL, 0 } };
	bool papi = false;
	int c, rc = 0;

	while ((c = get_flag("list", argc, argv, opts, &rc)) != -1) {
		if (rc)
			return rc;
		if (c == OPT_HELP) {
			fputs(list_help, stdout);
			return 0;
		}
		papi |= c == OPT_PAPI;
	}
	if (optind < argc)
		return usage_error("list", "unexpected argument '%s'", argv[optind]);
	if (papi)
		return lb_counters_list(stdout) < 0
			       ? usage_error("list", "--papi: PAPI support was not compiled in "
						     "(install libpapi-dev, then run configure again)")
			       : 0;

	printf("Locks (--locks NAME or NAME:key=value,...):\n");
	for (int i = 0; lb_locks[i]; i++) {
		const struct lb_lock_ops *l = lb_locks[i];
		printf("  %-16s %s", l->name, l->summary);
		print_caps(l->caps, lock_caps, 4);
		print_options(l->options);
	}
	printf("\nWaitGroups (--waitgroups NAME or NAME:key=value,...):\n");
	for (int i = 0; lb_waitgroups[i]; i++) {
		const struct lb_wg_ops *g = lb_waitgroups[i];
		printf("  %-16s %s", g->name, g->summary);
		print_caps(g->caps, wg_caps, 2);
		print_options(g->options);
		if (g->hangs)
			printf("      hangs: %s\n", g->hangs);
	}
	printf("\nWorkloads (--workload NAME):\n");
	for (int i = 0; lb_workloads[i]; i++) {
		const struct lb_workload_ops *w = lb_workloads[i];
		printf("  %-16s %s\n", w->name, w->summary);
		printf("      uses: %s%s%s; latency: %s\n", w->kinds & LB_KIND_LOCK ? "a lock" : "",
		       w->kinds == (LB_KIND_LOCK | LB_KIND_WG) ? " and " : "",
		       w->kinds & LB_KIND_WG ? "a WaitGroup" : "", w->lat_metric);
		printf("      parameters:%s%s%s%s%s%s%s%s\n",
		       w->params & LB_WP_READ_RATIO ? " --read-ratio (0.5,0.9)" : "",
		       w->params & LB_WP_KEYS ? " --keys (1024)" : "",
		       w->params & LB_WP_DIST ? " --dist (uniform) --skew (0.99)" : "",
		       w->params & LB_WP_CS ? " --cs-ns (0)" : "",
		       w->params & LB_WP_THINK ? " --think-ns (0)" : "",
		       w->params & LB_WP_WORK ? " --work-ns (0)" : "",
		       w->params & LB_WP_SPAWN ? " --spawn (pool)" : "",
		       w->params & LB_WP_SEED ? " --seed (1)" : "");
	}
	printf("\nPin policies (--pin): compact, scatter, none, or a CPU list (0-3,8);\n"
	       "see `lockbench topo` for what they pick on this machine.\n");
	if (lb_counters_built())
		printf("\nPAPI events (--papi): see `lockbench list --papi`.\n");
	return 0;
}

/* ---- lockbench topo --------------------------------------------------- */

static const char topo_help[] =
"usage: lockbench topo [--synthetic DESC] [--threads N]\n"
"\n"
"Prints the machine as hwloc sees it (packages, NUMA nodes, caches, cores,\n"
"PUs) and the PUs that --pin compact and --pin scatter give 1..N threads\n"
"(default N: the number of PUs).  --synthetic shows an imaginary machine in\n"
"hwloc's synthetic syntax instead, e.g. \"pack:2 core:4 pu:2\".\n";

static int cmd_topo(int argc, char **argv)
{
	enum { OPT_SYNTH = 300, OPT_N };
	static const struct option opts[] = {
		{ "synthetic", required_argument, NULL, OPT_SYNTH },
		{ "threads", required_argument, NULL, OPT_N },
		{ "help", no_argument, NULL, OPT_HELP },
		{ NULL, 0, NULL, 0 },
	};
	const char *synth = NULL, *nthreads = NULL;
	char err[LB_ERR_LEN];
	int c, rc = 0;

	while ((c = get_flag("topo", argc, argv, opts, &rc)) != -1) {
		if (rc)
			return rc;
		if (c == OPT_HELP) {
			fputs(topo_help, stdout);
			return 0;
		}
		if (c == OPT_SYNTH)
			synth = optarg;
		if (c == OPT_N)
			nthreads = optarg;
	}
	if (optind < argc)
		return usage_error("topo", "unexpected argument '%s'", argv[optind]);
	uint64_t n = 0;
	if (nthreads && lb_parse_u64(nthreads, 1, LB_MAX_THREADS, &n, err, sizeof err) < 0)
		return usage_error("topo", "--threads '%s': %s", nthreads, err);
	struct lb_topo *t = lb_topo_open(synth, err, sizeof err);
	if (!t)
		return synth ? usage_error("topo", "--synthetic '%s': %s", synth, err)
			     : (lb_say(stderr, "lockbench topo: %s", err), 1);
	if (!n) {
		struct lb_topo_counts tc;
		lb_topo_counts(t, &tc);
		n = (uint64_t)tc.pus;
	}
	rc = lb_topo_print(t, stdout, (int)n) < 0 ? 1 : 0;
	lb_topo_close(t);
	return rc;
}

int lb_cli_flag(const char *cmd, int argc, char **argv, const struct option *longopts,
		int *rc)
{
	return get_flag(cmd, argc, argv, longopts, rc);
}

/* ---- lockbench -------------------------------------------------------- */

static const char main_help[] =
"usage: lockbench COMMAND [options]\n"
"\n"
"Measures how locks behave under contention.\n"
"\n"
"Commands:\n"
"  run      run a sweep and write its CSV (no options: the standard sweep)\n"
"  list     the locks, WaitGroups and workloads, with their options\n"
"  topo     the machine as hwloc sees it, and what each pin policy picks\n"
"  plot     gnuplot charts (scripts, PNG, SVG) from result CSVs\n"
"  report   an HTML page: platform, findings, failures, charts, tables\n"
"  compare  the same cases across platforms, side by side, as a page\n"
"  probe    one-way cache-line transfer latency between PUs, PU x PU\n"
"  merge    join the shards of one sweep (run --shard) into one CSV\n"
"  slurm    run a sweep on Slurm partitions and compare them\n"
"  profile  the pthread locks of any program: counted, timed, or swapped\n"
"\n"
"`lockbench COMMAND --help` tells more.  --version prints the version and\n"
"the optional features built in.\n";

/* Open each of the standard descriptors that is closed on /dev/null, so
 * that no file opened later takes its number and receives what is
 * written there: with stderr closed, the CSV would open as descriptor 2
 * and collect the progress lines.  0, or -1. */
static int std_fds(void)
{
	for (int fd = 0; fd <= 2; fd++) {
		if (fcntl(fd, F_GETFD) >= 0 || errno != EBADF)
			continue;
		int n = open("/dev/null", fd == 0 ? O_RDONLY : O_WRONLY);
		if (n != fd) {
			if (n >= 0)
				close(n);
			return -1;
		}
	}
	return 0;
}

static int dispatch(int argc, char **argv);

int lb_main(int argc, char **argv)
{
	int rc;

	if (std_fds() < 0)
		return 1; /* nowhere to say it */
	/* A closed pipe or a file-size limit makes a write fail (EPIPE,
	 * EFBIG) instead of killing lockbench without a word: the writer
	 * says so, keeps what is written, and exits 1. */
	signal(SIGPIPE, SIG_IGN);
	signal(SIGXFSZ, SIG_IGN);
	rc = dispatch(argc, argv);
	if (fflush(stdout) != 0 || ferror(stdout)) {
		lb_say(stderr, "lockbench: cannot write the standard output: %s",
		       strerror(errno ? errno : EIO));
		if (rc == 0)
			rc = 1;
	}
	return rc;
}

static int dispatch(int argc, char **argv)
{
	static const struct {
		const char *name;
		int (*fn)(int, char **);
	} cmds[] = { { "run", cmd_run }, { "list", cmd_list }, { "topo", cmd_topo },
		     { "plot", lb_cmd_plot }, { "report", lb_cmd_report },
		     { "compare", lb_cmd_compare }, { "probe", lb_cmd_probe },
		     { "merge", lb_cmd_merge }, { "slurm", lb_cmd_slurm },
		     { "profile", lb_cmd_profile } };

	opterr = 0;
	if (argc < 2) {
		fputs(main_help, stderr);
		return EXIT_USAGE;
	}
	if (strcmp(argv[1], "--help") == 0 || strcmp(argv[1], "-h") == 0) {
		fputs(main_help, stdout);
		return 0;
	}
	if (strcmp(argv[1], "--version") == 0) {
		printf("lockbench %s\n"
		       "built with: %s\n"
		       "not built in: %s\n",
		       PACKAGE_VERSION, LB_FEATURES_BUILT, LB_FEATURES_MISSING);
		return 0;
	}
	for (size_t i = 0; i < sizeof cmds / sizeof cmds[0]; i++)
		if (strcmp(argv[1], cmds[i].name) == 0) {
			optind = 1; /* argv[1] is the command: options start after it */
			return cmds[i].fn(argc - 1, argv + 1);
		}
	lb_say(stderr, "lockbench: unknown command '%s' (commands: run, list, topo, plot, report, "
	       "compare, probe, merge, slurm, profile)", argv[1]);
	return EXIT_USAGE;
}
