/*
 * cli_fleet.c - lockbench merge and lockbench slurm: the command lines
 * over fleet.c.
 *
 * lockbench slurm keeps what it submitted in DIR/fleet.conf (key=value:
 * the run id, the shard count, the binary, the run flags one arg= line
 * each, one job= line per partition), so that --collect DIR, later and
 * from another shell, knows the jobs and the sweep.
 */
#include <errno.h>
#include <getopt.h>
#include <limits.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "harness/cli.h"
#include "harness/files.h"
#include "harness/fleet.h"
#include "harness/merge.h"
#include "harness/options.h"
#include "harness/platform.h"

/* ---- lockbench merge -------------------------------------------------- */

static const char merge_help[] =
"usage: lockbench merge A.csv B.csv... --out C.csv [--force]\n"
"\n"
"Joins the shards of one sweep (lockbench run --shard K/N, run with one\n"
"--run-id) into C.csv and its sidecar C.csv.meta, rows in rounds (by rep,\n"
"then case).  Refused, with nothing written: files whose columns differ\n"
"(another schema, other PAPI events), a (run_id, case, rep) that two rows\n"
"hold, rows of more than one platform.\n"
"\n"
"  --out FILE   the merged CSV (required)\n"
"  --force      replace FILE and its sidecar if they exist\n"
"\n"
"Exit status: 0 done, 1 unreadable or refused input, 2 bad usage or FILE\n"
"exists without --force.\n";

int lb_cmd_merge(int argc, char **argv)
{
	enum { O_OUT = 500, O_FORCE, O_HELP };
	static const struct option opts[] = {
		{ "out", required_argument, NULL, O_OUT },
		{ "force", no_argument, NULL, O_FORCE },
		{ "help", no_argument, NULL, O_HELP },
		{ NULL, 0, NULL, 0 },
	};
	char **in = calloc((size_t)argc + 1, sizeof *in), err[LB_ERR_LEN + 2 * PATH_MAX];
	const char *out = NULL;
	bool force = false;
	int n = 0, rc = 0;

	if (!in) {
		lb_say(stderr, "lockbench merge: out of memory");
		return 1;
	}
	while (rc == 0 && optind < argc) {
		int c = lb_cli_flag("merge", argc, argv, opts, &rc);
		switch (c) {
		case -1:
			if (optind < argc)
				in[n++] = argv[optind++];
			break;
		case O_OUT: out = optarg; break;
		case O_FORCE: force = true; break;
		case O_HELP: fputs(merge_help, stdout); free(in); return 0;
		default: break;
		}
	}
	if (rc == 0 && n == 0)
		rc = lb_cli_usage("merge", "no results file given (usage: lockbench merge A.csv "
				  "B.csv... --out C.csv)");
	else if (rc == 0 && (!out || !out[0]))
		rc = lb_cli_usage("merge", "--out C.csv is required");
	if (rc == 0 && lb_merge(in, n, out, force, stderr, err, sizeof err) < 0) {
		rc = errno == EEXIST || errno == ELOOP ? 2 : 1;
		lb_say(stderr, "lockbench merge: %s", err);
	}
	if (rc == 0)
		lb_say(stdout, "merged %d file%s into %s", n, n == 1 ? "" : "s", out);
	free(in);
	return rc;
}

/* ---- lockbench slurm -------------------------------------------------- */

