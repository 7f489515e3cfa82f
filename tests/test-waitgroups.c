/*
 * test-waitgroups.c - the WaitGroups against Go's waitgroup_test.go,
 * ported, and the Go text's WaitGroups shown to have the flaws they
 * document.
 *
 *   registry    every table well formed and findable by name
 *   remaining   Remaining, where there is one, follows Add and Done
 *   barrier     two groups as a barrier, 16 threads, 8 rounds on the
 *               same groups: no thread past the second group before
 *               its last Done ("released group too soon"), every
 *               reusable WaitGroup (TestWaitGroup)
 *   race        1000 rounds of 2 x {Add(1); increment; Done}: the count
 *               is 2 after Wait (TestWaitGroupRace)
 *   misuse      Add(1), Done, Done dies with "negative WaitGroup
 *               counter" (TestWaitGroupMisuse), in a child; wg-go's
 *               Add that takes the counter from 0 under a registered
 *               waiter dies with "Add called concurrently with Wait",
 *               and a Wait woken after an Add began the next round
 *               with "reused before previous Wait has returned"
 *   seed flaws  Wait after the counter reached zero never returns (the
 *               child is still waiting after 200 ms and is killed);
 *               Done below zero dies with "close of closed channel"; a
 *               second round's Wait returns at once (one-shot); while
 *               the mended and the other WaitGroups return, refuse the
 *               negative counter, and wait in a second round
 *
 *   errgroup    over each: the first error wins, the other tasks see the
 *               cancellation, Wait returns the first error; 0 and no
 *               cancellation when no task fails
 *   verify      the waitgroup and errgroup workloads, run as a sweep runs
 *               them over a WaitGroup whose Wait returns at once, say
 *               not verified, and why, in a row of their own (no hang)
 *
 * The barrier, the race and errgroup are not run on the Go text's WaitGroups,
 * which hang there by design (Wait after every Done).
 */
#include <errno.h>
#include <pthread.h>
#include <sched.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "harness/clock.h"
#include "harness/options.h"
#include "harness/pin.h"
#include "harness/runner.h"
#include "locks/errgroup.h"
#include "locks/lock.h"
#include "locks/waitgroup.h"
#include "tests/check.h"
#include "tests/child.h"

#define MS 1000000ULL
#define SEC 1000000000ULL

static void die(const char *what, int err)
{
	fprintf(stderr, "test-waitgroups: %s: %s\n", what, strerror(err));
	exit(1);
}

/* An instance with default options, as the harness makes one. */
static void *wg_open(const struct lb_wg_ops *ops)
{
	char err[LB_ERR_LEN], owner[64];
	struct lb_optset set;
	void *wg;

	snprintf(owner, sizeof owner, "waitgroup '%s'", ops->name);
	if (lb_opts_parse(owner, ops->options, NULL, &set, err, sizeof err) < 0) {
		fprintf(stderr, "test-waitgroups: %s\n", err);
		exit(1);
	}
	wg = lb_alloc_lines(ops->size);
	if (wg == NULL)
		die("lb_alloc_lines", errno);
	if (ops->init(wg, &set) < 0)
		die(ops->name, errno);
	return wg;
}

static void wg_close(const struct lb_wg_ops *ops, void *wg)
{
	ops->destroy(wg);
	free(wg);
}

/* Safe to use and never hangs by design: Go's, the C one, the mended. */
static bool sound(const struct lb_wg_ops *ops)
{
	return ops->hangs == NULL && !(ops->caps & LB_WG_UNSAFE);
}

static bool is_seed(const struct lb_wg_ops *ops)
{
	return strncmp(ops->name, "wg-seed", 7) == 0 && strcmp(ops->name, "wg-seed-fixed") != 0;
}

/* ---- registry ------------------------------------------------------- */

