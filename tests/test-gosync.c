/*
 * test-gosync.c - gomutex, gorwmutex and their semaphore against Go's own
 * tests (src/sync/mutex_test.go, rwmutex_test.go), ported, plus what the
 * C version adds: the semaphore's queue order, and the lock counters.
 *
 *   spin budget   a mutex initialised on a thread pinned to one CPU, and
 *                 in a child forked by one, spins when the process
 *                 started with more than one CPU
 *   semaphore     count 1, 10 threads x 1000 acquire/release, one inside
 *                 at a time; waiters woken in queue order (FIFO, and a
 *                 lifo waiter first)
 *   handoff       Go's TestSemaHandoff, 1 and 2: the unit released with
 *                 handoff goes to the waiter, never to a thread that
 *                 arrives after the release; on one CPU the waiter runs
 *                 first
 *   mutex         TryLock fails while held and succeeds when free; 10
 *                 threads x 1000 with every third operation a TryLock,
 *                 increments counted (Go's TestMutex does not count),
 *                 some threads asleep
 *   stress        4 threads pinned two to a CPU, 2 x 10^5 lock/unlock
 *                 each, every mode: the count exact, no impossible state
 *                 met, the slow paths run, handoffs only where a mode
 *                 starves
 *   misuse        Go's 8 cases, each in a child that must die of SIGABRT
 *                 saying "unlocked" (TestMutexMisuse)
 *   fairness      a hog {lock; sleep 100us; unlock} and a victim
 *                 {sleep 100us; lock; unlock} on CPUs of their own: in
 *                 adaptive and starvation modes the victim gets in 10
 *                 times within Go's 10 s, through starvation mode and
 *                 handoffs, its longest wait bounded; normal mode is
 *                 reported, not required
 *   counters      a waiter behind a barging holder: in adaptive and
 *                 starvation modes starvation entered, a handoff, an
 *                 exit; in normal mode none of them, and Go's 4 spins
 *   requeue       a woken waiter that loses the mutex goes back to the
 *                 front of the queue
 *   runnext       a waiter woken RUNNEXT (the mutex's unlock wakes so)
 *                 sleeps Go's runnext wait before it competes; one woken
 *                 WAKE does not
 *   readers       (readers, cpus) = (1,4) (3,4) (4,2): all hold the read
 *                 lock at once (TestParallelReaders)
 *   hammer        2 writers and R readers on an activity count, Go's
 *                 bounds, over Go's (procs, readers) pairs; procs is the
 *                 number of CPUs the threads may run on (TestRWMutex);
 *                 readers and writers asleep at times
 *   rw trylock    the TryLock/TryRLock matrix
 *   RLocker       the read side as a Locker (TestRLocker)
 */
#include <errno.h>
#include <pthread.h>
#include <sched.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <time.h>
#include <unistd.h>

#include "harness/clock.h"
#include "locks/gomutex.h"
#include "locks/gorwmutex.h"
#include "locks/sema.h"
#include "tests/check.h"
#include "tests/child.h"

#define SEC 1000000000ULL

static void die(const char *what, int err)
{
	fprintf(stderr, "test-gosync: %s: %s\n", what, strerror(err));
	exit(1);
}

static void sleep_ns(uint64_t ns)
{
	struct timespec ts = { .tv_sec = (time_t)(ns / SEC), .tv_nsec = (long)(ns % SEC) };

	while (nanosleep(&ts, &ts) != 0) {
	}
}

/* The CPUs the calling thread may run on. */
static int process_cpus(void)
{
	cpu_set_t set;

	return sched_getaffinity(0, sizeof set, &set) == 0 ? CPU_COUNT(&set) : 1;
}

/* The lock counters: one by name in an array st, and all on one line. */
#define ST(name) st[LB_STAT_##name##_bit]

static void print_stats(const uint64_t st[LB_NSTATS])
{
	for (int k = 0; k < LB_NSTATS; k++)
		printf(" %s=%llu", lb_stat_names[k], (unsigned long long)st[k]);
	printf("\n");
}

/* The main thread's CPUs as main begins, before any test pins a thread:
 * the process's. */
static int start_cpus;

/* The first n CPUs of mine, into set. */
static void first_cpus(const cpu_set_t *mine, unsigned n, cpu_set_t *set)
{
	CPU_ZERO(set);
	for (int c = 0, k = 0; c < CPU_SETSIZE && k < (int)n; c++)
		if (CPU_ISSET(c, mine)) {
			CPU_SET(c, set);
			k++;
		}
}

/* Threads: n of them running fn(arg + i * stride), on the first `cpus`
 * CPUs the process may use (0: wherever). */
struct team {
	pthread_t tid[64];
	unsigned n;
};

static void team_start(struct team *t, unsigned n, void *(*fn)(void *), void *arg,
		       size_t stride, unsigned cpus)
{
	pthread_attr_t attr;
	cpu_set_t mine, set;
	int e;

	if (n > sizeof t->tid / sizeof t->tid[0])
		die("team_start", EINVAL);
	pthread_attr_init(&attr);
	if (cpus != 0 && sched_getaffinity(0, sizeof mine, &mine) == 0) {
		first_cpus(&mine, cpus, &set);
		pthread_attr_setaffinity_np(&attr, sizeof set, &set);
	}
	t->n = n;
	for (unsigned i = 0; i < n; i++) {
		e = pthread_create(&t->tid[i], &attr, fn, (char *)arg + i * stride);
		if (e != 0)
			die("pthread_create", e);
	}
	pthread_attr_destroy(&attr);
}

static void team_join(struct team *t)
{
	for (unsigned i = 0; i < t->n; i++) {
		int e = pthread_join(t->tid[i], NULL);
		if (e != 0)
			die("pthread_join", e);
	}
}

/* ---- semaphore ------------------------------------------------------ */

/* Wait (at most limit_ns) until n waiters are on s's queue.  nwait counts
 * a waiter from before it is queued (both under the queue's lock qlock,
 * which a waiter holds from nwait++ until it is queued); so wait for the
 * count, then for qlock to be free: the n-th waiter drops it only once it
 * is on the queue, and queued waiters do not touch it. */
static bool sema_queued(struct lb_sema *s, uint32_t n, uint64_t limit_ns)
{
	uint64_t t0 = lb_now_ns();

	while (atomic_load(&s->nwait) != n || atomic_load(&s->qlock) != 0) {
		if (lb_now_ns() - t0 > limit_ns)
			return false;
		sched_yield();
	}
	return true;
}

struct sema_hammer {
	struct lb_sema s;
	pthread_barrier_t go;
	atomic_int inside;
	atomic_ulong overlaps, rounds;
};

static void *sema_hammer_main(void *arg)
{
	struct sema_hammer *h = arg;

	pthread_barrier_wait(&h->go);
	for (int i = 0; i < 1000; i++) {
		lb_sema_acquire(&h->s, false, NULL);
		if (atomic_fetch_add_explicit(&h->inside, 1, memory_order_relaxed) != 0)
			atomic_fetch_add_explicit(&h->overlaps, 1, memory_order_relaxed);
		atomic_fetch_sub_explicit(&h->inside, 1, memory_order_relaxed);
		atomic_fetch_add_explicit(&h->rounds, 1, memory_order_relaxed);
		lb_sema_release(&h->s, LB_SEMA_WAKE, NULL);
	}
	return NULL;
}

static void test_semaphore(void)
{
	static struct sema_hammer h;
	struct team t;

	lb_sema_init(&h.s, 1);
	pthread_barrier_init(&h.go, NULL, 10);
	team_start(&t, 10, sema_hammer_main, &h, 0, 0);
	team_join(&t);
	pthread_barrier_destroy(&h.go);
	CHECK(atomic_load(&h.rounds) == 10000, "semaphore: %lu rounds of 10000",
	      atomic_load(&h.rounds));
	CHECK(atomic_load(&h.overlaps) == 0, "semaphore of 1: %lu times two threads held a unit",
	      atomic_load(&h.overlaps));
	CHECK(atomic_load(&h.s.count) == 1 && atomic_load(&h.s.nwait) == 0,
	      "semaphore: count %u, %u waiting at the end (want 1, 0)",
	      atomic_load(&h.s.count), atomic_load(&h.s.nwait));
	printf("semaphore: 10 threads x 1000 on a count of 1: ok\n");
}

