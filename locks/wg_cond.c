/*
 * wg_cond.c - the conventional C WaitGroup: a count under a pthread mutex,
 * a condition variable to wait on.
 *
 * Algorithm.  The monitor of C. A. R. Hoare, "Monitors: An Operating
 * System Structuring Concept" (CACM 17(10), 1974), in POSIX form: the
 * baseline the Go-style WaitGroups are held against.
 *
 * State, under mu: (count, round).  round counts the times count reached
 * zero; a waiter waits for count == 0 or for round to move on from the
 * one it saw, so that a group restarted (Add) before a woken waiter got
 * the mutex back still lets that waiter go: its round is over.
 *
 *   add(n):  count += n; count < 0: "sync: negative WaitGroup counter"
 *            (fatal, as in Go); count == 0: round++, broadcast
 *   done():  add(-1)
 *   wait():  r = round; while count != 0 and round == r: cond_wait
 *
 * Memory ordering.  Everything is under the mutex, whose lock and unlock
 * order it (POSIX, XBD 4.12): a Done's unlock happens-before the lock of
 * the Wait that sees the count it left.
 *
 * Fairness and progress.  Waiters sleep in the kernel (glibc's condvar,
 * futex based); a broadcast wakes them all, and each then takes the
 * mutex in turn.  Reusable.
 */
#include <errno.h>
#include <pthread.h>

#include "locks/sema.h"
#include "locks/waitgroup.h"

struct wg_cond {
	pthread_mutex_t mu;
	pthread_cond_t cv;
	int64_t count;  /* under mu */
	uint64_t round; /* under mu: times count reached 0 */
};

static int wg_cond_init(void *p, const struct lb_optset *o)
{
	struct wg_cond *wg = p;
	int err;

	(void)o;
	err = pthread_mutex_init(&wg->mu, NULL);
	if (err == 0) {
		err = pthread_cond_init(&wg->cv, NULL);
		if (err != 0)
			pthread_mutex_destroy(&wg->mu);
	}
	if (err != 0) {
		errno = err;
		return -1;
	}
	wg->count = 0;
	wg->round = 0;
	return 0;
}

static void wg_cond_destroy(void *p)
{
	struct wg_cond *wg = p;

	pthread_cond_destroy(&wg->cv);
	pthread_mutex_destroy(&wg->mu);
}

static void wg_cond_add(void *p, int64_t n)
{
	struct wg_cond *wg = p;

	pthread_mutex_lock(&wg->mu);
	wg->count += n;
	if (wg->count < 0)
		lb_go_fatal("panic", "sync: negative WaitGroup counter");
	if (wg->count == 0) {
		wg->round++;
		pthread_cond_broadcast(&wg->cv);
	}
	pthread_mutex_unlock(&wg->mu);
}

static void wg_cond_done(void *p)
{
	wg_cond_add(p, -1);
}

static void wg_cond_wait(void *p)
{
	struct wg_cond *wg = p;

	pthread_mutex_lock(&wg->mu);
	for (uint64_t r = wg->round; wg->count != 0 && wg->round == r;)
		pthread_cond_wait(&wg->cv, &wg->mu);
	pthread_mutex_unlock(&wg->mu);
}

static int64_t wg_cond_remaining(void *p)
{
	struct wg_cond *wg = p;
	int64_t n;

	pthread_mutex_lock(&wg->mu);
	n = wg->count;
	pthread_mutex_unlock(&wg->mu);
	return n;
}

const struct lb_wg_ops lb_wg_cond = {
	.name = "wg-cond",
	.summary = "pthread mutex and condition variable: the conventional C WaitGroup",
	.caps = 0,
	.hangs = NULL,
	.size = sizeof(struct wg_cond),
	.options = NULL,
	.check = NULL,
	.init = wg_cond_init,
	.destroy = wg_cond_destroy,
	.add = wg_cond_add,
	.done = wg_cond_done,
	.wait = wg_cond_wait,
	.remaining = wg_cond_remaining,
};
