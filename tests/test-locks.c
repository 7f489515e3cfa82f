/*
 * test-locks.c - every lock through one validation loop.
 *
 * In the manner of Concurrency Kit's regressions/ck_spinlock/validate:
 * threads hammer one lock and check, inside each critical section, that
 * they are alone in it.  A thread entering writes its id to a plain shared
 * `owner`, bumps a plain `inside` count, does a little work and checks
 * that both are still what it wrote; then it increments a plain shared
 * counter.  With a correct lock no check fails and the counter equals the
 * number of exclusive acquisitions exactly; with a broken one, threads
 * overlap and both show it.  ThreadSanitizer sees the same plain accesses
 * as data races if a lock fails to order them.
 *
 * What runs:
 *   - the registry: every table is well formed and findable by name;
 *   - options: each lock's defaults parse and pass its check hook, and
 *     ttas's check hook rejects backoff_min > backoff_max;
 *   - trylock semantics, one holder and one other thread;
 *   - the validation loop for every lock not marked LB_CAP_UNSAFE, at 2, 4
 *     and 8 threads (8 oversubscribes a 2-core machine), then once at 2
 *     threads for every choice of every enum option;
 *   - the negative control: `none`, which does not exclude, must be caught
 *     by the same loop, or the loop proves nothing.
 *
 * Acquisition: odd iterations use trylock (retried, yielding between
 * failures) when the lock has one, the others lock(); for LB_CAP_RW locks
 * every 4th iteration takes the read side instead and checks that no
 * writer is inside, while writers check that no reader is.  Each case
 * prints its hand-overs (exclusive acquisitions that follow another
 * thread's): the moments at which a broken lock would show.
 */
#include <errno.h>
#include <limits.h>
#include <pthread.h>
#include <sched.h>
#include <stdatomic.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/syscall.h>
#include <time.h>
#include <unistd.h>

#include "harness/clock.h"
#include "harness/options.h"
#include "locks/lock.h"
#include "tests/check.h"

/*
 * Iterations per thread: a case at 2, 4 or 8 threads takes 0.2 to 0.8 s on
 * two CPUs.  The FIFO spinlocks (ticket, mcs) at more threads than CPUs
 * need no fewer: the trylock half of the iterations never queues and
 * yields the CPU on each failure, which lets a descheduled waiter run.
 */
#define ITERS 500000UL
#define ITERS_CHOICE 100000UL /* each enum option value, at 2 threads */

/* Hand-overs each case must see, going on past its iterations until
 * EXTEND_NS after its start, and the pause that lets a sleeping waiter in
 * every 64 iterations.  A case stops as soon as it has seen them, so the
 * limit only counts on a loaded machine: there two threads of a case
 * share the CPUs with everything else, run at the same time only now and
 * then, and a spinlock may change hands only when its holder is switched
 * out, every few milliseconds; ThreadSanitizer slows each operation
 * tenfold besides.  Hence seconds, not milliseconds. */
#define HANDOVERS 1000UL
#define EXTEND_NS 30000000000ULL
#define GAP_NS 20000ULL

/* The negative control stops soon after its first violation (within a
 * second on an idle machine) or after this long: sized, like EXTEND_NS,
 * for a machine where its two threads seldom run at the same time. */
#define CONTROL_NS 30000000000ULL

static long online_cpus(void)
{
	return sysconf(_SC_NPROCESSORS_ONLN);
}

static void die(const char *what, int err)
{
	fprintf(stderr, "test-locks: %s: %s\n", what, strerror(err));
	exit(1);
}

/* n bytes on lines of their own, zeroed, as the harness allocates. */
static void *zalloc_line(size_t n)
{
	void *p = lb_alloc_lines(n);

	if (p == NULL)
		die("lb_alloc_lines", errno);
	return p;
}

/* Parse text (NULL: defaults), run check and init: the harness's order.
 * Returns the instance, or NULL with a message in err. */
static void *lock_open(const struct lb_lock_ops *ops, const char *text,
		       char *err, size_t errlen)
{
	struct lb_optset set;
	char owner[64];
	void *l;

	snprintf(owner, sizeof owner, "lock '%s'", ops->name);
	if (lb_opts_parse(owner, ops->options, text, &set, err, errlen) < 0)
		return NULL;
	if (ops->check != NULL && ops->check(&set, err, errlen) < 0)
		return NULL;
	l = zalloc_line(ops->size);
	if (ops->init(l, &set) < 0) {
		snprintf(err, errlen, "%s: init: %s", owner, strerror(errno));
		free(l);
		return NULL;
	}
	return l;
}

static void lock_close(const struct lb_lock_ops *ops, void *l)
{
	ops->destroy(l);
	free(l);
}

/* ---- the validation loop ---------------------------------------------- */

