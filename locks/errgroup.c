/*
 * errgroup.c - Go's errgroup over any WaitGroup.  See errgroup.h for the
 * algorithm and its memory ordering.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>

#include "locks/errgroup.h"
#include "locks/lock.h"

int lb_errgroup_init(struct lb_errgroup *g, const struct lb_wg_ops *wg,
		     const struct lb_optset *wg_opts)
{
	struct lb_optset defaults;
	char err[LB_ERR_LEN], owner[64];

	if (g == NULL || wg == NULL) {
		errno = EINVAL;
		return -1;
	}
	if (wg_opts == NULL) {
		snprintf(owner, sizeof owner, "waitgroup '%s'", wg->name);
		if (lb_opts_parse(owner, wg->options, NULL, &defaults, err, sizeof err) < 0)
			return -1; /* errno EINVAL */
		wg_opts = &defaults;
	}
	/* Its own lines, zeroed, as the harness gives every instance. */
	g->wgi = lb_alloc_lines(wg->size);
	if (g->wgi == NULL)
		return -1; /* errno ENOMEM */
	if (wg->init(g->wgi, wg_opts) < 0) {
		int e = errno;

		free(g->wgi);
		g->wgi = NULL;
		errno = e;
		return -1;
	}
	g->wg = wg;
	atomic_init(&g->err, 0);
	atomic_init(&g->cancelled, false);
	return 0;
}

void lb_errgroup_destroy(struct lb_errgroup *g)
{
	if (g->wgi != NULL) {
		g->wg->destroy(g->wgi);
		free(g->wgi);
		g->wgi = NULL;
	}
}

void lb_errgroup_go(struct lb_errgroup *g)
{
	g->wg->add(g->wgi, 1);
}

void lb_errgroup_done(struct lb_errgroup *g, int err)
{
	int none = 0;

	/* The first error wins (Go's errOnce).  release: pairs with the
	 * acquire load in lb_errgroup_wait */
	if (err != 0 && atomic_compare_exchange_strong_explicit(&g->err, &none, err,
								memory_order_release,
								memory_order_relaxed))
		/* release: pairs with the acquire load in lb_errgroup_cancelled */
		atomic_store_explicit(&g->cancelled, true, memory_order_release);
	g->wg->done(g->wgi);
}

bool lb_errgroup_cancelled(const struct lb_errgroup *g)
{
	/* acquire: pairs with the release store in lb_errgroup_done */
	return atomic_load_explicit(&g->cancelled, memory_order_acquire);
}

int lb_errgroup_wait(struct lb_errgroup *g)
{
	g->wg->wait(g->wgi);
	/* acquire: pairs with the release CAS in lb_errgroup_done (the
	 * WaitGroup orders it already; this keeps the read self-evident) */
	return atomic_load_explicit(&g->err, memory_order_acquire);
}
