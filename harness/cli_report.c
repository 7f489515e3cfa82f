/*
 * cli_report.c - lockbench plot | report | compare: results files in,
 * charts and a page out.
 *
 * Every input is read and checked, the charts are built in memory, the
 * templates and gnuplot are found, and the output folder is checked,
 * before anything is written: bad input leaves the disk as it was.
 *
 * The output folder (--out DIR, default: the first file's name without
 * .csv, plus -plots, -report or -compare) is made when it does not exist.
 * One that exists and holds anything is refused unless --force is given;
 * then the files these commands write there (NAME.gp, .png, .svg,
 * index.html) are replaced and nothing else in it is touched.
 */
#include <errno.h>
#include <getopt.h>
#include <limits.h>
#include <dirent.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "harness/charts.h"
#include "harness/cli.h"
#include "harness/csvread.h"
#include "harness/files.h"
#include "harness/options.h"
#include "harness/profile_report.h"
#include "harness/report.h"
#include "harness/results.h"

enum what { PLOT, REPORT, COMPARE };

static const char *const cmd_names[] = { "plot", "report", "compare" };
static const char *const dir_suffix[] = { "-plots", "-report", "-compare" };

static const char plot_help[] =
"usage: lockbench plot FILE.csv... [--out DIR] [--force] [--pool]\n"
"\n"
"Draws charts of the rows that ran ok and verified, per workload setting:\n"
"throughput against threads (one line per lock), the acquisition wait's\n"
"p99 and maximum, fairness (Jain's index and the slowest thread's share),\n"
"normal against starvation mode for locks that count hand-overs (also\n"
"against --cs-ns when the sweep varied it), papi_* events per operation,\n"
"and WaitGroup round and wake-up latency.  Each chart is a gnuplot script\n"
"with its data inlined (NAME.gp; `gnuplot NAME.gp` draws it again) and the\n"
"NAME.png and NAME.svg it drew.  Needs gnuplot (Debian: gnuplot-nox).\n"
"\n"
"  --out DIR   the folder for the charts (default: FILE without .csv, plus\n"
"              -plots); made if missing\n"
"  --force     use DIR although it holds files: the charts are replaced,\n"
"              other files are left alone\n"
"\n"
"  --pool      take the rows of all runs (run_id) of one platform for\n"
"              repetitions of one case; without it each run is kept apart\n"
"              (one line per run and lock where a platform ran several)\n"
"\n"
"Several files are read as one (rows from several machines: one line per\n"
"platform and lock).  Exit status: 0 done, 1 unreadable or malformed input\n"
"or a failure to draw, 2 bad usage or DIR not empty without --force.\n"
"\n"
"On a profile (lockbench profile --out FILE.csv): the wait and the hold\n"
"distributions of its most waited-on locks (profile-wait, profile-hold).\n";

static const char report_help[] =
"usage: lockbench report FILE.csv... [--out DIR] [--force] [--pool]\n"
"\n"
"Writes DIR/index.html, one page that needs nothing but the files beside\n"
"it: the platform and the run (from the rows and the sidecar FILE.csv.meta\n"
"that `lockbench run` writes), findings computed from the data (the fastest\n"
"lock at each thread count and by how much where the difference is beyond\n"
"the noise (Mann-Whitney U, p < 0.05; ratios from repetitions paired by\n"
"round), the none lock as the harness's floor, the share of operations\n"
"spent in starvation mode and what it cost against mode=normal, numbers\n"
"that sit at the scheduler tick (kernel_hz in the sidecar), locks with\n"
"Jain's index below 0.9, noisy cases, every run that failed, timed out,\n"
"crashed or did not verify, with its error), the charts of `lockbench\n"
"plot`, and per workload setting a table of medians and CVs across\n"
"repetitions.\n"
"\n"
"  --out DIR   the folder (default: FILE without .csv, plus -report)\n"
"  --force     use DIR although it holds files (see lockbench plot --help)\n"
"  --pool      take the rows of all runs (run_id) of one platform for\n"
"              repetitions of one case, and say so on the page; without it\n"
"              each run is kept apart\n"
"\n"
"On a profile (lockbench profile --out FILE.csv, told by its header): the\n"
"program (command line, wall time, exit status, the --as lock, from the\n"
"sidecar), the most waited-on locks with their waits and holds, the wait\n"
"and hold distributions as charts, and the condition variables apart.\n";

