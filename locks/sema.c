/*
 * sema.c - Go's runtime semaphore: a count, and a queue of sleepers that
 * is ours, not the kernel's.
 *
 * Algorithm.  Go's runtime/sema.go (semacquire1, semrelease1), after
 * Mullender and Cox, "Semaphores in Plan 9" (IWP9, 2008).  A count of
 * free units, and the threads waiting for one in a FIFO queue, each
 * parked on a futex word of its own in a node on its own stack.  Linux
 * wakes the sleepers of one futex word in no order it promises, so one
 * shared word could not give Go's queue discipline; one word per waiter,
 * woken by name, can.
 *
 * State: (count, nwait, queue), nwait = the queue's length, read without
 * the queue's lock only to skip it when nobody waits.
 *
 *   acquire(lifo):
 *     fast:  take a unit by CAS when count > 0                 (cansemacquire)
 *     slow:  lock the queue; nwait++; try again to take a unit; if none,
 *            queue ourselves (at the front when lifo, else at the back),
 *            unlock and park.  Woken with a ticket: the unit is ours.
 *            Woken without: try to take a unit; failing that (another
 *            thread took it first), queue again with the same lifo.
 *   release(WAKE or RUNNEXT):
 *            count++; if nwait == 0, done; else lock the queue, take the
 *            head waiter off it and wake it: it competes for the unit,
 *            at once (WAKE) or after the runnext wait (RUNNEXT, below).
 *   release(HANDOFF):
 *            lock the queue; if a waiter is there, take it off and wake
 *            it holding a ticket: it owns the unit, which never enters
 *            count, so no thread can take it in between; the releaser
 *            then yields its CPU (sched_yield), as Go yields to the new
 *            owner.  With nobody queued, count++.
 *
 * Go's semrelease1 increments count first and, with handoff, takes the
 * unit back for the ticket with a second cansemacquire, which a thread
 * in acquire's fast path can win; doing the whole handoff under the
 * queue's lock closes that window and is the same algorithm otherwise.
 * (Go's mutex tolerates either: its STARVING bit keeps newcomers away.)
 *
 * Go decides front or back per call (the caller's lifo): sync.Mutex
 * queues a waiter that slept before at the front, a new one at the back.
 *
 * When the woken runs.  Go's semrelease1 readies the waiter's goroutine
 * (goready) into the releaser's P, in its runnext slot, and the releaser
 * runs on.  The goroutine runs there when the releaser blocks or ends;
 * before that, only a P with nothing to do can take it, by stealing, and
 * a thief takes a running P's runnext only after it has slept 3 us
 * (runtime/proc.go, runqgrab: usleep(3), "to give pp a chance to
 * schedule runnext"; a nanosleep, so with Linux's timer slack, 50 us by
 * default, it lasts up to about 53 us).  A thread has no releaser's P to
 * wait on; its futex wake lets it run at once.  So the releaser says
 * which of Go's cases it is in:
 *   - WAKE: it is about to block or end (WaitGroup's Done, or the
 *     readers before the last that RWMutex's Unlock readies, which Go
 *     puts in the run queue proper, stolen at once): the waiter runs at
 *     once.
 *   - RUNNEXT: it runs on (Mutex.Unlock, RWMutex.RUnlock, the last
 *     reader RWMutex.Unlock readies): the woken waiter first sleeps the
 *     thief's 3 us, by the same system call, and then competes.  Until
 *     then a mutex's unlocker can take the lock again uncontested, as
 *     Go's does: with two goroutines on two Ps, BenchmarkMutex's woken
 *     goroutine waits in runqgrab's usleep nearly every time (perf, Go
 *     1.19: 2,619 goroutines readied, 2,600 nanosleep calls from
 *     runqgrab in one run).
 *   - HANDOFF: Go's releaser yields its P to the new owner (goyield), so
 *     the owner runs at once: the releaser's sched_yield here.
 *
 * A parked waiter's word: PARKED (queued, awake), ASLEEP (about to sleep
 * or asleep in futex_wait), WOKEN (dequeued, no ticket), NEXT (the same,
 * to compete after the runnext wait), TICKET (dequeued, owns a unit).
 * The waiter moves PARKED -> ASLEEP by CAS before it sleeps; the waker
 * exchanges WOKEN, NEXT or TICKET in and makes the futex_wake system
 * call only when it took ASLEEP out, so a waiter that is woken before it
 * sleeps costs no system call.  After that exchange the waiter may
 * return and its stack node vanish: the waker uses only the word's
 * address (futex_wake), never the node.  A late futex_wake on that
 * address can at worst wake the same thread parked on a new node there,
 * which checks its word and sleeps again.
 *
 * The queue's lock is a futex lock of the same kind as Go's runtime
 * mutex (Drepper, "Futexes Are Tricky", mutex 2): 0 free, 1 held, 2 held
 * with possible sleepers; a few rounds of spinning, then sleep.  It is
 * held for a handful of pointer writes.  Its own sleeps are not counted:
 * the counters describe the semaphore's waiters.
 *
 * Memory ordering.
 *   - A unit taken from count: the CAS in can_acquire is an acquire that
 *     reads the count written by a release's fetch_add (a release), or a
 *     later RMW in that release sequence, so what the releaser did before
 *     release happens-before what the taker does after acquire.
 *   - A unit handed over: the waker's exchange on the waiter's word is a
 *     release, the waiter's load of it an acquire.
 *   - The lost-wakeup race of the lock-free check in release: the waiter
 *     does nwait++ then reads count; the releaser does count++ then reads
 *     nwait.  All four are seq_cst, so in their single total order at
 *     least one of the two reads sees the other's write: either the
 *     waiter finds the unit, or the releaser finds the waiter (and takes
 *     the queue's lock, which it can get only after the waiter queued).
 *   - The queue (head, tail, next) is plain memory under qlock, whose
 *     acquiring CAS or exchange pairs with the release exchange of the
 *     previous unlock.
 *
 * Fairness.  Sleepers are woken in queue order; a woken waiter without a
 * ticket can still lose its unit to a thread that arrives meanwhile and
 * requeues (front when lifo).  With handoff, the head waiter gets the
 * unit and nobody barges.
 *
 * Progress.  Waiters sleep in the kernel; a release wakes at most one.
 */
