/*
 * errgroup.h - Go's errgroup over any WaitGroup: run tasks, keep the first
 * error, tell the others to stop.
 *
 * golang.org/x/sync/errgroup pairs a WaitGroup with a sync.Once that
 * records the first non-nil error and cancels a context.  Here the error
 * is an int (0: none), the once is a compare-and-swap from 0, and the
 * context is a flag that running tasks poll:
 *
 *   lb_errgroup_go(g)          before starting a task: Add(1)
 *   lb_errgroup_done(g, err)   at the task's end: a non-zero err that is
 *                              the first sets g->err and g->cancelled;
 *                              then Done
 *   lb_errgroup_cancelled(g)   has some task failed? (an acquire load,
 *                              cheap enough to poll in a loop)
 *   lb_errgroup_wait(g)        Wait; the first error, or 0
 *
 * Memory ordering.  The compare-and-swap that records the error is a
 * release, and so is the store of cancelled that follows it; the loads in
 * lb_errgroup_cancelled and lb_errgroup_wait are acquires, so a task that
 * sees the flag also sees everything the failing task did before it
 * failed.  Wait's own ordering comes from the WaitGroup: every task's
 * Done happens-before Wait returns.
 *
 * Unlike Go's context, which errgroup also cancels when Wait returns,
 * cancelled says only that a task failed: nothing outlives Wait here to
 * be told.  A group serves one batch of tasks; lb_errgroup_init again for
 * the next.
 */
#ifndef LB_ERRGROUP_H
#define LB_ERRGROUP_H

#include <stdatomic.h>
#include <stdbool.h>

#include "harness/options.h"
#include "locks/waitgroup.h"

struct lb_errgroup {
	const struct lb_wg_ops *wg; /* the WaitGroup kind underneath        */
	void *wgi;                  /* its instance, owned by the group      */
	_Atomic int err;            /* the first non-zero error, or 0        */
	_Atomic bool cancelled;     /* set once err is: the others stop      */
};

/* Allocate and initialise an instance of wg with wg_opts (NULL: its
 * defaults).  0, or -1 with errno (EINVAL for options that do not parse,
 * ENOMEM, or what wg's init says). */
int lb_errgroup_init(struct lb_errgroup *g, const struct lb_wg_ops *wg,
		     const struct lb_optset *wg_opts);
void lb_errgroup_destroy(struct lb_errgroup *g);

void lb_errgroup_go(struct lb_errgroup *g);
void lb_errgroup_done(struct lb_errgroup *g, int err);
bool lb_errgroup_cancelled(const struct lb_errgroup *g);
int lb_errgroup_wait(struct lb_errgroup *g);

#endif
