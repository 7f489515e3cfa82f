/*
 * cond.c - condition variables over the --as lock.
 *
 * glibc's pthread_cond_wait releases and retakes the mutex inside libc,
 * on glibc's own mutex word: with the mutex replaced by a lockbench lock
 * it would release a lock nobody holds.  So under --as the condition
 * variables are implemented here, over the lockbench lock, with a futex
 * sequence word per condition variable (in its side-table entry), the
 * design glibc used before 2.25:
 *
 *   wait(c, m):  waiters++; s = seq; unlock(m); futex_wait(&seq, s);
 *                waiters--; lock(m)
 *   signal(c):   seq++; if waiters: futex_wake(&seq, 1)
 *   broadcast:   seq++; if waiters: futex_wake(&seq, all)
 *
 * No wakeup is lost: a waiter reads seq before it releases m, so a
 * signal that comes after the release changes seq, and the futex wait
 * (which compares seq with s in the kernel, atomically with going to
 * sleep) returns at once.  A signal skips the futex call only when it
 * sees no waiter; waiters++ and the load of seq in wait, seq++ and the
 * load of waiters in signal, are all seq_cst, so of two such sequences
 * at least one sees the other's first write: either the signaller sees
 * the waiter and wakes it, or the waiter read the new seq and the signal
 * came before its wait began (it had no waiter to wake).  A wakeup may
 * be spurious (a signal meant for another waiter, a futex EINTR), which
 * POSIX allows and every caller loops for.  Broadcast wakes every waiter
 * to contend for m rather than requeueing them: simple, and fine for a
 * profiler.
 *
 * Deadlines use FUTEX_WAIT_BITSET, which takes an absolute time on
 * CLOCK_MONOTONIC, or on CLOCK_REALTIME with FUTEX_CLOCK_REALTIME: the
 * two clocks a condition variable may have.
 */
#include <errno.h>
#include <limits.h>
#include <linux/futex.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "profile/preload.h"

int lb_cond_wait(struct lb_pent *ce, struct lb_pent *me, pthread_mutex_t *m, clockid_t clk,
		 const struct timespec *abs)
{
	int op = FUTEX_WAIT_BITSET | FUTEX_PRIVATE_FLAG, rc = 0, saved = errno;

	if (clk == CLOCK_REALTIME)
		op |= FUTEX_CLOCK_REALTIME;
	else if (clk != CLOCK_MONOTONIC)
		return EINVAL;
	if (abs && (abs->tv_nsec < 0 || abs->tv_nsec >= 1000000000))
		return EINVAL;
	/* seq_cst: pairs with the seq_cst increment and load in lb_cond_wake */
	atomic_fetch_add_explicit(&ce->waiters, 1, memory_order_seq_cst);
	uint32_t s = atomic_load_explicit(&ce->seq, memory_order_seq_cst);
	rc = lb_mutex_release(me, m);
	if (rc) {
		atomic_fetch_sub_explicit(&ce->waiters, 1, memory_order_relaxed);
		return rc;
	}
	uint64_t t0 = lb_prof_now();
	if (syscall(SYS_futex, &ce->seq, op, s, abs, NULL, FUTEX_BITSET_MATCH_ANY) < 0 &&
	    errno == ETIMEDOUT)
		rc = ETIMEDOUT;
	uint64_t waited = lb_prof_now() - t0;
	atomic_fetch_sub_explicit(&ce->waiters, 1, memory_order_relaxed);
	errno = saved;
	int lrc = lb_mutex_acquire(me, m, LB_BLOCK, CLOCK_REALTIME, NULL);
	if (lrc)
		return lrc;
	/* counted under m, which orders the histogram as it orders m's */
	lb_cond_waited(ce, waited);
	return rc;
}

void lb_cond_wake(struct lb_pent *ce, int n)
{
	int saved = errno;

	/* seq_cst: pairs with the seq_cst increment and load in lb_cond_wait */
	atomic_fetch_add_explicit(&ce->seq, 1, memory_order_seq_cst);
	if (atomic_load_explicit(&ce->waiters, memory_order_seq_cst) == 0)
		return;
	syscall(SYS_futex, &ce->seq, FUTEX_WAKE | FUTEX_PRIVATE_FLAG, n < 0 ? INT_MAX : n, NULL,
		NULL, 0);
	errno = saved;
}