#include <errno.h>
#include <sched.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

#include "harness/clock.h"
#include "locks/sema.h"

enum { PARKED, ASLEEP, WOKEN, NEXT, TICKET };

struct lb_sema_waiter {
	struct lb_sema_waiter *next; /* under qlock    */
	_Atomic uint32_t word;       /* PARKED..TICKET */
};

/* Go's runtime lock spins four rounds of 30 pauses before it sleeps. */
#define QLOCK_SPIN_ROUNDS 4

/* What a thief sleeps before it takes a running P's runnext (usleep(3)). */
#define RUNNEXT_STEAL_NS 3000

_Noreturn void lb_go_fatal(const char *kind, const char *msg)
{
	fprintf(stderr, "%s: %s\n", kind, msg);
	fflush(stderr);
	abort();
}

void lb_sema_init(struct lb_sema *s, uint32_t count)
{
	atomic_init(&s->count, count);
	atomic_init(&s->nwait, 0);
	atomic_init(&s->qlock, 0);
	s->head = s->tail = NULL;
}

/* ---- the queue's lock ----------------------------------------------- */

static bool qlock_try(struct lb_sema *s)
{
	uint32_t c = 0;

	/* acquire: pairs with the release exchange in qlock_unlock */
	return atomic_compare_exchange_strong_explicit(&s->qlock, &c, 1, memory_order_acquire,
						       memory_order_relaxed);
}

static void qlock_lock(struct lb_sema *s)
{
	if (qlock_try(s))
		return;
	for (int r = 0; r < QLOCK_SPIN_ROUNDS; r++) {
		lb_spin_round();
		if (atomic_load_explicit(&s->qlock, memory_order_relaxed) == 0 && qlock_try(s))
			return;
	}
	/* acquire: pairs with the release exchange in qlock_unlock; leaving 2
	 * behind makes our unlock wake whoever sleeps after us */
	while (atomic_exchange_explicit(&s->qlock, 2, memory_order_acquire) != 0)
		lb_futex_wait(&s->qlock, 2);
}

static void qlock_unlock(struct lb_sema *s)
{
	/* release: pairs with the acquire CAS and exchange in qlock_lock */
	if (atomic_exchange_explicit(&s->qlock, 0, memory_order_release) == 2)
		lb_futex_wake(&s->qlock, 1);
}

/* ---- the queue (under qlock) ---------------------------------------- */

static void enqueue(struct lb_sema *s, struct lb_sema_waiter *w, bool lifo)
{
	if (s->head == NULL) {
		w->next = NULL;
		s->head = s->tail = w;
	} else if (lifo) {
		w->next = s->head;
		s->head = w;
	} else {
		w->next = NULL;
		s->tail->next = w;
		s->tail = w;
	}
}

static struct lb_sema_waiter *dequeue(struct lb_sema *s)
{
	struct lb_sema_waiter *w = s->head;

	if (w != NULL) {
		s->head = w->next;
		if (s->head == NULL)
			s->tail = NULL;
	}
	return w;
}

/* ---- acquire -------------------------------------------------------- */

/* Take a unit if there is one (Go's cansemacquire). */
static bool can_acquire(struct lb_sema *s)
{
	/* seq_cst: the read of count after nwait++ in acquire_slow; see the
	 * lost-wakeup argument above */
	uint32_t v = atomic_load_explicit(&s->count, memory_order_seq_cst);

	while (v != 0) {
		/* acquire: pairs with the release fetch_add of count in
		 * lb_sema_release and release_handoff */
		if (atomic_compare_exchange_weak_explicit(&s->count, &v, v - 1,
							  memory_order_acquire,
							  memory_order_relaxed))
			return true;
	}
	return false;
}