static void test_registry(void)
{
	static const char *const expected[] = {
		"wg-go", "wg-cond", "wg-seed-fixed", "wg-seed-racy", "wg-seed", "wg-seed-rw",
	};
	size_t n = 0;

	for (const struct lb_wg_ops *const *p = lb_waitgroups; *p != NULL; p++, n++) {
		const struct lb_wg_ops *ops = *p;

		CHECK(ops->name && ops->summary && ops->summary[0], "waitgroup #%zu: no name or summary", n);
		CHECK(ops->init && ops->destroy && ops->add && ops->done && ops->wait,
		      "%s: a mandatory operation is NULL", ops->name);
		CHECK(lb_wg_find(ops->name) == ops, "%s: lb_wg_find does not return its table",
		      ops->name);
		CHECK(!is_seed(ops) || (ops->hangs && (ops->caps & LB_WG_ONESHOT)),
		      "%s: the Go text's WaitGroup must say how it hangs and that it is one-shot",
		      ops->name);
	}
	CHECK(n == sizeof expected / sizeof expected[0], "%zu waitgroups registered, expected %zu",
	      n, sizeof expected / sizeof expected[0]);
	for (size_t i = 0; i < sizeof expected / sizeof expected[0]; i++)
		CHECK(lb_wg_find(expected[i]) != NULL, "waitgroup '%s' is not registered", expected[i]);
	CHECK(lb_wg_find("wg-none") == NULL && errno == ENOENT, "lb_wg_find found 'wg-none'");
	CHECK((lb_wg_find("wg-seed-racy")->caps & LB_WG_UNSAFE) != 0, "wg-seed-racy is not UNSAFE");
	CHECK(lb_wg_find("wg-seed-rw")->remaining != NULL, "wg-seed-rw has no Remaining");
	printf("registry: %zu waitgroups: ok\n", n);
}

/* Remaining, where there is one, follows Add and Done. */
static void test_remaining(const struct lb_wg_ops *ops)
{
	void *wg = wg_open(ops);
	int64_t a, b, c;

	ops->add(wg, 3);
	a = ops->remaining(wg);
	ops->done(wg);
	b = ops->remaining(wg);
	ops->done(wg);
	ops->done(wg);
	c = ops->remaining(wg);
	CHECK(a == 3 && b == 2 && c == 0, "%s: Remaining after Add(3): %lld, Done: %lld, "
	      "two Dones more: %lld (want 3, 2, 0)", ops->name, (long long)a, (long long)b,
	      (long long)c);
	wg_close(ops, wg);
	printf("remaining %s: ok\n", ops->name);
}

/* ---- barrier -------------------------------------------------------- */

#define BARRIER_N 16

struct barrier {
	const struct lb_wg_ops *ops;
	void *wg1, *wg2;
	atomic_int exited;
};

static void *barrier_main(void *arg)
{
	struct barrier *b = arg;

	b->ops->done(b->wg1);
	b->ops->wait(b->wg2);
	atomic_fetch_add(&b->exited, 1);
	return NULL;
}

static void test_barrier(const struct lb_wg_ops *ops)
{
	struct barrier b = { .ops = ops, .wg1 = wg_open(ops), .wg2 = wg_open(ops) };
	pthread_t tid[BARRIER_N];
	int soon = 0;

	for (int round = 0; round < 8; round++) {
		atomic_store(&b.exited, 0);
		ops->add(b.wg1, BARRIER_N);
		ops->add(b.wg2, BARRIER_N);
		for (int i = 0; i < BARRIER_N; i++) {
			int e = pthread_create(&tid[i], NULL, barrier_main, &b);
			if (e != 0)
				die("pthread_create", e);
		}
		ops->wait(b.wg1);
		for (int i = 0; i < BARRIER_N; i++) {
			if (atomic_load(&b.exited) != 0)
				soon++;
			ops->done(b.wg2);
		}
		for (int i = 0; i < BARRIER_N; i++)
			pthread_join(tid[i], NULL);
		CHECK(atomic_load(&b.exited) == BARRIER_N, "%s: round %d: %d of %d threads exited",
		      ops->name, round, atomic_load(&b.exited), BARRIER_N);
	}
	CHECK(soon == 0, "%s: WaitGroup released group too soon (%d times)", ops->name, soon);
	printf("barrier %s: 16 threads, 8 rounds on the same groups: ok\n", ops->name);
	wg_close(ops, b.wg1);
	wg_close(ops, b.wg2);
}

