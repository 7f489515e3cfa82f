/*
 * preload.h - the parts of the preload library of `lockbench profile`
 * that its files share (see preload.c for how interposition works).
 *
 *   preload.c   bootstrap, the side table, the records, the interposed
 *               pthread entry points
 *   swap.c      the --as lock: a lockbench lock in the side table in
 *               place of a pthread mutex
 *   cond.c      condition variables over a futex word, for the mutexes
 *               that the --as lock replaced
 */
#ifndef LB_PROF_PRELOAD_H
#define LB_PROF_PRELOAD_H

#include <pthread.h>
#include <stdatomic.h>
#include <stdbool.h>
#include <stdint.h>
#include <time.h>

#include "locks/lock.h"
#include "profile/record.h"

#define LB_EXPORT __attribute__((visibility("default")))

/* The system's functions, found with dlsym(RTLD_NEXT, ...). */
#define LB_REAL_FNS(X)                                                                          \
	X(int, pthread_mutex_init, (pthread_mutex_t *, const pthread_mutexattr_t *))            \
	X(int, pthread_mutex_destroy, (pthread_mutex_t *))                                      \
	X(int, pthread_mutex_lock, (pthread_mutex_t *))                                         \
	X(int, pthread_mutex_trylock, (pthread_mutex_t *))                                      \
	X(int, pthread_mutex_timedlock, (pthread_mutex_t *, const struct timespec *))           \
	X(int, pthread_mutex_clocklock, (pthread_mutex_t *, clockid_t, const struct timespec *)) \
	X(int, pthread_mutex_unlock, (pthread_mutex_t *))                                       \
	X(int, pthread_rwlock_init, (pthread_rwlock_t *, const pthread_rwlockattr_t *))         \
	X(int, pthread_rwlock_destroy, (pthread_rwlock_t *))                                    \
	X(int, pthread_rwlock_rdlock, (pthread_rwlock_t *))                                     \
	X(int, pthread_rwlock_wrlock, (pthread_rwlock_t *))                                     \
	X(int, pthread_rwlock_tryrdlock, (pthread_rwlock_t *))                                  \
	X(int, pthread_rwlock_trywrlock, (pthread_rwlock_t *))                                  \
	X(int, pthread_rwlock_timedrdlock, (pthread_rwlock_t *, const struct timespec *))       \
	X(int, pthread_rwlock_timedwrlock, (pthread_rwlock_t *, const struct timespec *))       \
	X(int, pthread_rwlock_clockrdlock, (pthread_rwlock_t *, clockid_t, const struct timespec *)) \
	X(int, pthread_rwlock_clockwrlock, (pthread_rwlock_t *, clockid_t, const struct timespec *)) \
	X(int, pthread_rwlock_unlock, (pthread_rwlock_t *))                                     \
	X(int, pthread_spin_init, (pthread_spinlock_t *, int))                                  \
	X(int, pthread_spin_destroy, (pthread_spinlock_t *))                                    \
	X(int, pthread_spin_lock, (pthread_spinlock_t *))                                       \
	X(int, pthread_spin_trylock, (pthread_spinlock_t *))                                    \
	X(int, pthread_spin_unlock, (pthread_spinlock_t *))                                     \
	X(int, pthread_cond_init, (pthread_cond_t *, const pthread_condattr_t *))               \
	X(int, pthread_cond_destroy, (pthread_cond_t *))                                        \
	X(int, pthread_cond_wait, (pthread_cond_t *, pthread_mutex_t *))                        \
	X(int, pthread_cond_timedwait, (pthread_cond_t *, pthread_mutex_t *, const struct timespec *)) \
	X(int, pthread_cond_clockwait, (pthread_cond_t *, pthread_mutex_t *, clockid_t,          \
					const struct timespec *))                               \
	X(int, pthread_cond_signal, (pthread_cond_t *))                                         \
	X(int, pthread_cond_broadcast, (pthread_cond_t *))

#define LB_REAL_PTR(ret, name, args) ret(*name) args;
struct lb_real {
	LB_REAL_FNS(LB_REAL_PTR)
};
#undef LB_REAL_PTR
extern struct lb_real lb_real;

/*
 * One entry of the side table: a lock's address and what the library
 * keeps for it.  `kind` publishes the entry: 0 while it is being set up
 * or after the lock was destroyed (the next use sets it up afresh).
 */
