/*
 * fleet.c - a sweep cut into shards, and the shards run as Slurm job
 * arrays.  See fleet.h; the join is merge.c, the commands cli_fleet.c.
 */
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <poll.h>
#include <signal.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "harness/cli.h"
#include "harness/csvread.h"
#include "harness/files.h"
#include "harness/fleet.h"
#include "harness/options.h"
#include "harness/merge.h"
#include "harness/runner.h"
#include "locks/waitgroup.h"

/* ---- sharding --------------------------------------------------------- */

int lb_shard_parse(const char *text, struct lb_shard *sh, char *err, size_t errlen)
{
	char k[32], why[LB_ERR_LEN];
	const char *slash = strchr(text, '/');
	uint64_t kk, nn;

	if (!slash || (size_t)(slash - text) >= sizeof k)
		return errno = EINVAL, lb_err(err, errlen, "not K/N (the K-th of N shards)");
	memcpy(k, text, (size_t)(slash - text));
	k[slash - text] = '\0';
	if (lb_parse_u64(slash + 1, 1, INT_MAX, &nn, why, sizeof why) < 0 ||
	    lb_parse_u64(k, 1, nn, &kk, why, sizeof why) < 0)
		return errno = EINVAL, lb_err(err, errlen, "not K/N with 1 <= K <= N: %s", why);
	sh->k = (int)kk;
	sh->n = (int)nn;
	return 0;
}

/* What a case costs besides its window: fork, topology, pinning, the
 * transfer probe and the row; the figure lockbench run's estimate uses. */
#define CASE_OVERHEAD_S 0.03

double lb_case_cost(const struct lb_case *c, unsigned reps, bool hang)
{
	uint64_t ns = hang && c->wg && c->wg->hangs ? c->timeout_ns
						    : c->warmup_ns + c->duration_ns;

	return reps * ((double)ns / 1e9 + CASE_OVERHEAD_S);
}

struct job {
	double cost;
	int i;
};

/* Longest first; equal costs by case number, so the deal is the same on
 * every machine. */
static int by_cost(const void *a, const void *b)
{
	const struct job *x = a, *y = b;

	if (x->cost != y->cost)
		return x->cost > y->cost ? -1 : 1;
	return (x->i > y->i) - (x->i < y->i);
}

int lb_shard_split(const double *cost, int ncases, int nshards, int *shard_of)
{
	struct job *jobs;
	double *load;

	if (nshards < 1 || ncases < 0)
		return errno = EINVAL, -1;
	jobs = malloc(((size_t)ncases + 1) * sizeof *jobs);
	load = calloc((size_t)nshards, sizeof *load);
	if (!jobs || !load) {
		free(jobs);
		free(load);
		return errno = ENOMEM, -1;
	}
	for (int i = 0; i < ncases; i++)
		jobs[i] = (struct job){ .cost = cost[i], .i = i };
	qsort(jobs, (size_t)ncases, sizeof *jobs, by_cost);
	for (int j = 0; j < ncases; j++) {
		int least = 0;
		for (int k = 1; k < nshards; k++)
			if (load[k] < load[least])
				least = k; /* ties: the lowest shard */
		load[least] += jobs[j].cost;
		shard_of[jobs[j].i] = least + 1;
	}
	free(jobs);
	free(load);
	return 0;
}

int lb_sweep_shards(const struct lb_case *cases, int ncases, unsigned reps, int nshards,
		    int *shard_of)
{
	double *cost = malloc(((size_t)ncases + 1) * sizeof *cost);
	int rc;

	if (!cost)
		return errno = ENOMEM, -1;
	/* A WaitGroup that can block forever by design may hold its runs
	 * until the timeout: counted at that, so that such cases spread out. */
	for (int i = 0; i < ncases; i++)
		cost[i] = lb_case_cost(&cases[i], reps, true);
	rc = lb_shard_split(cost, ncases, nshards, shard_of);
	free(cost);
	return rc;
}