static const char slurm_help[] =
"usage: lockbench slurm [run flags] --partitions P1,P2,.. [--shards N] --out DIR\n"
"                       [--sbatch-args \"...\"] [--platform-by partition|node]\n"
"                       [--no-wait] [--script] [--force]\n"
"       lockbench slurm --collect DIR [--force]\n"
"\n"
"Runs one sweep on every partition (one platform each) through Slurm, then\n"
"compares them.  For each partition it writes DIR/PARTITION/job.sbatch and\n"
"submits it with sbatch as a job array: one task per shard, each on a node\n"
"of its own (--exclusive), running `lockbench run --shard K/N` with the run\n"
"flags given (see `lockbench run --help`; not --out, --platform, --shard,\n"
"--run-id, --dry-run, --force).  It waits, showing the tasks pending,\n"
"running and done, then collects:\n"
"  DIR/PARTITION.csv   each partition's shards merged (and .meta)\n"
"  DIR/compare/        lockbench compare across the partitions\n"
"A task that fails, is cancelled or runs out of time becomes `failed` rows\n"
"for its runs, its Slurm state in the error column.\n"
"\n"
"The binary and DIR must be on a filesystem every node shares (as a home or\n"
"project directory usually is); a task that cannot find the binary says so\n"
"in DIR/PARTITION/task-K.log and fails.\n"
"\n"
"  --partitions P,..   the partitions, one platform each\n"
"  --shards N          array tasks (nodes) per partition (default 1)\n"
"  --out DIR           where everything goes (made; refused when it holds a\n"
"                      fleet.conf, unless --force)\n"
"  --sbatch-args \"..\"  more sbatch options (--time, --account, ...), split at\n"
"                      spaces\n"
"  --platform-by W     name the platform after the partition (default) or the\n"
"                      node's CPU model (node)\n"
"  --no-wait           submit, print the job ids, and return\n"
"  --script            print each partition's batch script; submit nothing\n"
"  --collect DIR       wait for the jobs submitted into DIR, then collect\n"
"  --force             replace earlier results in DIR\n"
"\n"
"Exit status: 0 every task finished and all is collected, 1 a task did not\n"
"finish or a failure (sbatch missing or refusing), 2 bad usage.\n";

/* Flags of run that lockbench slurm sets itself. */
static const char *const run_own[] = { "out", "platform", "shard", "run-id", "dry-run",
				       "force", "help" };

struct fleet {
	char dir[PATH_MAX];
	char binary[PATH_MAX];
	char run_id[128];
	int shards;
	bool by_node;
	char **args; /* run flags, argv form */
	int nargs;
	struct lb_sweep_spec *spec; /* args as lockbench run expands them (plan) */
	struct lb_slurm_job *jobs;
	int njobs;
};

static void fleet_free(struct fleet *f)
{
	for (int i = 0; i < f->nargs; i++)
		free(f->args[i]);
	free(f->args);
	free(f->spec);
	for (int i = 0; i < f->njobs; i++)
		free(f->jobs[i].state);
	free(f->jobs);
}

static int add_arg(struct fleet *f, const char *a)
{
	char **n = realloc(f->args, ((size_t)f->nargs + 2) * sizeof *n);

	if (!n)
		return -1;
	f->args = n;
	if (!(f->args[f->nargs] = strdup(a)))
		return -1;
	f->nargs++;
	return 0;
}

static int add_job(struct fleet *f, const char *partition, const char *id)
{
	struct lb_slurm_job *n = realloc(f->jobs, ((size_t)f->njobs + 1) * sizeof *n);

	if (!n)
		return -1;
	f->jobs = n;
	struct lb_slurm_job *j = &f->jobs[f->njobs];
	memset(j, 0, sizeof *j);
	snprintf(j->partition, sizeof j->partition, "%s", partition);
	snprintf(j->id, sizeof j->id, "%s", id);
	j->ntasks = f->shards;
	if (!(j->state = calloc((size_t)f->shards, sizeof *j->state)))
		return -1;
	f->njobs++;
	return 0;
}

/* A name that may go into a path and a script as it is. */
static bool plain_name(const char *s, size_t max)
{
	char clean[128];

	lb_platform_sanitize(s, clean, sizeof clean);
	return s[0] && strlen(s) < max && strcmp(clean, s) == 0 && s[0] != '.';
}

/* The sweep of f's run flags as this machine expands it, into f->spec:
 * 0, or a status after one line, "lockbench SPEAKER: ...", saying why not. */
static int plan(struct fleet *f, const char *speaker)
{
	char **argv = calloc((size_t)f->nargs + 2, sizeof *argv);
	int rc;

	free(f->spec);
	f->spec = calloc(1, sizeof *f->spec);
	if (!argv || !f->spec) {
		lb_say(stderr, "lockbench slurm: out of memory");
		free(argv);
		return 1;
	}
	argv[0] = "run";
	for (int i = 0; i < f->nargs; i++)
		argv[i + 1] = f->args[i];
	rc = lb_run_plan(f->nargs + 1, argv, f->spec, speaker);
	free(argv);
	return rc;
}