struct stress {
	const struct lb_lock_ops *ops;
	void *l;
	unsigned nthreads;
	unsigned long iters;  /* per thread                                */
	uint64_t deadline_ns; /* 0, or stop at the first violation or then */
	const int *cpus;      /* thread i bound to cpus[i], or NULL: unbound */
	pthread_barrier_t start;

	/* Written only inside critical sections and deliberately not atomic,
	 * so that a lock that fails to exclude or to order is seen (by the
	 * checks, and by ThreadSanitizer).  volatile so that the compiler
	 * reads them again after the work instead of reusing what this
	 * thread wrote. */
	volatile unsigned owner;  /* id of the thread inside           */
	volatile unsigned inside; /* exclusive holders inside: 1       */
	volatile unsigned writer; /* 1 while a writer is inside (RW)   */
	unsigned long counter;    /* one per exclusive acquisition     */

	atomic_uint ready;          /* threads past the barrier       */
	atomic_ulong handed;        /* hand-overs so far; relaxed     */
	uint64_t extend_until_ns;   /* go past iters until then, for hand-overs */
	atomic_uint readers;        /* readers inside (RW); relaxed   */
	atomic_ulong violations;    /* invariant failures; relaxed    */
};

/* One per thread, a cache line apart so their counters do not share one. */
struct worker {
	_Alignas(LB_LINE) struct stress *s;
	void *ctx;
	unsigned id;
	unsigned long writes, reads; /* exclusive, shared acquisitions    */
	unsigned long tries;         /* failed trylocks                   */
	unsigned long handovers;     /* exclusive acquisitions that follow
				      * another thread's                 */
	pthread_t tid;
};

/* A little work inside the critical section, long enough for another
 * thread to walk in if the lock lets it. */
static void cs_work(void)
{
	for (volatile int k = 0; k < 20; k++) {
	}
}

static void violation(struct stress *s)
{
	atomic_fetch_add_explicit(&s->violations, 1, memory_order_relaxed);
}

static void read_section(struct stress *s, const struct lb_lockfns *f,
			 struct worker *w)
{
	f->rlock(f->l, f->ctx);
	atomic_fetch_add_explicit(&s->readers, 1, memory_order_relaxed);
	if (s->writer != 0)
		violation(s);
	cs_work();
	if (s->writer != 0)
		violation(s);
	atomic_fetch_sub_explicit(&s->readers, 1, memory_order_relaxed);
	w->reads++;
	f->runlock(f->l, f->ctx);
}

static void write_section(struct stress *s, const struct lb_lockfns *f,
			  struct worker *w, bool use_trylock)
{
	const unsigned id = w->id + 1;

	if (use_trylock) {
		while (!f->trylock(f->l, f->ctx)) {
			w->tries++;
			sched_yield();
		}
	} else {
		f->lock(f->l, f->ctx);
	}
	s->writer = 1;
	if (s->owner != id) {
		w->handovers++;
		atomic_fetch_add_explicit(&s->handed, 1, memory_order_relaxed);
	}
	s->owner = id;
	s->inside = s->inside + 1;
	if (atomic_load_explicit(&s->readers, memory_order_relaxed) != 0)
		violation(s);
	cs_work();
	if (s->owner != id || s->inside != 1 ||
	    atomic_load_explicit(&s->readers, memory_order_relaxed) != 0)
		violation(s);
	s->counter++;
	s->inside = s->inside - 1;
	s->writer = 0;
	w->writes++;
	f->unlock(f->l, f->ctx);
}

/* Busy for ns nanoseconds, outside any lock. */
static void stay_out_ns(uint64_t ns)
{
	uint64_t t0 = lb_now_ns();

	while (lb_now_ns() - t0 < ns)
		lb_cpu_relax();
}

/* Past its iterations, a thread goes on (checked every 1024) until the
 * lock has changed hands HANDOVERS times or the case's time is up, so
 * that every lock is seen passing between threads, not only run by one
 * thread after another. */
static bool more_handovers(struct stress *s, unsigned long i)
{
	return s->extend_until_ns != 0 && ((i & 1023) != 0 ||
	       (atomic_load_explicit(&s->handed, memory_order_relaxed) < HANDOVERS &&
		lb_now_ns() < s->extend_until_ns));
}