static const char compare_help[] =
"usage: lockbench compare A.csv B.csv... [--out DIR] [--force] [--pool] [--any-command]\n"
"\n"
"Holds the same cases (lock, lock options, WaitGroup, workload and its\n"
"options, threads, pin) on several platforms (the platform column) against\n"
"each other, like with like: DIR/index.html with, against the first\n"
"platform, the single-thread cost (the ratios at 1 thread, the none lock\n"
"apart), the distribution of the per-case ratios of ops/s per thread count\n"
"(cases with more threads than a platform's PUs apart), each platform's\n"
"scaling against its own 1-thread throughput, and p99 ratios except within\n"
"4 steps of the coarser clock's resolution (from the sidecars); per\n"
"workload setting a table of each case's medians and ratios, charts with a\n"
"panel per lock and a line per platform, and the cases that only some\n"
"platforms ran.  The first platform is the first that the files name.\n"
"A platform that ran several sweeps (run ids) is a side per run, named by\n"
"its run id, as in lockbench report.  When every row is from one run of\n"
"one platform, the files are compared with each other instead, with a\n"
"warning; one such file has nothing to compare and is an error.\n"
"\n"
"  --out DIR   the folder (default: A without .csv, plus -compare)\n"
"  --force     use DIR although it holds files (see lockbench plot --help)\n"
"  --pool      take the rows of all runs of one platform as one side\n"
"\n"
"Profiles (lockbench profile --out) of one program under different --as\n"
"locks: the program's wall time and its ratio to the first, and each lock,\n"
"matched by kind and site, with its acquisitions, contended share and\n"
"waits (total, p50, p99, max), side by side.  Profiles of different\n"
"command lines (program_command in the sidecars) are refused unless\n"
"\n"
"  --any-command  compare them anyway\n"
"\n"
"A profile is not compared with a sweep's results.\n";

static const char *const helps[] = { plot_help, report_help, compare_help };

struct args {
	char **files;
	int nfiles;
	const char *out;
	bool force, pool, any_command;
};

/* 0, or an exit status after saying what is wrong (or -1 after --help). */
static int parse(enum what w, int argc, char **argv, struct args *a)
{
	enum { O_OUT = 400, O_FORCE, O_POOL, O_ANY, O_HELP };
	static const struct option opts[] = {
		{ "out", required_argument, NULL, O_OUT },
		{ "force", no_argument, NULL, O_FORCE },
		{ "pool", no_argument, NULL, O_POOL },
		{ "any-command", no_argument, NULL, O_ANY },
		{ "help", no_argument, NULL, O_HELP },
		{ NULL, 0, NULL, 0 },
	};
	const char *cmd = cmd_names[w];
	bool files_only = false;
	int rc = 0;

	if (!(a->files = calloc((size_t)argc + 1, sizeof *a->files))) {
		lb_say(stderr, "lockbench %s: out of memory", cmd);
		return 1;
	}
	while (optind < argc) {
		if (files_only) {
			a->files[a->nfiles++] = argv[optind++];
			continue;
		}
		int c = lb_cli_flag(cmd, argc, argv, opts, &rc);
		if (rc)
			return rc;
		switch (c) {
		case -1: /* a file; or "--", after which all are files */
			if (optind > 1 && strcmp(argv[optind - 1], "--") == 0)
				files_only = true;
			else if (optind < argc)
				a->files[a->nfiles++] = argv[optind++];
			break;
		case O_OUT: a->out = optarg; break;
		case O_FORCE: a->force = true; break;
		case O_POOL: a->pool = true; break;
		case O_ANY:
			if (w != COMPARE)
				return lb_cli_usage(cmd, "--any-command: only lockbench compare "
						    "takes it (profiles of different programs)");
			a->any_command = true;
			break;
		case O_HELP: fputs(helps[w], stdout); return -1;
		default: break;
		}
	}
	if (a->nfiles == 0)
		return lb_cli_usage(cmd, "no results file given (usage: lockbench %s FILE.csv...%s)",
				    cmd, w == COMPARE ? " [B.csv...]" : "");
	if (a->out && !a->out[0])
		return lb_cli_usage(cmd, "--out '': an empty path");
	return 0;
}