int lb_sweep_plan(const struct lb_sweep_spec *s, int nshards, struct lb_plan *p)
{
	int n = 0;

	*p = (struct lb_plan){ .cases = lb_sweep_cases(s, &n) };
	p->n = n;
	p->shard_of = p->cases ? calloc((size_t)p->n + 1, sizeof *p->shard_of) : NULL;
	if (p->shard_of &&
	    (!nshards || lb_sweep_shards(p->cases, p->n, s->reps, nshards, p->shard_of) == 0))
		return 0;
	lb_plan_free(p);
	return errno = ENOMEM, -1;
}

void lb_plan_free(struct lb_plan *p)
{
	free(p->cases);
	free(p->shard_of);
	*p = (struct lb_plan){ 0 };
}

/* ---- Slurm ------------------------------------------------------------ */

int lb_slurm_script(FILE *f, const char *binary, const char *dir, const char *partition,
		    int ntasks, const char *run_id, char *const *args, int nargs,
		    const char *sbatch_args, bool platform_by_node)
{
	fprintf(f, "#!/bin/sh\n"
		   "# lockbench slurm: the sweep on partition %s, one shard per array task,\n"
		   "# each on a node of its own.  The binary and the output folder must be\n"
		   "# on a filesystem that every node shares.\n", partition);
	fprintf(f, "#SBATCH --job-name=lockbench-%s\n#SBATCH --partition=%s\n"
		   "#SBATCH --array=1-%d\n#SBATCH --exclusive\n#SBATCH --nodes=1\n"
		   "#SBATCH --output=%s/%s/task-%%a.log\n", partition, partition, ntasks, dir,
		partition);
	for (const char *w = sbatch_args ? sbatch_args : ""; *(w += strspn(w, " \t"));) {
		size_t n = strcspn(w, " \t");
		fprintf(f, "#SBATCH %.*s\n", (int)n, w);
		w += n;
	}
	fputs("lb=", f);
	lb_sh_word(f, binary, false);
	fputs("\ndir=", f);
	lb_sh_word(f, dir, false);
	fprintf(f, "/%s\nk=$SLURM_ARRAY_TASK_ID\n", partition);
	fputs("if [ ! -x \"$lb\" ]; then\n"
	      "\techo \"lockbench slurm: $lb: no such program on $(hostname): the binary and the "
	      "output folder must be on a filesystem the nodes share\" >&2\n"
	      "\techo 127 > \"$dir/task-$k.status\"\n\texit 1\nfi\n", f);
	if (platform_by_node) /* the node's CPU model, as a platform name */
		fputs("platform=$(sed -n 's/^model name[[:space:]]*:[[:space:]]*//p' /proc/cpuinfo |\n"
		      "\thead -n 1 | tr -c 'A-Za-z0-9._\\n-' '-' | tr -d '\\n' | cut -c 1-63)\n"
		      "[ -n \"$platform\" ] || platform=$(hostname | cut -c 1-63)\n", f);
	else {
		fputs("platform=", f);
		lb_sh_word(f, partition, false);
		putc('\n', f);
	}
	fputs("\"$lb\" run", f);
	for (int i = 0; i < nargs; i++) {
		putc(' ', f);
		lb_sh_word(f, args[i], false);
	}
	fprintf(f, " \\\n\t--shard \"$k/%d\" --run-id ", ntasks);
	lb_sh_word(f, run_id, false);
	fputs(" --platform \"$platform\" \\\n\t--out \"$dir/shard-$k.csv\" --force\n"
	      "rc=$?\necho $rc > \"$dir/task-$k.status\"\nexit $rc\n", f);
	fflush(f);
	return ferror(f) ? -1 : 0;
}

bool lb_tool_found(const char *name)
{
	const char *path = getenv("PATH");
	char buf[PATH_MAX];

	if (strchr(name, '/'))
		return access(name, X_OK) == 0;
	for (const char *p = path ? path : "/usr/bin:/bin"; *p;) {
		size_t n = strcspn(p, ":");
		if (n && snprintf(buf, sizeof buf, "%.*s/%s", (int)n, p, name) < (int)sizeof buf &&
		    access(buf, X_OK) == 0)
			return true;
		p += n + (p[n] == ':');
	}
	return false;
}