static void *worker_main(void *arg)
{
	struct worker *w = arg;
	struct stress *s = w->s;
	const struct lb_lockfns f = lb_lock_bind(s->ops, s->l, w->ctx);
	const bool rw = (s->ops->caps & LB_CAP_RW) != 0;
	const bool can_try = f.trylock != NULL;

	if (s->cpus) {
		cpu_set_t set;
		int e;

		CPU_ZERO(&set);
		CPU_SET(s->cpus[w->id], &set);
		if ((e = pthread_setaffinity_np(pthread_self(), sizeof set, &set)) != 0)
			die("pthread_setaffinity_np", e);
	}
	/* Start together.  The barrier wakes the others through the kernel,
	 * and a sleeping CPU (a halted vCPU above all) can take longer to
	 * wake than the first thread needs for all its iterations, which
	 * would leave nothing contended; so also wait until every thread is
	 * actually running. */
	pthread_barrier_wait(&s->start);
	atomic_fetch_add_explicit(&s->ready, 1, memory_order_relaxed);
	while (atomic_load_explicit(&s->ready, memory_order_relaxed) < s->nthreads)
		sched_yield();
	for (unsigned long i = 0; i < s->iters || more_handovers(s, i); i++) {
		if (s->deadline_ns != 0 && (i & 1023) == 0 &&
		    (atomic_load_explicit(&s->violations, memory_order_relaxed) != 0 ||
		     lb_now_ns() > s->deadline_ns))
			break;
		if (rw && i % 4 == 3)
			read_section(s, &f, w);
		else
			write_section(s, &f, w, can_try && (i & 1));
		/* Now and then stay out long enough for a waiter asleep in the
		 * kernel to wake and take the lock: an unfair lock released
		 * and retaken at once would otherwise never change hands.
		 * Then yield, for the machine where other work leaves the
		 * threads one CPU between them: the woken waiter may be
		 * waiting for ours. */
		if ((i & 63) == 63) {
			stay_out_ns(GAP_NS);
			sched_yield();
		}
	}
	return NULL;
}

/* The negative control's threads start here, so that a ThreadSanitizer
 * suppression (race:unsafe_worker_main) can excuse exactly its races. */
__attribute__((noinline)) static void *unsafe_worker_main(void *arg)
{
	void *r = worker_main(arg);

	__asm__ __volatile__("" ::: "memory"); /* keep this frame: no tail call */
	return r;
}

struct stress_result {
	unsigned long writes, reads, tries, handovers, counter, violations;
	double seconds;
};

/* Run nthreads threads of the loop over the instance l. */
static void stress_run(const struct lb_lock_ops *ops, void *l, unsigned nthreads,
		       unsigned long iters, uint64_t deadline_ns, const int *cpus,
		       struct stress_result *res)
{
	struct stress *s = zalloc_line(sizeof *s);
	struct worker *ws = zalloc_line(nthreads * sizeof *ws);
	const bool unsafe = (ops->caps & LB_CAP_UNSAFE) != 0;
	uint64_t t0;
	int e;

	s->ops = ops;
	s->l = l;
	s->iters = iters;
	s->nthreads = nthreads;
	s->deadline_ns = deadline_ns;
	s->cpus = cpus;
	s->extend_until_ns = deadline_ns ? 0 : lb_now_ns() + EXTEND_NS;
	atomic_init(&s->handed, 0);
	atomic_init(&s->readers, 0);
	atomic_init(&s->violations, 0);
	e = pthread_barrier_init(&s->start, NULL, nthreads);
	if (e != 0)
		die("pthread_barrier_init", e);

	t0 = lb_now_ns();
	for (unsigned i = 0; i < nthreads; i++) {
		ws[i].s = s;
		ws[i].id = i;
		ws[i].ctx = zalloc_line(ops->ctx_size);
		e = pthread_create(&ws[i].tid, NULL,
				   unsafe ? unsafe_worker_main : worker_main, &ws[i]);
		if (e != 0)
			die("pthread_create", e);
	}
	memset(res, 0, sizeof *res);
	for (unsigned i = 0; i < nthreads; i++) {
		e = pthread_join(ws[i].tid, NULL);
		if (e != 0)
			die("pthread_join", e);
		res->writes += ws[i].writes;
		res->reads += ws[i].reads;
		res->tries += ws[i].tries;
		res->handovers += ws[i].handovers;
		free(ws[i].ctx);
	}
	res->seconds = (double)(lb_now_ns() - t0) * 1e-9;
	res->counter = s->counter;
	res->violations = atomic_load_explicit(&s->violations, memory_order_relaxed);
	pthread_barrier_destroy(&s->start);
	free(ws);
	free(s);
}