/* DIR: the default from the first file, when --out is not given.  0, or
 * -1 with err when it would not fit. */
static int out_dir(enum what w, const struct args *a, char *buf, size_t len, char *err,
		   size_t errlen)
{
	if (a->out)
		return lb_path(buf, len, err, errlen, "%s", a->out);
	const char *f = a->files[0];
	size_t n = strlen(f);
	if (n > 4 && strcmp(f + n - 4, ".csv") == 0)
		n -= 4;
	return lb_path(buf, len, err, errlen, "%.*s%s", (int)n, f, dir_suffix[w]);
}

/* Whether dir holds anything. */
static bool has_entries(const char *dir)
{
	DIR *d = opendir(dir);
	struct dirent *e;
	bool any = false;

	if (!d)
		return false;
	while (!any && (e = readdir(d)))
		any = strcmp(e->d_name, ".") != 0 && strcmp(e->d_name, "..") != 0;
	closedir(d);
	return any;
}

/* Refuse an output folder that is a file, or holds files without --force.
 * 0, or an exit status after saying so. */
static int check_dir(enum what w, const struct args *a, const char *dir)
{
	const char *cmd = cmd_names[w];
	const char *how = a->out ? "--out" : "output folder";
	struct stat st;

	if (stat(dir, &st) < 0)
		return 0;
	if (!S_ISDIR(st.st_mode))
		return lb_cli_usage(cmd, "%s '%s': exists and is not a folder", how, dir);
	if (!a->force && has_entries(dir))
		return lb_cli_usage(cmd, "%s '%s': exists and is not empty (add --force to replace "
				    "the charts%s in it%s)", how, dir, w == PLOT ? "" : " and report",
				    a->out ? "" : ", or name another with --out");
	/* The page is written last: one it could not replace is refused
	 * before any chart is drawn over. */
	char page[PATH_MAX + 16], err[LB_ERR_LEN + PATH_MAX];
	if (w != PLOT && snprintf(page, sizeof page, "%s/index.html", dir) < (int)sizeof page &&
	    lb_replaceable(page, err, sizeof err) < 0)
		return lb_cli_usage(cmd, "%s", err);
	return 0;
}

/* mkdir -p */
static int make_dir(const char *dir)
{
	char p[PATH_MAX];

	snprintf(p, sizeof p, "%s", dir); /* dir fits: out_dir checked it */
	for (char *s = p + 1; *s; s++) {
		if (*s != '/')
			continue;
		*s = '\0';
		if (mkdir(p, 0755) < 0 && errno != EEXIST)
			return -1;
		*s = '/';
	}
	return mkdir(p, 0755) < 0 && errno != EEXIST ? -1 : 0;
}

/* lockbench plot on probe CSVs: a heatmap of each.  0, or -1 with err. */
static int heatmaps(const struct args *a, struct lb_charts *charts, char *err, size_t errlen)
{
	char plots[PATH_MAX];

	if (lb_plots_dir(plots, sizeof plots, err, errlen) < 0)
		return -1;
	for (int i = 0; i < a->nfiles; i++)
		if (lb_heatmap_build(a->files[i], plots, charts, err, errlen) < 0)
			return -1;
	return 0;
}

/* The output folder, named and checked: 0, or an exit status after
 * saying what is wrong. */