/* Waiters queue one at a time (each once the previous is counted in
 * nwait), then units are released one by one: the order they come out in
 * is the queue's, whatever order the kernel would wake a shared word in. */
struct order {
	struct lb_sema s;
	atomic_int next;  /* position in the wake order */
	int woke_at[8];   /* waiter i was the woke_at[i]-th to get a unit */
	bool lifo[8];
	int id;
};

struct order_arg {
	struct order *o;
	int i;
};

static void *order_main(void *arg)
{
	struct order_arg *a = arg;

	lb_sema_acquire(&a->o->s, a->o->lifo[a->i], NULL);
	a->o->woke_at[a->i] = atomic_fetch_add(&a->o->next, 1);
	return NULL;
}

static void run_order(struct order *o, int n, bool handoff)
{
	pthread_t tid[8];
	struct order_arg args[8];

	lb_sema_init(&o->s, 0);
	atomic_init(&o->next, 0);
	for (int i = 0; i < n; i++) {
		args[i] = (struct order_arg){ .o = o, .i = i };
		int e = pthread_create(&tid[i], NULL, order_main, &args[i]);
		if (e != 0)
			die("pthread_create", e);
		CHECK(sema_queued(&o->s, (uint32_t)i + 1, 10 * SEC),
		      "semaphore: waiter %d not queued within 10 s", i);
	}
	for (int i = 0; i < n; i++) {
		int before = atomic_load(&o->next);
		lb_sema_release(&o->s, handoff ? LB_SEMA_HANDOFF : LB_SEMA_WAKE, NULL);
		while (atomic_load(&o->next) == before)
			sched_yield();
	}
	for (int i = 0; i < n; i++)
		pthread_join(tid[i], NULL);
}

static void test_semaphore_order(void)
{
	static struct order o;

	/* FIFO: waiters 0..5 come out in that order. */
	memset(&o, 0, sizeof o);
	run_order(&o, 6, false);
	for (int i = 0; i < 6; i++)
		CHECK(o.woke_at[i] == i, "semaphore FIFO: waiter %d woke %d-th", i, o.woke_at[i]);
	/* With handoff, the same. */
	memset(&o, 0, sizeof o);
	run_order(&o, 6, true);
	for (int i = 0; i < 6; i++)
		CHECK(o.woke_at[i] == i, "semaphore handoff: waiter %d woke %d-th", i, o.woke_at[i]);
	/* Waiters 0, 1, 2 at the back; 3 and 4 (lifo) each to the front:
	 * out come 4, 3, 0, 1, 2. */
	memset(&o, 0, sizeof o);
	o.lifo[3] = o.lifo[4] = true;
	run_order(&o, 5, false);
	static const int want[5] = { 2, 3, 4, 1, 0 };
	for (int i = 0; i < 5; i++)
		CHECK(o.woke_at[i] == want[i], "semaphore LIFO: waiter %d woke %d-th, want %d-th",
		      i, o.woke_at[i], want[i]);
	printf("semaphore: queue order FIFO, lifo waiters first, handoff: ok\n");
}

/* Go's TestSemaHandoff, TestSemaHandoff1 and TestSemaHandoff2: a waiter
 * queued on an empty semaphore, then a release with handoff, after which
 * the releaser at once tries to take a unit itself, as a thread arriving
 * in acquire's fast path would (a CAS of count from 1 to 0: Go's
 * cansemacquire), and both race to a CAS on res.  The unit must go to
 * the waiter every time: with a ticket it never enters count, so the
 * barging CAS can never succeed (a handoff through count would let it,
 * the more often the later the waiter wakes).  Go also wants the
 * waiter's CAS on res first in 2/3 of the rounds at least, from the
 * releaser's yield; a C thread yields to the kernel's choice, so that
 * share is reported, and required only where both threads share one CPU
 * (Handoff1), the case the yield is for. */
struct handoff {
	struct lb_sema s;
	atomic_int res;
};

static void *handoff_waiter(void *arg)
{
	struct handoff *h = arg;
	int zero = 0;

	lb_sema_acquire(&h->s, false, NULL);
	atomic_compare_exchange_strong(&h->res, &zero, 1);
	return NULL;
}

/* rounds of it, with both threads on `cpus` CPUs (0: wherever); returns
 * how often the releaser's barging took the unit, *first how often the
 * waiter's CAS on res came first. */
static int run_handoff(int rounds, unsigned cpus, int *first)
{
	static struct handoff h;
	cpu_set_t mine, set;
	pthread_attr_t attr;
	int barged = 0, e;

	*first = 0;
	pthread_attr_init(&attr);
	sched_getaffinity(0, sizeof mine, &mine);
	if (cpus != 0) {
		first_cpus(&mine, cpus, &set);
		pthread_attr_setaffinity_np(&attr, sizeof set, &set);
		sched_setaffinity(0, sizeof set, &set);
	}
	for (int i = 0; i < rounds; i++) {
		pthread_t t;
		uint32_t one = 1;
		int zero = 0;

		lb_sema_init(&h.s, 0);
		atomic_store(&h.res, 0);
		if ((e = pthread_create(&t, &attr, handoff_waiter, &h)) != 0)
			die("pthread_create", e);
		if (!sema_queued(&h.s, 1, 10 * SEC))
			die("handoff: the waiter did not queue", ETIMEDOUT);
		lb_sema_release(&h.s, LB_SEMA_HANDOFF, NULL);
		if (atomic_compare_exchange_strong(&h.s.count, &one, 0)) {
			barged++;
			lb_sema_release(&h.s, LB_SEMA_WAKE, NULL); /* the waiter's, back */
		}
		atomic_compare_exchange_strong(&h.res, &zero, 2);
		pthread_join(t, NULL);
		*first += atomic_load(&h.res) == 1;
	}
	sched_setaffinity(0, sizeof mine, &mine);
	pthread_attr_destroy(&attr);
	return barged;
}

static void test_semaphore_handoff(void)
{
	static const struct { const char *name; unsigned cpus; } cases[] = {
		{ "SemaHandoff", 0 }, { "SemaHandoff1", 1 }, { "SemaHandoff2", 2 },
	};
	const int rounds = 2000;

	for (size_t k = 0; k < sizeof cases / sizeof cases[0]; k++) {
		int first, barged;

		if (cases[k].cpus > (unsigned)start_cpus) {
			printf("%s: not run: the process has %d CPU\n", cases[k].name, start_cpus);
			continue;
		}
		barged = run_handoff(rounds, cases[k].cpus, &first);
		CHECK(barged == 0, "%s: a thread arriving after a release with handoff took the "
		      "unit %d times in %d", cases[k].name, barged, rounds);
		if (cases[k].cpus == 1)
			CHECK(first >= rounds * 2 / 3, "%s: the waiter ran first after the handoff "
			      "in %d of %d rounds, want 2/3", cases[k].name, first, rounds);
		printf("%s: the unit went to the waiter %d of %d times; the waiter ran first in "
		       "%d%s\n", cases[k].name, rounds - barged, rounds, first,
		       cases[k].cpus == 1 ? " (want 2/3)" : " (reported)");
	}
}

/* ---- mutex ---------------------------------------------------------- */

struct mutex_hammer {
	struct lb_gomutex m;
	pthread_barrier_t go;
	unsigned long counter; /* plain: under m */
	atomic_ulong acquired, overlaps, sleeps;
	atomic_int inside;
};