/* ---- race ----------------------------------------------------------- */

struct race {
	const struct lb_wg_ops *ops;
	void *wg;
	atomic_int n;
};

static void *race_main(void *arg)
{
	struct race *r = arg;

	atomic_fetch_add(&r->n, 1);
	r->ops->done(r->wg);
	return NULL;
}

static void test_race(const struct lb_wg_ops *ops)
{
	int spurious = 0;

	for (int i = 0; i < 1000; i++) {
		struct race r = { .ops = ops, .wg = wg_open(ops) };
		pthread_t t1, t2;
		int e;

		atomic_init(&r.n, 0);
		ops->add(r.wg, 1);
		if ((e = pthread_create(&t1, NULL, race_main, &r)) != 0)
			die("pthread_create", e);
		ops->add(r.wg, 1);
		if ((e = pthread_create(&t2, NULL, race_main, &r)) != 0)
			die("pthread_create", e);
		ops->wait(r.wg);
		if (atomic_load(&r.n) != 2)
			spurious++;
		pthread_join(t1, NULL);
		pthread_join(t2, NULL);
		wg_close(ops, r.wg);
	}
	CHECK(spurious == 0, "%s: spurious wakeup from Wait in %d of 1000 rounds", ops->name,
	      spurious);
	printf("race %s: 1000 rounds of 2 x Add(1) + increment + Done: ok\n", ops->name);
}

/* ---- errgroup ------------------------------------------------------- */

#define TASKS 8
#define CANCELLED 1000 /* what a task stopped by the cancellation returns */

struct task {
	struct lb_errgroup *g;
	int fail;          /* fail at once with this, or 0: wait for cancellation */
	bool saw_cancel;
	pthread_t t;
};

static void *task_main(void *arg)
{
	struct task *k = arg;
	uint64_t t0 = lb_now_ns();

	if (k->fail != 0) {
		lb_errgroup_done(k->g, k->fail);
		return NULL;
	}
	/* Work until told to stop (10 s: the liveness bound). */
	while (!lb_errgroup_cancelled(k->g) && lb_now_ns() - t0 < 10 * SEC)
		sched_yield();
	/* Stopped by the cancellation: an error of its own (as a Go task
	 * returns ctx.Err()), which must lose to the first. */
	k->saw_cancel = lb_errgroup_cancelled(k->g);
	lb_errgroup_done(k->g, k->saw_cancel ? CANCELLED : 0);
	return NULL;
}

/* Run TASKS tasks, those with fail[i] != 0 failing at once with it;
 * returns Wait's result, and in *saw how many others saw cancellation. */
static int run_group(const struct lb_wg_ops *ops, const int fail[TASKS], int *saw)
{
	struct lb_errgroup g;
	struct task k[TASKS];
	int ret;

	if (lb_errgroup_init(&g, ops, NULL) < 0)
		die("lb_errgroup_init", errno);
	for (int i = 0; i < TASKS; i++) {
		k[i] = (struct task){ .g = &g, .fail = fail[i] };
		lb_errgroup_go(&g);
		int e = pthread_create(&k[i].t, NULL, task_main, &k[i]);
		if (e != 0)
			die("pthread_create", e);
	}
	ret = lb_errgroup_wait(&g);
	*saw = 0;
	for (int i = 0; i < TASKS; i++) {
		pthread_join(k[i].t, NULL);
		*saw += k[i].fail == 0 && k[i].saw_cancel;
	}
	CHECK(lb_errgroup_cancelled(&g) == (ret != 0),
	      "%s: errgroup: cancelled %d after Wait returned %d", ops->name,
	      lb_errgroup_cancelled(&g), ret);
	lb_errgroup_destroy(&g);
	return ret;
}

