/*
 * test-gbench-api.c - the C API over Google Benchmark (harness/gbench.h):
 * registration's argument checks, a run skipped with an error (from the
 * benchmark and from its setup), setup and teardown around every run,
 * pause and resume, every counter kind, thread index and count, and
 * batches of changing size that add up to the iterations a pass asks for.
 * The benchmarks run through lb_gb_run with a JSON output file, which
 * is then read back.
 */
#include <errno.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "harness/gbench.h"
#include "tests/check.h"

#define ERROR_MSG "deliberate failure: 42"
#define SETUP_MSG "setup refused: 7"
#define PAUSED_NS 50000 /* untimed work per iteration of Paused */
#define TIMED_NS 5000   /* timed work per iteration of Paused   */

static _Atomic int bad_thread_index, bad_api;
static int setups, teardowns, setup_threads_seen[3]; /* [n]: setup saw n threads */
static int refused_teardowns;
static int *shared; /* built by Hooks's setup */

static void spin_ns(long ns)
{
	struct timespec a, b;

	clock_gettime(CLOCK_MONOTONIC, &a);
	do
		clock_gettime(CLOCK_MONOTONIC, &b);
	while ((b.tv_sec - a.tv_sec) * 1000000000L + (b.tv_nsec - a.tv_nsec) < ns);
}

static void bm_error(struct lb_gb_state *st, void *arg)
{
	(void)arg;
	if (lb_gb_skip_with_error(st, ERROR_MSG) != 0)
		atomic_store(&bad_api, 1);
	if (!(lb_gb_skip_with_error(st, "twice") == -1 && errno == EINVAL))
		atomic_store(&bad_api, 2);
	while (lb_gb_keep_running(st))
		atomic_store(&bad_api, 3); /* no iteration after an error */
}

static void bm_counters(struct lb_gb_state *st, void *arg)
{
	int i = lb_gb_thread_index(st), n = lb_gb_threads(st);

	(void)arg;
	if (i < 0 || i >= n || n < 1 || n > 2)
		atomic_store(&bad_thread_index, 1);
	if (!(lb_gb_pause(st) == -1 && errno == EINVAL)) /* before the loop */
		atomic_store(&bad_api, 4);
	if (lb_gb_iterations(st) != 0)
		atomic_store(&bad_api, 5);
	while (lb_gb_keep_running(st)) {
	}
	if (!(lb_gb_pause(st) == -1 && errno == EINVAL)) /* after it */
		atomic_store(&bad_api, 6);
	if (lb_gb_iterations(st) == 0)
		atomic_store(&bad_api, 7);
	if (lb_gb_counter(st, "plain", 1, LB_GB_PLAIN) < 0 ||
	    lb_gb_counter(st, "rate", (double)lb_gb_iterations(st), LB_GB_RATE) < 0 ||
	    lb_gb_counter(st, "avg", 10, LB_GB_AVG_THREADS) < 0 ||
	    lb_gb_counter(st, "avg_rate", (double)lb_gb_iterations(st), LB_GB_AVG_THREADS_RATE) < 0)
		atomic_store(&bad_api, 8);
	if (!(lb_gb_counter(st, "bad", 1, (enum lb_gb_counter_kind)99) == -1 && errno == EINVAL))
		atomic_store(&bad_api, 9);
	if (!(lb_gb_counter(st, NULL, 1, LB_GB_PLAIN) == -1 && errno == EINVAL))
		atomic_store(&bad_api, 10);
}

static void bm_paused(struct lb_gb_state *st, void *arg)
{
	(void)arg;
	while (lb_gb_keep_running(st)) {
		if (lb_gb_pause(st) < 0)
			atomic_store(&bad_api, 11);
		if (!(lb_gb_pause(st) == -1 && errno == EINVAL))
			atomic_store(&bad_api, 12);
		spin_ns(PAUSED_NS);
		if (lb_gb_resume(st) < 0)
			atomic_store(&bad_api, 13);
		if (!(lb_gb_resume(st) == -1 && errno == EINVAL))
			atomic_store(&bad_api, 14);
		spin_ns(TIMED_NS);
	}
}

static int hooks_setup(void *arg, int threads, char *err, size_t errlen)
{
	(void)arg, (void)err, (void)errlen;
	setups++;
	if (threads >= 1 && threads <= 2)
		setup_threads_seen[threads] = 1;
	shared = calloc((size_t)threads, sizeof *shared);
	return shared ? 0 : -1;
}