static int write_conf(const struct fleet *f, bool replace, char *err, size_t errlen)
{
	char path[PATH_MAX];
	int fd;
	FILE *c;

	if (lb_path(path, sizeof path, err, errlen, "%s/fleet.conf", f->dir) < 0 ||
	    (fd = lb_create(path, replace, NULL, err, errlen)) < 0)
		return -1;
	if (!(c = fdopen(fd, "w"))) {
		close(fd);
		return lb_err(err, errlen, "%s: %s", path, strerror(errno));
	}
	fprintf(c, "# lockbench slurm: what was submitted; lockbench slurm --collect reads it.\n"
		   "run_id=%s\nshards=%d\nbinary=%s\nplatform_by=%s\n", f->run_id, f->shards,
		f->binary, f->by_node ? "node" : "partition");
	for (int i = 0; i < f->nargs; i++)
		fprintf(c, "arg=%s\n", f->args[i]);
	for (int i = 0; i < f->njobs; i++)
		fprintf(c, "job=%s %s\n", f->jobs[i].partition, f->jobs[i].id);
	if (fclose(c) != 0)
		return lb_err(err, errlen, "%s: %s", path, strerror(errno));
	return 0;
}

/* fleet.conf, as write_conf wrote it: run_id, shards, binary and
 * platform_by once each and before the first job (a job's tasks are the
 * shards), then arg and job lines.  The file may have been edited by
 * anyone: a line out of that shape is an error that names it. */
static int read_conf(struct fleet *f, char *err, size_t errlen)
{
	static const char *const once[] = { "run_id", "shards", "binary", "platform_by" };
	enum { SHARDS = 1 }; /* once[SHARDS] */
	char path[PATH_MAX], *text, why[LB_ERR_LEN] = "";
	bool seen[sizeof once / sizeof once[0]] = { false };
	uint64_t shards;
	size_t len;
	long lineno = 0;

	if (lb_path(path, sizeof path, err, errlen, "%s/fleet.conf", f->dir) < 0 ||
	    lb_read_text(path, LB_READ_MAX_SIDECAR, &text, &len, err, errlen) < 0)
		return -1;
	for (char *line = text, *next; !why[0] && *line; line = next) {
		next = line + strcspn(line, "\n");
		if (*next)
			*next++ = '\0';
		lineno++;
		char *eq = strchr(line, '=');
		if (line[0] == '#' || !line[0])
			continue;
		if (!eq) {
			snprintf(why, sizeof why, "not KEY=VALUE");
			break;
		}
		*eq++ = '\0';
		for (size_t k = 0; k < sizeof once / sizeof once[0]; k++)
			if (strcmp(line, once[k]) == 0) {
				if (seen[k] || f->njobs)
					snprintf(why, sizeof why, "%s given %s", line,
						 seen[k] ? "twice" : "after a job");
				seen[k] = true;
			}
		if (why[0])
			break;
		if (strcmp(line, "run_id") == 0) {
			/* as lockbench run --run-id takes it: cut, it would match
			 * no row of the shards */
			if (!plain_name(eq, sizeof f->run_id))
				snprintf(why, sizeof why, "run_id: 1 to %zu of A-Z a-z 0-9 . _ -, not "
					 "starting with '.'", sizeof f->run_id - 1);
			snprintf(f->run_id, sizeof f->run_id, "%s", eq);
		} else if (strcmp(line, "shards") == 0) {
			char bad[LB_ERR_LEN];
			if (lb_parse_u64(eq, 1, 100000, &shards, bad, sizeof bad) == 0)
				f->shards = (int)shards;
			else
				snprintf(why, sizeof why, "shards: %s", bad);
		} else if (strcmp(line, "binary") == 0)
			snprintf(f->binary, sizeof f->binary, "%s", eq);
		else if (strcmp(line, "platform_by") == 0) {
			if (strcmp(eq, "node") != 0 && strcmp(eq, "partition") != 0)
				snprintf(why, sizeof why, "platform_by: partition or node");
			f->by_node = strcmp(eq, "node") == 0;
		} else if (strcmp(line, "arg") == 0) {
			if (add_arg(f, eq) < 0)
				snprintf(why, sizeof why, "out of memory");
		} else if (strcmp(line, "job") == 0) {
			char *sp = strchr(eq, ' ');
			if (sp)
				*sp = '\0';
			if (!seen[SHARDS])
				snprintf(why, sizeof why, "a job before shards");
			else if (!sp || !plain_name(eq, 64) || !sp[1] ||
				 strspn(sp + 1, "0123456789") != strlen(sp + 1) || strlen(sp + 1) > 20)
				snprintf(why, sizeof why, "not a job (PARTITION JOBID)");
			else if (add_job(f, eq, sp + 1) < 0)
				snprintf(why, sizeof why, "out of memory");
		} else {
			snprintf(why, sizeof why, "no key '%.64s' in a lockbench slurm record",
				 line);
		}
	}
	free(text);
	if (why[0])
		return lb_err(err, errlen, "%s:%ld: %s", path, lineno, why);
	if (f->njobs == 0 || !f->run_id[0])
		return lb_err(err, errlen, "%s: not a lockbench slurm record (no %s)", path,
			      f->run_id[0] ? "job" : "run_id");
	return 0;
}