static void test_errgroup(const struct lb_wg_ops *ops)
{
	const int one[TASKS] = { 0, 0, 0, 42, 0, 0, 0, 0 };
	const int all[TASKS] = { 11, 12, 13, 14, 15, 16, 17, 18 };
	int ret, saw;

	ret = run_group(ops, one, &saw);
	CHECK(ret == 42, "%s: errgroup: Wait returned %d, want the failing task's 42", ops->name,
	      ret);
	CHECK(saw == TASKS - 1, "%s: errgroup: %d of %d other tasks saw the cancellation",
	      ops->name, saw, TASKS - 1);

	/* All fail at once: exactly one error wins, and it is one of theirs. */
	ret = run_group(ops, all, &saw);
	CHECK(ret >= 11 && ret <= 18, "%s: errgroup: Wait returned %d, not one of the errors",
	      ops->name, ret);

	/* No task fails: no cancellation, and Wait returns 0. */
	struct lb_errgroup g;
	if (lb_errgroup_init(&g, ops, NULL) < 0)
		die("lb_errgroup_init", errno);
	lb_errgroup_go(&g);
	lb_errgroup_go(&g);
	lb_errgroup_done(&g, 0);
	CHECK(!lb_errgroup_cancelled(&g), "%s: errgroup cancelled by a task without error",
	      ops->name);
	lb_errgroup_done(&g, 0);
	CHECK(lb_errgroup_wait(&g) == 0, "%s: errgroup: Wait returned an error nobody had",
	      ops->name);
	lb_errgroup_destroy(&g);

	/* Two tasks fail one after the other: the first error is the one. */
	if (lb_errgroup_init(&g, ops, NULL) < 0)
		die("lb_errgroup_init", errno);
	lb_errgroup_go(&g);
	lb_errgroup_go(&g);
	lb_errgroup_done(&g, 7);
	CHECK(lb_errgroup_cancelled(&g), "%s: errgroup not cancelled by a task's error",
	      ops->name);
	lb_errgroup_done(&g, 9);
	ret = lb_errgroup_wait(&g);
	CHECK(ret == 7, "%s: errgroup: errors 7 then 9, Wait returned %d, want the first",
	      ops->name, ret);
	lb_errgroup_destroy(&g);
	printf("errgroup %s: first error wins, %d others cancelled, none without error: ok\n",
	       ops->name, TASKS - 1);
}

/* ---- children: misuse, hangs, one-shot ------------------------------- */

/* A thread in Wait; started by waiter_start, which returns once the
 * thread sleeps (in Wait, after it has made any channel it makes). */
struct waiter {
	const struct lb_wg_ops *ops;
	void *wg;
	atomic_int tid;
	atomic_bool back;
	pthread_t t;
};

static void *waiter_main(void *arg)
{
	struct waiter *w = arg;

	atomic_store(&w->tid, (int)gettid());
	w->ops->wait(w->wg);
	atomic_store(&w->back, true);
	return NULL;
}

/* The state letter of thread tid ('S' asleep, 'R' running), or 0. */
static char thread_state(int tid)
{
	char path[64], buf[512], *p;
	FILE *f;
	size_t n;

	snprintf(path, sizeof path, "/proc/self/task/%d/stat", tid);
	f = fopen(path, "r");
	if (f == NULL)
		return 0;
	n = fread(buf, 1, sizeof buf - 1, f);
	fclose(f);
	buf[n] = '\0';
	p = strrchr(buf, ')');
	return p && p[1] == ' ' ? p[2] : 0;
}

static void waiter_start(struct waiter *w, const struct lb_wg_ops *ops, void *wg)
{
	uint64_t t0 = lb_now_ns();

	memset(w, 0, sizeof *w);
	w->ops = ops;
	w->wg = wg;
	if (pthread_create(&w->t, NULL, waiter_main, w) != 0)
		_exit(3);
	while (atomic_load(&w->tid) == 0)
		sched_yield();
	while (!atomic_load(&w->back) && thread_state(atomic_load(&w->tid)) != 'S' &&
	       lb_now_ns() - t0 < 2 * SEC)
		sched_yield();
}

/* Has the waiter come back within limit_ns? */
static bool waiter_back(struct waiter *w, uint64_t limit_ns)
{
	uint64_t t0 = lb_now_ns();

	while (!atomic_load(&w->back) && lb_now_ns() - t0 < limit_ns)
		sched_yield();
	if (!atomic_load(&w->back))
		return false;
	pthread_join(w->t, NULL);
	return true;
}