static int pick_dir(enum what w, const struct args *a, char *dir, size_t len)
{
	char err[1024];

	if (out_dir(w, a, dir, len, err, sizeof err) < 0)
		return lb_cli_usage(cmd_names[w], "%s%s", a->out ? "--out: " : "", err);
	return check_dir(w, a, dir);
}

/* Make the folder and draw the charts of a's files in it: 0, or -1 after
 * saying why. */
static int draw_in(const char *prefix, const char *dir, const struct lb_charts *charts,
		   const char *gnuplot, const struct args *a)
{
	char err[2048];

	if (make_dir(dir) < 0) {
		lb_say(stderr, "%s: cannot make %s: %s", prefix, dir, strerror(errno));
		return -1;
	}
	if (lb_charts_draw(charts, dir, gnuplot, err, sizeof err) < 0) {
		if (a->nfiles > 1)
			lb_say(stderr, "%s: the charts of %s and %d other file%s: %s", prefix,
			       a->files[0], a->nfiles - 1, a->nfiles > 2 ? "s" : "", err);
		else
			lb_say(stderr, "%s: the charts of %s: %s", prefix, a->files[0], err);
		return -1;
	}
	return 0;
}

/*
 * Profiles (lockbench profile --out): plot draws the distributions of the
 * most waited-on locks, report writes the page of one profile, compare
 * sets several of one program side by side.  A profile is not mixed with
 * a sweep's results, and compare refuses profiles of different command
 * lines (their sidecars' program_command) unless --any-command.
 */
static int run_profiles(enum what w, const struct args *a, const char *prefix)
{
	const char *cmd = cmd_names[w];
	struct lb_pfile *pf = calloc((size_t)a->nfiles, sizeof *pf);
	struct lb_charts charts = { 0 };
	char err[1024], dir[PATH_MAX], plots[PATH_MAX], gnuplot[PATH_MAX], page[PATH_MAX + 16];
	int rc = 1, nread = 0, one = 0;

	while (!lb_pfile_is(a->files[one]))
		one++; /* the caller found one */
	for (int i = 0; i < a->nfiles; i++)
		if (!lb_pfile_is(a->files[i])) {
			rc = lb_cli_usage(cmd, "%s is a profile (lockbench profile) and %s is not: "
					  "give profiles only, or a sweep's results only",
					  a->files[one], a->files[i]);
			goto out;
		}
	if (w == COMPARE && a->nfiles < 2) {
		rc = lb_cli_usage(cmd, "one profile, nothing to compare: give two or more, of one "
				  "program under different --as locks");
		goto out;
	}
	if (w != COMPARE && a->nfiles > 1) {
		rc = lb_cli_usage(cmd, "one profile at a time (lockbench compare sets several "
				  "side by side)");
		goto out;
	}
	if (!pf) {
		lb_say(stderr, "%s: out of memory", prefix);
		goto out;
	}
	for (; nread < a->nfiles; nread++)
		if (lb_pfile_read(&pf[nread], a->files[nread], err, sizeof err) < 0) {
			lb_say(stderr, "%s: %s", prefix, err);
			goto out;
		}
	for (int i = 1; w == COMPARE && !a->any_command && i < a->nfiles; i++) {
		const char *c0 = pf[0].program_command, *ci = pf[i].program_command;
		if (!c0 || !ci) {
			rc = lb_cli_usage(cmd, "%s has no sidecar with the command line "
					  "(program_command in %s.meta), so it cannot be told to be "
					  "the same program (--any-command compares anyway)",
					  a->files[c0 ? i : 0], a->files[c0 ? i : 0]);
			goto out;
		}
		if (strcmp(c0, ci) != 0) {
			rc = lb_cli_usage(cmd, "%s profiled '%s' but %s '%s': not the same command "
					  "line (--any-command compares anyway)", a->files[0], c0,
					  a->files[i], ci);
			goto out;
		}
	}
	if (lb_plots_dir(plots, sizeof plots, err, sizeof err) < 0 ||
	    (w != COMPARE &&
	     lb_pfile_charts(&pf[0], plots, a->files[0], &charts, err, sizeof err) < 0)) {
		lb_say(stderr, "%s: %s", prefix, err);
		goto out;
	}
	if (w == PLOT && charts.n == 0) {
		lb_say(stderr, "%s: nothing to draw: %s", prefix,
		       pf[0].hists ? "no lock of the profile waited or had a hold sampled"
				   : "the profile has no wait_hist and hold_hist columns");
		goto out;
	}
	if (charts.n && lb_gnuplot_find(gnuplot, sizeof gnuplot) < 0) {
		lb_say(stderr, "%s: gnuplot not found on PATH: install it (Debian, Ubuntu: "
			"apt-get install gnuplot-nox)", prefix);
		goto out;
	}
	if ((rc = pick_dir(w, a, dir, sizeof dir)) != 0)
		goto out;
	rc = 1;
	if (draw_in(prefix, dir, &charts, gnuplot, a) < 0)
		goto out;
	if (w == PLOT) {
		for (size_t i = 0; i < charts.n; i++)
			lb_say(stdout, "%s/%s.png", dir, charts.c[i].name);
	} else {
		if (lb_path(page, sizeof page, err, sizeof err, "%s/index.html", dir) < 0 ||
		    lb_pfile_page(pf, a->nfiles, w == COMPARE, &charts, page, err, sizeof err) < 0) {
			lb_say(stderr, "%s: %s", prefix, err);
			goto out;
		}
		lb_say(stdout, "%s", page);
	}
	lb_say(stderr, "%s: %zu charts (.gp, .png, .svg) in %s", prefix, charts.n, dir);
	rc = 0;
out:
	lb_charts_free(&charts);
	for (int i = 0; pf && i < nread; i++)
		lb_pfile_free(&pf[i]);
	free(pf);
	return rc;
}