/* Submit one partition's script (the user's sbatch options are in it);
 * its job id into id.  0, or 1 after saying why (sbatch's own line). */
static int submit(const char *script, const char *partition, char *id, size_t idlen)
{
	char *argv[] = { "sbatch", "--parsable", (char *)script, NULL }, out[256], errline[512];
	int rc;

	rc = lb_tool(argv, 120, out, sizeof out, errline, sizeof errline);
	if (rc != 0) {
		lb_say(stderr, "lockbench slurm: sbatch refused partition '%s': %s", partition,
		       rc < 0 ? strerror(errno) : errline[0] ? errline : "no reason given");
		return 1;
	}
	out[strcspn(out, ";\n")] = '\0'; /* "ID" or "ID;CLUSTER" */
	if (!out[0] || strspn(out, "0123456789") != strlen(out)) {
		lb_say(stderr, "lockbench slurm: sbatch gave no job id for partition '%s'", partition);
		return 1;
	}
	snprintf(id, idlen, "%s", out);
	return 0;
}

static void cancel_jobs(const struct fleet *f)
{
	char out[256], errline[256];

	for (int i = 0; i < f->njobs; i++) {
		char *argv[] = { "scancel", f->jobs[i].id, NULL };
		lb_tool(argv, 60, out, sizeof out, errline, sizeof errline);
	}
}

/* Wait until every task is in a final state, saying on stderr how many
 * are pending, running and done whenever that changes.  0, or 1. */
static int wait_jobs(struct fleet *f)
{
	char last[1024] = "", now[1024], err[LB_ERR_LEN + 128];
	int failures = 0;

	for (;;) {
		int pending = 0, running = 0, done = 0, total = 0;
		bool polled = true;
		for (int i = 0; i < f->njobs; i++)
			if (lb_slurm_poll(&f->jobs[i], f->dir, err, sizeof err) < 0)
				polled = false;
		if (!polled) { /* squeue may fail for a moment under load; not for long */
			if (++failures >= 10) {
				lb_say(stderr, "lockbench slurm: %s", err);
				return 1;
			}
			sleep(3);
			continue;
		}
		failures = 0;
		for (int i = 0; i < f->njobs; i++)
			for (int k = 0; k < f->jobs[i].ntasks; k++) {
				const char *st = f->jobs[i].state[k];
				total++;
				if (lb_slurm_final(st))
					done++;
				else if (strcmp(st, "PENDING") == 0 || !st[0])
					pending++;
				else
					running++;
			}
		snprintf(now, sizeof now, "lockbench slurm: %d task%s: %d pending, %d running, %d done",
			 total, total == 1 ? "" : "s", pending, running, done);
		if (strcmp(now, last) != 0) {
			fprintf(stderr, "%s\n", now);
			snprintf(last, sizeof last, "%s", now);
		}
		if (done == total)
			return 0;
		sleep(2);
	}
}

/* Merge each partition's shards (and failed rows) and compare them; f's
 * run flags are planned (plan). */
