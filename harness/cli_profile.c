/*
 * cli_profile.c - lockbench profile: run any dynamically linked program
 * with the preload library (profile/), then write what it counted.
 *
 * The program runs as lockbench's child with LD_PRELOAD naming the
 * library (ahead of any LD_PRELOAD already set), LB_PROFILE_DIR a
 * private directory where each of its processes leaves a file, and
 * LB_PROFILE_AS the --as lock.  Its stdin, stdout and stderr are its
 * own.  While it runs, lockbench ignores SIGINT and SIGQUIT (the
 * terminal sends them to the program too, which decides) and passes
 * SIGTERM and SIGHUP on to it.  When it has gone, however it ended,
 * lockbench reads the files, prints the table of the most contended
 * locks on stderr, writes the CSV and its sidecar with --out, and exits
 * with the program's status: its exit code, 128+N when signal N killed
 * it, 127 when it could not be run.
 */
#include <errno.h>
#include <dirent.h>
#include <limits.h>
#include <signal.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "config.h"
#include "harness/charts.h"
#include "harness/cli.h"
#include "harness/clock.h"
#include "harness/files.h"
#include "harness/options.h"
#include "harness/profile.h"
#include "locks/lock.h"

#ifndef LB_PRELOADDIR
#error "LB_PRELOADDIR comes from Makefile.am"
#endif
#define LB_PRELOAD_NAME "lockbench-preload.so"

static const char profile_help[] =
"usage: lockbench profile [--out FILE.csv] [--force] [--as LOCK[:opts]] [--allow-unsafe]\n"
"                         [--] PROGRAM [ARGS...]\n"
"\n"
"Runs PROGRAM with a preload library that interposes its pthread mutexes,\n"
"rwlocks, spinlocks and condition-variable waits, and counts and times them:\n"
"one row per lock (acquisitions, contended, waits, holds, owner changes,\n"
"threads, the site that first initialised or locked it).  The most\n"
"contended locks are listed on stderr when PROGRAM ends.\n"
"\n"
"  --out FILE.csv   write the profile there, and FILE.csv.meta beside it\n"
"                   (command, wall time, exit status)\n"
"  --force          replace FILE.csv if it exists\n"
"  --as LOCK[:opts] run PROGRAM's mutexes on this lockbench lock (see\n"
"                   lockbench list); recursive and error-checking mutexes\n"
"                   stay the system's, and their rows say so\n"
"  --allow-unsafe   allow --as with a lock that does not exclude (none)\n"
"\n"
"PROGRAM's stdin, stdout and stderr are its own; lockbench exits with its\n"
"status (127: it could not be run; 128+N: signal N killed it).  Threads\n"
"and forked children are followed; a program it execs is followed when its\n"
"environment keeps LD_PRELOAD and LB_PROFILE_DIR.  A statically linked\n"
"program cannot be interposed: lockbench says so.\n";

enum { O_OUT = 1, O_FORCE, O_AS, O_UNSAFE, O_HELP };

struct profile_args {
	const char *out, *as;
	bool force, allow_unsafe;
	char **prog;
};

static int parse_args(int argc, char **argv, struct profile_args *a)
{
	static const struct option opts[] = {
		{ "out", required_argument, NULL, O_OUT },
		{ "force", no_argument, NULL, O_FORCE },
		{ "as", required_argument, NULL, O_AS },
		{ "allow-unsafe", no_argument, NULL, O_UNSAFE },
		{ "help", no_argument, NULL, O_HELP },
		{ NULL, 0, NULL, 0 },
	};
	int rc = 0;

	for (;;) {
		int c = lb_cli_flag("profile", argc, argv, opts, &rc);
		if (rc)
			return rc;
		switch (c) {
		case -1:
			if (optind >= argc)
				return lb_cli_usage("profile", "no PROGRAM given (usage: lockbench "
							       "profile [options] -- PROGRAM ARGS...)");
			a->prog = argv + optind;
			return 0;
		case O_OUT: a->out = optarg; break;
		case O_FORCE: a->force = true; break;
		case O_AS: a->as = optarg; break;
		case O_UNSAFE: a->allow_unsafe = true; break;
		case O_HELP: fputs(profile_help, stdout); return -1;
		default: break;
		}
	}
}

