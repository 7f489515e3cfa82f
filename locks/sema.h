/*
 * sema.h - what Go's sync package gets from its runtime: a semaphore to
 * sleep on, futexes, and fatal errors.
 *
 * The semaphore is sema.c's; its header comment explains it.  In Go's
 * words (runtime/sema.go) it is "a way to implement sleep and wakeup
 * such that every sleep is paired with a single wakeup, even if, due to
 * races, the wakeup happens before the sleep".  gomutex, gorwmutex and
 * the Go WaitGroup sleep on it.
 *
 *   lb_sema_init(s, n)            n units to start with
 *   lb_sema_acquire(s, lifo, st)  take a unit, sleeping until there is one;
 *                                 a sleeper queues at the back, or at the
 *                                 front when lifo (a waiter that slept
 *                                 before and lost the race for the lock)
 *   lb_sema_release(s, how, st)   give a unit back and wake the head
 *                                 waiter, in one of Go's three ways:
 *       LB_SEMA_WAKE              it runs at once and competes for the unit
 *       LB_SEMA_RUNNEXT           it competes after Go's runnext wait, as
 *                                 a goroutine readied by one that runs on
 *       LB_SEMA_HANDOFF           the unit goes to that waiter itself, and
 *                                 the releaser yields its CPU so the new
 *                                 owner runs
 *
 * st is the calling thread's lock counters, or NULL: acquire counts
 * sleeps, release counts wakeups and handoffs.
 *
 * Spinning comes in Go's rounds: lb_spin_round() is 30 pauses
 * (procyield(active_spin_cnt)), the unit of gomutex's spin and the
 * semaphore queue lock's.
 */
#ifndef LB_SEMA_H
#define LB_SEMA_H

#include <limits.h>
#include <linux/futex.h>
#include <stdatomic.h>
#include <stdbool.h>
#include <stdint.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "harness/clock.h"
#include "locks/lock.h"

/* ---- spinning ------------------------------------------------------- */

#define LB_SPIN_PAUSES 30 /* Go's active_spin_cnt */

/* One round of spinning: LB_SPIN_PAUSES pauses. */
static inline void lb_spin_round(void)
{
	for (int i = 0; i < LB_SPIN_PAUSES; i++)
		lb_cpu_relax();
}

/* ---- futexes -------------------------------------------------------- */

/* Sleep while *word == val (returns at once if it is not); may return
 * early for no reason: callers loop on their own condition.  0 when it
 * slept and was woken, -1 with errno otherwise (EAGAIN: *word != val). */
static inline int lb_futex_wait(_Atomic uint32_t *word, uint32_t val)
{
	return (int)syscall(SYS_futex, word, FUTEX_WAIT_PRIVATE, val, NULL, NULL, 0);
}

/* Wake up to n threads asleep on word (INT_MAX: all); returns how many
 * it woke (or -1 with errno).  Only the address is used, so it is safe
 * on memory that its owner may have left. */
static inline int lb_futex_wake(_Atomic uint32_t *word, int n)
{
	return (int)syscall(SYS_futex, word, FUTEX_WAKE_PRIVATE, n, NULL, NULL, 0);
}

/* ---- Go's fatal errors ---------------------------------------------- */

/* Go stops the program for misuse of its primitives: "fatal error: sync:
 * unlock of unlocked mutex" (throw, fatal) or "panic: sync: negative
 * WaitGroup counter".  So do they here: the one line "KIND: MSG" on
 * stderr, then abort().  kind is "fatal error" or "panic". */
_Noreturn void lb_go_fatal(const char *kind, const char *msg);

/* ---- the semaphore -------------------------------------------------- */

struct lb_sema_waiter;

struct lb_sema {
	_Atomic uint32_t count;  /* units free                            */
	_Atomic uint32_t nwait;  /* waiters queued; read without qlock    */
	_Atomic uint32_t qlock;  /* the queue's lock: 0 free, 1 held,
				  * 2 held and someone may sleep on it    */
	struct lb_sema_waiter *head, *tail; /* the queue, under qlock     */
};

void lb_sema_init(struct lb_sema *s, uint32_t count);
void lb_sema_acquire(struct lb_sema *s, bool lifo, struct lb_lock_stats *st);
/* How a release wakes the head waiter (sema.c's header says why three). */
enum lb_sema_wake {
	LB_SEMA_WAKE,    /* it runs at once: the releaser is about to block  */
	LB_SEMA_RUNNEXT, /* it waits Go's runnext steal: the releaser runs on */
	LB_SEMA_HANDOFF, /* it owns the unit; the releaser yields to it      */
};

void lb_sema_release(struct lb_sema *s, enum lb_sema_wake how, struct lb_lock_stats *st);

#endif
