/*
 * tsan-race.c - two threads on one primitive, for ThreadSanitizer to judge.
 *
 *   tsan-race lock NAME   2 threads x 10000 {lock; counter++; unlock} on
 *                         the lock NAME, counter plain memory
 *   tsan-race wg NAME     Add(2), then 2 threads each Done once on the
 *                         WaitGroup NAME, joined (no Wait: the Go text's
 *                         WaitGroups could hang in it)
 *
 * Exit 0 when the run finished, 2 on bad usage.  Under ThreadSanitizer,
 * tests/tsan-races.sh runs it on `none` and `wg-seed-racy`, whose races
 * must be reported, and on safe primitives, which must report none.
 */
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "harness/options.h"
#include "locks/lock.h"
#include "locks/waitgroup.h"

#define ITERS 10000

struct run {
	const struct lb_lock_ops *lock;
	const struct lb_wg_ops *wg;
	void *inst;
	unsigned long counter; /* plain: the lock's to protect */
};

static void *lock_worker(void *arg)
{
	struct run *r = arg;
	void *ctx = calloc(1, r->lock->ctx_size ? r->lock->ctx_size : 1);

	for (int i = 0; i < ITERS; i++) {
		r->lock->lock(r->inst, ctx);
		r->counter++;
		r->lock->unlock(r->inst, ctx);
	}
	free(ctx);
	return NULL;
}

static void *wg_worker(void *arg)
{
	struct run *r = arg;

	r->wg->done(r->inst);
	return NULL;
}

/* An instance of a primitive called name, with its default options. */
static void *open_instance(const char *name, size_t size, const struct lb_optdesc *desc,
			   int (*init)(void *, const struct lb_optset *))
{
	char err[LB_ERR_LEN];
	struct lb_optset set;
	void *p;

	if (lb_opts_parse(name, desc, NULL, &set, err, sizeof err) < 0) {
		fprintf(stderr, "tsan-race: %s\n", err);
		exit(1);
	}
	p = lb_alloc_lines(size);
	if (p == NULL) {
		perror("tsan-race: lb_alloc_lines");
		exit(1);
	}
	if (init(p, &set) < 0) {
		perror("tsan-race: init");
		exit(1);
	}
	return p;
}

int main(int argc, char **argv)
{
	struct run r = { 0 };
	pthread_t t[2];

	if (argc != 3 || (strcmp(argv[1], "lock") != 0 && strcmp(argv[1], "wg") != 0)) {
		fprintf(stderr, "usage: tsan-race lock|wg NAME\n");
		return 2;
	}
	if (argv[1][0] == 'l') {
		r.lock = lb_lock_find(argv[2]);
		if (r.lock == NULL) {
			fprintf(stderr, "tsan-race: no lock '%s'\n", argv[2]);
			return 2;
		}
		r.inst = open_instance(argv[2], r.lock->size, r.lock->options, r.lock->init);
	} else {
		r.wg = lb_wg_find(argv[2]);
		if (r.wg == NULL) {
			fprintf(stderr, "tsan-race: no waitgroup '%s'\n", argv[2]);
			return 2;
		}
		r.inst = open_instance(argv[2], r.wg->size, r.wg->options, r.wg->init);
		r.wg->add(r.inst, 2);
	}
	for (int i = 0; i < 2; i++)
		if (pthread_create(&t[i], NULL, r.lock ? lock_worker : wg_worker, &r) != 0) {
			perror("tsan-race: pthread_create");
			return 1;
		}
	for (int i = 0; i < 2; i++)
		pthread_join(t[i], NULL);
	if (r.lock) {
		printf("%s: counter %lu of %d\n", argv[2], r.counter, 2 * ITERS);
		r.lock->destroy(r.inst);
	} else {
		r.wg->destroy(r.inst);
		printf("%s: two Dones\n", argv[2]);
	}
	free(r.inst);
	return 0;
}
