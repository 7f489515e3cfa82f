/*
 * none.c - no lock at all.
 *
 * lock and unlock are empty functions and trylock always succeeds: this
 * is the Go text's map "running without a mutex", and it is marked
 * LB_CAP_UNSAFE so that nothing runs it by accident (--allow-unsafe).
 *
 * It has two uses.  At one thread it measures the harness itself: the
 * indirect call, the loop and the sampling that every other lock pays
 * too, so what a real lock adds is its own figure minus this one.  At
 * several threads it is the negative control: the workload's
 * verification must then report lost updates, which shows that
 * verification can fail and that a lock that passes it earned the pass.
 *
 * State: none.  Memory ordering: none; concurrent critical sections race
 * (a data race, undefined behaviour in C11: the point of the exercise).
 * Fairness and progress: every thread always gets in at once.
 */
#include "locks/lock.h"

static int none_init(void *l, const struct lb_optset *o)
{
	(void)l;
	(void)o;
	return 0;
}

static void none_destroy(void *l)
{
	(void)l;
}

static void none_lock(void *l, void *ctx)
{
	(void)l;
	(void)ctx;
}

static bool none_trylock(void *l, void *ctx)
{
	(void)l;
	(void)ctx;
	return true;
}

static void none_unlock(void *l, void *ctx)
{
	(void)l;
	(void)ctx;
}

LB_LOCK_CYCLE(none_cycle, none_lock, none_unlock)

const struct lb_lock_ops lb_lock_none = {
	.name = "none",
	.summary = "no synchronisation (unsafe): the harness's own cost, and a negative control",
	.caps = LB_CAP_UNSAFE | LB_CAP_TRYLOCK,
	.size = 0,
	.ctx_size = 0,
	.options = NULL,
	.check = NULL,
	.init = none_init,
	.destroy = none_destroy,
	.lock = none_lock,
	.unlock = none_unlock,
	.trylock = none_trylock,
	.rlock = NULL,
	.runlock = NULL,
	.cycle = none_cycle,
};