/* Add(1), a waiter, Done: one whole round, the waiter back.  A waiter
 * that had not made the channel before Done (on a busy machine) is stuck
 * for good in the Go text's WaitGroups; then false, and the caller tries
 * on a fresh group. */
static bool one_round(const struct lb_wg_ops *ops, void *wg)
{
	struct waiter w;

	ops->add(wg, 1);
	waiter_start(&w, ops, wg);
	ops->done(wg);
	return waiter_back(&w, 2 * SEC);
}

static void child_negative(void *arg)
{
	const struct lb_wg_ops *ops = arg;
	void *wg = wg_open(ops);

	ops->add(wg, 1);
	ops->done(wg);
	ops->done(wg);
}

/* Wait after the counter reached zero. */
static void child_wait_after_zero(void *arg)
{
	const struct lb_wg_ops *ops = arg;
	void *wg = wg_open(ops);

	ops->add(wg, 1);
	ops->done(wg);
	ops->wait(wg);
}

/* A round that closes the channel, then one Done more. */
static void child_done_below_zero(void *arg)
{
	const struct lb_wg_ops *ops = arg;

	for (int attempt = 0; attempt < 20; attempt++) {
		void *wg = wg_open(ops);

		if (one_round(ops, wg))
			ops->done(wg); /* must not return */
	}
}

/* A round, then Add(1) and Wait with nobody to call Done: a WaitGroup
 * that can be reused waits (for ever); a one-shot one returns. */
static void child_second_round(void *arg)
{
	const struct lb_wg_ops *ops = arg;

	for (int attempt = 0; attempt < 20; attempt++) {
		void *wg = wg_open(ops);

		if (!one_round(ops, wg))
			continue;
		ops->add(wg, 1);
		ops->wait(wg);
		fprintf(stderr, "second round's Wait returned with Add(1) outstanding\n");
		_exit(0);
	}
	_exit(4);
}

static void test_misuse(const struct lb_wg_ops *ops)
{
	struct child_end end;

	child_run(child_negative, (void *)ops, 10 * SEC, &end);
	if (is_seed(ops))
		/* Done below zero closes quit only if Wait made it: without a
		 * Wait the seed lets the counter go negative unnoticed. */
		CHECK(end.exited && end.code == 0,
		      "%s: Add(1), Done, Done without Wait: exited %d code %d signal %d: %s",
		      ops->name, end.exited, end.code, end.sig, end.text);
	else
		CHECK(child_aborted_with(&end, "sync: negative WaitGroup counter"),
		      "%s: Add(1), Done, Done did not die of SIGABRT with 'negative WaitGroup "
		      "counter' (exited %d code %d, signal %d, killed %d): %s", ops->name,
		      end.exited, end.code, end.sig, end.killed, end.text);
	printf("misuse %s: Add(1), Done, Done: %s", ops->name,
	       end.text[0] ? end.text : "went unnoticed (no Wait, no channel)\n");
}

/* wg-go's "Add called concurrently with Wait": an Add that takes the
 * counter from 0 while a waiter is registered.  Go's own test races
 * goroutines for that state; here it is written into the state word
 * (wg_go.c: the instance's first member, counter << 32 | waiters) as a
 * Wait that registered just before the counter went back up leaves it. */
static void child_add_during_wait(void *arg)
{
	const struct lb_wg_ops *ops = arg;
	void *wg = wg_open(ops);

	atomic_store((_Atomic uint64_t *)wg, 1); /* counter 0, one waiter */
	ops->add(wg, 1);                         /* must not return */
	_exit(0);
}

static void test_add_during_wait(void)
{
	const struct lb_wg_ops *ops = lb_wg_find("wg-go");
	struct child_end end;

	child_run(child_add_during_wait, (void *)ops, 10 * SEC, &end);
	CHECK(child_aborted_with(&end, "sync: WaitGroup misuse: Add called concurrently with Wait"),
	      "wg-go: Add with a waiter and the counter at 0 did not die of SIGABRT with Go's "
	      "message (exited %d code %d, signal %d): %s", end.exited, end.code, end.sig,
	      end.text);
}