static void hooks_teardown(void *arg, int threads)
{
	(void)arg, (void)threads;
	teardowns++;
	free(shared);
	shared = NULL;
}

/* Batches of 1, 2, 4 ... 512, 1, 2 ... iterations: each one granted is at
 * most the one asked for, and they add up to the pass's iterations, no
 * more (a pass's first run asks for one iteration). */
static void bm_hooks(struct lb_gb_state *st, void *arg)
{
	uint64_t want = 1, n, sum = 0;

	(void)arg;
	if (!shared)
		atomic_store(&bad_api, 15);
	while ((n = lb_gb_keep_running_batch(st, want)) > 0) {
		if (n > want)
			atomic_store(&bad_api, 16);
		shared[lb_gb_thread_index(st)] += (int)n;
		sum += n;
		want = want < 512 ? want * 2 : 1;
	}
	if (sum != lb_gb_iterations(st) || sum != lb_gb_max_iterations(st))
		atomic_store(&bad_api, 18);
}

static int refuse_setup(void *arg, int threads, char *err, size_t errlen)
{
	(void)arg, (void)threads;
	snprintf(err, errlen, SETUP_MSG);
	return -1;
}

static void refused_teardown(void *arg, int threads)
{
	(void)arg, (void)threads;
	refused_teardowns++;
}

static void bm_never(struct lb_gb_state *st, void *arg)
{
	(void)st, (void)arg;
	atomic_store(&bad_api, 17); /* its setup failed: never called */
}

/* The text of the benchmark object named name in JSON text (Google
 * Benchmark writes each as a flat object), or NULL. */
static char *object_named(const char *json, const char *name)
{
	char key[160];
	const char *p, *end;
	char *out;

	snprintf(key, sizeof key, "\"name\": \"%s\",", name);
	p = strstr(json, key);
	if (!p)
		return NULL;
	end = strchr(p, '}');
	if (!end)
		return NULL;
	out = malloc((size_t)(end - p) + 1);
	if (!out)
		return NULL;
	memcpy(out, p, (size_t)(end - p));
	out[end - p] = '\0';
	return out;
}

/* The number after "key": in obj, or -1 when absent. */
static double number(const char *obj, const char *key)
{
	char k[80];
	const char *p;

	snprintf(k, sizeof k, "\"%s\": ", key);
	p = obj ? strstr(obj, k) : NULL;
	return p ? strtod(p + strlen(k), NULL) : -1;
}

static char *slurp(const char *path)
{
	FILE *f = fopen(path, "r");
	char *buf = NULL;
	long n;

	if (!f)
		return NULL;
	if (fseek(f, 0, SEEK_END) == 0 && (n = ftell(f)) > 0 && fseek(f, 0, SEEK_SET) == 0 &&
	    (buf = malloc((size_t)n + 1)) != NULL) {
		size_t got = fread(buf, 1, (size_t)n, f);
		buf[got] = '\0';
	}
	fclose(f);
	return buf;
}