int lb_tool(char *const *argv, int deadline_s, char *out, size_t outlen, char *errline,
	    size_t errlen)
{
	int po[2], pe[2], status;
	size_t no = 0, ne = 0;
	pid_t pid;
	bool killed = false;
	time_t end = time(NULL) + deadline_s;

	out[0] = errline[0] = '\0';
	if (!lb_tool_found(argv[0]))
		return errno = ENOENT, -1;
	if (pipe2(po, O_CLOEXEC) < 0)
		return -1;
	if (pipe2(pe, O_CLOEXEC) < 0) {
		close(po[0]);
		close(po[1]);
		return -1;
	}
	if ((pid = fork()) < 0) {
		int e = errno;
		close(po[0]);
		close(po[1]);
		close(pe[0]);
		close(pe[1]);
		return errno = e, -1;
	}
	if (pid == 0) {
		int nul = open("/dev/null", O_RDONLY);
		if (nul < 0 || dup2(nul, 0) < 0 || dup2(po[1], 1) < 0 || dup2(pe[1], 2) < 0)
			_exit(127);
		execvp(argv[0], argv);
		_exit(127);
	}
	close(po[1]);
	close(pe[1]);
	struct pollfd fds[2] = { { .fd = po[0], .events = POLLIN }, { .fd = pe[0], .events = POLLIN } };
	while (fds[0].fd >= 0 || fds[1].fd >= 0) {
		long left = (long)(end - time(NULL));
		if (left <= 0) {
			kill(pid, SIGKILL);
			killed = true;
			break;
		}
		if (poll(fds, 2, (int)(left > 1 ? 1000 : left * 1000)) < 0 && errno != EINTR)
			break;
		for (int i = 0; i < 2; i++) {
			char chunk[4096];
			if (fds[i].fd < 0 || !(fds[i].revents & (POLLIN | POLLHUP | POLLERR)))
				continue;
			ssize_t n = read(fds[i].fd, chunk, sizeof chunk);
			if (n <= 0) {
				close(fds[i].fd);
				fds[i].fd = -1;
				continue;
			}
			char *b = i ? errline : out;
			size_t *used = i ? &ne : &no, cap = i ? errlen : outlen;
			size_t take = *used + 1 < cap ? cap - 1 - *used : 0;
			take = take < (size_t)n ? take : (size_t)n;
			memcpy(b + *used, chunk, take);
			*used += take;
			b[*used] = '\0';
		}
	}
	for (int i = 0; i < 2; i++)
		if (fds[i].fd >= 0)
			close(fds[i].fd);
	errline[strcspn(errline, "\n")] = '\0';
	while (waitpid(pid, &status, 0) < 0)
		if (errno != EINTR)
			return -1;
	if (killed)
		return errno = ETIMEDOUT, -1;
	return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
}

bool lb_slurm_final(const char *state)
{
	static const char *const running[] = {
		"PENDING", "RUNNING", "CONFIGURING", "COMPLETING", "SUSPENDED", "REQUEUED",
		"REQUEUE_HOLD", "REQUEUE_FED", "RESIZING", "SIGNALING", "STAGE_OUT", "STOPPED",
		"RESV_DEL_HOLD",
	};

	if (!state[0])
		return false;
	for (size_t i = 0; i < sizeof running / sizeof running[0]; i++)
		if (strcmp(state, running[i]) == 0)
			return false;
	return true;
}

/* Set the state of the tasks that an squeue %K field names: "3", "[1-4]",
 * "1-4%2", "1,3". */
static void set_tasks(struct lb_slurm_job *j, char *ids, const char *state)
{
	ids[strcspn(ids, "%")] = '\0';
	for (char *p = ids + (*ids == '['), *next; *p; p = next) {
		next = p + strcspn(p, ",]");
		if (*next)
			*next++ = '\0';
		char *e;
		long a = strtol(p, &e, 10), b = a;
		if (e == p)
			continue;
		if (*e == '-')
			b = strtol(e + 1, NULL, 10);
		for (long k = a < 1 ? 1 : a; k <= b && k <= j->ntasks; k++)
			snprintf(j->state[k - 1], LB_SLURM_STATE_LEN, "%s", state);
	}
}

