/*
 * preload.c - the preload library of `lockbench profile`: it stands
 * between a program and its pthread locks, counts and times them, and,
 * with --as, runs its mutexes on a lockbench lock.
 *
 * How interposition works (glibc 2.34 and later).  Since 2.34 the
 * pthread functions live in libc.so.6 itself; libpthread.so.0 is an
 * empty stub kept for old links.  A program calls pthread_mutex_lock
 * through its PLT, and the dynamic linker binds that call to the first
 * object in the global search order that defines the symbol.  LD_PRELOAD
 * puts this library right after the program, ahead of libc, so the
 * definitions below win, for the program and for every library it
 * loads.  Calls that libc makes to itself do not go through the PLT and
 * are not seen (its internal locks: malloc's, stdio's, the loader's).
 * The original is reached with dlsym(RTLD_NEXT, name): the next
 * definition after this object, libc's.  Tools written before 2.34
 * looked the symbols up in libpthread.so.0 by name, and that library no
 * longer defines them: that is what broke LD_PRELOAD lock substitution
 * on current systems.
 *
 * Versions.  libc defines pthread_cond_* twice on x86-64:
 * pthread_cond_wait@GLIBC_2.2.5 (the old LinuxThreads layout) and
 * pthread_cond_wait@@GLIBC_2.3.2 (the default, which programs link
 * against).  An unversioned definition, as here, satisfies a versioned
 * reference, so the program's calls come here whatever version they
 * name; but plain dlsym may hand back the old one, so the originals are
 * found with dlvsym(RTLD_NEXT, name, "GLIBC_2.3.2") first, falling back
 * to dlsym where that version does not exist (other architectures).
 *
 * Bootstrap.  The first pthread call may come before this library's
 * constructor has run (another library's constructor), and dlsym itself
 * may take locks or allocate.  So every entry point makes sure the
 * bootstrap has run; a call that arrives while it runs, on the thread
 * running it, goes straight to the original if it is known already and
 * is otherwise a no-op (only one thread exists that early), and other
 * threads wait for the bootstrap to finish.
 *
 * Where the counts go.  lockbench names a directory in LB_PROFILE_DIR;
 * this process creates its own file there and maps it shared (see
 * record.h): the counts survive any end of the process.  After fork the
 * child (pthread_atfork) makes a file of its own and starts its records
 * afresh; after exec the new program loads this library again when its
 * environment kept LD_PRELOAD and LB_PROFILE_DIR.
 *
 * The side table.  Locks are found by address in an open-addressing
 * table of LB_TABLE entries in an anonymous private mapping: no malloc,
 * nothing interposed on the way, and fork copies it with the locks it
 * describes.  An entry is claimed with a CAS on its key and set up by
 * whichever thread wins its `busy` flag; `kind` (release store) then
 * publishes it and readers load it with acquire.  Entries are never
 * removed: a destroyed lock's entry goes stale (kind 0) and is set up
 * afresh, with a new record, when its address is used again.
 *
 * Counting.  An acquisition first tries the lock (trylock).  When that
 * succeeds the acquisition was uncontended: it is counted and no clock
 * is read.  Otherwise it is contended: the wait is timed with two reads
 * of CLOCK_MONOTONIC around the blocking call.  Holds are timed for one
 * exclusive acquisition in LB_HOLD_SAMPLE per thread, each weighted by
 * that number in the histogram, as the harness samples its latencies.
 * Counters are relaxed atomics; the histograms are written under the
 * lock they describe (record.h).
 */
#include <dlfcn.h>
#include <elf.h>
#include <errno.h>
#include <fcntl.h>
#include <link.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#include "harness/clock.h"
#include "profile/preload.h"

#define LB_TABLE_BITS 16
#define LB_TABLE (1u << LB_TABLE_BITS)
#define LB_PROBE_MAX 256
#define LB_HOLD_SAMPLE 64

struct lb_real lb_real;
__thread struct lb_thr lb_tls __attribute__((tls_model("initial-exec")));
const struct lb_lock_ops *lb_as_ops;
struct lb_optset lb_as_opts;

static _Atomic int g_boot;     /* 0 not yet, 1 running, 2 done              */
static bool g_on;              /* profiling: LB_PROFILE_DIR given and usable */
static struct lb_prof_file *g_file;
static struct lb_pent *g_table;
static _Atomic uint32_t g_nused;
static uint32_t *g_used;       /* indices of the claimed entries, for fork  */
static _Atomic uint32_t g_nthreads;
static char g_dir[512], g_as[160], g_exe[512];

uint64_t lb_prof_now(void)
{
	return lb_now_ns();
}

static void say(const char *msg)
{
	ssize_t r = write(2, msg, strlen(msg));
	(void)r;
}