static void *mutex_hammer_main(void *arg)
{
	struct mutex_hammer *h = arg;
	struct lb_lock_stats st;
	unsigned long mine = 0;

	memset(&st, 0, sizeof st);
	pthread_barrier_wait(&h->go);
	for (int i = 0; i < 1000; i++) {
		if (i % 3 == 2) {
			if (!lb_gomutex_trylock(&h->m))
				continue;
		} else {
			lb_gomutex_lock(&h->m, &st);
		}
		if (atomic_fetch_add_explicit(&h->inside, 1, memory_order_relaxed) != 0)
			atomic_fetch_add_explicit(&h->overlaps, 1, memory_order_relaxed);
		h->counter++;
		mine++;
		if (i % 50 == 0)
			sched_yield(); /* holding it: the others meet it held */
		atomic_fetch_sub_explicit(&h->inside, 1, memory_order_relaxed);
		lb_gomutex_unlock(&h->m, &st);
	}
	atomic_fetch_add(&h->acquired, mine);
	atomic_fetch_add(&h->sleeps, atomic_load_explicit(&st.sleeps, memory_order_relaxed));
	return NULL;
}

static void test_mutex(void)
{
	static const struct { const char *name; struct lb_gomutex_cfg cfg; } modes[] = {
		{ "adaptive", { LB_GOMUTEX_ADAPTIVE, 1000000, 4 } },
		{ "normal", { LB_GOMUTEX_NORMAL, 1000000, 4 } },
		{ "starvation", { LB_GOMUTEX_STARVATION, 0, 4 } },
	};
	static struct mutex_hammer h;

	for (size_t k = 0; k < sizeof modes / sizeof modes[0]; k++) {
		struct team t;

		memset(&h, 0, sizeof h);
		lb_gomutex_init(&h.m, &modes[k].cfg);
		/* TryLock: succeeds when free, fails while held. */
		CHECK(lb_gomutex_trylock(&h.m), "%s: TryLock of a free mutex failed", modes[k].name);
		CHECK(!lb_gomutex_trylock(&h.m), "%s: TryLock of a held mutex succeeded",
		      modes[k].name);
		lb_gomutex_unlock(&h.m, NULL);
		lb_gomutex_lock(&h.m, NULL);
		CHECK(!lb_gomutex_trylock(&h.m), "%s: TryLock of a locked mutex succeeded",
		      modes[k].name);
		lb_gomutex_unlock(&h.m, NULL);
		CHECK(lb_gomutex_trylock(&h.m), "%s: TryLock after Unlock failed", modes[k].name);
		lb_gomutex_unlock(&h.m, NULL);

		pthread_barrier_init(&h.go, NULL, 10);
		team_start(&t, 10, mutex_hammer_main, &h, 0, 0);
		team_join(&t);
		pthread_barrier_destroy(&h.go);
		CHECK(h.counter == atomic_load(&h.acquired),
		      "%s: counter %lu after %lu acquisitions", modes[k].name, h.counter,
		      atomic_load(&h.acquired));
		CHECK(atomic_load(&h.acquired) >= 10 * 667,
		      "%s: %lu acquisitions, at least the 6670 Lock calls expected", modes[k].name,
		      atomic_load(&h.acquired));
		CHECK(atomic_load(&h.overlaps) == 0, "%s: %lu overlaps inside the mutex",
		      modes[k].name, atomic_load(&h.overlaps));
		CHECK(atomic_load(&h.m.state) == 0, "%s: state %d at the end, not 0", modes[k].name,
		      atomic_load(&h.m.state));
		CHECK(atomic_load(&h.sleeps) > 0, "%s: no thread slept: the slow path never ran",
		      modes[k].name);
		printf("mutex %s: TryLock; 10 threads x 1000, every third a TryLock: %lu increments, "
		       "%lu sleeps: ok\n", modes[k].name, h.counter, atomic_load(&h.sleeps));
	}
}

/* Four threads in lock; counter++; unlock, each pinned to a CPU of its
 * own modulo the CPUs there are (two to a CPU on two), so that holders
 * and waiters are preempted in every state of the mutex: a state the
 * algorithm thinks impossible ("inconsistent mutex state") aborts.  Left
 * alone, a thread does its million in one time slice and nobody waits;
 * so a holder yields its CPU now and then, and the slow paths must be
 * seen to run: sleeps and wakeups in every mode, handoffs and switches
 * to starvation mode in starvation mode and with a 10 us threshold,
 * none of either in normal mode. */
#define STRESS_THREADS 4
#define STRESS_ITERS 200000L
#define STRESS_YIELD 1024 /* a holder yields its CPU once in this many */

struct stress {
	struct lb_gomutex m;
	unsigned long counter; /* plain: under m */
	pthread_barrier_t go;
	atomic_int next_cpu;
	_Atomic uint64_t st[LB_NSTATS]; /* the threads' counters, added */
};

static void *stress_main(void *arg)
{
	struct stress *s = arg;
	struct lb_lock_stats st;
	cpu_set_t mine, one;
	int k = atomic_fetch_add(&s->next_cpu, 1), n = 0;

	/* Thread k on the (k mod CPUs)-th CPU the process may use. */
	if (sched_getaffinity(0, sizeof mine, &mine) == 0) {
		for (int c = 0; c < CPU_SETSIZE; c++)
			if (CPU_ISSET(c, &mine) && n++ == k % CPU_COUNT(&mine)) {
				CPU_ZERO(&one);
				CPU_SET(c, &one);
				pthread_setaffinity_np(pthread_self(), sizeof one, &one);
				break;
			}
	}
	memset(&st, 0, sizeof st);
	pthread_barrier_wait(&s->go);
	for (long i = 0; i < STRESS_ITERS; i++) {
		lb_gomutex_lock(&s->m, &st);
		s->counter++;
		if (i % STRESS_YIELD == 0)
			sched_yield(); /* holding it: its CPU's other thread meets it held */
		lb_gomutex_unlock(&s->m, &st);
	}
	uint64_t v[LB_NSTATS];
	lb_stats_read(&st, v);
	for (int j = 0; j < LB_NSTATS; j++)
		atomic_fetch_add(&s->st[j], v[j]);
	return NULL;
}

static void test_mutex_stress(void)
{
	static const struct { const char *name; struct lb_gomutex_cfg cfg; } modes[] = {
		{ "adaptive", LB_GOMUTEX_GO_CFG },
		{ "normal", { LB_GOMUTEX_NORMAL, 0, 4 } },
		{ "starvation", { LB_GOMUTEX_STARVATION, 0, 4 } },
		{ "adaptive threshold=10us", { LB_GOMUTEX_ADAPTIVE, 10000, 4 } },
	};
	static struct stress s;
	uint64_t st[LB_NSTATS];

	for (size_t k = 0; k < sizeof modes / sizeof modes[0]; k++) {
		uint64_t t0 = lb_now_ns();
		struct team t;

		memset(&s, 0, sizeof s);
		lb_gomutex_init(&s.m, &modes[k].cfg);
		pthread_barrier_init(&s.go, NULL, STRESS_THREADS);
		team_start(&t, STRESS_THREADS, stress_main, &s, 0, 0);
		team_join(&t);
		pthread_barrier_destroy(&s.go);
		CHECK(s.counter == STRESS_THREADS * STRESS_ITERS, "stress %s: counter %lu, want %ld",
		      modes[k].name, s.counter, STRESS_THREADS * STRESS_ITERS);
		CHECK(atomic_load(&s.m.state) == 0, "stress %s: state %d at the end",
		      modes[k].name, atomic_load(&s.m.state));
		for (int j = 0; j < LB_NSTATS; j++)
			st[j] = atomic_load(&s.st[j]);
		CHECK(ST(sleeps) > 0 && ST(wakeups) > 0, "stress %s: %llu sleeps, %llu wakeups: "
		      "the slow paths did not run", modes[k].name, (unsigned long long)ST(sleeps),
		      (unsigned long long)ST(wakeups));
		if (modes[k].cfg.mode == LB_GOMUTEX_NORMAL)
			CHECK(ST(starve_enter) == 0 && ST(handoffs) == 0, "stress normal: %llu "
			      "switches to starvation mode, %llu handoffs (want none)",
			      (unsigned long long)ST(starve_enter), (unsigned long long)ST(handoffs));
		else if (modes[k].cfg.threshold_ns < 1000000)
			CHECK(ST(starve_enter) > 0 && ST(handoffs) > 0, "stress %s: %llu switches "
			      "to starvation mode, %llu handoffs (want both)", modes[k].name,
			      (unsigned long long)ST(starve_enter), (unsigned long long)ST(handoffs));
		printf("mutex stress %s: %d threads x %ld, each pinned, on %d CPUs: ok (%.2fs);",
		       modes[k].name, STRESS_THREADS, STRESS_ITERS, process_cpus(),
		       (double)(lb_now_ns() - t0) / 1e9);
		print_stats(st);
	}
}