static int run(enum what w, int argc, char **argv)
{
	const char *cmd = cmd_names[w];
	struct args a = { 0 };
	struct lb_table t = { 0 };
	struct lb_results r = { 0 };
	struct lb_charts charts = { 0 };
	char err[1024], prefix[32], dir[PATH_MAX], plots[PATH_MAX], gnuplot[PATH_MAX];
	char *origin = NULL;
	bool by_file = false;
	int rc;

	if ((rc = parse(w, argc, argv, &a)) != 0) {
		free(a.files);
		return rc < 0 ? 0 : rc;
	}
	snprintf(prefix, sizeof prefix, "lockbench %s", cmd);
	for (int i = 0; i < a.nfiles; i++)
		if (lb_pfile_is(a.files[i])) {
			rc = run_profiles(w, &a, prefix);
			goto out;
		}
	if (a.any_command) {
		rc = lb_cli_usage(cmd, "--any-command: only for profiles (lockbench profile)");
		goto out;
	}
	rc = 1;
	/* lockbench probe's CSVs draw as heatmaps. */
	bool probe = w == PLOT && a.nfiles > 0;
	for (int i = 0; probe && i < a.nfiles; i++)
		probe = lb_probe_csv(a.files[i]);
	if (probe) {
		if (heatmaps(&a, &charts, err, sizeof err) < 0) {
			lb_say(stderr, "%s: %s", prefix, err);
			goto out;
		}
		goto draw;
	}
	if (lb_table_read(&t, a.files, a.nfiles, stderr, prefix, err, sizeof err) < 0) {
		lb_say(stderr, "%s: %s", prefix, err);
		goto out;
	}
	/* A sidecar is refused as its results file would be; read now, so
	 * that a hostile one stops the command before anything is drawn. */
	for (int i = 0; w != PLOT && i < a.nfiles; i++)
		if (lb_meta_read(a.files[i], NULL, NULL, err, sizeof err) < 0 && errno != ENOENT) {
			lb_say(stderr, "%s: %s", prefix, err);
			goto out;
		}
	if (t.nrows == 0) {
		lb_say(stderr, "%s: %s%s: no rows, only the header", prefix, a.files[0],
			a.nfiles > 1 ? " and the others" : "");
		goto out;
	}
	if (lb_results_build(&t, a.pool ? LB_SIDE_PLATFORM : LB_SIDE_RUN, &r, err, sizeof err) < 0) {
		lb_say(stderr, "%s: %s", prefix, err);
		goto out;
	}
	if (w == COMPARE && r.nsides < 2) {
		if (a.nfiles < 2) {
			lb_say(stderr, "%s: %s: every row is from platform '%s': nothing to compare "
			       "(give files from several platforms; lockbench run --platform NAME "
			       "names one)", prefix, a.files[0], r.sides[0]);
			goto out;
		}
		lb_results_free(&r);
		if (lb_results_build(&t, LB_SIDE_FILE, &r, err, sizeof err) < 0) {
			lb_say(stderr, "%s: %s", prefix, err);
			goto out;
		}
		by_file = true;
	}
	size_t olen = 0;
	for (int i = 0; i < a.nfiles; i++)
		olen += strlen(a.files[i]) + 2;
	if (!(origin = calloc(olen + 1, 1))) {
		lb_say(stderr, "%s: out of memory", prefix);
		goto out;
	}
	for (int i = 0; i < a.nfiles; i++)
		strcat(strcat(origin, i ? ", " : ""), a.files[i]);
	if (lb_plots_dir(plots, sizeof plots, err, sizeof err) < 0 ||
	    lb_charts_build(&r, plots, w == COMPARE ? LB_CHARTS_COMPARE : LB_CHARTS_PLOT, origin,
			    &charts, err, sizeof err) < 0) {
		lb_say(stderr, "%s: %s", prefix, err);
		goto out;
	}
	if (w == PLOT && charts.n == 0) {
		lb_say(stderr, "%s: nothing to draw: no row ran ok and verified", prefix);
		goto out;
	}
draw:
	if (lb_gnuplot_find(gnuplot, sizeof gnuplot) < 0) {
		lb_say(stderr, "%s: gnuplot not found on PATH: install it (Debian, Ubuntu: "
			"apt-get install gnuplot-nox)", prefix);
		goto out;
	}
	if ((rc = pick_dir(w, &a, dir, sizeof dir)) != 0)
		goto out;
	rc = 1;
	if (by_file) /* said once the command is sure to go on */
		lb_say(stderr, "%s: warning: every row is from platform '%s': comparing the files "
			"with each other instead", prefix, lb_row_text(&t, &t.rows[0], LB_COL_platform));
	if (draw_in(prefix, dir, &charts, gnuplot, &a) < 0)
		goto out;
	if (w != PLOT) {
		char page[PATH_MAX + 16];
		struct lb_report rep = { .r = &r, .charts = &charts, .paths = a.files,
					 .npaths = a.nfiles, .compare = w == COMPARE,
					 .by_file = by_file, .pooled = a.pool };
		if (lb_path(page, sizeof page, err, sizeof err, "%s/index.html", dir) < 0 ||
		    lb_report_write(&rep, page, err, sizeof err) < 0) {
			lb_say(stderr, "%s: %s", prefix, err);
			goto out;
		}
		lb_say(stdout, "%s", page);
	} else {
		for (size_t i = 0; i < charts.n; i++)
			lb_say(stdout, "%s/%s.png", dir, charts.c[i].name);
	}
	lb_say(stderr, "%s: %zu charts (.gp, .png, .svg) in %s", prefix, charts.n, dir);
	rc = 0;
out:
	lb_charts_free(&charts);
	lb_results_free(&r);
	lb_table_free(&t);
	free(origin);
	free(a.files);
	return rc;
}

int lb_cmd_plot(int argc, char **argv)
{
	return run(PLOT, argc, argv);
}

int lb_cmd_report(int argc, char **argv)
{
	return run(REPORT, argc, argv);
}

int lb_cmd_compare(int argc, char **argv)
{
	return run(COMPARE, argc, argv);
}