/* Task k's state from Slurm's accounting (sacct), where the site keeps
 * it: 0, or -1 when sacct is missing, fails or knows nothing. */
static int accounted_state(struct lb_slurm_job *j, int k)
{
	char task[64], out[256], errline[256];

	snprintf(task, sizeof task, "%s_%d", j->id, k);
	char *argv[] = { "sacct", "-n", "-X", "-P", "-j", task, "-o", "State", NULL };
	if (lb_tool(argv, 60, out, sizeof out, errline, sizeof errline) != 0)
		return -1;
	out[strcspn(out, " \n")] = '\0'; /* "CANCELLED by 0": the state */
	if (!out[0])
		return -1;
	snprintf(j->state[k - 1], LB_SLURM_STATE_LEN, "%s", out);
	return 0;
}

/* Task k's exit status from its status file (the number the batch script
 * echoes into it): 0, or -1 where there is no such file, or it holds
 * anything but a number from 0 to 255 and a line break (a task cut off
 * while it wrote it, or a file someone else put there). */
static int status_file(const struct lb_slurm_job *j, const char *dir, int k, uint64_t *status)
{
	char path[PATH_MAX], why[LB_ERR_LEN + PATH_MAX], *text;
	size_t len;
	int rc;

	if (lb_path(path, sizeof path, why, sizeof why, "%s/%s/task-%d.status", dir, j->partition,
		    k) < 0 ||
	    lb_read_text(path, 64, &text, &len, why, sizeof why) < 0)
		return -1;
	if (len && text[len - 1] == '\n')
		text[len - 1] = '\0';
	rc = lb_parse_u64(text, 0, 255, status, why, sizeof why);
	free(text);
	return rc;
}

int lb_slurm_poll(struct lb_slurm_job *j, const char *dir, char *err, size_t errlen)
{
	char out[1 << 16], errline[512];
	char job[64];
	bool *listed = calloc((size_t)j->ntasks + 1, sizeof *listed);
	int rc;

	if (!listed)
		return lb_err(err, errlen, "out of memory");
	snprintf(job, sizeof job, "%s", j->id);
	char *argv[] = { "squeue", "-h", "-r", "-t", "all", "-j", job, "-o", "%K|%T", NULL };
	rc = lb_tool(argv, 60, out, sizeof out, errline, sizeof errline);
	if (rc != 0) {
		free(listed);
		return lb_err(err, errlen, "squeue -j %s: %s", j->id,
			      rc < 0 ? strerror(errno) : errline[0] ? errline : "failed");
	}
	for (char *line = out, *nl; *line; line = nl) {
		nl = line + strcspn(line, "\n");
		if (*nl)
			*nl++ = '\0';
		char *bar = strchr(line, '|');
		if (!bar)
			continue;
		*bar = '\0';
		char ids[256];
		snprintf(ids, sizeof ids, "%s", line);
		/* which tasks it names, to tell those squeue no longer lists */
		struct lb_slurm_job probe = *j;
		char (*mark)[LB_SLURM_STATE_LEN] = calloc((size_t)j->ntasks, sizeof *mark);
		if (!mark)
			continue;
		probe.state = mark;
		set_tasks(&probe, ids, "x");
		for (int k = 0; k < j->ntasks; k++)
			if (mark[k][0]) {
				listed[k] = true;
				snprintf(j->state[k], LB_SLURM_STATE_LEN, "%s", bar + 1);
			}
		free(mark);
	}
	for (int k = 1; k <= j->ntasks; k++) {
		uint64_t status;
		if (listed[k - 1] || lb_slurm_final(j->state[k - 1]))
			continue;
		if (status_file(j, dir, k, &status) == 0) {
			snprintf(j->state[k - 1], LB_SLURM_STATE_LEN, "%s",
				 status == 0 ? "COMPLETED" : "FAILED");
		} else if (accounted_state(j, k) < 0) {
			/* Gone from squeue without a status file: cancelled before
			 * it started, or past MinJobAge, and no accounting to ask. */
			char was[LB_SLURM_STATE_LEN];
			snprintf(was, sizeof was, "%s", j->state[k - 1]);
			snprintf(j->state[k - 1], LB_SLURM_STATE_LEN, "GONE%s%.20s%s",
				 was[0] ? " (was " : "", was, was[0] ? ")" : "");
		}
	}
	free(listed);
	return 0;
}