/* ---- the spin budget ------------------------------------------------ */

/* A gomutex spins when the process may run on more than one CPU, like
 * Go's (ncpu > 1), and the process's CPUs are those it started with, not
 * those of the thread that initialises the mutex: a mutex set up on a
 * thread pinned to one CPU (a benchmark's thread 0) must spin as well. */

static unsigned want_spin(void)
{
	return start_cpus > 1 ? LB_GOMUTEX_GO_CFG.spin : 0;
}

static void *init_pinned(void *arg)
{
	struct lb_gorwmutex *rw = arg;

	lb_gorwmutex_init(rw, &LB_GOMUTEX_GO_CFG);
	return NULL;
}

/* In a child forked by a thread pinned to one CPU: exit with the spin
 * budget of a mutex it initialises. */
static void child_spin(void *arg)
{
	struct lb_gomutex m;

	(void)arg;
	lb_gomutex_init(&m, &LB_GOMUTEX_GO_CFG);
	_exit((int)m.spin);
}

static void test_spin_budget(void)
{
	static struct lb_gorwmutex rw;
	cpu_set_t mine, one;
	pthread_attr_t attr;
	struct child_end end;
	pthread_t t;
	int e;

	if (sched_getaffinity(0, sizeof mine, &mine) != 0)
		die("sched_getaffinity", errno);
	first_cpus(&mine, 1, &one);
	/* A thread pinned to one CPU initialises a gorwmutex (and so its
	 * writers' gomutex). */
	pthread_attr_init(&attr);
	pthread_attr_setaffinity_np(&attr, sizeof one, &one);
	if ((e = pthread_create(&t, &attr, init_pinned, &rw)) != 0)
		die("pthread_create", e);
	pthread_join(t, NULL);
	pthread_attr_destroy(&attr);
	CHECK(rw.w.spin == want_spin(), "a mutex initialised on a thread pinned to one CPU "
	      "spins %u rounds; the process started with %d CPUs: want %u", rw.w.spin,
	      start_cpus, want_spin());
	/* This thread pinned, a child forked from it, which initialises one. */
	if (sched_setaffinity(0, sizeof one, &one) != 0)
		die("sched_setaffinity", errno);
	child_run(child_spin, NULL, 10 * SEC, &end);
	sched_setaffinity(0, sizeof mine, &mine);
	CHECK(end.exited && (unsigned)end.code == want_spin(), "a mutex initialised in a child "
	      "forked by a pinned thread: exited %d with %d (want %u), signal %d", end.exited,
	      end.code, want_spin(), end.sig);
	printf("spin budget: a mutex initialised on a thread pinned to one CPU, and in a child "
	       "forked by one, spins %u rounds (the process started with %d CPUs): ok\n",
	       rw.w.spin, start_cpus);
}

/* ---- misuse --------------------------------------------------------- */

static void misuse_mutex_unlock(void *arg)
{
	struct lb_gomutex m;

	(void)arg;
	lb_gomutex_init(&m, &LB_GOMUTEX_GO_CFG);
	lb_gomutex_unlock(&m, NULL);
}

static void misuse_mutex_unlock2(void *arg)
{
	struct lb_gomutex m;

	(void)arg;
	lb_gomutex_init(&m, &LB_GOMUTEX_GO_CFG);
	lb_gomutex_lock(&m, NULL);
	lb_gomutex_unlock(&m, NULL);
	lb_gomutex_unlock(&m, NULL);
}

/* The RWMutex cases: a string of operations, L U R N for Lock, Unlock,
 * RLock, RUnlock. */
static void misuse_rw(void *arg)
{
	struct lb_gorwmutex rw;

	lb_gorwmutex_init(&rw, &LB_GOMUTEX_GO_CFG);
	for (const char *op = arg; *op; op++) {
		switch (*op) {
		case 'L': lb_gorwmutex_lock(&rw, NULL); break;
		case 'U': lb_gorwmutex_unlock(&rw, NULL); break;
		case 'R': lb_gorwmutex_rlock(&rw, NULL); break;
		case 'N': lb_gorwmutex_runlock(&rw, NULL); break;
		}
	}
}

static void test_misuse(void)
{
	static const struct {
		const char *name;
		void (*fn)(void *);
		const char *ops;
	} cases[] = {
		{ "Mutex.Unlock", misuse_mutex_unlock, NULL },
		{ "Mutex.Unlock2", misuse_mutex_unlock2, NULL },
		{ "RWMutex.Unlock", misuse_rw, "U" },
		{ "RWMutex.Unlock2", misuse_rw, "RU" },
		{ "RWMutex.Unlock3", misuse_rw, "LUU" },
		{ "RWMutex.RUnlock", misuse_rw, "N" },
		{ "RWMutex.RUnlock2", misuse_rw, "LN" },
		{ "RWMutex.RUnlock3", misuse_rw, "RNN" },
	};

	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		struct child_end end;

		child_run(cases[i].fn, (void *)cases[i].ops, 10 * SEC, &end);
		CHECK(child_aborted_with(&end, "unlocked"),
		      "%s: the child did not die of SIGABRT saying 'unlocked' "
		      "(exited %d code %d, signal %d, killed %d): %s", cases[i].name, end.exited,
		      end.code, end.sig, end.killed, end.text);
		printf("misuse %-17s %s", cases[i].name, end.text);
	}
}

/* ---- fairness and counters ------------------------------------------ */

struct fair {
	struct lb_gomutex m;
	atomic_bool stop;
	atomic_int rounds;          /* the victim's rounds done              */
	_Atomic uint64_t worst_ns;  /* the victim's longest wait in lock     */
	struct lb_lock_stats hog_st, victim_st;
};

static void pin_to(int nth)
{
	cpu_set_t one;
	int n = 0;

	if (start_cpus < 2)
		return;
	for (int c = 0; c < CPU_SETSIZE; c++) {
		cpu_set_t mine;

		if (sched_getaffinity(0, sizeof mine, &mine) == 0 && CPU_ISSET(c, &mine) &&
		    n++ == nth) {
			CPU_ZERO(&one);
			CPU_SET(c, &one);
			pthread_setaffinity_np(pthread_self(), sizeof one, &one);
			return;
		}
	}
}

static void *hog_main(void *arg)
{
	struct fair *f = arg;

	pin_to(0);
	while (!atomic_load(&f->stop)) {
		lb_gomutex_lock(&f->m, &f->hog_st);
		sleep_ns(100000);
		lb_gomutex_unlock(&f->m, &f->hog_st);
	}
	return NULL;
}

static void *victim_main(void *arg)
{
	struct fair *f = arg;

	pin_to(1);
	while (!atomic_load(&f->stop)) {
		sleep_ns(100000);
		uint64_t t0 = lb_now_ns();
		lb_gomutex_lock(&f->m, &f->victim_st);
		uint64_t waited = lb_now_ns() - t0;
		lb_gomutex_unlock(&f->m, &f->victim_st);
		if (waited > atomic_load(&f->worst_ns))
			atomic_store(&f->worst_ns, waited);
		atomic_fetch_add(&f->rounds, 1);
	}
	return NULL;
}

