/*
 * swap.c - the --as lock: a program's pthread mutexes run on a lockbench
 * lock from the registry (locks/lock.h), used through its ops table like
 * everywhere else.
 *
 * Where the lock lives.  A pthread_mutex_t is 40 bytes that glibc owns;
 * a lockbench instance may be bigger and wants a line of its own.  So
 * the instance lives in a side array, one LB_LINE-aligned slot per entry
 * of the side table (an anonymous private mapping: zeroed, copied by
 * fork along with the locks), and is made on first use (`swap`: 0 none,
 * 1 being made, 2 ready), which is what makes PTHREAD_MUTEX_INITIALIZER
 * work: a static mutex is never initialised by a call.
 *
 * What stays the system's.  A recursive or error-checking mutex, and a
 * robust, priority-inheriting, priority-protected or process-shared one,
 * keeps glibc's implementation: a lockbench lock has none of those
 * semantics.  The row of such a lock says so (lock column: real
 * (recursive), real (errorcheck), real (special)).  The type is read
 * from the mutex itself (glibc's __data.__kind), which both
 * pthread_mutex_init and the static initialisers write.
 *
 * Per-thread contexts.  A lock with a per-thread context (an MCS queue
 * node) needs one per lock a thread holds at once: the thread's TLS has
 * LB_CTX_MAX of them, taken at lock and given back at unlock, found by
 * the lock's address.  A mutex unlocked by a thread that did not lock it
 * (undefined for a normal mutex in POSIX) gets a spare, zeroed context:
 * right for locks whose context holds only counters, wrong for mcs.
 *
 * Timed locks.  A lockbench lock has no deadline, so timedlock and
 * clocklock poll: trylock, then sleep 50 us, until the deadline.
 *
 * lockbench's lock code may itself call pthread functions (the
 * pthread-mutex and pthread-spin locks do): lb_tls.in_lib sends those
 * calls straight to glibc.
 */
#include <errno.h>
#include <string.h>
#include <sys/mman.h>

#include "harness/clock.h"
#include "profile/preload.h"

static unsigned char *g_inst; /* one slot of g_stride bytes per side-table entry */
static size_t g_stride;

bool lb_swap_ready(void)
{
	return g_inst != NULL;
}

