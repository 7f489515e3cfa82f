/*
 * rounds.h - what the WaitGroup workloads (seed, waitgroup, errgroup)
 * share.
 *
 * Their threads play Go's main() and its goroutines.  Thread 0 is main(),
 * the coordinator: it runs rounds, each an Add, tasks started, and a Wait,
 * and counts them (a workload's `rounds`).  Threads 1..n-1 run the tasks:
 * as a pool started once, they wait for the coordinator's signal, run the
 * task, and call Done.  With one thread there is no one else: main runs
 * each task itself where it would start it, so the tasks end before Wait
 * is called (one schedule a Go program can take, and the one in which a
 * WaitGroup that makes its channel lazily in Wait never wakes).
 *
 * The pieces:
 *
 *   lb_signal   a 32-bit word the coordinator moves forward and the pool
 *               waits on: spin for a while (Go's idle Ps spin before they
 *               park), then sleep on a futex.
 *   lb_done_rec what a task leaves just before it calls Done: its round
 *               and the time.  After Wait returns the coordinator reads
 *               every record: one that does not show the round is a Done
 *               that Wait did not wait for, and the latest stamp is the
 *               last Done, the start of the wake-up.
 *   lb_users    the tasks still using an object of a round (a one-shot
 *               WaitGroup, an errgroup) after Done: it may be destroyed or
 *               reused only once they have all left.
 *   lb_wgr      the WaitGroup of each round: one instance for every round
 *               when it can be reused, a fresh one per round when it is
 *               one-shot, as Go code would make a new one.
 *   lb_crew     the fan-out of the waitgroup and errgroup workloads: N
 *               tasks a round, task k on thread k+1, a record each.
 *
 * Memory ordering.  The records are written with relaxed stores before
 * done() and read with relaxed loads after wait(): what makes them
 * visible is the WaitGroup's own promise that Done happens before Wait
 * returns.  A WaitGroup that breaks it shows as a record that does not
 * show its round: the check is the verification.
 */
#ifndef LB_ROUNDS_H
#define LB_ROUNDS_H

#include <stdatomic.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "harness/clock.h"
#include "locks/waitgroup.h"
#include "workloads/workload.h"

#define LB_ROUNDS_SPIN_NS 20000 /* spin this long before sleeping */

struct lb_signal {
	_Alignas(128) _Atomic uint32_t seq;
	_Atomic uint32_t sleepers; /* threads in or about to enter futex_wait */
	_Atomic bool stop;
	uint64_t spin_ticks;
};

void lb_signal_init(struct lb_signal *s, double ticks_per_ns);
/* Move seq to v and wake whoever sleeps on it. */
void lb_signal_post(struct lb_signal *s, uint32_t v);
/* Stop: every waiter returns, now and from then on. */
void lb_signal_stop(struct lb_signal *s);
/* Wait until seq is no longer old, or stop; returns seq. */
uint32_t lb_signal_await(struct lb_signal *s, uint32_t old);

/* Acquire: pairs with the release in lb_signal_stop's post, so whatever
 * the coordinator wrote before it stopped is seen. */
static inline bool lb_signal_stopped(struct lb_signal *s)
{
	return atomic_load_explicit(&s->stop, memory_order_acquire);
}

struct lb_done_rec {
	_Alignas(128) _Atomic uint64_t round;
	_Atomic uint64_t stamp; /* ticks just before done() */
};

/* Just before done() of round. */
static inline void lb_done_mark(struct lb_done_rec *d, uint64_t round)
{
	atomic_store_explicit(&d->stamp, lb_ticks(), memory_order_relaxed);
	atomic_store_explicit(&d->round, round, memory_order_relaxed);
}

/* After wait() of round returned: how many of the n records do not show
 * it; the latest stamp goes to *last. */
uint64_t lb_done_check(const struct lb_done_rec *d, int n, uint64_t round, uint64_t *last);

/* The wake-up from the last Done to Wait's return, in ticks; clocks of
 * two CPUs may disagree by a few ticks, which never makes it negative. */
static inline uint64_t lb_wake_ticks(uint64_t last_done, uint64_t returned)
{
	return returned > last_done ? returned - last_done : 0;
}

struct lb_users {
	_Atomic uint32_t left;
	uint32_t users;
};

static inline void lb_users_reset(struct lb_users *u, uint32_t users)
{
	u->users = users;
	atomic_store_explicit(&u->left, 0, memory_order_relaxed);
}

/* A task is done with the object.  Release: pairs with the acquire in
 * lb_users_wait, so its last use comes before the object's reuse. */
static inline void lb_users_leave(struct lb_users *u)
{
	atomic_fetch_add_explicit(&u->left, 1, memory_order_release);
}

/* Until every user has left (spin, then yield). */
void lb_users_wait(struct lb_users *u);

struct lb_wgr_slot {
	void *wg;
	struct lb_users users;
	bool live; /* initialised, not yet destroyed */
};

struct lb_wgr {
	const struct lb_wg_ops *ops;
	const struct lb_optset *opts;
	bool oneshot;
	struct lb_wgr_slot slot[2];
};

/* 0, or -1 with a message. */
int lb_wgr_init(struct lb_wgr *g, const struct lb_wg_ops *ops, const struct lb_optset *opts,
		char *err, size_t errlen);
/* The WaitGroup of round for `users` tasks, and in *slot what its tasks
 * pass to lb_wgr_leave (NULL: nothing to leave).  NULL when a fresh
 * instance could not be made. */
void *lb_wgr_begin(struct lb_wgr *g, uint64_t round, uint32_t users, struct lb_wgr_slot **slot);

/* After done() has returned. */
static inline void lb_wgr_leave(struct lb_wgr_slot *slot)
{
	if (slot)
		lb_users_leave(&slot->users);
}

/* Once every task has returned. */
void lb_wgr_free(struct lb_wgr *g);

/* N = threads - 1 tasks a round, task k on thread k + 1; with one thread
 * one task, which the coordinator runs itself (alone).  The coordinator
 * writes the round's data, then posts the round's number on go; each
 * worker waits for the next number and runs its task. */
struct lb_crew {
	int ntasks;
	bool alone;
	struct lb_signal go;
	struct lb_done_rec *rec; /* one per task */
};

/* 0, or -1 with a message. */
int lb_crew_init(struct lb_crew *c, const struct lb_setup *st, char *err, size_t errlen);
void lb_crew_free(struct lb_crew *c);

/* Threads 1..n-1: task(w, k) for each round posted, until stopped. */
void lb_crew_serve(struct lb_crew *c, struct lb_worker *w, void (*task)(struct lb_worker *w, int k));

/* The round's data is written: let the workers run it. */
static inline void lb_crew_start(struct lb_crew *c, uint64_t round)
{
	lb_signal_post(&c->go, (uint32_t)round);
}

/* After wait() of round returned: how many of the tasks' records do not
 * show it (lb_done_check), the latest stamp to *last.  Where some do not
 * (a Wait that returned before every Done), it then waits until they all
 * do (spin, then yield), so that every task has begun the round before
 * the next one is signalled.  Else a task still asleep would wake to the
 * next signal and skip this round, and whatever waits for the round's
 * tasks to leave (lb_users_wait) would wait for it for ever: the flawed
 * WaitGroup would show as a hang, not as the wrong rounds it makes. */
uint64_t lb_crew_check(const struct lb_crew *c, uint64_t round, uint64_t *last);

/* The verdict of thread 0, which counted its rounds in total_writes and
 * those that went wrong in violations; wrong says what went wrong. */
bool lb_crew_verify(const struct lb_worker *ws, const char *wrong, char *why, size_t whylen);

#endif