/* The two threads' counters, added. */
static void fair_stats(struct fair *f, uint64_t st[LB_NSTATS])
{
	uint64_t v[LB_NSTATS];

	lb_stats_read(&f->hog_st, st);
	lb_stats_read(&f->victim_st, v);
	for (int k = 0; k < LB_NSTATS; k++)
		st[k] += v[k];
}

/* Run the hog and the victim, on CPUs of their own where there are two,
 * until the victim has had its 10 rounds and, unless in normal mode, the
 * mutex has been handed over in starvation mode; or until limit_ns.  Then
 * stop the hog (which lets the victim finish).  Returns the victim's
 * rounds by then; *secs is how long that took, *worst_ns the victim's
 * longest wait, st the two threads' counters added. */
static int run_fairness(const struct lb_gomutex_cfg *cfg, uint64_t limit_ns, double *secs,
			uint64_t *worst_ns, uint64_t st[LB_NSTATS])
{
	static struct fair f;
	pthread_t hog, victim;
	uint64_t t0;
	int rounds, e;

	memset(&f, 0, sizeof f);
	lb_gomutex_init(&f.m, cfg);
	t0 = lb_now_ns();
	if ((e = pthread_create(&hog, NULL, hog_main, &f)) != 0 ||
	    (e = pthread_create(&victim, NULL, victim_main, &f)) != 0)
		die("pthread_create", e);
	for (;;) {
		fair_stats(&f, st);
		if (atomic_load(&f.rounds) >= 10 &&
		    (cfg->mode == LB_GOMUTEX_NORMAL || (ST(starve_enter) > 0 && ST(handoffs) > 0)))
			break;
		if (lb_now_ns() - t0 >= limit_ns)
			break;
		sleep_ns(1000000);
	}
	rounds = atomic_load(&f.rounds);
	*secs = (double)(lb_now_ns() - t0) / 1e9;
	*worst_ns = atomic_load(&f.worst_ns);
	atomic_store(&f.stop, true);
	pthread_join(victim, NULL);
	pthread_join(hog, NULL);
	fair_stats(&f, st);
	return rounds;
}

/* Go's TestMutexFairness, made to tell the modes apart.  A hog loops
 * {lock; sleep 100us; unlock}, taking the lock back at once; a victim
 * loops {sleep 100us; lock; unlock}, on another CPU, so that when the
 * hog's unlock wakes it, it is still waking up when the hog takes the
 * lock again.  Go requires only that the victim gets in 10 times within
 * 10 s.  Here, in adaptive and starvation modes, the mutex must also
 * have gone into starvation mode and handed the lock over (the victim,
 * having waited past the threshold and lost once more, switches it), and
 * the victim's longest wait must stay within the threshold plus
 * FAIR_SLACK, the few of the hog's turns and wake-ups that a starving
 * waiter may still sit through, sized for a loaded machine.  In normal
 * mode the victim may starve: what happens is reported. */
#define FAIR_SLACK (500 * 1000000ULL)

static void test_fairness(void)
{
	static const struct { const char *name; struct lb_gomutex_cfg cfg; } modes[] = {
		{ "adaptive", LB_GOMUTEX_GO_CFG },
		{ "starvation", { LB_GOMUTEX_STARVATION, 0, 4 } },
	};
	const struct lb_gomutex_cfg normal = { LB_GOMUTEX_NORMAL, 0, 4 };
	uint64_t st[LB_NSTATS], worst;
	double secs;
	int rounds;

	for (size_t k = 0; k < sizeof modes / sizeof modes[0]; k++) {
		const char *mode = modes[k].name;
		uint64_t bound = modes[k].cfg.threshold_ns + FAIR_SLACK;

		rounds = run_fairness(&modes[k].cfg, 10 * SEC, &secs, &worst, st);
		CHECK(rounds >= 10, "%s: the victim got the mutex %d of 10 times in 10 s", mode,
		      rounds);
		CHECK(ST(starve_enter) > 0 && ST(handoffs) > 0, "%s: in %.1f s against the hog, "
		      "%llu switches to starvation mode and %llu handoffs (want both)", mode, secs,
		      (unsigned long long)ST(starve_enter), (unsigned long long)ST(handoffs));
		CHECK(worst <= bound, "%s: the victim waited %.1f ms once, more than the "
		      "threshold and %.0f ms", mode, (double)worst / 1e6, (double)FAIR_SLACK / 1e6);
		printf("fairness %s: %d victim rounds in %.3fs, longest wait %.2f ms (bound %.0f "
		       "ms);", mode, rounds, secs, (double)worst / 1e6, (double)bound / 1e6);
		print_stats(st);
	}

	/* Normal mode: allowed to starve the victim; say what happened. */
	rounds = run_fairness(&normal, 2 * SEC, &secs, &worst, st);
	printf("fairness normal (reported, not required): the victim got the mutex %d of 10 "
	       "times in %.3fs, longest wait %.2f ms%s;", rounds, secs, (double)worst / 1e6,
	       rounds < 10 ? ", starved by the hog's barging" : "");
	print_stats(st);
}

/* The counters, on one scene whose course each mode fixes: a waiter W
 * queues behind this thread, which holds the mutex 3 ms, releases it and
 * takes it straight back (barging: W, woken, finds it held), and holds
 * it until W, having lost, has queued again.  In adaptive mode W has
 * then waited more than 1 ms (in starvation mode, more than 0) and,
 * losing, switches the mutex to starvation mode, so the release hands
 * it over and W, the last waiter, switches back.  In normal mode nobody
 * ever switches.  The second hold ends on W's requeue, not after a fixed
 * time, so a W that a busy machine runs late still finds the mutex held;
 * a W that wins the race against the barging lock (it took the mutex in
 * between, and is done) ends the scene early, and it runs again.  (A
 * limit of 2 s ends that hold where a broken mutex never requeues W.) */
struct barge {
	struct lb_gomutex m;
	struct lb_lock_stats w_st, h_st;
	atomic_int w_done;
	bool held_out;    /* the second hold ran out its 2 s */
};

static void *barge_waiter(void *arg)
{
	struct barge *b = arg;

	pin_to(1);
	lb_gomutex_lock(&b->m, &b->w_st);
	lb_gomutex_unlock(&b->m, &b->w_st);
	atomic_store(&b->w_done, 1);
	return NULL;
}

/* The holder's side of the scene, on a CPU of its own where there are
 * two, the waiter on the other: so that the waiter's wake-up does not
 * preempt the holder between its release and its barging lock (on one
 * CPU, or beside other work, it can, and the waiter wins). */
static void *barge_holder(void *arg)
{
	struct barge *b = arg;
	pthread_t t;
	int e;

	pin_to(0);
	lb_gomutex_lock(&b->m, &b->h_st);
	if ((e = pthread_create(&t, NULL, barge_waiter, b)) != 0)
		die("pthread_create", e);
	while ((atomic_load(&b->m.state) >> LB_GOMUTEX_WAITER_SHIFT) == 0)
		sched_yield();
	sleep_ns(3000000);
	lb_gomutex_unlock(&b->m, &b->h_st);
	lb_gomutex_lock(&b->m, &b->h_st);
	uint64_t t0 = lb_now_ns();
	while ((atomic_load(&b->m.state) >> LB_GOMUTEX_WAITER_SHIFT) == 0 &&
	       !atomic_load(&b->w_done)) {
		if (lb_now_ns() - t0 >= 2 * SEC) {
			b->held_out = true;
			break;
		}
		sleep_ns(100000);
	}
	lb_gomutex_unlock(&b->m, &b->h_st);
	pthread_join(t, NULL);
	return NULL;
}

