/*
 * rounds.c - the signal, records and per-round WaitGroups of the
 * WaitGroup workloads.  See rounds.h.
 */
#include <errno.h>
#include <inttypes.h>
#include <limits.h>
#include <math.h>
#include <sched.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "locks/sema.h"
#include "workloads/rounds.h"

void lb_signal_init(struct lb_signal *s, double ticks_per_ns)
{
	atomic_init(&s->seq, 0);
	atomic_init(&s->sleepers, 0);
	atomic_init(&s->stop, false);
	s->spin_ticks = (uint64_t)llround(LB_ROUNDS_SPIN_NS * ticks_per_ns);
}

/*
 * The sleep is Dekker's handshake over two words: the poster stores seq,
 * then loads sleepers; a waiter adds itself to sleepers, then loads seq.
 * Both sides sequentially consistent, so at least one sees the other:
 * either the poster sees a sleeper and wakes it, or the waiter sees the
 * new seq and does not sleep.  A wake that comes between the waiter's
 * load and its futex_wait is not lost: futex_wait returns at once when
 * seq is no longer old.  The seq store is also the release that the
 * waiter's acquire load pairs with: what the coordinator wrote before
 * posting (the round's task) is seen by whoever sees the new seq.
 */
void lb_signal_post(struct lb_signal *s, uint32_t v)
{
	atomic_store_explicit(&s->seq, v, memory_order_seq_cst);
	if (atomic_load_explicit(&s->sleepers, memory_order_seq_cst))
		lb_futex_wake(&s->seq, INT_MAX);
}

void lb_signal_stop(struct lb_signal *s)
{
	/* Release: pairs with lb_signal_stopped's acquire. */
	atomic_store_explicit(&s->stop, true, memory_order_release);
	lb_signal_post(s, atomic_load_explicit(&s->seq, memory_order_relaxed) + 1);
}

uint32_t lb_signal_await(struct lb_signal *s, uint32_t old)
{
	uint64_t t0 = lb_ticks();
	uint32_t v;

	/* Acquire: pairs with the seq store in lb_signal_post. */
	while ((v = atomic_load_explicit(&s->seq, memory_order_acquire)) == old) {
		if (lb_ticks() - t0 > s->spin_ticks)
			break;
		lb_cpu_relax();
	}
	if (v != old)
		return v;
	atomic_fetch_add_explicit(&s->sleepers, 1, memory_order_seq_cst);
	while ((v = atomic_load_explicit(&s->seq, memory_order_seq_cst)) == old)
		lb_futex_wait(&s->seq, old);
	atomic_fetch_sub_explicit(&s->sleepers, 1, memory_order_relaxed);
	return v;
}

uint64_t lb_done_check(const struct lb_done_rec *d, int n, uint64_t round, uint64_t *last)
{
	uint64_t miss = 0, latest = 0;

	for (int i = 0; i < n; i++) {
		uint64_t stamp = atomic_load_explicit(&d[i].stamp, memory_order_relaxed);
		miss += atomic_load_explicit(&d[i].round, memory_order_relaxed) != round;
		if (stamp > latest)
			latest = stamp;
	}
	*last = latest;
	return miss;
}

/* One turn of a wait that spins a while, then yields the PU. */
static void wait_turn(unsigned k)
{
	if (k < 1000)
		lb_cpu_relax();
	else
		sched_yield();
}

void lb_users_wait(struct lb_users *u)
{
	/* Acquire: pairs with lb_users_leave's release. */
	for (unsigned k = 0; atomic_load_explicit(&u->left, memory_order_acquire) < u->users; k++)
		wait_turn(k);
}

int lb_wgr_init(struct lb_wgr *g, const struct lb_wg_ops *ops, const struct lb_optset *opts,
		char *err, size_t errlen)
{
	memset(g, 0, sizeof *g);
	g->ops = ops;
	g->opts = opts;
	g->oneshot = ops->caps & LB_WG_ONESHOT;
	for (int i = 0; i < (g->oneshot ? 2 : 1); i++) {
		g->slot[i].wg = lb_alloc_lines(ops->size);
		if (!g->slot[i].wg) {
			snprintf(err, errlen, "waitgroup '%s': out of memory", ops->name);
			lb_wgr_free(g);
			return -1;
		}
	}
	if (!g->oneshot) {
		if (ops->init(g->slot[0].wg, opts) < 0) {
			snprintf(err, errlen, "waitgroup '%s': init failed: %s", ops->name,
				 strerror(errno));
			lb_wgr_free(g);
			return -1;
		}
		g->slot[0].live = true;
	}
	return 0;
}

void *lb_wgr_begin(struct lb_wgr *g, uint64_t round, uint32_t users, struct lb_wgr_slot **slot)
{
	struct lb_wgr_slot *s;

	if (!g->oneshot) {
		*slot = NULL;
		return g->slot[0].wg;
	}
	s = &g->slot[round & 1];
	if (s->live) {
		lb_users_wait(&s->users);
		g->ops->destroy(s->wg);
		s->live = false;
	}
	memset(s->wg, 0, g->ops->size);
	if (g->ops->init(s->wg, g->opts) < 0)
		return NULL;
	s->live = true;
	lb_users_reset(&s->users, users);
	*slot = s;
	return s->wg;
}

void lb_wgr_free(struct lb_wgr *g)
{
	for (int i = 0; i < 2; i++) {
		struct lb_wgr_slot *s = &g->slot[i];
		if (s->live) {
			if (g->oneshot)
				lb_users_wait(&s->users);
			g->ops->destroy(s->wg);
			s->live = false;
		}
		free(s->wg);
		s->wg = NULL;
	}
}

int lb_crew_init(struct lb_crew *c, const struct lb_setup *st, char *err, size_t errlen)
{
	c->ntasks = st->threads > 1 ? st->threads - 1 : 1;
	c->alone = st->threads == 1;
	c->rec = aligned_alloc(128, (size_t)c->ntasks * sizeof *c->rec);
	if (!c->rec) {
		snprintf(err, errlen, "out of memory for %d tasks", c->ntasks);
		return -1;
	}
	memset(c->rec, 0, (size_t)c->ntasks * sizeof *c->rec);
	lb_signal_init(&c->go, st->ticks_per_ns);
	return 0;
}

void lb_crew_free(struct lb_crew *c)
{
	free(c->rec);
	c->rec = NULL;
}

void lb_crew_serve(struct lb_crew *c, struct lb_worker *w, void (*task)(struct lb_worker *w, int k))
{
	uint32_t seen = 0;

	for (;;) {
		seen = lb_signal_await(&c->go, seen);
		if (lb_signal_stopped(&c->go))
			break;
		task(w, w->id - 1);
	}
}

uint64_t lb_crew_check(const struct lb_crew *c, uint64_t round, uint64_t *last)
{
	uint64_t miss = lb_done_check(c->rec, c->ntasks, round, last);

	for (int i = 0; miss && i < c->ntasks; i++)
		for (unsigned k = 0;
		     atomic_load_explicit(&c->rec[i].round, memory_order_relaxed) != round; k++)
			wait_turn(k);
	return miss;
}

bool lb_crew_verify(const struct lb_worker *ws, const char *wrong, char *why, size_t whylen)
{
	if (ws[0].violations == 0)
		return true;
	snprintf(why, whylen, "in %" PRIu64 " of %" PRIu64 " rounds %s", ws[0].violations,
		 ws[0].total_writes, wrong);
	return false;
}