/* --as LOCK[:opts]: a lock of the registry, with options it accepts. */
static int check_as(const struct profile_args *a)
{
	char name[64], err[LB_ERR_LEN], owner[96];
	struct lb_optset o;
	const char *colon = strchr(a->as, ':');
	size_t len = colon ? (size_t)(colon - a->as) : strlen(a->as);
	const struct lb_lock_ops *ops;

	snprintf(name, sizeof name, "%.*s", (int)len, a->as);
	if (len >= sizeof name || !(ops = lb_lock_find(name))) {
		char names[512] = "";
		for (int i = 0; lb_locks[i]; i++)
			snprintf(names + strlen(names), sizeof names - strlen(names), "%s%s",
				 i ? ", " : "", lb_locks[i]->name);
		return lb_cli_usage("profile", "--as: unknown lock '%s' (locks: %s)", name, names);
	}
	snprintf(owner, sizeof owner, "lock '%s'", name);
	if (lb_opts_parse(owner, ops->options, colon ? colon + 1 : NULL, &o, err, sizeof err) < 0 ||
	    (ops->check && ops->check(&o, err, sizeof err) < 0))
		return lb_cli_usage("profile", "--as: %s", err);
	if ((ops->caps & LB_CAP_UNSAFE) && !a->allow_unsafe)
		return lb_cli_usage("profile", "--as: lock '%s' does not exclude; it runs only "
					       "with --allow-unsafe", name);
	if (strlen(a->as) >= 160 || lb_ctx_stride(ops) > LB_LINE)
		return lb_cli_usage("profile", "--as: '%s' cannot run under profile", a->as);
	return 0;
}

/* The preload library: beside this program in its build tree, else
 * where make install put it. */
static int preload_path(char *buf, size_t len, char *err, size_t errlen)
{
	if (lb_path(buf, len, err, errlen, "%s/%s",
		    lb_in_build_tree() ? LB_BUILDDIR "/profile" : LB_PRELOADDIR, LB_PRELOAD_NAME) < 0)
		return -1;
	if (access(buf, R_OK) < 0)
		return lb_err(err, errlen, "%s: %s (make builds it, make install installs it)", buf,
			      strerror(errno));
	return 0;
}

static volatile sig_atomic_t g_child;

static void pass_on(int sig)
{
	if (g_child > 0)
		kill((pid_t)g_child, sig);
}

/* In the child: the environment, then PROGRAM.  Never returns. */
static void run_child(const struct profile_args *a, const char *lib, const char *dir)
{
	const char *old = getenv("LD_PRELOAD");
	char *pre = NULL;

	signal(SIGINT, SIG_DFL);
	signal(SIGQUIT, SIG_DFL);
	signal(SIGPIPE, SIG_DFL);
	signal(SIGXFSZ, SIG_DFL);
	if (asprintf(&pre, "%s%s%s", lib, old && old[0] ? ":" : "", old ? old : "") < 0 ||
	    setenv("LD_PRELOAD", pre, 1) < 0 || setenv("LB_PROFILE_DIR", dir, 1) < 0 ||
	    (a->as ? setenv("LB_PROFILE_AS", a->as, 1) : unsetenv("LB_PROFILE_AS")) < 0) {
		lb_say(stderr, "lockbench profile: cannot set the environment: %s", strerror(errno));
		_exit(127);
	}
	execvp(a->prog[0], a->prog);
	lb_say(stderr, "lockbench profile: cannot run '%s': %s", a->prog[0], strerror(errno));
	_exit(127);
}

static void remove_dir(const char *dir)
{
	DIR *d = opendir(dir);
	struct dirent *de;

	if (d) {
		while ((de = readdir(d)))
			if (de->d_name[0] != '.')
				unlinkat(dirfd(d), de->d_name, 0);
		closedir(d);
	}
	rmdir(dir);
}

static void write_meta(FILE *f, const struct profile_args *a, int argc, char **argv,
		       int status, double wall_s, int procs)
{
	fprintf(f, "# How the profiled program ran (key=value).\ncommand=lockbench");
	for (int i = 0; i < argc; i++) {
		fputc(' ', f);
		lb_sh_word(f, argv[i], true);
	}
	fprintf(f, "\nprogram_command=");
	for (char **p = a->prog; *p; p++) {
		if (p != a->prog)
			fputc(' ', f);
		lb_sh_word(f, *p, true);
	}
	fprintf(f, "\nas=%s\nwall_s=%.6f\n", a->as ? a->as : "NA", wall_s);
	if (WIFSIGNALED(status))
		fprintf(f, "exit_status=%d\nsignal=%d\n", 128 + WTERMSIG(status), WTERMSIG(status));
	else
		fprintf(f, "exit_status=%d\nsignal=NA\n", WEXITSTATUS(status));
	fprintf(f, "processes=%d\nlockbench_version=%s\n", procs, PACKAGE_VERSION);
}