int main(void)
{
	static const int one_two[] = { 1, 2 };
	static const int zero[] = { 0 };
	const struct lb_gb_spec two = { .threads = one_two, .nthreads = 2 };
	const struct lb_gb_spec real = { .use_real_time = true };
	const struct lb_gb_spec hooked = {
		.threads = one_two, .nthreads = 2,
		.setup = hooks_setup, .teardown = hooks_teardown,
	};
	const struct lb_gb_spec refused = { .setup = refuse_setup, .teardown = refused_teardown };
	const struct lb_gb_spec bad = { .threads = zero, .nthreads = 1 };
	char path[] = "/tmp/test-gbench-api.XXXXXX";
	char out_flag[64];
	int fd;

	/* Registration's checks. */
	errno = 0;
	CHECK(lb_gb_register(NULL, bm_error, NULL, NULL) == -1 && errno == EINVAL, "NULL name");
	errno = 0;
	CHECK(lb_gb_register("x", NULL, NULL, NULL) == -1 && errno == EINVAL, "NULL fn");
	errno = 0;
	CHECK(lb_gb_register("x", bm_error, NULL, &bad) == -1 && errno == EINVAL, "0 threads");

	CHECK(lb_gb_register("Error", bm_error, NULL, NULL) == 0, "register Error");
	CHECK(lb_gb_register("Counters", bm_counters, NULL, &two) == 0, "register Counters");
	CHECK(lb_gb_register("Paused", bm_paused, NULL, &real) == 0, "register Paused");
	CHECK(lb_gb_register("Hooks", bm_hooks, NULL, &hooked) == 0, "register Hooks");
	CHECK(lb_gb_register("Refused", bm_never, NULL, &refused) == 0, "register Refused");

	/* An argument nobody knows: -1, EINVAL, and nothing runs. */
	{
		char *argv[] = { "test-gbench-api", "--no-such-flag", NULL };
		int argc = 2;
		errno = 0;
		CHECK(lb_gb_run(&argc, argv) == -1 && errno == EINVAL, "unknown flag refused");
		CHECK(setups == 0, "nothing ran after a refused flag (%d setups)", setups);
	}

	fd = mkstemp(path);
	if (fd < 0) {
		perror("mkstemp");
		return 1;
	}
	close(fd);
	snprintf(out_flag, sizeof out_flag, "--benchmark_out=%s", path);
	{
		char *argv[] = { "test-gbench-api", "--benchmark_min_time=0.01", out_flag,
				 "--benchmark_out_format=json", NULL };
		int argc = 4;
		CHECK(lb_gb_run(&argc, argv) == 0, "lb_gb_run: %s", strerror(errno));
		CHECK(argc == 1, "Google Benchmark's flags taken out of argv (argc %d)", argc);
	}
	CHECK(atomic_load(&bad_api) == 0, "an API call misbehaved inside a benchmark (case %d)",
	      atomic_load(&bad_api));
	CHECK(atomic_load(&bad_thread_index) == 0, "thread index or count out of range");

	/* Hooks ran at 1 and 2 threads, once around every run. */
	CHECK(setups > 0 && setups == teardowns, "setup %d times, teardown %d", setups, teardowns);
	CHECK(setup_threads_seen[1] && setup_threads_seen[2], "setup told the thread counts 1 and 2");
	CHECK(refused_teardowns == 0, "no teardown after a failed setup (%d)", refused_teardowns);

	char *json = slurp(path);
	unlink(path);
	CHECK(json != NULL, "read the JSON output");
	if (!json)
		return check_done();

	char *o = object_named(json, "Error");
	CHECK(o && strstr(o, "\"error_occurred\": true"), "Error: error_occurred true");
	CHECK(o && strstr(o, "\"error_message\": \"" ERROR_MSG "\""), "Error: the message");
	free(o);

	o = object_named(json, "Refused");
	CHECK(o && strstr(o, "\"error_occurred\": true"), "Refused: error_occurred true");
	CHECK(o && strstr(o, "\"error_message\": \"" SETUP_MSG "\""), "Refused: setup's message");
	free(o);

	static const char *const counters[] = { "Counters/threads:1", "Counters/threads:2" };
	for (int k = 0; k < 2; k++) {
		double n = k + 1;
		o = object_named(json, counters[k]);
		CHECK(o != NULL, "%s in the output", counters[k]);
		CHECK(o && !strstr(o, "error_occurred"), "%s: no error", counters[k]);
		CHECK(number(o, "plain") == n, "%s: plain summed over threads (%g)", counters[k],
		      number(o, "plain"));
		CHECK(number(o, "avg") == 10, "%s: avg averaged over threads (%g)", counters[k],
		      number(o, "avg"));
		double iters = number(o, "iterations"), rate = number(o, "rate"),
		       avg_rate = number(o, "avg_rate");
		CHECK(iters > 0 && rate > 0, "%s: rate %g over %g iterations", counters[k], rate, iters);
		CHECK(avg_rate > 0 && avg_rate > rate / n * 0.999 && avg_rate < rate / n * 1.001,
		      "%s: avg_rate %g is rate / threads (%g)", counters[k], avg_rate, rate / n);
		free(o);
	}

	o = object_named(json, "Paused/real_time");
	CHECK(o != NULL, "Paused/real_time in the output");
	/* The CPU time: preemption on a loaded machine stretches the wall
	 * clock's share of the timed part, never the CPU's.  Both timers
	 * stop while paused. */
	double t = number(o, "cpu_time");
	CHECK(t > 0 && t < (PAUSED_NS + TIMED_NS) / 2,
	      "Paused: %g ns of CPU per iteration; the paused %d ns are not timed", t, PAUSED_NS);
	free(o);

	o = object_named(json, "Hooks/threads:2");
	CHECK(o && !strstr(o, "error_occurred"), "Hooks/threads:2 ran without error");
	free(o);

	free(json);
	return check_done();
}