/* One lock, one option text, one thread count: the full check. */
static void validate(const struct lb_lock_ops *ops, const char *text,
		     unsigned nthreads, unsigned long iters)
{
	char err[LB_ERR_LEN], what[128];
	struct stress_result r;
	void *l;

	snprintf(what, sizeof what, "%s%s%s at %u threads", ops->name,
		 text ? ":" : "", text ? text : "", nthreads);
	l = lock_open(ops, text, err, sizeof err);
	CHECK(l != NULL, "%s: %s", what, err);
	if (l == NULL)
		return;
	stress_run(ops, l, nthreads, iters, 0, NULL, &r);
	lock_close(ops, l);

	CHECK(r.violations == 0, "%s: %lu failed checks inside the critical section",
	      what, r.violations);
	CHECK(r.counter == r.writes, "%s: counter %lu after %lu exclusive acquisitions",
	      what, r.counter, r.writes);
	CHECK(r.writes + r.reads >= iters * nthreads,
	      "%s: %lu acquisitions, expected %lu at least", what, r.writes + r.reads,
	      iters * nthreads);
	if (online_cpus() >= 2)
		CHECK(r.handovers >= HANDOVERS,
		      "%s: the lock changed hands only %lu times: too little contention to "
		      "show anything", what, r.handovers);
	if (ops->caps & LB_CAP_RW)
		CHECK(r.reads > 0, "%s: no read-side acquisitions", what);
	printf("  %-44s %7lu writes %6lu reads %7lu handovers %7lu failed trylocks  %6.3fs\n",
	       what, r.writes, r.reads, r.handovers, r.tries, r.seconds);
}

static void test_validate_all(void)
{
	static const unsigned threads[] = { 2, 4, 8 };

	printf("validation loop:\n");
	for (const struct lb_lock_ops *const *p = lb_locks; *p != NULL; p++) {
		if ((*p)->caps & LB_CAP_UNSAFE)
			continue;
		for (size_t t = 0; t < sizeof threads / sizeof threads[0]; t++)
			validate(*p, NULL, threads[t], ITERS);
	}
}

/* Every choice of every enum option, at 2 threads: each init path runs. */
static void test_validate_choices(void)
{
	printf("enum option values:\n");
	for (const struct lb_lock_ops *const *p = lb_locks; *p != NULL; p++) {
		const struct lb_optdesc *d = (*p)->options;

		if ((*p)->caps & LB_CAP_UNSAFE)
			continue;
		for (; d != NULL && d->key != NULL; d++) {
			const char *c = d->choices;

			if (d->type != LB_OPT_ENUM || c == NULL)
				continue;
			while (*c != '\0') {
				size_t len = strcspn(c, "|");
				char text[128];

				snprintf(text, sizeof text, "%s=%.*s", d->key, (int)len, c);
				validate(*p, text, 2, ITERS_CHOICE);
				c += len + (c[len] == '|');
			}
		}
	}
}

/* The loop must be able to fail: `none` at 2 running threads has to show
 * a violation.  Its two threads are bound to two different CPUs: left to
 * the scheduler on a busy machine, they may share one CPU for the whole
 * time and never overlap (beside two CPU-bound processes on 2 CPUs, 77
 * million acquisitions in 30 s showed none). */
static void test_negative_control(void)
{
	const struct lb_lock_ops *none = lb_lock_find("none");
	struct stress_result r;
	char err[LB_ERR_LEN];
	int cpus[2], n = 0;
	cpu_set_t allowed;
	void *l;

	CHECK(none != NULL, "the registry has no 'none' lock");
	if (none == NULL)
		return;
	if (sched_getaffinity(0, sizeof allowed, &allowed) < 0)
		die("sched_getaffinity", errno);
	for (int c = 0; c < CPU_SETSIZE && n < 2; c++)
		if (CPU_ISSET(c, &allowed))
			cpus[n++] = c;
	if (n < 2) {
		printf("negative control: skipped (1 CPU to run on: two threads "
		       "never overlap)\n");
		return;
	}
	l = lock_open(none, NULL, err, sizeof err);
	CHECK(l != NULL, "none: %s", err);
	if (l == NULL)
		return;
	stress_run(none, l, 2, ULONG_MAX, lb_now_ns() + CONTROL_NS, cpus, &r);
	lock_close(none, l);
	CHECK(r.violations > 0,
	      "none at 2 threads: no violation in %lu acquisitions over %.2fs: "
	      "the validation loop cannot catch a lock that does not exclude",
	      r.writes, r.seconds);
	printf("negative control: none at 2 threads: %lu violations, counter %lu "
	       "after %lu acquisitions, %.3fs\n", r.violations, r.counter,
	       r.writes, r.seconds);
}

/* ---- trylock semantics ------------------------------------------------ */

struct tryarg {
	const struct lb_lock_ops *ops;
	void *l, *ctx;
	bool release; /* unlock again when the trylock succeeded */
	bool got;
};

static void *try_main(void *arg)
{
	struct tryarg *a = arg;

	a->got = a->ops->trylock(a->l, a->ctx);
	if (a->got && a->release)
		a->ops->unlock(a->l, a->ctx);
	return NULL;
}