int lb_swap_setup(size_t entries)
{
	g_stride = lb_as_ops->size ? (lb_as_ops->size + LB_LINE - 1) & ~(size_t)(LB_LINE - 1)
				   : LB_LINE;
	void *p = mmap(NULL, entries * g_stride, PROT_READ | PROT_WRITE,
		       MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	if (p == MAP_FAILED)
		return -1;
	g_inst = p;
	return 0;
}

uint32_t lb_swap_classify(const pthread_mutex_t *m)
{
	int kind = m->__data.__kind;

	/* glibc: the type in the low two bits (PTHREAD_MUTEX_KIND_MASK_NP),
	 * then robust 16, priority inheritance 32, priority protection 64
	 * and process-shared 128; elision hints (256, 512) do not matter. */
	if (kind & (16 | 32 | 64 | 128))
		return LB_PROF_RAN_REAL_SPECIAL;
	switch (kind & 3) {
	case PTHREAD_MUTEX_RECURSIVE:
		return LB_PROF_RAN_REAL_RECURSIVE;
	case PTHREAD_MUTEX_ERRORCHECK:
		return LB_PROF_RAN_REAL_ERRORCHECK;
	default:
		return LB_PROF_RAN_AS;
	}
}

/* The instance of e, made on first use. */
static void *instance(struct lb_pent *e)
{
	void *l = g_inst + lb_pent_index(e) * g_stride;
	uint32_t s = 0;

	/* acquire: pairs with the release store of 2 below */
	if (__builtin_expect(atomic_load_explicit(&e->swap, memory_order_acquire) == 2, 1))
		return l;
	if (atomic_compare_exchange_strong_explicit(&e->swap, &s, 1, memory_order_acquire,
						    memory_order_acquire)) {
		memset(l, 0, g_stride);
		lb_tls.in_lib++;
		lb_as_ops->init(l, &lb_as_opts);
		lb_tls.in_lib--;
		/* release: pairs with the acquire loads above */
		atomic_store_explicit(&e->swap, 2, memory_order_release);
		return l;
	}
	while (atomic_load_explicit(&e->swap, memory_order_acquire) != 2)
		lb_cpu_relax();
	return l;
}

/* A context for taking lock l, or NULL when this thread holds too many. */
static void *ctx_take(const void *l)
{
	if (!lb_as_ops->ctx_size)
		return NULL;
	uint32_t free_bits = ~lb_tls.ctx_used & ((1u << LB_CTX_MAX) - 1);
	if (!free_bits)
		return NULL;
	int i = __builtin_ctz(free_bits);
	lb_tls.ctx_used |= 1u << i;
	lb_tls.ctx_lock[i] = l;
	return lb_tls.ctx[i];
}

static void ctx_untake(void *ctx)
{
	if (ctx)
		lb_tls.ctx_used &= ~(1u << ((unsigned char(*)[LB_LINE])ctx - lb_tls.ctx));
}

/* The context with which this thread took l (and give it back). */
static void *ctx_give(const void *l)
{
	if (!lb_as_ops->ctx_size)
		return NULL;
	for (int i = 0; i < LB_CTX_MAX; i++)
		if ((lb_tls.ctx_used & (1u << i)) && lb_tls.ctx_lock[i] == l) {
			lb_tls.ctx_used &= ~(1u << i);
			return lb_tls.ctx[i];
		}
	return lb_tls.ctx[LB_CTX_MAX];
}

int lb_swap_acquire(struct lb_pent *e, enum lb_how how, clockid_t clk,
		    const struct timespec *abs, bool *waited, uint64_t *wait_ns)
{
	void *l = instance(e);
	void *ctx = ctx_take(l);
	int rc = 0;

	if (lb_as_ops->ctx_size && !ctx)
		return EAGAIN; /* more --as locks held at once than LB_CTX_MAX */
	lb_tls.in_lib++;
	if (!lb_as_ops->trylock(l, ctx)) {
		uint64_t t0 = lb_prof_now();
		*waited = true;
		if (how == LB_TRY) {
			rc = EBUSY;
		} else if (how == LB_BLOCK) {
			lb_as_ops->lock(l, ctx);
		} else if (abs->tv_nsec < 0 || abs->tv_nsec >= 1000000000) {
			rc = EINVAL;
		} else {
			const struct timespec nap = { 0, 50000 };
			while (!lb_as_ops->trylock(l, ctx)) {
				if (lb_deadline_passed(clk, abs)) {
					rc = ETIMEDOUT;
					break;
				}
				nanosleep(&nap, NULL);
			}
		}
		*wait_ns = lb_prof_now() - t0;
		if (rc)
			*waited = false;
	}
	lb_tls.in_lib--;
	if (rc)
		ctx_untake(ctx);
	return rc;
}

void lb_swap_release(struct lb_pent *e)
{
	void *l = instance(e);

	lb_tls.in_lib++;
	lb_as_ops->unlock(l, ctx_give(l));
	lb_tls.in_lib--;
}

void lb_swap_destroy(struct lb_pent *e)
{
	if (!g_inst || atomic_load_explicit(&e->swap, memory_order_acquire) != 2)
		return;
	if (lb_as_ops->destroy) {
		lb_tls.in_lib++;
		lb_as_ops->destroy(g_inst + lb_pent_index(e) * g_stride);
		lb_tls.in_lib--;
	}
	atomic_store_explicit(&e->swap, 0, memory_order_relaxed);
}

bool lb_deadline_passed(clockid_t clk, const struct timespec *abs)
{
	struct timespec now;

	clock_gettime(clk, &now);
	return now.tv_sec > abs->tv_sec || (now.tv_sec == abs->tv_sec && now.tv_nsec >= abs->tv_nsec);
}