/* wg-go's "WaitGroup is reused before previous Wait has returned": a Wait
 * that wakes to find the group started again.  Go's own test races
 * goroutines for it; here one thread makes that state, through the
 * state word (as above): a waiter registered (counter 1, waiters 1, as
 * a Wait leaves it), the last Done (which sets the word to 0 and
 * releases the semaphore once, for that waiter), Add(1) starting the
 * next round before the waiter is back, and then a Wait, which finds
 * the released unit at once and, awake, the counter at 1. */
static void child_reuse(void *arg)
{
	const struct lb_wg_ops *ops = arg;
	void *wg = wg_open(ops);

	atomic_store((_Atomic uint64_t *)wg, (uint64_t)1 << 32 | 1);
	ops->done(wg);
	ops->add(wg, 1);
	ops->wait(wg); /* must not return */
	_exit(0);
}

static void test_reuse_before_wait_returned(void)
{
	const struct lb_wg_ops *ops = lb_wg_find("wg-go");
	struct child_end end;

	child_run(child_reuse, (void *)ops, 10 * SEC, &end);
	CHECK(child_aborted_with(&end, "sync: WaitGroup is reused before previous Wait has "
				 "returned"),
	      "wg-go: a Wait woken after the group was reused did not die of SIGABRT with "
	      "Go's message (exited %d code %d, signal %d, killed %d): %s", end.exited,
	      end.code, end.sig, end.killed, end.text);
	printf("misuse wg-go: reused before Wait returned: %s", end.text);
}

/* Wait after the counter reached zero: one thread, so the racy version
 * too (no race without a second thread). */
static void test_wait_after_zero(const struct lb_wg_ops *ops)
{
	struct child_end end;

	child_run(child_wait_after_zero, (void *)ops, 200 * MS, &end);
	if (is_seed(ops))
		CHECK(end.killed, "%s: Wait after the counter reached zero returned (exited %d "
		      "code %d, signal %d): the documented hang is gone", ops->name, end.exited,
		      end.code, end.sig);
	else
		CHECK(!end.killed && end.exited && end.code == 0,
		      "%s: Wait after the counter reached zero did not return (killed %d, "
		      "signal %d)", ops->name, end.killed, end.sig);
	printf("%s: Wait after zero: %s\n", ops->name,
	       end.killed ? "still waiting after 200 ms (killed)" : "returned");
}

static void test_seed_flaws(const struct lb_wg_ops *ops)
{
	struct child_end end;

	/* Flaw: Done below zero after a round closes a closed channel. */
	child_run(child_done_below_zero, (void *)ops, 60 * SEC, &end);
	const char *want = is_seed(ops) ? "close of closed channel" : "negative WaitGroup counter";
	CHECK(child_aborted_with(&end, want),
	      "%s: Done below zero after a round did not die of SIGABRT with '%s' (exited %d "
	      "code %d, signal %d, killed %d): %s", ops->name, want, end.exited, end.code,
	      end.sig, end.killed, end.text);
	printf("%s: Done below zero after a round: %s", ops->name, end.text);

	/* Flaw: one-shot.  A one-shot group returns (after a retry or two
	 * on a busy machine); a reusable one is still waiting after 1 s. */
	child_run(child_second_round, (void *)ops,
		  (ops->caps & LB_WG_ONESHOT) ? 60 * SEC : 1 * SEC, &end);
	if (ops->caps & LB_WG_ONESHOT)
		CHECK(end.exited && end.code == 0,
		      "%s: a second round's Wait did not return at once (exited %d code %d, "
		      "signal %d, killed %d): %s", ops->name, end.exited, end.code, end.sig,
		      end.killed, end.text);
	else
		CHECK(end.killed, "%s: a second round's Wait returned with Add(1) outstanding",
		      ops->name);
	printf("%s: second round, Add(1) and Wait: %s\n", ops->name,
	       end.killed ? "waits (killed after 1 s)" : "returned at once");
}

