/*
 * gomutex.h - Go's sync.Mutex, for the primitives built on it (gorwmutex,
 * the Go text's WaitGroups) as well as for the `gomutex` lock.
 *
 * gomutex.c's header comment teaches the algorithm.  Here are the state
 * bits, the configuration (the `gomutex` lock's options), and the fast
 * paths, inline as Go inlines them; the slow paths are in gomutex.c.
 *
 * st, in every call, is the calling thread's lock counters, or NULL.
 */
#ifndef LB_GOMUTEX_H
#define LB_GOMUTEX_H

#include <stdatomic.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "harness/options.h"
#include "locks/lock.h"
#include "locks/sema.h"

enum {
	LB_GOMUTEX_LOCKED = 1,   /* held                                      */
	LB_GOMUTEX_WOKEN = 2,    /* a waiter is awake: unlock need wake none */
	LB_GOMUTEX_STARVING = 4, /* starvation mode: unlock hands off         */
	LB_GOMUTEX_WAITER_SHIFT = 3, /* waiters asleep, above the three bits  */
};

enum lb_gomutex_mode {
	LB_GOMUTEX_ADAPTIVE,   /* Go: starvation mode after a wait > threshold */
	LB_GOMUTEX_NORMAL,     /* never starvation mode                        */
	LB_GOMUTEX_STARVATION, /* threshold 0: after any waiter's first sleep  */
};

struct lb_gomutex_cfg {
	enum lb_gomutex_mode mode;
	uint64_t threshold_ns; /* ADAPTIVE: the wait that makes a waiter starve */
	unsigned spin;         /* spin rounds (of 30 pauses) before sleeping     */
};

/* Go's own: adaptive, 1 ms, 4 rounds. */
#define LB_GOMUTEX_GO_CFG \
	((struct lb_gomutex_cfg){ .mode = LB_GOMUTEX_ADAPTIVE, .threshold_ns = 1000000, .spin = 4 })

struct lb_gomutex {
	_Atomic int32_t state;  /* LOCKED | WOKEN | STARVING | waiters << 3 */
	struct lb_sema sema;    /* where waiters sleep                      */
	uint64_t starve_ns;     /* a wait longer than this starves: the mode's
				 * threshold (UINT64_MAX in normal mode)    */
	unsigned spin;          /* 0 where the process started with one CPU  */
};

void lb_gomutex_init(struct lb_gomutex *m, const struct lb_gomutex_cfg *cfg);

/* The options of a lock built on a gomutex ("mode", "threshold", "spin"),
 * the check between them (owner names the lock in the message), and the
 * configuration they say. */
extern const struct lb_optdesc lb_gomutex_options[];
int lb_gomutex_check(const char *owner, const struct lb_optset *o, char *err, size_t errlen);
struct lb_gomutex_cfg lb_gomutex_cfg_of(const struct lb_optset *o);

void lb_gomutex_lock_slow(struct lb_gomutex *m, struct lb_lock_stats *st);
void lb_gomutex_unlock_slow(struct lb_gomutex *m, int32_t new_state, struct lb_lock_stats *st);
bool lb_gomutex_trylock(struct lb_gomutex *m);

static inline void lb_gomutex_lock(struct lb_gomutex *m, struct lb_lock_stats *st)
{
	int32_t old = 0;

	/* Fast path: a free mutex.  acquire: pairs with the release
	 * fetch_sub in lb_gomutex_unlock */
	if (atomic_compare_exchange_strong_explicit(&m->state, &old, LB_GOMUTEX_LOCKED,
						    memory_order_acquire, memory_order_relaxed))
		return;
	lb_gomutex_lock_slow(m, st);
}

static inline void lb_gomutex_unlock(struct lb_gomutex *m, struct lb_lock_stats *st)
{
	/* Fast path: drop LOCKED; nothing else set means nobody to wake.
	 * release: pairs with the acquire CAS in lb_gomutex_lock,
	 * lb_gomutex_trylock and lb_gomutex_lock_slow */
	int32_t new_state = atomic_fetch_sub_explicit(&m->state, LB_GOMUTEX_LOCKED,
						      memory_order_release) - LB_GOMUTEX_LOCKED;
	if (new_state != 0)
		lb_gomutex_unlock_slow(m, new_state, st);
}

#endif
