/*
 * registry.c - every lock lockbench knows, in the order `lockbench list`
 * shows them: the system's locks first, then the spinlocks from the
 * simplest to the most scalable, then the unsynchronised baseline.
 *
 * Adding a lock: write locks/<name>.c defining one `struct lb_lock_ops`,
 * declare it below and put it in lb_locks[].
 */
#include <errno.h>
#include <string.h>

#include "locks/lock.h"

extern const struct lb_lock_ops lb_lock_pthread_mutex;
extern const struct lb_lock_ops lb_lock_pthread_rwlock;
extern const struct lb_lock_ops lb_lock_pthread_spin;
extern const struct lb_lock_ops lb_lock_tas;
extern const struct lb_lock_ops lb_lock_ttas;
extern const struct lb_lock_ops lb_lock_ticket;
extern const struct lb_lock_ops lb_lock_mcs;
extern const struct lb_lock_ops lb_lock_none;

const struct lb_lock_ops *const lb_locks[] = {
	&lb_lock_pthread_mutex,
	&lb_lock_pthread_rwlock,
	&lb_lock_pthread_spin,
	&lb_lock_tas,
	&lb_lock_ttas,
	&lb_lock_ticket,
	&lb_lock_mcs,
	&lb_lock_none,
	NULL,
};

/* The lock called name, or NULL with errno ENOENT (EINVAL for NULL). */
const struct lb_lock_ops *lb_lock_find(const char *name)
{
	if (name == NULL) {
		errno = EINVAL;
		return NULL;
	}
	for (const struct lb_lock_ops *const *p = lb_locks; *p != NULL; p++)
		if (strcmp((*p)->name, name) == 0)
			return *p;
	errno = ENOENT;
	return NULL;
}