static int collect(struct fleet *f, bool force)
{
	char err[LB_ERR_LEN + 2 * PATH_MAX], path[PATH_MAX];
	char **merged = calloc((size_t)f->njobs + 1, sizeof *merged);
	char **in = calloc((size_t)f->shards + 2, sizeof *in);
	int rc = 0, nmerged = 0, unfinished = 0;

	if (!merged || !in) {
		lb_say(stderr, "lockbench slurm: out of memory");
		rc = 1;
		goto out;
	}
	for (int i = 0; i < f->njobs; i++) {
		struct lb_slurm_job *j = &f->jobs[i];
		char failed[PATH_MAX];
		int nin = 0, nfailed = 0;
		for (int k = 0; k < j->ntasks; k++)
			unfinished += strcmp(j->state[k], "COMPLETED") != 0;
		if (lb_path(failed, sizeof failed, err, sizeof err, "%s/%s/failed.csv", f->dir,
			    j->partition) < 0 ||
		    lb_path(path, sizeof path, err, sizeof err, "%s/%s.csv", f->dir,
			    j->partition) < 0 ||
		    lb_slurm_failed_rows(j, f->dir, f->spec, f->run_id, failed, in, &nin, &nfailed,
					 stderr, err, sizeof err) < 0 ||
		    (nin && lb_merge(in, nin, path, force, stderr, err, sizeof err) < 0)) {
			lb_say(stderr, "lockbench slurm: %s: %s", j->partition, err);
			rc = 1;
		} else if (nin) {
			lb_say(stdout, "%s: %s%s", j->partition, path,
			       nfailed ? " (with failed rows: see its error column)" : "");
			if (nfailed)
				lb_say(stderr, "lockbench slurm: %s: %d runs did not finish; they are "
				       "failed rows in %s", j->partition, nfailed, path);
			if ((merged[nmerged] = strdup(path))) {
				nmerged++;
			} else {
				lb_say(stderr, "lockbench slurm: out of memory");
				rc = 1;
			}
		}
		for (int k = 0; k < nin; k++)
			free(in[k]);
	}
	if (nmerged >= 2) {
		char **argv = calloc((size_t)nmerged + 5, sizeof *argv);
		int n = 0;
		if (!argv || lb_path(path, sizeof path, err, sizeof err, "%s/compare", f->dir) < 0) {
			lb_say(stderr, "lockbench slurm: %s", argv ? err : "out of memory");
			free(argv);
			rc = 1;
			goto out;
		}
		argv[n++] = "compare";
		for (int i = 0; i < nmerged; i++)
			argv[n++] = merged[i];
		argv[n++] = "--out";
		argv[n++] = path;
		if (force)
			argv[n++] = "--force";
		optind = 1;
		if (lb_cmd_compare(n, argv) != 0)
			rc = 1;
		else
			lb_say(stdout, "comparison: %s/index.html", path);
		free(argv);
	} else if (nmerged == 1) {
		lb_say(stdout, "one partition: nothing to compare (lockbench report %s)", merged[0]);
	}
	if (unfinished) {
		lb_say(stderr, "lockbench slurm: %d task%s did not complete", unfinished,
		       unfinished == 1 ? "" : "s");
		rc = 1;
	}
out:
	for (int i = 0; merged && i < nmerged; i++)
		free(merged[i]);
	free(merged);
	free(in);
	return rc;
}

/* The fleet's folder DIR as an absolute path into abs, made first (one
 * level) with create when it does not exist: 0, or an exit status after
 * saying why. */
static int fleet_dir(const char *dir, bool create, char *abs, size_t len)
{
	char cwd[PATH_MAX], err[LB_ERR_LEN];

	if (create && mkdir(dir, 0755) < 0 && errno != EEXIST) {
		lb_say(stderr, "lockbench slurm: --out '%s': cannot make it: %s", dir, strerror(errno));
		return 1;
	}
	if (dir[0] == '/')
		return lb_path(abs, len, err, sizeof err, "%s", dir) < 0
			       ? lb_cli_usage("slurm", "--out: %s", err) : 0;
	if (!getcwd(cwd, sizeof cwd)) {
		lb_say(stderr, "lockbench slurm: cannot tell the current folder: %s", strerror(errno));
		return 1;
	}
	return lb_path(abs, len, err, sizeof err, "%s/%s", cwd, dir) < 0
		       ? lb_cli_usage("slurm", "--out: %s", err) : 0;
}

/* Remove what an earlier submission into DIR left for partition p (the
 * files its tasks and collection write, by their names only), so that no
 * stale shard or status is taken for this sweep's. */