/* One scene; false where its second hold ran out (W never queued again). */
static bool run_barge(const struct lb_gomutex_cfg *cfg, uint64_t st[LB_NSTATS])
{
	static struct barge b;
	uint64_t w[LB_NSTATS];
	pthread_t t;
	int e;

	memset(&b, 0, sizeof b);
	lb_gomutex_init(&b.m, cfg);
	if ((e = pthread_create(&t, NULL, barge_holder, &b)) != 0)
		die("pthread_create", e);
	pthread_join(t, NULL);
	lb_stats_read(&b.h_st, st);
	lb_stats_read(&b.w_st, w);
	for (int k = 0; k < LB_NSTATS; k++)
		st[k] += w[k];
	return !b.held_out;
}

/* The barge scene until the waiter has switched the mutex into
 * starvation mode, for at most BARGE_BUDGET (a scene takes about 3 ms; a
 * scene whose W never queued again ends the tries); the counters of the
 * last.  A busy machine can let W win the race scene after scene (seen:
 * 231 running, under ThreadSanitizer, with W's CPU shared by 12 other
 * processes), so the tries are bounded by time, not by count. */
#define BARGE_BUDGET (10 * SEC)
static int barge_until_starved(const struct lb_gomutex_cfg *cfg, uint64_t st[LB_NSTATS])
{
	uint64_t t0 = lb_now_ns();
	int tries = 0;
	bool again;

	do {
		again = run_barge(cfg, st);
		tries++;
	} while (again && lb_now_ns() - t0 < BARGE_BUDGET &&
		 !(ST(starve_enter) > 0 && ST(sleeps) > 0 && ST(wakeups) > 0));
	return tries;
}

static void test_counters(void)
{
	static const struct { const char *name; struct lb_gomutex_cfg cfg; } starving[] = {
		{ "adaptive", LB_GOMUTEX_GO_CFG },
		{ "starvation", { LB_GOMUTEX_STARVATION, 0, 4 } },
	};
	const struct lb_gomutex_cfg normal = { LB_GOMUTEX_NORMAL, 0, 4 };
	struct lb_gomutex probe;
	uint64_t st[LB_NSTATS];

	for (size_t k = 0; k < sizeof starving / sizeof starving[0]; k++) {
		const char *mode = starving[k].name;
		int tries = barge_until_starved(&starving[k].cfg, st);

		printf("counters %s (%d scene%s):", mode, tries, tries > 1 ? "s" : "");
		print_stats(st);
		CHECK(ST(starve_enter) > 0, "%s: a waiter that waited 3 ms and lost never "
		      "entered starvation mode (%d scenes)", mode, tries);
		CHECK(ST(sleeps) > 0 && ST(wakeups) > 0, "%s: no sleeps or wakeups counted", mode);
		CHECK(ST(handoffs) > 0 || ST(starve_enter) == 0,
		      "%s: starvation mode entered but the lock was not handed off", mode);
		CHECK(ST(starve_exit) == ST(starve_enter),
		      "%s: %llu entries into starvation mode, %llu exits", mode,
		      (unsigned long long)ST(starve_enter), (unsigned long long)ST(starve_exit));
	}

	run_barge(&normal, st);
	printf("counters normal:");
	print_stats(st);
	CHECK(ST(starve_enter) == 0 && ST(starve_exit) == 0 && ST(handoffs) == 0,
	      "normal mode: %llu starvation entries, %llu exits, %llu handoffs (want none)",
	      (unsigned long long)ST(starve_enter), (unsigned long long)ST(starve_exit),
	      (unsigned long long)ST(handoffs));
	lb_gomutex_init(&probe, &normal);
	if (probe.spin > 0)
		CHECK(ST(spins) >= 4, "normal mode, waiting on a held mutex: %llu spin rounds, "
		      "want Go's 4 at least", (unsigned long long)ST(spins));
	else
		printf("counters: spinning not checked: this process has one CPU\n");
}

/* A woken waiter that loses the race goes back to the FRONT of the queue
 * (mutex.go: queueLifo := waitStartTime != 0).  Waiters A and B queue in
 * that order behind this thread, which then plays both the unlock that
 * wakes A and a newcomer that takes the mutex before A can: in one CAS it
 * does to the state what unlock and a winning TryLock do together (LOCKED
 * stays, one waiter off, WOKEN on), then releases the semaphore as
 * unlock does.  A wakes to find the mutex held, loses and sleeps again,
 * whatever the machine's timing (a real unlock and TryLock race A's
 * wake-up, which a busy machine can let A win a thousand times running).
 * Once A is queued, the unlock wakes the head of the queue, which must be
 * A: A gets the mutex before B.  Normal mode, so that no handoff decides
 * it. */
struct requeue {
	struct lb_gomutex m;
	atomic_int n;
	int order[2]; /* who got the mutex first, second */
};

struct requeue_arg {
	struct requeue *r;
	int id;
};

static void *requeue_waiter(void *arg)
{
	struct requeue_arg *a = arg;

	lb_gomutex_lock(&a->r->m, NULL);
	a->r->order[atomic_fetch_add(&a->r->n, 1)] = a->id;
	lb_gomutex_unlock(&a->r->m, NULL);
	return NULL;
}

static void test_requeue_front(void)
{
	const struct lb_gomutex_cfg normal = { LB_GOMUTEX_NORMAL, 0, 4 };
	const int32_t one_waiter = 1 << LB_GOMUTEX_WAITER_SHIFT;
	static struct requeue r;
	struct requeue_arg args[2];
	pthread_t t[2];

	memset(&r, 0, sizeof r);
	lb_gomutex_init(&r.m, &normal);
	lb_gomutex_lock(&r.m, NULL);
	for (int i = 0; i < 2; i++) {
		int e;

		args[i] = (struct requeue_arg){ .r = &r, .id = i };
		if ((e = pthread_create(&t[i], NULL, requeue_waiter, &args[i])) != 0)
			die("pthread_create", e);
		if (!sema_queued(&r.m.sema, (uint32_t)i + 1, 10 * SEC))
			die("requeue: a waiter did not queue", ETIMEDOUT);
	}
	/* Unlock and the newcomer's TryLock, as the state sees them: A is
	 * woken (WOKEN, one waiter fewer) and the mutex stays LOCKED. */
	int32_t old = LB_GOMUTEX_LOCKED | 2 * one_waiter;
	CHECK(atomic_compare_exchange_strong(&r.m.state, &old,
					     LB_GOMUTEX_LOCKED | LB_GOMUTEX_WOKEN | one_waiter),
	      "requeue: state %#x with two waiters queued (want %#x)", (unsigned)old,
	      (unsigned)(LB_GOMUTEX_LOCKED | 2 * one_waiter));
	lb_sema_release(&r.m.sema, LB_SEMA_RUNNEXT, NULL); /* wakes A, the head, as unlock does */
	CHECK(sema_queued(&r.m.sema, 2, 10 * SEC),
	      "requeue: the woken waiter, finding the mutex held, did not queue again");
	CHECK(atomic_load(&r.n) == 0, "requeue: a waiter took a mutex that was held");
	lb_gomutex_unlock(&r.m, NULL);
	for (int i = 0; i < 2; i++)
		pthread_join(t[i], NULL);
	CHECK(r.order[0] == 0 && r.order[1] == 1, "requeue: a woken waiter that lost went "
	      "behind the waiter queued after it (order %d, %d; want 0, 1)", r.order[0],
	      r.order[1]);
	printf("requeue: a woken waiter that lost the mutex is next: ok\n");
}

/* ---- the runnext wait ----------------------------------------------- */

/* A waiter woken RUNNEXT sleeps Go's runnext wait (a nanosleep, sema.c)
 * before it competes; one woken WAKE goes straight on.  Every sleep in the
 * kernel is one voluntary context switch of the sleeping thread
 * (getrusage, RUSAGE_THREAD), so the wait shows as one switch more than
 * the waiter's futex sleeps (its `sleeps` counter).  A scene can miss
 * that switch only where the nanosleep's timer ran out before the
 * thread got off its CPU (it was preempted in between), and a stray
 * futex wake can add one; so each case must show what it wants in one
 * scene of three. */