int lb_cmd_profile(int argc, char **argv)
{
	struct profile_args a = { 0 };
	char lib[PATH_MAX], err[LB_ERR_LEN + PATH_MAX], dir[PATH_MAX];
	FILE *csv = NULL, *meta = NULL;
	int rc = parse_args(argc, argv, &a);

	if (rc)
		return rc < 0 ? 0 : rc;
	if (a.as && (rc = check_as(&a)) != 0)
		return rc;
	if (a.out && !a.out[0])
		return lb_cli_usage("profile", "--out '': an empty path");
	if (preload_path(lib, sizeof lib, err, sizeof err) < 0) {
		lb_say(stderr, "lockbench profile: %s", err);
		return 1;
	}
	const char *tmp = getenv("TMPDIR");
	if (lb_path(dir, sizeof dir, err, sizeof err, "%s/lockbench-profile.XXXXXX",
		    tmp && tmp[0] ? tmp : "/tmp") < 0 || !mkdtemp(dir)) {
		lb_say(stderr, "lockbench profile: cannot make a directory for the profile: %s",
		       tmp && tmp[0] ? tmp : "/tmp");
		return 1;
	}
	if (a.out && lb_open_results(a.out, a.force, &csv, &meta, err, sizeof err) < 0) {
		remove_dir(dir);
		return errno == EWOULDBLOCK ? (lb_say(stderr, "lockbench profile: %s", err), 1)
					    : lb_cli_usage("profile", "--out: %s", err);
	}

	struct sigaction ign = { .sa_handler = SIG_IGN }, fwd = { .sa_handler = pass_on }, old[4];
	sigaction(SIGINT, &ign, &old[0]);
	sigaction(SIGQUIT, &ign, &old[1]);
	sigaction(SIGTERM, &fwd, &old[2]);
	sigaction(SIGHUP, &fwd, &old[3]);
	fflush(NULL);
	uint64_t t0 = lb_now_ns();
	pid_t pid = fork();
	if (pid == 0)
		run_child(&a, lib, dir);
	int status = 0;
	if (pid > 0) {
		g_child = pid;
		while (waitpid(pid, &status, 0) < 0 && errno == EINTR)
			;
		g_child = 0;
	}
	double wall_s = (double)(lb_now_ns() - t0) / 1e9;
	sigaction(SIGINT, &old[0], NULL);
	sigaction(SIGQUIT, &old[1], NULL);
	sigaction(SIGTERM, &old[2], NULL);
	sigaction(SIGHUP, &old[3], NULL);
	if (pid < 0) {
		lb_say(stderr, "lockbench profile: cannot start '%s': %s", a.prog[0], strerror(errno));
		status = 127 << 8;
	}
	int exit_rc = WIFSIGNALED(status) ? 128 + WTERMSIG(status) : WEXITSTATUS(status);
	if (WIFSIGNALED(status))
		lb_say(stderr, "lockbench profile: %s was killed by signal %d (%s)%s", a.prog[0],
		       WTERMSIG(status), strsignal(WTERMSIG(status)),
		       WCOREDUMP(status) ? ", core dumped" : "");

	struct lb_profile *p = lb_profile_read(dir, err, sizeof err);
	remove_dir(dir);
	if (!p) {
		lb_say(stderr, "lockbench profile: cannot read the profile: %s", err);
	} else if (lb_profile_processes(p) == 0) {
		if (exit_rc != 127)
			lb_say(stderr, "lockbench profile: %s did not load the preload library: a "
				       "statically linked (or setuid) program has no pthread calls to "
				       "interpose, so there is nothing to profile", a.prog[0]);
	} else if (lb_profile_locks(p) == 0) {
		lb_say(stderr, "lockbench profile: %s used no pthread locks: nothing to interpose",
		       a.prog[0]);
	} else {
		lb_profile_table(p, stderr, 10);
	}
	if (csv) {
		/* -1: out of memory, or a write failed (then ferror says so). */
		int wrote = p ? lb_profile_csv(p, csv) : 0;
		write_meta(meta, &a, argc, argv, status, wall_s,
			   p ? lb_profile_processes(p) : 0);
		/* A profile cut short is removed, sidecar and all. */
		snprintf(err, sizeof err, "%s: out of memory for its rows", a.out);
		if (lb_close_results(csv, meta, a.out, wrote == 0, err, sizeof err) < 0) {
			lb_say(stderr, "lockbench profile: %s", err);
			if (exit_rc == 0)
				exit_rc = 1;
		}
	}
	lb_profile_free(p);
	return exit_rc;
}