static void clear_outputs(const struct fleet *f, const char *p)
{
	char path[PATH_MAX], err[LB_ERR_LEN];

	for (int k = 1; k <= f->shards; k++) {
		if (lb_path(path, sizeof path, err, sizeof err, "%s/%s/shard-%d.csv", f->dir, p, k) == 0)
			unlink(path);
		if (lb_path(path, sizeof path, err, sizeof err, "%s/%s/shard-%d.csv.meta", f->dir, p,
			    k) == 0)
			unlink(path);
		if (lb_path(path, sizeof path, err, sizeof err, "%s/%s/task-%d.status", f->dir, p,
			    k) == 0)
			unlink(path);
	}
	if (lb_path(path, sizeof path, err, sizeof err, "%s/%s/failed.csv", f->dir, p) == 0)
		unlink(path);
	if (lb_path(path, sizeof path, err, sizeof err, "%s/%s/failed.csv.meta", f->dir, p) == 0)
		unlink(path);
}

/* Write each partition's script (to stdout with --script) and submit it. */
static int submit_all(struct fleet *f, char *const *parts, int nparts, const char *sbatch_args,
		      bool script_only, bool force)
{
	char err[LB_ERR_LEN + PATH_MAX], part[PATH_MAX], path[PATH_MAX], id[32];

	for (int i = 0; i < nparts; i++) {
		if (script_only) {
			if (lb_slurm_script(stdout, f->binary, f->dir, parts[i], f->shards, f->run_id,
					    f->args, f->nargs, sbatch_args, f->by_node) < 0)
				return 1;
			continue;
		}
		if (lb_path(part, sizeof part, err, sizeof err, "%s/%s", f->dir, parts[i]) < 0 ||
		    lb_path(path, sizeof path, err, sizeof err, "%s/job.sbatch", part) < 0) {
			lb_say(stderr, "lockbench slurm: %s", err);
			return 1;
		}
		if (mkdir(part, 0755) < 0 && errno != EEXIST) {
			lb_say(stderr, "lockbench slurm: cannot make %s: %s", part, strerror(errno));
			return 1;
		}
		clear_outputs(f, parts[i]);
		int fd = lb_create(path, force, NULL, err, sizeof err);
		if (fd < 0) {
			lb_say(stderr, "lockbench slurm: %s", err);
			return 1;
		}
		FILE *sf = fdopen(fd, "w");
		bool bad = !sf || lb_slurm_script(sf, f->binary, f->dir, parts[i], f->shards,
						  f->run_id, f->args, f->nargs, sbatch_args,
						  f->by_node) < 0;
		if (sf ? fclose(sf) != 0 : close(fd) != 0)
			bad = true;
		if (bad) {
			lb_say(stderr, "lockbench slurm: cannot write %s: %s", path, strerror(errno));
			return 1;
		}
		if (submit(path, parts[i], id, sizeof id) != 0)
			return 1;
		if (add_job(f, parts[i], id) < 0) {
			lb_say(stderr, "lockbench slurm: out of memory");
			return 1;
		}
	}
	return 0;
}