/* A WaitGroup whose Wait returns at once: what the waitgroup and
 * errgroup workloads verify every round against.  Run through the
 * harness as a sweep runs a case, with two tasks a round, its row must
 * say not verified, and why, where wg-go's is verified: a check that
 * always said yes fails the first.  And it must be a row, not a timeout:
 * a round that went wrong is settled before the next is signalled
 * (lb_crew_check), so that no task sleeps through a round and leaves
 * an errgroup waiting for it. */
static void wait_at_once(void *wg)
{
	(void)wg;
}

static void test_verify_catches_early_wait(void)
{
	static const char *const workloads[] = { "waitgroup", "errgroup" };
	struct lb_wg_ops early = *lb_wg_find("wg-go");
	struct lb_pin pin = { .policy = LB_PIN_NONE };
	char err[LB_ERR_LEN];
	struct lb_topo *topo = lb_topo_open(NULL, err, sizeof err);

	early.name = "wg-early";
	early.wait = wait_at_once;
	CHECK(topo != NULL, "no topology: %s", err);
	if (!topo)
		return;
	struct lb_env env = { .topo = topo, .ticks_per_ns = lb_clock_calibrate(20) };
	for (size_t i = 0; i < sizeof workloads / sizeof workloads[0]; i++) {
		for (int bad = 0; bad < 2; bad++) {
			const struct lb_wg_ops *ops = bad ? &early : lb_wg_find("wg-go");
			struct lb_case c = {
				.wg = ops,
				.workload = lb_workload_find(workloads[i]),
				.p = { .work_ns = 50000, .seed = 1 },
				.threads = 3,
				.pin = &pin,
				.warmup_ns = 10000000,
				.duration_ns = 100000000,
				.timeout_ns = 30000000000ULL, /* for a busy machine */
				.sample_ns = 5000,
			};
			struct lb_result r;
			volatile sig_atomic_t interrupts = 0;
			if (lb_opts_parse(ops->name, ops->options, "", &c.wg_opts, err,
					  sizeof err) < 0 ||
			    lb_case_exec(&c, &env, &interrupts, &r) < 0) {
				CHECK(false, "%s with %s: not run", workloads[i], ops->name);
				continue;
			}
			CHECK(r.status == LB_OK, "%s with %s: %s: %s", workloads[i], ops->name,
			      lb_status_names[r.status], r.error);
			if (bad)
				CHECK(!r.verified && strstr(r.error, "rounds Wait") != NULL,
				      "%s with a Wait that returns at once: verified %s (%s)",
				      workloads[i], r.verified ? "yes" : "no", r.error);
			else
				CHECK(r.verified, "%s with wg-go: not verified: %s", workloads[i],
				      r.error);
			printf("%s with %s: verified %s%s%s\n", workloads[i], ops->name,
			       r.verified ? "yes" : "no", r.error[0] ? ": " : "", r.error);
		}
	}
	lb_topo_close(topo);
}

int main(void)
{
	uint64_t t0 = lb_now_ns();

	test_registry();
	for (const struct lb_wg_ops *const *p = lb_waitgroups; *p != NULL; p++)
		if ((*p)->remaining != NULL)
			test_remaining(*p);
	/* Children while this process has one thread: forking a process
	 * with threads in it is best avoided. */
	for (const struct lb_wg_ops *const *p = lb_waitgroups; *p != NULL; p++) {
		test_wait_after_zero(*p);
		if ((*p)->caps & LB_WG_UNSAFE)
			continue;
		test_misuse(*p);
		test_seed_flaws(*p);
	}
	test_add_during_wait();
	test_reuse_before_wait_returned();
	test_verify_catches_early_wait();
	for (const struct lb_wg_ops *const *p = lb_waitgroups; *p != NULL; p++) {
		if (!sound(*p))
			continue;
		test_barrier(*p);
		test_race(*p);
		test_errgroup(*p);
	}
	printf("test-waitgroups: %.2fs\n", (double)(lb_now_ns() - t0) / 1e9);
	return check_done();
}