struct lb_pent {
	_Atomic uintptr_t key;     /* the lock's address; 0: a free slot   */
	_Atomic uint32_t kind;     /* enum lb_prof_kind, 0: not (yet) valid */
	_Atomic uint32_t busy;     /* held by the thread setting it up     */
	uint32_t ran;              /* enum lb_prof_ran                     */
	clockid_t clock;           /* a condition variable's clock         */
	struct lb_prof_rec *rec;   /* where its counts go                  */
	_Atomic uint32_t swap;     /* --as instance: 0 none, 1 being made, 2 ready */
	_Atomic uint32_t seq;      /* condition variable: the futex word   */
	_Atomic uint32_t waiters;  /* condition variable: threads in wait  */
};

/* How a lock operation waits: not at all, forever, or until a deadline. */
enum lb_how { LB_TRY, LB_BLOCK, LB_DEADLINE };

/* Per-thread state, in static TLS (initial-exec: no allocation on first
 * use, which a lock function cannot afford). */
#define LB_HOLDS 4
#define LB_CTX_MAX 16
struct lb_thr {
	uint32_t id;          /* this thread's number in the process, from 1 */
	uint32_t sample_left; /* acquisitions until the next timed hold      */
	uint32_t in_lib;      /* inside lockbench's lock code: pass through  */
	uint32_t booting;
	struct {
		const void *lock;
		uint64_t t0;
	} holds[LB_HOLDS];    /* sampled holds in progress                   */
	uint32_t ctx_used;    /* bit i: ctx[i] is a held lock's context      */
	const void *ctx_lock[LB_CTX_MAX];
	_Alignas(LB_LINE) unsigned char ctx[LB_CTX_MAX + 1][LB_LINE]; /* last: spare */
};
extern __thread struct lb_thr lb_tls __attribute__((tls_model("initial-exec")));

extern const struct lb_lock_ops *lb_as_ops;
extern struct lb_optset lb_as_opts;

/* The entry of a lock, set up as `kind` on first use (fresh: set up again,
 * as pthread_*_init does); NULL when the table has no room. */
struct lb_pent *lb_pent_get(const void *lock, unsigned kind, const void *site, bool fresh);
/* The entry of a lock that is `kind` now, or NULL (unknown, stale). */
struct lb_pent *lb_pent_find(const void *lock, unsigned kind);
/* Index of e in the side table. */
size_t lb_pent_index(const struct lb_pent *e);

/* Count an acquisition of e: waited, with wait_ns; exclusive, or shared. */
void lb_acquired(struct lb_pent *e, bool waited, uint64_t wait_ns, bool exclusive);
/* Close the sampled hold of e, if this thread has one open. */
void lb_hold_end(const void *lock);
/* Count a completed wait on condition variable e. */
void lb_cond_waited(struct lb_pent *e, uint64_t wait_ns);

/* Mutex m (entry e) through whatever runs it, counted. */
int lb_mutex_acquire(struct lb_pent *e, pthread_mutex_t *m, enum lb_how how, clockid_t clk,
		     const struct timespec *abs);
int lb_mutex_release(struct lb_pent *e, pthread_mutex_t *m);

/* swap.c: the --as lock of mutex entry e. */
bool lb_swap_ready(void);
int lb_swap_setup(size_t entries);
int lb_swap_acquire(struct lb_pent *e, enum lb_how how, clockid_t clk,
		    const struct timespec *abs, bool *waited, uint64_t *wait_ns);
void lb_swap_release(struct lb_pent *e);
void lb_swap_destroy(struct lb_pent *e);
/* Which implementation the --as lock leaves mutex m to (LB_PROF_RAN_*). */
uint32_t lb_swap_classify(const pthread_mutex_t *m);

/* cond.c: waits, signal and broadcast over entry ce's futex word. */
int lb_cond_wait(struct lb_pent *ce, struct lb_pent *me, pthread_mutex_t *m, clockid_t clk,
		 const struct timespec *abs);
void lb_cond_wake(struct lb_pent *ce, int n);

/* Nanoseconds of CLOCK_MONOTONIC, and the deadline test of timed waits. */
uint64_t lb_prof_now(void);
bool lb_deadline_passed(clockid_t clk, const struct timespec *abs);

#endif