/* trylock from a second thread (some locks are not recursive). */
static bool try_elsewhere(const struct lb_lock_ops *ops, void *l, void *ctx,
			  bool release)
{
	struct tryarg a = { .ops = ops, .l = l, .ctx = ctx, .release = release };
	pthread_t t;
	int e;

	e = pthread_create(&t, NULL, try_main, &a);
	if (e != 0)
		die("pthread_create", e);
	e = pthread_join(t, NULL);
	if (e != 0)
		die("pthread_join", e);
	return a.got;
}

static void test_trylock(void)
{
	printf("trylock semantics:\n");
	for (const struct lb_lock_ops *const *p = lb_locks; *p != NULL; p++) {
		const struct lb_lock_ops *ops = *p;
		const char *n = ops->name;
		char err[LB_ERR_LEN];
		void *l, *a, *b;

		if (ops->trylock == NULL)
			continue;
		l = lock_open(ops, NULL, err, sizeof err);
		CHECK(l != NULL, "%s: %s", n, err);
		if (l == NULL)
			continue;
		a = zalloc_line(ops->ctx_size);
		b = zalloc_line(ops->ctx_size);

		if (ops->caps & LB_CAP_UNSAFE) {
			/* Does not exclude: trylock succeeds even when "held". */
			CHECK(ops->trylock(l, a), "%s: trylock on a free lock failed", n);
			CHECK(try_elsewhere(ops, l, b, true),
			      "%s: unsafe lock's trylock failed while held", n);
			ops->unlock(l, a);
		} else {
			CHECK(ops->trylock(l, a), "%s: trylock on a free lock failed", n);
			CHECK(!try_elsewhere(ops, l, b, true),
			      "%s: trylock succeeded while another thread held it (by trylock)", n);
			ops->unlock(l, a);
			CHECK(try_elsewhere(ops, l, b, true),
			      "%s: trylock failed after unlock", n);

			ops->lock(l, a);
			CHECK(!try_elsewhere(ops, l, b, true),
			      "%s: trylock succeeded while another thread held it (by lock)", n);
			ops->unlock(l, a);
			CHECK(ops->trylock(l, a), "%s: trylock failed after unlock", n);
			ops->unlock(l, a);

			if (ops->caps & LB_CAP_RW) {
				ops->rlock(l, a);
				CHECK(!try_elsewhere(ops, l, b, true),
				      "%s: write trylock succeeded while a reader held it", n);
				ops->runlock(l, a);
				CHECK(try_elsewhere(ops, l, b, true),
				      "%s: trylock failed after the reader left", n);
			}
		}
		printf("  %s: ok\n", n);
		free(a);
		free(b);
		lock_close(ops, l);
	}
}

/* ---- cycle ------------------------------------------------------------ */

struct cyclearg {
	const struct lb_lock_ops *ops;
	void *l, *ctx;
	unsigned n;
	atomic_int started, done;
};

static void *cycle_main(void *arg)
{
	struct cyclearg *a = arg;

	atomic_store(&a->started, 1);
	a->ops->cycle(a->l, a->ctx, a->n);
	atomic_store(&a->done, 1);
	return NULL;
}

/* cycle(l, ctx, n) takes the lock n times: it cannot finish while another
 * thread holds the lock, and it leaves the lock free.  (Each round's
 * release is what lets the next acquire: a cycle that kept the lock would
 * deadlock in its second round.) */
static void test_cycle(void)
{
	const struct timespec pause = { .tv_sec = 0, .tv_nsec = 20 * 1000 * 1000 };

	printf("cycle:\n");
	for (const struct lb_lock_ops *const *p = lb_locks; *p != NULL; p++) {
		const struct lb_lock_ops *ops = *p;
		const char *n = ops->name;
		char err[LB_ERR_LEN];
		struct cyclearg a = { .ops = ops, .n = 1000 };
		pthread_t t;
		void *mine;
		int e;

		if (ops->caps & LB_CAP_UNSAFE)
			continue; /* excludes nothing: there is nothing to wait for */
		a.l = lock_open(ops, NULL, err, sizeof err);
		CHECK(a.l != NULL, "%s: %s", n, err);
		if (a.l == NULL)
			continue;
		mine = zalloc_line(ops->ctx_size);
		a.ctx = zalloc_line(ops->ctx_size);

		ops->lock(a.l, mine);
		if ((e = pthread_create(&t, NULL, cycle_main, &a)) != 0)
			die("pthread_create", e);
		while (!atomic_load(&a.started))
			sched_yield();
		nanosleep(&pause, NULL);
		CHECK(!atomic_load(&a.done), "%s: cycle finished while another thread held the lock",
		      n);
		ops->unlock(a.l, mine);
		if ((e = pthread_join(t, NULL)) != 0)
			die("pthread_join", e);
		CHECK(try_elsewhere(ops, a.l, mine, true), "%s: the lock is held after cycle returned",
		      n);
		ops->cycle(a.l, mine, 0);
		CHECK(try_elsewhere(ops, a.l, a.ctx, true), "%s: the lock is held after cycle(0)", n);
		printf("  %s: ok\n", n);
		free(mine);
		free(a.ctx);
		lock_close(ops, a.l);
	}
}

