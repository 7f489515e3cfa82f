/*
 * registry.c - every workload, and the lock allocation they share.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "workloads/workload.h"

extern const struct lb_workload_ops lb_workload_getset;
extern const struct lb_workload_ops lb_workload_hits;
extern const struct lb_workload_ops lb_workload_seed;
extern const struct lb_workload_ops lb_workload_waitgroup;
extern const struct lb_workload_ops lb_workload_errgroup;

const struct lb_workload_ops *const lb_workloads[] = {
	&lb_workload_getset,
	&lb_workload_hits,
	&lb_workload_seed,
	&lb_workload_waitgroup,
	&lb_workload_errgroup,
	NULL,
};

const char *const lb_spawn_names[] = {
	[LB_SPAWN_POOL] = "pool",
	[LB_SPAWN_THREAD] = "thread",
};

const struct lb_workload_ops *lb_workload_find(const char *name)
{
	for (int i = 0; lb_workloads[i]; i++)
		if (strcmp(lb_workloads[i]->name, name) == 0)
			return lb_workloads[i];
	return NULL;
}

void *lb_lock_create(const struct lb_lock_ops *ops, const struct lb_optset *opts,
		     size_t trailer, void **trailer_out, char *err, size_t errlen)
{
	size_t head = (ops->size + 7) & ~(size_t)7;
	char *l = lb_alloc_lines(head + trailer);

	if (!l) {
		snprintf(err, errlen, "lock '%s': out of memory", ops->name);
		return NULL;
	}
	if (ops->init(l, opts) < 0) {
		snprintf(err, errlen, "lock '%s': init failed: %s", ops->name, strerror(errno));
		free(l);
		return NULL;
	}
	if (trailer_out)
		*trailer_out = l + head;
	return l;
}

void lb_lock_free(const struct lb_lock_ops *ops, void *l)
{
	if (!l)
		return;
	ops->destroy(l);
	free(l);
}