/* The last line task k of job j wrote to its log, for a failed row's
 * error: "" when there is none, or the log is too large to read whole. */
static void last_words(const struct lb_slurm_job *j, const char *dir, int k, char *b,
		       size_t len)
{
	char path[PATH_MAX], err[LB_ERR_LEN + PATH_MAX], *text, *line = NULL;
	size_t n;

	b[0] = '\0';
	if (lb_path(path, sizeof path, err, sizeof err, "%s/%s/task-%d.log", dir, j->partition,
		    k) < 0 ||
	    lb_read_text(path, LB_READ_MAX_SIDECAR, &text, &n, err, sizeof err) < 0)
		return;
	for (char *p = text; *p; p += strcspn(p, "\n"), p += *p == '\n')
		if (p[strspn(p, " \t\r")] != '\n' && p[strspn(p, " \t\r")] != '\0')
			line = p;
	if (line)
		snprintf(b, len, "%.*s", (int)strcspn(line, "\r\n"), line);
	free(text);
}

int lb_slurm_failed_rows(const struct lb_slurm_job *j, const char *dir,
			 const struct lb_sweep_spec *s, const char *run_id, const char *out,
			 char **in, int *nin, int *nfailed, FILE *warn, char *err,
			 size_t errlen)
{
	int n = j->ntasks, rc = -1, fd = -1, nhead = 0;
	struct lb_plan plan;
	int planned = lb_sweep_plan(s, n, &plan);
	const int ncases = plan.n, *shard_of = plan.shard_of;
	const struct lb_case *cases = plan.cases;
	bool *have = calloc((size_t)ncases * s->reps + 1, sizeof *have);
	char **head = NULL, platform[64] = "";
	char (*words)[320] = calloc((size_t)n, sizeof *words); /* [0]: read yet */
	FILE *f = NULL;

	*nin = *nfailed = 0;
	if (planned < 0 || !have || !words) {
		lb_err(err, errlen, "out of memory for the sweep's cases");
		goto out;
	}
	snprintf(platform, sizeof platform, "%s", j->partition);
	for (int k = 1; k <= n; k++) {
		char path[PATH_MAX], why[LB_ERR_LEN + PATH_MAX];
		struct lb_table t = { 0 };
		struct stat st;
		long node_cases;
		if (lb_path(path, sizeof path, err, errlen, "%s/%s/shard-%d.csv", dir, j->partition,
			    k) < 0)
			goto out;
		if (lstat(path, &st) < 0)
			continue; /* the task never wrote it */
		char *one[] = { path };
		/* A shard whose CSV, or sidecar, lockbench merge would refuse
		 * is left out of the merge: its runs, not the partition, fail. */
		if (lb_table_read(&t, one, 1, warn, "lockbench slurm", why, sizeof why) < 0 ||
		    (lb_meta_read(path, NULL, NULL, why, sizeof why) < 0 && errno != ENOENT)) {
			lb_say(warn, "lockbench slurm: warning: %s; its runs count as failed", why);
			lb_table_free(&t);
			continue;
		}
		node_cases = lb_meta_long(path, "cases");
		if (node_cases >= 0 && node_cases != ncases) {
			lb_err(err, errlen, "%s: its node expanded the sweep to %ld cases, this machine "
			       "to %d: give the flags that depend on the machine (--threads) "
			       "explicitly", path, node_cases, ncases);
			lb_table_free(&t);
			goto out;
		}
		for (size_t r = 0; r < t.nrows; r++) {
			double c = lb_row_num(&t, &t.rows[r], LB_COL_case);
			double rep = lb_row_num(&t, &t.rows[r], LB_COL_rep);
			if (strcmp(lb_row_text(&t, &t.rows[r], LB_COL_run_id), run_id) == 0 &&
			    c >= 1 && c <= ncases && rep >= 1 && rep <= s->reps &&
			    shard_of[(int)c - 1] == k)
				have[((size_t)rep - 1) * (size_t)ncases + (size_t)c - 1] = true;
		}
		if (!head && t.nrows) {
			snprintf(platform, sizeof platform, "%s",
				 lb_row_text(&t, &t.rows[0], LB_COL_platform));
			nhead = t.files[0].nhead;
			if ((head = calloc((size_t)nhead, sizeof *head)))
				for (int c = 0; c < nhead; c++)
					head[c] = strdup(t.files[0].head[c]);
		}
		lb_table_free(&t);
		if (!(in[*nin] = strdup(path))) {
			lb_err(err, errlen, "out of memory");
			goto out;
		}
		(*nin)++;
	}
	for (size_t i = 0; i < (size_t)ncases * s->reps; i++)
		*nfailed += !have[i];
	if (*nfailed == 0) {
		rc = 0;
		goto out;
	}
	if ((fd = lb_create(out, true, NULL, err, errlen)) < 0 || !(f = fdopen(fd, "w"))) {
		if (fd >= 0)
			close(fd);
		if (fd >= 0)
			lb_err(err, errlen, "%s: %s", out, strerror(errno));
		goto out;
	}
	if (head) {
		for (int c = 0; c < nhead; c++) {
			fputs(c ? "," : "", f);
			lb_csv_field(f, head[c] ? head[c] : "NA");
		}
		fputc('\n', f);
	} else {
		lb_sweep_header(s, f);
		nhead = LB_CSV_NCOLS + s->events.n;
	}
	for (unsigned rep = 1; rep <= s->reps; rep++)
		for (int c = 0; c < ncases; c++) {
			char why[512];
			int k = shard_of[c];
			const char *state = j->state[k - 1];
			if (have[(size_t)(rep - 1) * (size_t)ncases + (size_t)c])
				continue;
			if (!words[k - 1][0])
				last_words(j, dir, k, words[k - 1] + 1, sizeof words[0] - 1);
			words[k - 1][0] = 1; /* read */
			snprintf(why, sizeof why, "slurm task %d/%d: %s%s%s%s", k, n,
				 state[0] ? state : "GONE",
				 strcmp(state, "COMPLETED") == 0 ? ", but without this run's row" : "",
				 words[k - 1][1] ? "; its log ends: " : "", words[k - 1] + 1);
			if (lb_sweep_row_unrun(f, run_id, c + 1, rep, &cases[c], platform, why,
					       nhead - LB_CSV_NCOLS) < 0) {
				lb_err(err, errlen, "cannot write %s: %s", out, strerror(errno));
				goto out;
			}
		}
	if (fclose(f) != 0) {
		f = NULL;
		lb_err(err, errlen, "cannot write %s: %s", out, strerror(errno));
		goto out;
	}
	f = NULL;
	/* Its sidecar, so that the merged one says where these rows came from. */
	char mpath[PATH_MAX];
	if (lb_path(mpath, sizeof mpath, err, errlen, "%s.meta", out) < 0 ||
	    (fd = lb_create(mpath, true, NULL, err, errlen)) < 0 || !(f = fdopen(fd, "w"))) {
		if (fd >= 0 && !f)
			close(fd);
		goto out;
	}
	fprintf(f, "# The runs of %s that no task finished.\nrun_id=%s\nfailed_rows=%d\n",
		j->partition, run_id, *nfailed);
	if (fclose(f) != 0) {
		f = NULL;
		lb_err(err, errlen, "cannot write %s: %s", mpath, strerror(errno));
		goto out;
	}
	f = NULL;
	in[(*nin)++] = strdup(out);
	rc = in[*nin - 1] ? 0 : lb_err(err, errlen, "out of memory");
out:
	if (f)
		fclose(f);
	for (int c = 0; head && c < nhead; c++)
		free(head[c]);
	free(head);
	free(words);
	lb_plan_free(&plan);
	free(have);
	return rc;
}
