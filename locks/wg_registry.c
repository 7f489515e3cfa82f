/*
 * wg_registry.c - every WaitGroup lockbench knows, in the order `lockbench
 * list` shows them: Go's own, the conventional C one, the Go text's
 * design mended, then the Go text's versions as it builds them.
 *
 * Adding a WaitGroup: write locks/wg_<name>.c defining one `struct
 * lb_wg_ops`, declare it below and put it in lb_waitgroups[].
 */
#include <errno.h>
#include <string.h>

#include "locks/waitgroup.h"

extern const struct lb_wg_ops lb_wg_go;
extern const struct lb_wg_ops lb_wg_cond;
extern const struct lb_wg_ops lb_wg_seed_fixed;
extern const struct lb_wg_ops lb_wg_seed_racy;
extern const struct lb_wg_ops lb_wg_seed;
extern const struct lb_wg_ops lb_wg_seed_rw;

const struct lb_wg_ops *const lb_waitgroups[] = {
	&lb_wg_go,
	&lb_wg_cond,
	&lb_wg_seed_fixed,
	&lb_wg_seed_racy,
	&lb_wg_seed,
	&lb_wg_seed_rw,
	NULL,
};

const struct lb_wg_ops *lb_wg_find(const char *name)
{
	if (name == NULL) {
		errno = EINVAL;
		return NULL;
	}
	for (const struct lb_wg_ops *const *p = lb_waitgroups; *p != NULL; p++)
		if (strcmp((*p)->name, name) == 0)
			return *p;
	errno = ENOENT;
	return NULL;
}