/* ---- readers share ---------------------------------------------------- */

struct readarg {
	const struct lb_lock_ops *ops;
	void *l, *ctx;
	atomic_int in; /* 1 once the reader holds the read lock */
};

static void *reader_main(void *arg)
{
	struct readarg *a = arg;

	a->ops->rlock(a->l, a->ctx);
	atomic_store_explicit(&a->in, 1, memory_order_relaxed);
	a->ops->runlock(a->l, a->ctx);
	return NULL;
}

/* A lock with a shared mode must let a second reader in while the first
 * holds the read lock: one whose rlock excluded would pass every other
 * check here. */
static void test_readers_share(void)
{
	printf("readers share:\n");
	for (const struct lb_lock_ops *const *p = lb_locks; *p != NULL; p++) {
		const struct lb_lock_ops *ops = *p;
		char err[LB_ERR_LEN];
		pthread_t t;
		int e;

		if (!(ops->caps & LB_CAP_RW))
			continue;
		struct readarg a = { .ops = ops, .l = lock_open(ops, NULL, err, sizeof err) };
		CHECK(a.l != NULL, "%s: %s", ops->name, err);
		if (a.l == NULL)
			continue;
		void *mine = zalloc_line(ops->ctx_size);
		a.ctx = zalloc_line(ops->ctx_size);
		atomic_init(&a.in, 0);
		ops->rlock(a.l, mine);
		e = pthread_create(&t, NULL, reader_main, &a);
		if (e != 0)
			die("pthread_create", e);
		uint64_t until = lb_now_ns() + 2000000000ULL;
		while (!atomic_load_explicit(&a.in, memory_order_relaxed) && lb_now_ns() < until)
			sched_yield();
		CHECK(atomic_load_explicit(&a.in, memory_order_relaxed),
		      "%s: a second reader did not get in within 2s while one held the read lock",
		      ops->name);
		ops->runlock(a.l, mine);
		e = pthread_join(t, NULL);
		if (e != 0)
			die("pthread_join", e);
		printf("  %s: ok\n", ops->name);
		free(mine);
		free(a.ctx);
		lock_close(ops, a.l);
	}
}

/* ---- pthread-rwlock's prefer= ---------------------------------------- */

struct prefarg {
	const struct lb_lock_ops *ops;
	void *l, *ctx;
	bool write;
	atomic_uint *seq;
	atomic_int tid;    /* the thread's kernel id, once it runs     */
	atomic_int trying; /* 1 just before it asks for the lock       */
	atomic_uint in;    /* its place in the order of entries, from 1 */
};

static void *pref_main(void *arg)
{
	struct prefarg *a = arg;

	atomic_store(&a->tid, (int)syscall(SYS_gettid));
	atomic_store(&a->trying, 1);
	if (a->write)
		a->ops->lock(a->l, a->ctx);
	else
		a->ops->rlock(a->l, a->ctx);
	atomic_store(&a->in, atomic_fetch_add(a->seq, 1) + 1);
	if (a->write)
		a->ops->unlock(a->l, a->ctx);
	else
		a->ops->runlock(a->l, a->ctx);
	return NULL;
}

/* The state letter of thread tid (R, S, D...), or '?' where /proc cannot
 * say. */
static char thread_state(int tid)
{
	char path[64], buf[512];
	FILE *f;
	size_t n;

	snprintf(path, sizeof path, "/proc/self/task/%d/stat", tid);
	if ((f = fopen(path, "re")) == NULL)
		return '?';
	n = fread(buf, 1, sizeof buf - 1, f);
	fclose(f);
	buf[n] = '\0';
	char *p = strrchr(buf, ')'); /* "tid (name) S ...": the name may hold anything */
	return p && p[1] == ' ' && p[2] ? p[2] : '?';
}

/* Start a thread that asks for the lock (the write side or the read
 * side), and wait until it got in or sleeps on it: asleep on two looks a
 * millisecond apart, after it asked.  Nothing here is timed but a limit
 * of 30 s for a machine too busy to run the thread.  Returns true when
 * it sleeps (blocked), false when it got in or the limit passed. */