int lb_cmd_slurm(int argc, char **argv)
{
	enum { O_PARTS = 600, O_SHARDS, O_OUT, O_SBATCH, O_NOWAIT, O_SCRIPT, O_COLLECT,
	       O_PLATFORM_BY, O_FORCE, O_HELP, O_SETS };
	static const struct option own[] = {
		{ "partitions", required_argument, NULL, O_PARTS },
		{ "shards", required_argument, NULL, O_SHARDS },
		{ "out", required_argument, NULL, O_OUT },
		{ "sbatch-args", required_argument, NULL, O_SBATCH },
		{ "no-wait", no_argument, NULL, O_NOWAIT },
		{ "script", no_argument, NULL, O_SCRIPT },
		{ "collect", required_argument, NULL, O_COLLECT },
		{ "platform-by", required_argument, NULL, O_PLATFORM_BY },
		{ "force", no_argument, NULL, O_FORCE },
		{ "help", no_argument, NULL, O_HELP },
		/* run's flags that slurm sets for each task: named, so that
		 * getopt takes --platform for itself, not for --platform-by */
		{ "platform", required_argument, NULL, O_SETS },
		{ "shard", required_argument, NULL, O_SETS },
		{ "run-id", required_argument, NULL, O_SETS },
		{ "dry-run", no_argument, NULL, O_SETS },
	};
	const size_t nown = sizeof own / sizeof own[0];
	struct option opts[nown + 64];
	struct fleet f = { .shards = 1 };
	char *parts_text = NULL, *parts[64], err[LB_ERR_LEN + PATH_MAX];
	const char *out = NULL, *collect_dir = NULL, *sbatch_args = NULL, *shards = NULL;
	bool no_wait = false, script_only = false, force = false, platform_by = false;
	int nparts = 0, n = 0, rc = 0, c;

	/* lockbench slurm's own flags, then run's, less those it sets itself. */
	memcpy(opts, own, sizeof own);
	n = (int)nown;
	for (const struct option *o = lb_run_options; o->name && n < (int)nown + 63; o++) {
		bool mine = false;
		for (size_t i = 0; i < sizeof run_own / sizeof run_own[0]; i++)
			mine |= strcmp(o->name, run_own[i]) == 0;
		if (!mine)
			opts[n++] = *o;
	}
	opts[n] = (struct option){ NULL, 0, NULL, 0 };
	while (rc == 0 && (c = lb_cli_flag("slurm", argc, argv, opts, &rc)) != -1) {
		switch (c) {
		case O_PARTS: parts_text = optarg; break;
		case O_SHARDS: shards = optarg; break;
		case O_OUT: out = optarg; break;
		case O_SBATCH:
			sbatch_args = optarg;
			if (strpbrk(optarg, "\n\r"))
				rc = lb_cli_usage("slurm", "--sbatch-args: a line break in a value");
			break;
		case O_NOWAIT: no_wait = true; break;
		case O_SCRIPT: script_only = true; break;
		case O_COLLECT: collect_dir = optarg; break;
		case O_FORCE: force = true; break;
		case O_PLATFORM_BY:
			platform_by = true;
			if (strcmp(optarg, "node") != 0 && strcmp(optarg, "partition") != 0)
				rc = lb_cli_usage("slurm", "--platform-by '%s': partition or node",
						  optarg);
			f.by_node = strcmp(optarg, "node") == 0;
			break;
		case O_HELP: fputs(slurm_help, stdout); goto out;
		case O_SETS:
			rc = lb_cli_usage("slurm", "--platform, --shard, --run-id and --dry-run are "
					  "not slurm's: it sets the first three for each task, and "
					  "--script shows what it would submit");
			break;
		default: /* one of run's: passed on as typed */
			if (c == '?' || c == ':')
				break;
			for (int i = (int)nown; i < n; i++)
				if (opts[i].val == c) {
					char flag[64];
					snprintf(flag, sizeof flag, "--%s", opts[i].name);
					if (add_arg(&f, flag) < 0 ||
					    (opts[i].has_arg && add_arg(&f, optarg) < 0)) {
						lb_say(stderr, "lockbench slurm: out of memory");
						rc = 1;
					}
					if (opts[i].has_arg && strchr(optarg, '\n'))
						rc = lb_cli_usage("slurm", "--%s: a line break in a "
								  "value", opts[i].name);
				}
			break;
		}
	}
	if (rc)
		goto out;
	if (optind < argc) {
		rc = lb_cli_usage("slurm", "unexpected argument '%s' (see lockbench slurm --help)",
				  argv[optind]);
		goto out;
	}
	if (collect_dir) {
		if (parts_text || out || f.nargs || shards || sbatch_args || no_wait || script_only ||
		    platform_by) {
			rc = lb_cli_usage("slurm", "--collect DIR takes no other flag but --force");
			goto out;
		}
		fleet_free(&f);
		f = (struct fleet){ 0 };
		if ((rc = fleet_dir(collect_dir, false, f.dir, sizeof f.dir)) != 0)
			goto out;
		if (read_conf(&f, err, sizeof err) < 0) {
			lb_say(stderr, "lockbench slurm: --collect: %s", err);
			rc = 1;
			goto out;
		}
		/* The run's flags, as collect expands them, before the wait: a
		 * record whose arg= lines lockbench run refuses fails now, not
		 * once every task has ended, in one line that names it. */
		char speaker[PATH_MAX + 64];
		snprintf(speaker, sizeof speaker, "slurm: --collect: %s/fleet.conf: its arg= lines",
			 f.dir);
		if (plan(&f, speaker) != 0) {
			rc = 1;
			goto out;
		}
		if (!lb_tool_found("squeue")) {
			lb_say(stderr, "lockbench slurm: squeue not found: run this where Slurm's "
			       "client commands are (a login node)");
			rc = 1;
			goto out;
		}
		rc = wait_jobs(&f);
		int crc = rc == 0 ? collect(&f, force) : rc;
		rc = crc;
		goto out;
	}
	if (!parts_text || !parts_text[0]) {
		rc = lb_cli_usage("slurm", "--partitions P1,P2,.. is required");
		goto out;
	}
	if (!out || !out[0]) {
		rc = lb_cli_usage("slurm", "--out DIR is required");
		goto out;
	}
	if (shards) {
		uint64_t v;
		if (lb_parse_u64(shards, 1, 10000, &v, err, sizeof err) < 0) {
			rc = lb_cli_usage("slurm", "--shards '%s': %s", shards, err);
			goto out;
		}
		f.shards = (int)v;
	}
	char partbuf[4096];
	snprintf(partbuf, sizeof partbuf, "%s", parts_text);
	for (char *p = strtok(partbuf, ","); p; p = strtok(NULL, ",")) {
		if (!plain_name(p, 64)) {
			rc = lb_cli_usage("slurm", "--partitions: '%s' is not a partition name "
					  "(1 to 63 of A-Z a-z 0-9 . _ -)", p);
			goto out;
		}
		for (int i = 0; i < nparts; i++)
			if (strcmp(parts[i], p) == 0) {
				rc = lb_cli_usage("slurm", "--partitions: '%s' twice", p);
				goto out;
			}
		if (nparts == 64) {
			rc = lb_cli_usage("slurm", "--partitions: more than 64");
			goto out;
		}
		parts[nparts++] = p;
	}
	/* The run flags, checked here before anything is submitted. */
	if ((rc = plan(&f, "slurm")) != 0)
		goto out;
	ssize_t blen = readlink("/proc/self/exe", f.binary, sizeof f.binary - 1);
	if (blen <= 0) {
		lb_say(stderr, "lockbench slurm: cannot tell where this program is: %s",
		       strerror(errno));
		rc = 1;
		goto out;
	}
	f.binary[blen] = '\0';
	if (!script_only && !lb_tool_found("sbatch")) {
		lb_say(stderr, "lockbench slurm: sbatch not found: run this on a login node with "
		       "Slurm's client commands (Debian: slurm-client)");
		rc = 1;
		goto out;
	}
	if ((rc = fleet_dir(out, !script_only, f.dir, sizeof f.dir)) != 0)
		goto out;
	struct stat st;
	char conf[PATH_MAX];
	if (!script_only && !force &&
	    lb_path(conf, sizeof conf, err, sizeof err, "%s/fleet.conf", f.dir) == 0 &&
	    lstat(conf, &st) == 0) {
		rc = lb_cli_usage("slurm", "--out '%s': it holds a submitted sweep (fleet.conf); "
				  "add --force to replace it", out);
		goto out;
	}
	char stamp[32];
	time_t now = time(NULL);
	struct tm tm;
	localtime_r(&now, &tm);
	strftime(stamp, sizeof stamp, "%Y%m%dT%H%M%S", &tm);
	snprintf(f.run_id, sizeof f.run_id, "%s-slurm-%d", stamp, (int)getpid());
	if ((rc = submit_all(&f, parts, nparts, sbatch_args, script_only, force)) != 0) {
		cancel_jobs(&f); /* none of a half-submitted fleet left running */
		goto out;
	}
	if (script_only)
		goto out;
	if (write_conf(&f, force, err, sizeof err) < 0) {
		lb_say(stderr, "lockbench slurm: %s", err);
		cancel_jobs(&f);
		rc = 1;
		goto out;
	}
	for (int i = 0; i < f.njobs; i++)
		printf("%s %s\n", f.jobs[i].partition, f.jobs[i].id);
	fflush(stdout);
	if (no_wait) {
		lb_say(stderr, "lockbench slurm: submitted; collect with: lockbench slurm --collect %s",
		       f.dir);
		goto out;
	}
	rc = wait_jobs(&f);
	if (rc == 0)
		rc = collect(&f, force);
out:
	fleet_free(&f);
	return rc;
}