struct next_scene {
	struct lb_sema s;
	struct lb_gomutex m;
	struct lb_lock_stats st;
	bool mutex;     /* the waiter locks m, else acquires s */
	long switches;  /* its voluntary context switches meanwhile */
};

static void *next_waiter(void *arg)
{
	struct next_scene *n = arg;
	struct rusage r0, r1;

	getrusage(RUSAGE_THREAD, &r0);
	if (n->mutex) {
		lb_gomutex_lock(&n->m, &n->st);
		lb_gomutex_unlock(&n->m, &n->st);
	} else {
		lb_sema_acquire(&n->s, false, &n->st);
	}
	getrusage(RUSAGE_THREAD, &r1);
	n->switches = r1.ru_nvcsw - r0.ru_nvcsw;
	return NULL;
}

/* One scene: a waiter queues on the semaphore, which is then released
 * `how`, or on a mutex that its holder then unlocks; the waiter's
 * voluntary switches beyond its futex sleeps. */
static long run_next_scene(bool mutex, enum lb_sema_wake how)
{
	static struct next_scene n;
	const struct lb_gomutex_cfg normal = { LB_GOMUTEX_NORMAL, 0, 4 };
	uint64_t st[LB_NSTATS];
	pthread_t t;
	int e;

	memset(&n, 0, sizeof n);
	n.mutex = mutex;
	lb_sema_init(&n.s, 0);
	lb_gomutex_init(&n.m, &normal);
	if (mutex)
		lb_gomutex_lock(&n.m, NULL);
	if ((e = pthread_create(&t, NULL, next_waiter, &n)) != 0)
		die("pthread_create", e);
	if (!sema_queued(mutex ? &n.m.sema : &n.s, 1, 10 * SEC))
		die("runnext: the waiter did not queue", ETIMEDOUT);
	if (mutex)
		lb_gomutex_unlock(&n.m, NULL);
	else
		lb_sema_release(&n.s, how, NULL);
	pthread_join(t, NULL);
	lb_stats_read(&n.st, st);
	return n.switches - (long)ST(sleeps);
}

static void test_runnext(void)
{
	static const struct {
		const char *name;
		bool mutex;
		enum lb_sema_wake how;
		long want; /* switches beyond the futex sleeps */
	} cases[] = {
		{ "semaphore released RUNNEXT", false, LB_SEMA_RUNNEXT, 1 },
		{ "semaphore released WAKE", false, LB_SEMA_WAKE, 0 },
		{ "mutex unlocked (normal mode)", true, LB_SEMA_RUNNEXT, 1 },
	};

	for (size_t k = 0; k < sizeof cases / sizeof cases[0]; k++) {
		long got[3];
		bool seen = false;

		for (int i = 0; i < 3; i++) {
			got[i] = run_next_scene(cases[k].mutex, cases[k].how);
			seen |= got[i] == cases[k].want;
		}
		CHECK(seen, "runnext: %s: the woken waiter's voluntary context switches beyond "
		      "its futex sleeps were %ld, %ld, %ld in 3 scenes (want %ld in one)",
		      cases[k].name, got[0], got[1], got[2], cases[k].want);
		printf("runnext: %s: switches beyond the futex sleeps %ld, %ld, %ld (want %ld)\n",
		       cases[k].name, got[0], got[1], got[2], cases[k].want);
	}
}

/* ---- RWMutex -------------------------------------------------------- */

struct readers {
	struct lb_gorwmutex rw;
	atomic_int in;
	atomic_int saw_all; /* readers that saw all n inside at once */
	int n;
};

static void *parallel_reader(void *arg)
{
	struct readers *r = arg;
	uint64_t t0 = lb_now_ns();

	lb_gorwmutex_rlock(&r->rw, NULL);
	atomic_fetch_add(&r->in, 1);
	while (atomic_load(&r->in) < r->n && lb_now_ns() - t0 < 10 * SEC)
		sched_yield();
	if (atomic_load(&r->in) == r->n)
		atomic_fetch_add(&r->saw_all, 1);
	lb_gorwmutex_runlock(&r->rw, NULL);
	return NULL;
}

static void test_parallel_readers(void)
{
	static const int cases[][2] = { { 1, 4 }, { 3, 4 }, { 4, 2 } };
	static struct readers r;

	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		struct team t;

		memset(&r, 0, sizeof r);
		lb_gorwmutex_init(&r.rw, &LB_GOMUTEX_GO_CFG);
		r.n = cases[i][0];
		team_start(&t, (unsigned)r.n, parallel_reader, &r, 0, (unsigned)cases[i][1]);
		team_join(&t);
		CHECK(atomic_load(&r.saw_all) == r.n,
		      "parallel readers (%d, %d CPUs): only %d saw all %d inside at once",
		      cases[i][0], cases[i][1], atomic_load(&r.saw_all), r.n);
		printf("parallel readers %d on %d CPUs: all inside at once: ok\n", cases[i][0],
		       cases[i][1]);
	}
}

#define HAMMER_ITERS 1000 /* Go's */

struct hammer {
	struct lb_gorwmutex rw;
	atomic_int activity; /* readers in + 10000 x writers in */
	atomic_int bad;
	pthread_barrier_t go;
	atomic_ulong reader_sleeps, writer_sleeps; /* over every case */
};

#define HAMMER_YIELD 16 /* a thread yields its CPU inside once in this many */

/* A thread's sleeps, into the total. */
static void add_sleeps(atomic_ulong *total, const struct lb_lock_stats *st)
{
	uint64_t v[LB_NSTATS];

	lb_stats_read(st, v);
	atomic_fetch_add(total, v[LB_STAT_sleeps_bit]);
}

static void *hammer_reader(void *arg)
{
	struct hammer *h = arg;

	struct lb_lock_stats st;

	memset(&st, 0, sizeof st);
	pthread_barrier_wait(&h->go);
	for (int i = 0; i < HAMMER_ITERS; i++) {
		lb_gorwmutex_rlock(&h->rw, &st);
		int n = atomic_fetch_add(&h->activity, 1) + 1;
		if (n < 1 || n >= 10000)
			atomic_fetch_add(&h->bad, 1);
		for (volatile int k = 0; k < 100; k++) {
		}
		if (i % HAMMER_YIELD == 0)
			sched_yield();
		atomic_fetch_sub(&h->activity, 1);
		lb_gorwmutex_runlock(&h->rw, &st);
	}
	add_sleeps(&h->reader_sleeps, &st);
	return NULL;
}

static void *hammer_writer(void *arg)
{
	struct hammer *h = arg;

	struct lb_lock_stats st;

	memset(&st, 0, sizeof st);
	pthread_barrier_wait(&h->go);
	for (int i = 0; i < HAMMER_ITERS; i++) {
		lb_gorwmutex_lock(&h->rw, &st);
		int n = atomic_fetch_add(&h->activity, 10000) + 10000;
		if (n != 10000)
			atomic_fetch_add(&h->bad, 1);
		for (volatile int k = 0; k < 100; k++) {
		}
		if (i % HAMMER_YIELD == 0)
			sched_yield();
		atomic_fetch_sub(&h->activity, 10000);
		lb_gorwmutex_unlock(&h->rw, &st);
	}
	add_sleeps(&h->writer_sleeps, &st);
	return NULL;
}