static bool pref_start(struct prefarg *a, pthread_t *t)
{
	const struct timespec ms = { .tv_sec = 0, .tv_nsec = 1000 * 1000 };
	uint64_t until = lb_now_ns() + 30000000000ULL;
	int e, asleep = 0;

	if ((e = pthread_create(t, NULL, pref_main, a)) != 0)
		die("pthread_create", e);
	while (!atomic_load(&a->trying) && lb_now_ns() < until)
		nanosleep(&ms, NULL);
	while (!atomic_load(&a->in) && lb_now_ns() < until) {
		asleep = thread_state(atomic_load(&a->tid)) == 'S' ? asleep + 1 : 0;
		if (asleep >= 2 && !atomic_load(&a->in))
			return true;
		nanosleep(&ms, NULL);
	}
	return false;
}

/* A reader holds the read lock and a writer waits for it; then a second
 * reader asks.  prefer=reader lets it in beside the first; prefer=writer
 * keeps it out until the writer has been and gone.  Only the order of
 * entries is asserted: every wait is for an event, limited only by 30 s.
 * (The option changes nothing else that the other tests see: without this,
 * a lock that ignored prefer= passed them all.) */
static void test_rwlock_prefer(void)
{
	const struct lb_lock_ops *ops = lb_lock_find("pthread-rwlock");
	static const char *const prefer[] = { "prefer=reader", "prefer=writer" };

	printf("pthread-rwlock prefer=:\n");
	CHECK(ops != NULL && ops->rlock != NULL, "pthread-rwlock: no read side");
	if (ops == NULL || ops->rlock == NULL)
		return;
	if (thread_state((int)syscall(SYS_gettid)) == '?') {
		printf("  no /proc/self/task to see a waiter sleep: not checked\n");
		return;
	}
	for (int k = 0; k < 2; k++) {
		const bool writer_first = k == 1;
		char err[LB_ERR_LEN];
		atomic_uint seq;
		pthread_t tw, tr;
		void *l = lock_open(ops, prefer[k], err, sizeof err);
		int e;

		CHECK(l != NULL, "pthread-rwlock:%s: %s", prefer[k], err);
		if (l == NULL)
			continue;
		void *mine = zalloc_line(ops->ctx_size);
		struct prefarg w = { .ops = ops, .l = l, .ctx = zalloc_line(ops->ctx_size),
				     .write = true, .seq = &seq };
		struct prefarg r = { .ops = ops, .l = l, .ctx = zalloc_line(ops->ctx_size),
				     .write = false, .seq = &seq };
		atomic_init(&seq, 0);
		atomic_init(&w.tid, 0);
		atomic_init(&w.trying, 0);
		atomic_init(&w.in, 0);
		atomic_init(&r.tid, 0);
		atomic_init(&r.trying, 0);
		atomic_init(&r.in, 0);

		ops->rlock(l, mine); /* the first reader */
		bool w_waits = pref_start(&w, &tw);
		CHECK(w_waits, "pthread-rwlock:%s: the writer %s while a reader held the lock",
		      prefer[k], atomic_load(&w.in) ? "got in" : "did not block within 30s");
		if (w_waits) {
			bool r_waits = pref_start(&r, &tr);
			if (writer_first) {
				CHECK(!atomic_load(&r.in),
				      "pthread-rwlock:%s: a second reader got in while a writer waited",
				      prefer[k]);
			} else {
				/* It got in, or it would have blocked: waited for,
				 * not timed. */
				CHECK(atomic_load(&r.in) && !r_waits,
				      "pthread-rwlock:%s: a second reader %s while a reader held the "
				      "lock and a writer waited",
				      prefer[k], r_waits ? "blocked" : "did not get in within 30s");
			}
			CHECK(!atomic_load(&w.in),
			      "pthread-rwlock:%s: the writer got in while a reader held the lock",
			      prefer[k]);
		}
		ops->runlock(l, mine);
		if ((e = pthread_join(tw, NULL)) != 0)
			die("pthread_join", e);
		if (w_waits) {
			if ((e = pthread_join(tr, NULL)) != 0)
				die("pthread_join", e);
			if (writer_first)
				CHECK(atomic_load(&w.in) < atomic_load(&r.in),
				      "pthread-rwlock:%s: the second reader (entry %u) went before "
				      "the waiting writer (entry %u)",
				      prefer[k], atomic_load(&r.in), atomic_load(&w.in));
			else
				CHECK(atomic_load(&r.in) < atomic_load(&w.in),
				      "pthread-rwlock:%s: the writer (entry %u) went before the "
				      "second reader (entry %u)",
				      prefer[k], atomic_load(&w.in), atomic_load(&r.in));
		}
		printf("  %s: entries: second reader %u, writer %u\n", prefer[k],
		       atomic_load(&r.in), atomic_load(&w.in));
		free(mine);
		free(w.ctx);
		free(r.ctx);
		lock_close(ops, l);
	}
}

/* ---- registry and options --------------------------------------------- */

