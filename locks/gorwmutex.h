/*
 * gorwmutex.h - Go's sync.RWMutex, for the primitives built on it (the Go
 * text's WaitGroup with a read-locked Remaining) as well as for the
 * `gorwmutex` lock.  gorwmutex.c's header comment teaches the algorithm.
 *
 * st, in every call, is the calling thread's lock counters, or NULL.
 */
#ifndef LB_GORWMUTEX_H
#define LB_GORWMUTEX_H

#include <stdatomic.h>
#include <stdbool.h>
#include <stdint.h>

#include "locks/gomutex.h"
#include "locks/sema.h"

#define LB_RWMUTEX_MAX_READERS (1 << 30) /* Go's rwmutexMaxReaders */

struct lb_gorwmutex {
	struct lb_gomutex w;        /* held while a writer is pending or in */
	struct lb_sema writer_sem;  /* the writer waits for readers to leave */
	struct lb_sema reader_sem;  /* readers wait for the writer to leave  */
	_Atomic int32_t reader_count; /* readers in or waiting; - MAX when a
				       * writer is pending                  */
	_Atomic int32_t reader_wait;  /* readers the pending writer waits for */
};

/* cfg configures the writers' mutex w. */
void lb_gorwmutex_init(struct lb_gorwmutex *rw, const struct lb_gomutex_cfg *cfg);
void lb_gorwmutex_rlock(struct lb_gorwmutex *rw, struct lb_lock_stats *st);
void lb_gorwmutex_runlock(struct lb_gorwmutex *rw, struct lb_lock_stats *st);
void lb_gorwmutex_lock(struct lb_gorwmutex *rw, struct lb_lock_stats *st);
void lb_gorwmutex_unlock(struct lb_gorwmutex *rw, struct lb_lock_stats *st);
bool lb_gorwmutex_trylock(struct lb_gorwmutex *rw, struct lb_lock_stats *st);
bool lb_gorwmutex_tryrlock(struct lb_gorwmutex *rw);

#endif