/* ---- the originals ---------------------------------------------------- */

static void resolve(void)
{
#define LB_RESOLVE(ret, name, args)                                                 \
	{                                                                           \
		void *p = NULL;                                                     \
		if (strncmp(#name, "pthread_cond_", 13) == 0)                       \
			p = dlvsym(RTLD_NEXT, #name, "GLIBC_2.3.2");                \
		if (!p)                                                             \
			p = dlsym(RTLD_NEXT, #name);                                \
		*(void **)&lb_real.name = p;                                        \
	}
	LB_REAL_FNS(LB_RESOLVE)
#undef LB_RESOLVE
}

/* ---- the file of this process ------------------------------------------ */

static void rec_init(struct lb_prof_rec *r)
{
	r->wait.min = r->hold.min = UINT64_MAX;
}

static struct lb_prof_file *file_open(void)
{
	char path[sizeof g_dir + 64];
	int fd = -1;

	for (int n = 0; n < 1000 && fd < 0; n++) {
		snprintf(path, sizeof path, "%s/%d-%d.lbp", g_dir, (int)getpid(), n);
		fd = open(path, O_RDWR | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
		if (fd < 0 && errno != EEXIST)
			return NULL;
	}
	if (fd < 0)
		return NULL;
	struct lb_prof_file *f = NULL;
	if (ftruncate(fd, sizeof *f) == 0) {
		f = mmap(NULL, sizeof *f, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
		if (f == MAP_FAILED)
			f = NULL;
	}
	close(fd);
	if (!f)
		return NULL;
	f->version = LB_PROF_VERSION;
	f->pid = (int32_t)getpid();
	f->ppid = (int32_t)getppid();
	int cfd = open("/proc/self/comm", O_RDONLY | O_CLOEXEC);
	if (cfd >= 0) {
		ssize_t n = read(cfd, f->program, sizeof f->program - 1);
		close(cfd);
		while (n > 0 && (f->program[n - 1] == '\n' || f->program[n - 1] == '\0'))
			f->program[--n] = '\0';
	}
	snprintf(f->as, sizeof f->as, "%s", g_as);
	f->hold_sample = LB_HOLD_SAMPLE;
	struct lb_prof_rec *other = &f->rec[LB_PROF_RECORDS - 1];
	rec_init(other);
	snprintf(other->site, sizeof other->site, "(other locks)");
	f->magic = LB_PROF_MAGIC;
	return f;
}

/* The site of a lock: the call that first initialised or locked it. */
static void site_name(struct lb_prof_rec *r, const void *ra)
{
	uintptr_t pc = (uintptr_t)ra - 1; /* inside the call, not after it */
	Dl_info info;

	if (!ra || !dladdr((void *)pc, &info) || !info.dli_fbase) {
		snprintf(r->site, sizeof r->site, "0x%lx", (unsigned long)pc);
		return;
	}
	/* addr2line takes an address relative to a shared object or a
	 * position-independent program, an absolute one in a fixed-address
	 * (ET_EXEC) program. */
	const ElfW(Ehdr) *eh = info.dli_fbase;
	r->site_rel = eh->e_type == ET_EXEC ? pc : pc - (uintptr_t)info.dli_fbase;
	/* The program itself may be named as it was invoked (argv[0]). */
	const char *obj = info.dli_fname && info.dli_fname[0] == '/' ? info.dli_fname : g_exe;
	if (info.dli_sname)
		snprintf(r->site, sizeof r->site, "%s+0x%lx (%s+0x%lx)", info.dli_sname,
			 (unsigned long)(pc - (uintptr_t)info.dli_saddr), obj,
			 (unsigned long)r->site_rel);
	else
		snprintf(r->site, sizeof r->site, "? (%s+0x%lx)", obj, (unsigned long)r->site_rel);
}

/* A new record in this process's file; the shared last one when full. */
static struct lb_prof_rec *rec_new(uintptr_t addr, unsigned kind, uint32_t ran)
{
	uint32_t i = atomic_fetch_add_explicit(&g_file->nrec, 1, memory_order_relaxed);

	if (i >= LB_PROF_RECORDS - 1)
		return &g_file->rec[LB_PROF_RECORDS - 1];
	struct lb_prof_rec *r = &g_file->rec[i];
	rec_init(r);
	r->addr = addr;
	r->kind = kind;
	r->ran = ran;
	return r;
}

/* In the child after fork: a file of its own, with a fresh record for
 * every lock the parent knew (same address, kind, site). */
static void child_after_fork(void)
{
	struct lb_prof_file *old = g_file, *f = file_open();

	if (!f) {
		g_on = false;
		return;
	}
	g_file = f;
	uint32_t n = atomic_load_explicit(&g_nused, memory_order_relaxed);
	for (uint32_t k = 0; k < n && k < LB_TABLE; k++) {
		struct lb_pent *e = &g_table[g_used[k]];
		struct lb_prof_rec *o = e->rec;
		if (!o || atomic_load_explicit(&e->kind, memory_order_relaxed) == 0)
			continue;
		if (o == &old->rec[LB_PROF_RECORDS - 1]) {
			e->rec = &f->rec[LB_PROF_RECORDS - 1];
			continue;
		}
		e->rec = rec_new(o->addr, o->kind, o->ran);
		if (e->rec != &f->rec[LB_PROF_RECORDS - 1]) {
			e->rec->site_rel = o->site_rel;
			memcpy(e->rec->site, o->site, sizeof o->site);
		}
	}
	munmap(old, sizeof *old);
}

/* "name:key=value,..." of LB_PROFILE_AS; lockbench checked it already. */
static int parse_as(const char *spec)
{
	char name[64], err[256];
	const char *colon = strchr(spec, ':');
	size_t len = colon ? (size_t)(colon - spec) : strlen(spec);

	if (len >= sizeof name)
		return -1;
	memcpy(name, spec, len);
	name[len] = '\0';
	const struct lb_lock_ops *ops = lb_lock_find(name);
	if (!ops || lb_ctx_stride(ops) > LB_LINE ||
	    lb_opts_parse(name, ops->options, colon ? colon + 1 : NULL, &lb_as_opts, err,
			  sizeof err) < 0 ||
	    (ops->check && ops->check(&lb_as_opts, err, sizeof err) < 0))
		return -1;
	lb_as_ops = ops;
	return 0;
}

static void setup(void)
{
	const char *dir = getenv("LB_PROFILE_DIR"), *as = getenv("LB_PROFILE_AS");

	if (!dir || strlen(dir) >= sizeof g_dir)
		return;
	snprintf(g_dir, sizeof g_dir, "%s", dir);
	ssize_t n = readlink("/proc/self/exe", g_exe, sizeof g_exe - 1);
	g_exe[n > 0 ? n : 0] = '\0';
	if (as && as[0]) {
		if (strlen(as) >= sizeof g_as || parse_as(as) < 0) {
			say("lockbench profile: LB_PROFILE_AS names no usable lock; profiling "
			    "without it\n");
		} else {
			snprintf(g_as, sizeof g_as, "%s", as);
		}
	}
	size_t tsize = LB_TABLE * sizeof *g_table, usize = LB_TABLE * sizeof *g_used;
	g_table = mmap(NULL, tsize, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	g_used = mmap(NULL, usize, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	if (g_table == MAP_FAILED || g_used == MAP_FAILED ||
	    (lb_as_ops && lb_swap_setup(LB_TABLE) < 0) || !(g_file = file_open())) {
		say("lockbench profile: cannot set up the profile of this process\n");
		return;
	}
	pthread_atfork(NULL, NULL, child_after_fork);
	g_on = true;
}

static void boot(void)
{
	int s = 0;

	if (atomic_compare_exchange_strong_explicit(&g_boot, &s, 1, memory_order_acquire,
						    memory_order_acquire)) {
		lb_tls.booting = 1;
		resolve();
		setup();
		lb_tls.booting = 0;
		/* release: pairs with the acquire loads in lb_active */
		atomic_store_explicit(&g_boot, 2, memory_order_release);
		return;
	}
	if (lb_tls.booting)
		return;
	/* acquire: pairs with the release store above */
	while (atomic_load_explicit(&g_boot, memory_order_acquire) != 2)
		lb_cpu_relax();
}

__attribute__((constructor)) static void lb_prof_ctor(void)
{
	boot();
}

/* Whether this call is to be profiled; false sends it straight on. */
static inline bool lb_active(void)
{
	/* acquire: pairs with the release store that ends boot() */
	if (__builtin_expect(atomic_load_explicit(&g_boot, memory_order_acquire) != 2, 0))
		boot();
	return g_on && !lb_tls.in_lib && !lb_tls.booting;
}

/* The original, or nothing while it is still being looked up. */
#define LB_PASS(name, ...) (lb_real.name ? lb_real.name(__VA_ARGS__) : 0)

/* ---- the side table ------------------------------------------------------- */

size_t lb_pent_index(const struct lb_pent *e)
{
	return (size_t)(e - g_table);
}

static inline size_t slot_of(uintptr_t a)
{
	return (size_t)(((uint64_t)a >> 3) * 0x9E3779B97F4A7C15ull >> (64 - LB_TABLE_BITS));
}

/* Set up e for a lock of `kind`: a new record, and what runs it. */
static void pent_setup(struct lb_pent *e, uintptr_t addr, unsigned kind, const void *site)
{
	uint32_t ran = LB_PROF_RAN_SYSTEM;

	if (kind == LB_PROF_MUTEX && lb_as_ops)
		ran = lb_swap_classify((const pthread_mutex_t *)addr);
	if (kind == LB_PROF_COND && lb_as_ops)
		ran = LB_PROF_RAN_AS;
	lb_swap_destroy(e);
	e->ran = ran;
	e->clock = CLOCK_REALTIME;
	atomic_store_explicit(&e->seq, 0, memory_order_relaxed);
	atomic_store_explicit(&e->waiters, 0, memory_order_relaxed);
	e->rec = rec_new(addr, kind, ran);
	if (e->rec != &g_file->rec[LB_PROF_RECORDS - 1])
		site_name(e->rec, site);
}

static struct lb_pent *pent_ready(struct lb_pent *e, uintptr_t addr, unsigned kind,
				  const void *site, bool fresh)
{
	if (fresh)
		atomic_store_explicit(&e->kind, 0, memory_order_relaxed);
	for (;;) {
		/* acquire: pairs with the release store of kind below */
		if (atomic_load_explicit(&e->kind, memory_order_acquire) == kind)
			return e;
		uint32_t b = 0;
		if (atomic_compare_exchange_strong_explicit(&e->busy, &b, 1, memory_order_acquire,
							    memory_order_relaxed)) {
			if (atomic_load_explicit(&e->kind, memory_order_relaxed) != kind) {
				pent_setup(e, addr, kind, site);
				/* release: pairs with the acquire loads of kind */
				atomic_store_explicit(&e->kind, kind, memory_order_release);
			}
			atomic_store_explicit(&e->busy, 0, memory_order_release);
			return e;
		}
		while (atomic_load_explicit(&e->busy, memory_order_acquire))
			lb_cpu_relax();
	}
}

struct lb_pent *lb_pent_get(const void *lock, unsigned kind, const void *site, bool fresh)
{
	uintptr_t a = (uintptr_t)lock;
	size_t i = slot_of(a);

	for (unsigned n = 0; n < LB_PROBE_MAX; n++, i = (i + 1) & (LB_TABLE - 1)) {
		struct lb_pent *e = &g_table[i];
		uintptr_t k = atomic_load_explicit(&e->key, memory_order_acquire);
		if (k == 0) {
			/* acq_rel: pairs with the acquire loads of key in the probes */
			if (atomic_compare_exchange_strong_explicit(&e->key, &k, a,
								    memory_order_acq_rel,
								    memory_order_acquire)) {
				uint32_t u = atomic_fetch_add_explicit(&g_nused, 1,
								       memory_order_relaxed);
				if (u < LB_TABLE)
					g_used[u] = (uint32_t)i;
				return pent_ready(e, a, kind, site, fresh);
			}
		}
		if (k == a)
			return pent_ready(e, a, kind, site, fresh);
	}
	atomic_fetch_add_explicit(&g_file->untracked, 1, memory_order_relaxed);
	return NULL;
}

struct lb_pent *lb_pent_find(const void *lock, unsigned kind)
{
	uintptr_t a = (uintptr_t)lock;
	size_t i = slot_of(a);

	for (unsigned n = 0; n < LB_PROBE_MAX; n++, i = (i + 1) & (LB_TABLE - 1)) {
		struct lb_pent *e = &g_table[i];
		uintptr_t k = atomic_load_explicit(&e->key, memory_order_acquire);
		if (k == a)
			/* acquire: pairs with the release store of kind in pent_ready */
			return atomic_load_explicit(&e->kind, memory_order_acquire) == kind ? e : NULL;
		if (k == 0)
			return NULL;
	}
	return NULL;
}

/* ---- counting ----------------------------------------------------------- */

static inline uint32_t thread_no(void)
{
	if (__builtin_expect(lb_tls.id == 0, 0)) {
		lb_tls.id = atomic_fetch_add_explicit(&g_nthreads, 1, memory_order_relaxed) + 1;
		lb_tls.sample_left = LB_HOLD_SAMPLE;
	}
	return lb_tls.id;
}

void lb_acquired(struct lb_pent *e, bool waited, uint64_t wait_ns, bool exclusive)
{
	struct lb_prof_rec *r = e->rec;
	uint32_t me = thread_no();

	atomic_fetch_add_explicit(&r->acquisitions, 1, memory_order_relaxed);
	if (waited) {
		atomic_fetch_add_explicit(&r->contended, 1, memory_order_relaxed);
		atomic_fetch_add_explicit(&r->wait_total_ns, wait_ns, memory_order_relaxed);
		if (exclusive)
			lb_hist_add(&r->wait, wait_ns);
	}
	uint32_t prev = atomic_load_explicit(&r->last_owner, memory_order_relaxed);
	if (prev != me) {
		if (prev)
			atomic_fetch_add_explicit(&r->owner_changes, 1, memory_order_relaxed);
		atomic_store_explicit(&r->last_owner, me, memory_order_relaxed);
		atomic_fetch_or_explicit(&r->threads[((me - 1) / 64) % 4], 1ull << ((me - 1) % 64),
					 memory_order_relaxed);
	}
	if (exclusive && --lb_tls.sample_left == 0) {
		lb_tls.sample_left = LB_HOLD_SAMPLE;
		for (int i = 0; i < LB_HOLDS; i++)
			if (!lb_tls.holds[i].lock) {
				lb_tls.holds[i].lock = (const void *)atomic_load_explicit(
					&e->key, memory_order_relaxed);
				lb_tls.holds[i].t0 = lb_now_ns();
				break;
			}
	}
}

void lb_hold_end(const void *lock)
{
	for (int i = 0; i < LB_HOLDS; i++)
		if (lb_tls.holds[i].lock == lock) {
			struct lb_pent *e = lb_pent_find(lock, LB_PROF_MUTEX);
			if (!e)
				e = lb_pent_find(lock, LB_PROF_RWLOCK);
			if (!e)
				e = lb_pent_find(lock, LB_PROF_SPIN);
			if (e)
				lb_hist_add_n(&e->rec->hold, lb_now_ns() - lb_tls.holds[i].t0,
					      LB_HOLD_SAMPLE);
			lb_tls.holds[i].lock = NULL;
			return;
		}
}

void lb_cond_waited(struct lb_pent *e, uint64_t wait_ns)
{
	uint32_t me = thread_no();

	atomic_fetch_or_explicit(&e->rec->threads[((me - 1) / 64) % 4], 1ull << ((me - 1) % 64),
				 memory_order_relaxed);
	atomic_fetch_add_explicit(&e->rec->acquisitions, 1, memory_order_relaxed);
	atomic_fetch_add_explicit(&e->rec->contended, 1, memory_order_relaxed);
	atomic_fetch_add_explicit(&e->rec->wait_total_ns, wait_ns, memory_order_relaxed);
	lb_hist_add(&e->rec->wait, wait_ns);
}

/* ---- mutexes -------------------------------------------------------------- */

static int real_mutex_wait(pthread_mutex_t *m, enum lb_how how, clockid_t clk,
			   const struct timespec *abs)
{
	if (how == LB_BLOCK)
		return lb_real.pthread_mutex_lock(m);
	if (clk == CLOCK_REALTIME)
		return lb_real.pthread_mutex_timedlock(m, abs);
	return lb_real.pthread_mutex_clocklock(m, clk, abs);
}

int lb_mutex_acquire(struct lb_pent *e, pthread_mutex_t *m, enum lb_how how, clockid_t clk,
		     const struct timespec *abs)
{
	bool waited = false;
	uint64_t wait_ns = 0;
	int rc;

	if (e->ran == LB_PROF_RAN_AS) {
		rc = lb_swap_acquire(e, how, clk, abs, &waited, &wait_ns);
	} else {
		rc = lb_real.pthread_mutex_trylock(m);
		if (rc == EBUSY && how != LB_TRY) {
			uint64_t t0 = lb_now_ns();
			rc = real_mutex_wait(m, how, clk, abs);
			wait_ns = lb_now_ns() - t0;
			waited = true;
		}
	}
	if (rc == 0 || rc == EOWNERDEAD)
		lb_acquired(e, waited, wait_ns, true);
	return rc;
}

int lb_mutex_release(struct lb_pent *e, pthread_mutex_t *m)
{
	lb_hold_end(m);
	if (e->ran == LB_PROF_RAN_AS) {
		lb_swap_release(e);
		return 0;
	}
	return lb_real.pthread_mutex_unlock(m);
}

LB_EXPORT int pthread_mutex_init(pthread_mutex_t *m, const pthread_mutexattr_t *a)
{
	if (!lb_active())
		return LB_PASS(pthread_mutex_init, m, a);
	int rc = lb_real.pthread_mutex_init(m, a);
	if (rc == 0)
		lb_pent_get(m, LB_PROF_MUTEX, __builtin_return_address(0), true);
	return rc;
}

LB_EXPORT int pthread_mutex_destroy(pthread_mutex_t *m)
{
	if (!lb_active())
		return LB_PASS(pthread_mutex_destroy, m);
	struct lb_pent *e = lb_pent_find(m, LB_PROF_MUTEX);
	if (e) {
		lb_swap_destroy(e);
		atomic_store_explicit(&e->kind, 0, memory_order_relaxed);
	}
	return lb_real.pthread_mutex_destroy(m);
}

static int mutex_lock(pthread_mutex_t *m, enum lb_how how, clockid_t clk,
		      const struct timespec *abs, const void *site)
{
	struct lb_pent *e = lb_pent_get(m, LB_PROF_MUTEX, site, false);

	if (!e)
		return how == LB_TRY ? lb_real.pthread_mutex_trylock(m) : real_mutex_wait(m, how, clk, abs);
	return lb_mutex_acquire(e, m, how, clk, abs);
}

LB_EXPORT int pthread_mutex_lock(pthread_mutex_t *m)
{
	if (!lb_active())
		return LB_PASS(pthread_mutex_lock, m);
	return mutex_lock(m, LB_BLOCK, CLOCK_REALTIME, NULL, __builtin_return_address(0));
}

LB_EXPORT int pthread_mutex_trylock(pthread_mutex_t *m)
{
	if (!lb_active())
		return LB_PASS(pthread_mutex_trylock, m);
	return mutex_lock(m, LB_TRY, CLOCK_REALTIME, NULL, __builtin_return_address(0));
}

LB_EXPORT int pthread_mutex_timedlock(pthread_mutex_t *m, const struct timespec *abs)
{
	if (!lb_active())
		return LB_PASS(pthread_mutex_timedlock, m, abs);
	return mutex_lock(m, LB_DEADLINE, CLOCK_REALTIME, abs, __builtin_return_address(0));
}

LB_EXPORT int pthread_mutex_clocklock(pthread_mutex_t *m, clockid_t clk, const struct timespec *abs)
{
	if (!lb_active())
		return LB_PASS(pthread_mutex_clocklock, m, clk, abs);
	return mutex_lock(m, LB_DEADLINE, clk, abs, __builtin_return_address(0));
}

LB_EXPORT int pthread_mutex_unlock(pthread_mutex_t *m)
{
	if (!lb_active())
		return LB_PASS(pthread_mutex_unlock, m);
	struct lb_pent *e = lb_pent_find(m, LB_PROF_MUTEX);
	return e ? lb_mutex_release(e, m) : lb_real.pthread_mutex_unlock(m);
}

/* ---- rwlocks and spinlocks: counted, always the system's ------------------- */

/* One acquisition of a lock of `kind` at p: try, then wait if allowed. */
#define LB_COUNTED(kind, p, excl, trycall, waitcall, may_wait)                           \
	do {                                                                              \
		struct lb_pent *e_ = lb_pent_get(p, kind, __builtin_return_address(0), false); \
		int rc_ = trycall;                                                        \
		bool waited_ = false;                                                     \
		uint64_t ns_ = 0;                                                         \
		if (rc_ == EBUSY && (may_wait)) {                                         \
			uint64_t t0_ = lb_now_ns();                                       \
			rc_ = waitcall;                                                   \
			ns_ = lb_now_ns() - t0_;                                          \
			waited_ = true;                                                   \
		}                                                                         \
		if (rc_ == 0 && e_)                                                       \
			lb_acquired(e_, waited_, ns_, excl);                              \
		return rc_;                                                               \
	} while (0)

LB_EXPORT int pthread_rwlock_init(pthread_rwlock_t *l, const pthread_rwlockattr_t *a)
{
	if (!lb_active())
		return LB_PASS(pthread_rwlock_init, l, a);
	int rc = lb_real.pthread_rwlock_init(l, a);
	if (rc == 0)
		lb_pent_get(l, LB_PROF_RWLOCK, __builtin_return_address(0), true);
	return rc;
}

LB_EXPORT int pthread_rwlock_destroy(pthread_rwlock_t *l)
{
	if (!lb_active())
		return LB_PASS(pthread_rwlock_destroy, l);
	struct lb_pent *e = lb_pent_find(l, LB_PROF_RWLOCK);
	if (e)
		atomic_store_explicit(&e->kind, 0, memory_order_relaxed);
	return lb_real.pthread_rwlock_destroy(l);
}

LB_EXPORT int pthread_rwlock_rdlock(pthread_rwlock_t *l)
{
	if (!lb_active())
		return LB_PASS(pthread_rwlock_rdlock, l);
	LB_COUNTED(LB_PROF_RWLOCK, l, false, lb_real.pthread_rwlock_tryrdlock(l),
		   lb_real.pthread_rwlock_rdlock(l), true);
}

LB_EXPORT int pthread_rwlock_wrlock(pthread_rwlock_t *l)
{
	if (!lb_active())
		return LB_PASS(pthread_rwlock_wrlock, l);
	LB_COUNTED(LB_PROF_RWLOCK, l, true, lb_real.pthread_rwlock_trywrlock(l),
		   lb_real.pthread_rwlock_wrlock(l), true);
}

LB_EXPORT int pthread_rwlock_tryrdlock(pthread_rwlock_t *l)
{
	if (!lb_active())
		return LB_PASS(pthread_rwlock_tryrdlock, l);
	LB_COUNTED(LB_PROF_RWLOCK, l, false, lb_real.pthread_rwlock_tryrdlock(l), 0, false);
}

LB_EXPORT int pthread_rwlock_trywrlock(pthread_rwlock_t *l)
{
	if (!lb_active())
		return LB_PASS(pthread_rwlock_trywrlock, l);
	LB_COUNTED(LB_PROF_RWLOCK, l, true, lb_real.pthread_rwlock_trywrlock(l), 0, false);
}

LB_EXPORT int pthread_rwlock_timedrdlock(pthread_rwlock_t *l, const struct timespec *abs)
{
	if (!lb_active())
		return LB_PASS(pthread_rwlock_timedrdlock, l, abs);
	LB_COUNTED(LB_PROF_RWLOCK, l, false, lb_real.pthread_rwlock_tryrdlock(l),
		   lb_real.pthread_rwlock_timedrdlock(l, abs), true);
}

LB_EXPORT int pthread_rwlock_timedwrlock(pthread_rwlock_t *l, const struct timespec *abs)
{
	if (!lb_active())
		return LB_PASS(pthread_rwlock_timedwrlock, l, abs);
	LB_COUNTED(LB_PROF_RWLOCK, l, true, lb_real.pthread_rwlock_trywrlock(l),
		   lb_real.pthread_rwlock_timedwrlock(l, abs), true);
}

LB_EXPORT int pthread_rwlock_clockrdlock(pthread_rwlock_t *l, clockid_t clk,
					 const struct timespec *abs)
{
	if (!lb_active())
		return LB_PASS(pthread_rwlock_clockrdlock, l, clk, abs);
	LB_COUNTED(LB_PROF_RWLOCK, l, false, lb_real.pthread_rwlock_tryrdlock(l),
		   lb_real.pthread_rwlock_clockrdlock(l, clk, abs), true);
}

LB_EXPORT int pthread_rwlock_clockwrlock(pthread_rwlock_t *l, clockid_t clk,
					 const struct timespec *abs)
{
	if (!lb_active())
		return LB_PASS(pthread_rwlock_clockwrlock, l, clk, abs);
	LB_COUNTED(LB_PROF_RWLOCK, l, true, lb_real.pthread_rwlock_trywrlock(l),
		   lb_real.pthread_rwlock_clockwrlock(l, clk, abs), true);
}

LB_EXPORT int pthread_rwlock_unlock(pthread_rwlock_t *l)
{
	if (!lb_active())
		return LB_PASS(pthread_rwlock_unlock, l);
	lb_hold_end(l);
	return lb_real.pthread_rwlock_unlock(l);
}

LB_EXPORT int pthread_spin_init(pthread_spinlock_t *s, int pshared)
{
	if (!lb_active())
		return LB_PASS(pthread_spin_init, s, pshared);
	int rc = lb_real.pthread_spin_init(s, pshared);
	if (rc == 0)
		lb_pent_get((const void *)s, LB_PROF_SPIN, __builtin_return_address(0), true);
	return rc;
}

LB_EXPORT int pthread_spin_destroy(pthread_spinlock_t *s)
{
	if (!lb_active())
		return LB_PASS(pthread_spin_destroy, s);
	struct lb_pent *e = lb_pent_find((const void *)s, LB_PROF_SPIN);
	if (e)
		atomic_store_explicit(&e->kind, 0, memory_order_relaxed);
	return lb_real.pthread_spin_destroy(s);
}

LB_EXPORT int pthread_spin_lock(pthread_spinlock_t *s)
{
	if (!lb_active())
		return LB_PASS(pthread_spin_lock, s);
	LB_COUNTED(LB_PROF_SPIN, (const void *)s, true, lb_real.pthread_spin_trylock(s),
		   lb_real.pthread_spin_lock(s), true);
}

LB_EXPORT int pthread_spin_trylock(pthread_spinlock_t *s)
{
	if (!lb_active())
		return LB_PASS(pthread_spin_trylock, s);
	LB_COUNTED(LB_PROF_SPIN, (const void *)s, true, lb_real.pthread_spin_trylock(s), 0, false);
}

LB_EXPORT int pthread_spin_unlock(pthread_spinlock_t *s)
{
	if (!lb_active())
		return LB_PASS(pthread_spin_unlock, s);
	lb_hold_end((const void *)s);
	return lb_real.pthread_spin_unlock(s);
}

/* ---- condition variables ---------------------------------------------------- */

LB_EXPORT int pthread_cond_init(pthread_cond_t *c, const pthread_condattr_t *a)
{
	if (!lb_active())
		return LB_PASS(pthread_cond_init, c, a);
	int rc = lb_real.pthread_cond_init(c, a);
	struct lb_pent *e;
	if (rc == 0 && (e = lb_pent_get(c, LB_PROF_COND, __builtin_return_address(0), true)) && a) {
		int shared = PTHREAD_PROCESS_PRIVATE;
		pthread_condattr_getclock(a, &e->clock);
		pthread_condattr_getpshared(a, &shared);
		/* A process-shared condition variable stays the system's: the
		 * futex word of cond.c lives in this process only. */
		if (shared != PTHREAD_PROCESS_PRIVATE)
			e->ran = LB_PROF_RAN_SYSTEM;
	}
	return rc;
}

LB_EXPORT int pthread_cond_destroy(pthread_cond_t *c)
{
	if (!lb_active())
		return LB_PASS(pthread_cond_destroy, c);
	struct lb_pent *e = lb_pent_find(c, LB_PROF_COND);
	if (e)
		atomic_store_explicit(&e->kind, 0, memory_order_relaxed);
	return lb_real.pthread_cond_destroy(c);
}

/* One wait on c with m; abs NULL: no deadline. */
static int cond_wait(pthread_cond_t *c, pthread_mutex_t *m, bool clocked, clockid_t clk,
		     const struct timespec *abs, const void *site)
{
	struct lb_pent *ce = lb_pent_get(c, LB_PROF_COND, site, false);
	struct lb_pent *me = lb_pent_get(m, LB_PROF_MUTEX, site, false);

	if (ce && me && ce->ran == LB_PROF_RAN_AS)
		return lb_cond_wait(ce, me, m, clocked ? clk : ce->clock, abs);
	/* The system's wait: it releases and takes m back inside libc. */
	lb_hold_end(m);
	uint64_t t0 = lb_now_ns();
	int rc = !abs ? lb_real.pthread_cond_wait(c, m)
		 : clocked ? lb_real.pthread_cond_clockwait(c, m, clk, abs)
			   : lb_real.pthread_cond_timedwait(c, m, abs);
	if (ce)
		lb_cond_waited(ce, lb_now_ns() - t0);
	if (me && (rc == 0 || rc == ETIMEDOUT))
		lb_acquired(me, false, 0, true);
	return rc;
}

LB_EXPORT int pthread_cond_wait(pthread_cond_t *c, pthread_mutex_t *m)
{
	if (!lb_active())
		return LB_PASS(pthread_cond_wait, c, m);
	return cond_wait(c, m, false, CLOCK_REALTIME, NULL, __builtin_return_address(0));
}

LB_EXPORT int pthread_cond_timedwait(pthread_cond_t *c, pthread_mutex_t *m,
				     const struct timespec *abs)
{
	if (!lb_active())
		return LB_PASS(pthread_cond_timedwait, c, m, abs);
	return cond_wait(c, m, false, CLOCK_REALTIME, abs, __builtin_return_address(0));
}

LB_EXPORT int pthread_cond_clockwait(pthread_cond_t *c, pthread_mutex_t *m, clockid_t clk,
				     const struct timespec *abs)
{
	if (!lb_active())
		return LB_PASS(pthread_cond_clockwait, c, m, clk, abs);
	return cond_wait(c, m, true, clk, abs, __builtin_return_address(0));
}

static int cond_wake(pthread_cond_t *c, int n, const void *site)
{
	struct lb_pent *ce = lb_pent_get(c, LB_PROF_COND, site, false);

	if (ce && ce->ran == LB_PROF_RAN_AS) {
		lb_cond_wake(ce, n);
		return 0;
	}
	return n == 1 ? lb_real.pthread_cond_signal(c) : lb_real.pthread_cond_broadcast(c);
}

LB_EXPORT int pthread_cond_signal(pthread_cond_t *c)
{
	if (!lb_active())
		return LB_PASS(pthread_cond_signal, c);
	return cond_wake(c, 1, __builtin_return_address(0));
}

LB_EXPORT int pthread_cond_broadcast(pthread_cond_t *c)
{
	if (!lb_active())
		return LB_PASS(pthread_cond_broadcast, c);
	return cond_wake(c, -1, __builtin_return_address(0));
}