static void test_hammer(void)
{
	static const int cases[][2] = {
		{ 1, 1 }, { 1, 3 }, { 1, 10 }, { 4, 1 }, { 4, 3 },
		{ 4, 10 }, { 10, 1 }, { 10, 3 }, { 10, 10 }, { 10, 5 },
	};
	static struct hammer h;
	uint64_t t0 = lb_now_ns();
	unsigned long rsleeps = 0, wsleeps = 0;

	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		unsigned procs = (unsigned)cases[i][0], readers = (unsigned)cases[i][1];
		struct team w, w2, r1, r2;

		memset(&h, 0, sizeof h);
		lb_gorwmutex_init(&h.rw, &LB_GOMUTEX_GO_CFG);
		pthread_barrier_init(&h.go, NULL, 2 + readers);
		/* Go's order: a writer, half the readers, the other writer, the rest. */
		team_start(&w, 1, hammer_writer, &h, 0, procs);
		team_start(&r1, readers / 2, hammer_reader, &h, 0, procs);
		team_start(&w2, 1, hammer_writer, &h, 0, procs);
		team_start(&r2, readers - readers / 2, hammer_reader, &h, 0, procs);
		team_join(&w);
		team_join(&r1);
		team_join(&w2);
		team_join(&r2);
		pthread_barrier_destroy(&h.go);
		CHECK(atomic_load(&h.bad) == 0,
		      "hammer (%u CPUs, %u readers): %d times a reader met a writer or a writer "
		      "met anyone", procs, readers, atomic_load(&h.bad));
		CHECK(atomic_load(&h.activity) == 0, "hammer: activity %d at the end",
		      atomic_load(&h.activity));
		rsleeps += atomic_load(&h.reader_sleeps);
		wsleeps += atomic_load(&h.writer_sleeps);
	}
	/* The slow paths: readers asleep behind a writer (reader_sem),
	 * writers asleep behind readers or the other writer. */
	CHECK(rsleeps > 0 && wsleeps > 0, "hammer: readers slept %lu times, writers %lu: the "
	      "slow paths did not run", rsleeps, wsleeps);
	printf("hammer: 2 writers + R readers x %d over Go's 10 (procs, readers) pairs: ok "
	       "(%.2fs; readers slept %lu times, writers %lu)\n", HAMMER_ITERS,
	       (double)(lb_now_ns() - t0) / 1e9, rsleeps, wsleeps);
}

/* Go's TestRLocker.  RLocker is the read side as a plain Locker; here that
 * is the gorwmutex lock table's rlock and runlock, what a caller holding
 * the lock as a Locker calls.  A thread loops: read-lock twice, say so,
 * write-lock, say so.  This thread, each round: after one read unlock,
 * the writer must be waiting for the other reader, not in; after the
 * second, it gets in; then the thread's next read lock must wait for the
 * writer.  The waits are for states, not times: the writer announced
 * and queued on writer_sem, a reader queued on reader_sem. */
struct rlocker {
	struct lb_gorwmutex rw;
	struct lb_sema rlocked, wlocked; /* Go's channels, as counts */
};

#define RLOCKER_ROUNDS 10

static void *rlocker_main(void *arg)
{
	struct rlocker *r = arg;
	const struct lb_lock_ops *ops = lb_lock_find("gorwmutex");

	for (int i = 0; i < RLOCKER_ROUNDS; i++) {
		ops->rlock(&r->rw, NULL);
		ops->rlock(&r->rw, NULL);
		lb_sema_release(&r->rlocked, LB_SEMA_WAKE, NULL);
		ops->lock(&r->rw, NULL);
		lb_sema_release(&r->wlocked, LB_SEMA_WAKE, NULL);
	}
	return NULL;
}

static void test_rlocker(void)
{
	static struct rlocker r;
	const struct lb_lock_ops *ops = lb_lock_find("gorwmutex");
	pthread_t t;
	int e;

	lb_gorwmutex_init(&r.rw, &LB_GOMUTEX_GO_CFG);
	lb_sema_init(&r.rlocked, 0);
	lb_sema_init(&r.wlocked, 0);
	if ((e = pthread_create(&t, NULL, rlocker_main, &r)) != 0)
		die("pthread_create", e);
	for (int i = 0; i < RLOCKER_ROUNDS; i++) {
		bool ok;

		lb_sema_acquire(&r.rlocked, false, NULL);
		ops->runlock(&r.rw, NULL);
		ok = sema_queued(&r.rw.writer_sem, 1, 10 * SEC) &&
		     atomic_load(&r.rw.reader_count) == 1 - LB_RWMUTEX_MAX_READERS;
		CHECK(ok, "RLocker round %d: the writer is not waiting for the one reader left "
		      "(reader_count %d)", i, atomic_load(&r.rw.reader_count));
		CHECK(atomic_load(&r.wlocked.count) == 0,
		      "RLocker round %d: RLocker() didn't read-lock it", i);
		ops->runlock(&r.rw, NULL);
		lb_sema_acquire(&r.wlocked, false, NULL);
		if (ok && i + 1 < RLOCKER_ROUNDS) {
			ok = sema_queued(&r.rw.reader_sem, 1, 10 * SEC);
			CHECK(ok, "RLocker round %d: a read lock under the write lock did not "
			      "wait", i);
			CHECK(atomic_load(&r.rlocked.count) == 0,
			      "RLocker round %d: RLocker() didn't respect the write lock", i);
		}
		ops->unlock(&r.rw, NULL);
		if (!ok) { /* the next rounds would only wait as long again */
			pthread_detach(t);
			return;
		}
	}
	pthread_join(t, NULL);
	printf("RLocker: %d rounds, the read side as a Locker: ok\n", RLOCKER_ROUNDS);
}

static void test_rw_trylock(void)
{
	struct lb_gorwmutex rw;

	lb_gorwmutex_init(&rw, &LB_GOMUTEX_GO_CFG);
	CHECK(lb_gorwmutex_trylock(&rw, NULL), "TryLock of a free RWMutex failed");
	CHECK(!lb_gorwmutex_trylock(&rw, NULL), "TryLock of a write-locked RWMutex succeeded");
	CHECK(!lb_gorwmutex_tryrlock(&rw), "TryRLock of a write-locked RWMutex succeeded");
	lb_gorwmutex_unlock(&rw, NULL);

	lb_gorwmutex_lock(&rw, NULL);
	CHECK(!lb_gorwmutex_trylock(&rw, NULL), "TryLock while Lock held succeeded");
	CHECK(!lb_gorwmutex_tryrlock(&rw), "TryRLock while Lock held succeeded");
	lb_gorwmutex_unlock(&rw, NULL);

	CHECK(lb_gorwmutex_tryrlock(&rw), "TryRLock of a free RWMutex failed");
	CHECK(lb_gorwmutex_tryrlock(&rw), "a second TryRLock failed");
	CHECK(!lb_gorwmutex_trylock(&rw, NULL), "TryLock with readers in succeeded");
	lb_gorwmutex_runlock(&rw, NULL);
	lb_gorwmutex_runlock(&rw, NULL);

	lb_gorwmutex_rlock(&rw, NULL);
	CHECK(lb_gorwmutex_tryrlock(&rw), "TryRLock beside an RLock failed");
	CHECK(!lb_gorwmutex_trylock(&rw, NULL), "TryLock beside an RLock succeeded");
	lb_gorwmutex_runlock(&rw, NULL);
	lb_gorwmutex_runlock(&rw, NULL);
	CHECK(lb_gorwmutex_trylock(&rw, NULL), "TryLock after the readers left failed");
	lb_gorwmutex_unlock(&rw, NULL);
	CHECK(atomic_load(&rw.reader_count) == 0 && atomic_load(&rw.w.state) == 0,
	      "RWMutex not free at the end: reader_count %d, w.state %d",
	      atomic_load(&rw.reader_count), atomic_load(&rw.w.state));
	printf("rw trylock matrix: ok\n");
}

int main(void)
{
	uint64_t t0 = lb_now_ns();

	start_cpus = process_cpus();
	/* Children first, while this process has one thread. */
	test_misuse();
	test_spin_budget();
	test_semaphore();
	test_semaphore_order();
	test_semaphore_handoff();
	test_mutex();
	test_mutex_stress();
	test_rw_trylock();
	test_rlocker();
	test_parallel_readers();
	test_hammer();
	test_fairness();
	test_counters();
	test_requeue_front();
	test_runnext();
	printf("test-gosync: %.2fs\n", (double)(lb_now_ns() - t0) / 1e9);
	return check_done();
}
