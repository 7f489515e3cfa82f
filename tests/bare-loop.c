/*
 * bare-loop.c - the reference that `make bench` holds the harness against:
 * a bare C loop doing lock; counter++; unlock with the same lock code and
 * nothing else.
 *
 *	bare-loop LOCK THREADS SECONDS CPUS [hits]
 *
 * Thread i is bound to the i-th of CPUS, a list such as "0 1" (the cpus
 * column of the harness's row for the same case, so both run on the same
 * PUs).  The lock is the registered
 * one, called through its ops table as the harness calls it, with the
 * counter right after it as in the hits workload.  Each thread publishes
 * its count every 1024 operations; the main thread samples the counts
 * after a 100 ms warm-up and again SECONDS later.  Prints ops/s.
 *
 * With `hits` the critical section is the hits workload's (hits.c, with
 * no --cs-ns) in place of counter++: a load of the counter, the compare
 * with the value this thread left there (the owner count, made where the
 * threads are not all on one PU, as the harness makes it), and a store:
 * two accesses where counter++ is one read-modify-write instruction.
 * Nothing else of the harness: `make bench` sets it beside the plain
 * loop to tell the cost of that critical section's shape from the
 * harness's own.  It prints the owner changes per operation after the
 * ops/s (over the whole run; 0 where there is no count), to set beside
 * the harness row's owner_changes.  It counts every change of thread,
 * which is the harness's count where each thread has a PU of its own,
 * as `make bench` runs them.
 */
#include <pthread.h>
#include <sched.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "harness/clock.h"
#include "harness/options.h"
#include "workloads/workload.h"

enum section { PLAIN, HITS, HITS_OWNERS };

struct slot {
	_Alignas(128) _Atomic uint64_t count;
	struct lb_lockfns lk;
	uint64_t *counter;
	uint64_t changes; /* HITS_OWNERS: the owner changes seen */
	int cpu;
	enum section cs;
};

static _Atomic int stop;

/* The loop, with critical section cs (a constant: one loop each). */
static inline __attribute__((always_inline)) void run(struct slot *s, enum section cs)
{
	const struct lb_lockfns lk = s->lk;
	uint64_t *counter = s->counter;
	uint64_t n = 0, left = UINT64_MAX, changes = 0;

	/* Relaxed: a flag to look at, ordering nothing. */
	while (!atomic_load_explicit(&stop, memory_order_relaxed)) {
		for (int i = 0; i < 1024; i++) {
			lk.lock(lk.l, lk.ctx);
			if (cs == PLAIN) {
				++*counter;
			} else {
				uint64_t v = *counter;
				if (cs == HITS_OWNERS && __builtin_expect(v != left, 0)) {
					__asm__ __volatile__(""); /* a branch, as in hits.c */
					changes++;
				}
				atomic_signal_fence(memory_order_seq_cst);
				*counter = left = v + 1;
			}
			lk.unlock(lk.l, lk.ctx);
		}
		n += 1024;
		atomic_store_explicit(&s->count, n, memory_order_relaxed);
	}
	s->changes = changes;
}

static void *loop(void *arg)
{
	struct slot *s = arg;
	cpu_set_t set;

	CPU_ZERO(&set);
	CPU_SET(s->cpu, &set);
	if (pthread_setaffinity_np(pthread_self(), sizeof set, &set) != 0)
		fprintf(stderr, "bare-loop: cannot bind to CPU %d\n", s->cpu);
	if (s->cs == PLAIN)
		run(s, PLAIN);
	else if (s->cs == HITS)
		run(s, HITS);
	else
		run(s, HITS_OWNERS);
	return NULL;
}

static uint64_t total(struct slot *s, int n)
{
	uint64_t t = 0;

	for (int i = 0; i < n; i++)
		t += atomic_load_explicit(&s[i].count, memory_order_relaxed);
	return t;
}

int main(int argc, char **argv)
{
	char err[LB_ERR_LEN];
	uint64_t nthreads, *counter;
	double seconds;
	struct lb_optset opts;
	bool args = argc == 5 || (argc == 6 && strcmp(argv[5], "hits") == 0);
	const struct lb_lock_ops *ops = args ? lb_lock_find(argv[1]) : NULL;
	const char *cpus = args ? argv[4] : "";

	if (!ops || lb_parse_u64(argv[2], 1, 256, &nthreads, err, sizeof err) < 0 ||
	    lb_parse_double(argv[3], 0.01, 600, &seconds, err, sizeof err) < 0 ||
	    lb_opts_parse(argv[1], ops->options, NULL, &opts, err, sizeof err) < 0) {
		fprintf(stderr, "usage: bare-loop LOCK THREADS SECONDS \"CPU CPU ...\" [hits]\n");
		return 2;
	}
	void *l = lb_lock_create(ops, &opts, sizeof *counter, (void **)&counter, err, sizeof err);
	struct slot *s = aligned_alloc(128, nthreads * sizeof *s);
	size_t ctx_stride = lb_ctx_stride(ops);
	char *ctx = lb_alloc_lines(nthreads * ctx_stride); /* zeroed */
	pthread_t *t = calloc(nthreads, sizeof *t);
	if (!l || !s || !ctx || !t) {
		fprintf(stderr, "bare-loop: %s\n", l ? "out of memory" : err);
		return 1;
	}
	memset(s, 0, nthreads * sizeof *s);
	for (uint64_t i = 0; i < nthreads; i++) {
		char *end;
		long cpu = strtol(cpus, &end, 10);
		if (end == cpus || cpu < 0 || cpu >= CPU_SETSIZE) {
			fprintf(stderr, "bare-loop: CPUS needs %llu CPU numbers\n",
				(unsigned long long)nthreads);
			return 2;
		}
		cpus = end;
		s[i].cpu = (int)cpu;
		s[i].lk = lb_lock_bind(ops, l, ctx + i * ctx_stride);
		s[i].counter = counter;
	}
	/* The owner count where the harness makes one: threads on more than
	 * one PU (lb_run.one_pu). */
	bool one_pu = true;
	for (uint64_t i = 1; i < nthreads; i++)
		one_pu &= s[i].cpu == s[0].cpu;
	for (uint64_t i = 0; i < nthreads; i++) {
		s[i].cs = argc == 5 ? PLAIN : one_pu ? HITS : HITS_OWNERS;
		pthread_create(&t[i], NULL, loop, &s[i]);
	}
	struct timespec warm = { 0, 100000000 };
	nanosleep(&warm, NULL);
	uint64_t c0 = total(s, (int)nthreads), t0 = lb_now_ns();
	struct timespec ts = { (time_t)seconds, (long)((seconds - (double)(time_t)seconds) * 1e9) };
	nanosleep(&ts, NULL);
	uint64_t c1 = total(s, (int)nthreads), t1 = lb_now_ns();
	atomic_store_explicit(&stop, 1, memory_order_relaxed);
	for (uint64_t i = 0; i < nthreads; i++)
		pthread_join(t[i], NULL);
	double rate = (double)(c1 - c0) / ((double)(t1 - t0) / 1e9);
	if (argc == 5) {
		printf("%.1f\n", rate);
	} else {
		uint64_t changes = 0, done = total(s, (int)nthreads);
		for (uint64_t i = 0; i < nthreads; i++)
			changes += s[i].changes;
		printf("%.1f %.4f\n", rate, done ? (double)changes / (double)done : 0.0);
	}
	lb_lock_free(ops, l);
	free(s);
	free(ctx);
	free(t);
	return 0;
}