static void test_registry(void)
{
	static const char *const expected[] = {
		"pthread-mutex", "pthread-rwlock", "pthread-spin", "gomutex",
		"gorwmutex", "tas", "ttas", "ticket", "mcs", "none",
	};
	size_t n = 0;

	for (const struct lb_lock_ops *const *p = lb_locks; *p != NULL; p++, n++) {
		const struct lb_lock_ops *ops = *p;
		const char *name = ops->name ? ops->name : "(null)";
		size_t nopts = 0;

		CHECK(ops->name != NULL && ops->name[0] != '\0', "lock #%zu has no name", n);
		CHECK(ops->summary != NULL && ops->summary[0] != '\0', "%s: no summary", name);
		CHECK(ops->init && ops->destroy && ops->lock && ops->unlock && ops->cycle,
		      "%s: a mandatory operation is NULL", name);
		CHECK(((ops->caps & LB_CAP_TRYLOCK) != 0) == (ops->trylock != NULL),
		      "%s: LB_CAP_TRYLOCK and trylock disagree", name);
		CHECK(((ops->caps & LB_CAP_RW) != 0) == (ops->rlock != NULL),
		      "%s: LB_CAP_RW and rlock disagree", name);
		CHECK((ops->rlock != NULL) == (ops->runlock != NULL),
		      "%s: rlock and runlock must come together", name);
		for (const struct lb_optdesc *d = ops->options; d && d->key; d++)
			nopts++;
		CHECK(nopts <= LB_OPTS_MAX, "%s: %zu options, at most %d", name,
		      nopts, LB_OPTS_MAX);
		CHECK(ops->name != NULL && lb_lock_find(ops->name) == ops,
		      "%s: lb_lock_find does not return its own table", name);
	}
	CHECK(n == sizeof expected / sizeof expected[0], "%zu locks registered, expected %zu",
	      n, sizeof expected / sizeof expected[0]);
	for (size_t i = 0; i < sizeof expected / sizeof expected[0]; i++)
		CHECK(lb_lock_find(expected[i]) != NULL, "lock '%s' is not registered",
		      expected[i]);
	CHECK(lb_lock_find("no-such-lock") == NULL, "lb_lock_find found 'no-such-lock'");
	CHECK(lb_lock_find("") == NULL, "lb_lock_find found ''");
}

static void test_options(void)
{
	const struct lb_lock_ops *ttas = lb_lock_find("ttas");
	char err[LB_ERR_LEN];
	struct lb_optset set;

	printf("options:\n");
	/* Defaults parse and pass every check hook. */
	for (const struct lb_lock_ops *const *p = lb_locks; *p != NULL; p++) {
		char owner[64];
		int rc;

		snprintf(owner, sizeof owner, "lock '%s'", (*p)->name);
		rc = lb_opts_parse(owner, (*p)->options, NULL, &set, err, sizeof err);

		CHECK(rc == 0, "%s: defaults do not parse: %s", (*p)->name, err);
		if (rc == 0 && (*p)->check != NULL)
			CHECK((*p)->check(&set, err, sizeof err) == 0,
			      "%s: defaults fail the check hook: %s", (*p)->name, err);
	}

	/* ttas: backoff_min must not exceed backoff_max. */
	CHECK(ttas != NULL && ttas->check != NULL, "ttas has no check hook");
	if (ttas == NULL || ttas->check == NULL)
		return;
	CHECK(lb_opts_parse("lock 'ttas'", ttas->options, "backoff_min=64,backoff_max=8",
			    &set, err, sizeof err) == 0, "ttas: %s", err);
	err[0] = '\0';
	CHECK(ttas->check(&set, err, sizeof err) < 0,
	      "ttas: check accepts backoff_min=64 > backoff_max=8");
	CHECK(strstr(err, "backoff_min") != NULL && strstr(err, "backoff_max") != NULL,
	      "ttas: check's message does not name both keys: '%s'", err);
	CHECK(lb_opts_parse("lock 'ttas'", ttas->options, "backoff_min=8,backoff_max=8",
			    &set, err, sizeof err) == 0, "ttas: %s", err);
	CHECK(ttas->check(&set, err, sizeof err) == 0,
	      "ttas: check rejects backoff_min == backoff_max: %s", err);
	/* The smallest backoff, through the whole loop. */
	validate(ttas, "backoff_min=1,backoff_max=1", 2, ITERS_CHOICE);
}

int main(void)
{
	long ncpus = online_cpus();
	uint64_t t0 = lb_now_ns();

	printf("test-locks: %ld CPUs online\n", ncpus);
	test_registry();
	test_options();
	test_trylock();
	test_cycle();
	test_readers_share();
	test_rwlock_prefer();
	test_validate_all();
	test_validate_choices();
	test_negative_control();
	printf("test-locks: %.2fs\n", (double)(lb_now_ns() - t0) * 1e-9);
	return check_done();
}