/* Sleep until a release dequeues w; returns WOKEN, NEXT or TICKET. */
static uint32_t park(struct lb_sema_waiter *w, struct lb_lock_stats *st)
{
	uint32_t v = PARKED;
	bool slept = false;

	/* Announce the sleep; the CAS fails when wake() came first. */
	atomic_compare_exchange_strong_explicit(&w->word, &v, ASLEEP, memory_order_relaxed,
						memory_order_relaxed);
	/* acquire: pairs with the release exchange in wake() */
	while ((v = atomic_load_explicit(&w->word, memory_order_acquire)) == ASLEEP)
		if (lb_futex_wait(&w->word, ASLEEP) == 0)
			slept = true;
	if (slept)
		LB_STAT(st, sleeps, 1);
	return v;
}

/* The wait of a waiter woken NEXT: a thief's sleep before it takes a
 * running P's runnext (see "When the woken runs" above).  Interrupted,
 * it sleeps the rest. */
static void runnext_wait(void)
{
	struct timespec ts = { 0, RUNNEXT_STEAL_NS };

	while (nanosleep(&ts, &ts) == -1 && errno == EINTR)
		;
}

static void acquire_slow(struct lb_sema *s, bool lifo, struct lb_lock_stats *st)
{
	struct lb_sema_waiter w;

	for (;;) {
		qlock_lock(s);
		/* seq_cst: the lost-wakeup argument above (with can_acquire's
		 * load and the count and nwait accesses in lb_sema_release) */
		atomic_fetch_add_explicit(&s->nwait, 1, memory_order_seq_cst);
		if (can_acquire(s)) {
			atomic_fetch_sub_explicit(&s->nwait, 1, memory_order_relaxed);
			qlock_unlock(s);
			return;
		}
		atomic_store_explicit(&w.word, PARKED, memory_order_relaxed);
		enqueue(s, &w, lifo);
		qlock_unlock(s);
		uint32_t how = park(&w, st);
		if (how == TICKET)
			return;
		if (how == NEXT)
			runnext_wait();
		if (can_acquire(s))
			return;
	}
}

void lb_sema_acquire(struct lb_sema *s, bool lifo, struct lb_lock_stats *st)
{
	if (can_acquire(s))
		return;
	acquire_slow(s, lifo, st);
}

/* ---- release -------------------------------------------------------- */

/* w is off the queue: tell it how it was woken, and wake it if it sleeps.
 * After the exchange w may be gone; only its word's address is used. */
static void wake(struct lb_sema_waiter *w, uint32_t how, struct lb_lock_stats *st)
{
	_Atomic uint32_t *word = &w->word;

	/* release: pairs with the acquire loads of the word in park().
	 * A waiter that announced its sleep may not be in the kernel yet:
	 * count only a wake that found it there. */
	if (atomic_exchange_explicit(word, how, memory_order_release) == ASLEEP &&
	    lb_futex_wake(word, 1) > 0)
		LB_STAT(st, wakeups, 1);
}

/* Dequeue the head waiter under qlock, or NULL when nobody waits. */
static struct lb_sema_waiter *take_waiter(struct lb_sema *s)
{
	struct lb_sema_waiter *w = dequeue(s);

	if (w != NULL)
		atomic_fetch_sub_explicit(&s->nwait, 1, memory_order_relaxed);
	return w;
}

static void release_handoff(struct lb_sema *s, struct lb_lock_stats *st)
{
	struct lb_sema_waiter *w;

	qlock_lock(s);
	w = take_waiter(s);
	if (w == NULL)
		/* release: pairs with the acquire CAS in can_acquire */
		atomic_fetch_add_explicit(&s->count, 1, memory_order_release);
	qlock_unlock(s);
	if (w == NULL)
		return;
	wake(w, TICKET, st);
	LB_STAT(st, handoffs, 1);
	sched_yield();
}

void lb_sema_release(struct lb_sema *s, enum lb_sema_wake how, struct lb_lock_stats *st)
{
	struct lb_sema_waiter *w;

	if (how == LB_SEMA_HANDOFF) {
		release_handoff(s, st);
		return;
	}
	/* seq_cst (a release too): pairs with the acquire CAS in can_acquire,
	 * and the lost-wakeup argument above */
	atomic_fetch_add_explicit(&s->count, 1, memory_order_seq_cst);
	if (atomic_load_explicit(&s->nwait, memory_order_seq_cst) == 0)
		return;
	qlock_lock(s);
	w = take_waiter(s);
	qlock_unlock(s);
	if (w != NULL)
		wake(w, how == LB_SEMA_RUNNEXT ? NEXT : WOKEN, st);
}
