/*
 * clock.h - the hot loop's clock.
 *
 * lb_ticks() reads the time-stamp counter on x86-64 (rdtsc, about 20
 * cycles, no syscall) and the virtual counter on arm64; elsewhere it falls
 * back to clock_gettime.  Ticks become nanoseconds through a ratio measured
 * once against CLOCK_MONOTONIC (lb_clock_calibrate).
 *
 * A plain counter read may execute before the instructions ahead of it
 * have finished, and a lock's wait can end in a plain load (ticket, MCS),
 * so the read that closes a timed interval is lb_ticks_after(): rdtscp,
 * which waits for every earlier instruction, or an isb before the read on
 * arm64.  The read that opens it may run early, which can only lengthen
 * the interval by a few cycles.  Either way a timed acquisition includes
 * the two reads themselves (20 to 40 ns on the machines measured): the
 * floor of the latency columns, visible as the `none` lock's wait.
 */
#ifndef LB_CLOCK_H
#define LB_CLOCK_H

#include <stdint.h>
#include <time.h>

#if defined(__x86_64__) || defined(__i386__)
#include <x86intrin.h>
static inline uint64_t lb_ticks(void) { return __rdtsc(); }
static inline uint64_t lb_ticks_after(void)
{
	unsigned aux;
	return __rdtscp(&aux);
}
static inline void lb_cpu_relax(void) { _mm_pause(); }
#elif defined(__aarch64__)
static inline uint64_t lb_ticks(void)
{
	uint64_t v;
	__asm__ __volatile__("mrs %0, cntvct_el0" : "=r"(v));
	return v;
}
static inline uint64_t lb_ticks_after(void)
{
	uint64_t v;
	__asm__ __volatile__("isb; mrs %0, cntvct_el0" : "=r"(v) :: "memory");
	return v;
}
static inline void lb_cpu_relax(void) { __asm__ __volatile__("yield" ::: "memory"); }
#else
static inline uint64_t lb_ticks(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (uint64_t)ts.tv_sec * 1000000000u + (uint64_t)ts.tv_nsec;
}
static inline uint64_t lb_ticks_after(void) { return lb_ticks(); }
static inline void lb_cpu_relax(void) { __asm__ __volatile__("" ::: "memory"); }
#endif

/* Nanoseconds of CLOCK_MONOTONIC. */
static inline uint64_t lb_now_ns(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (uint64_t)ts.tv_sec * 1000000000u + (uint64_t)ts.tv_nsec;
}

/* Busy-wait for n ticks (the --cs-ns and --think-ns work). */
static inline void lb_spin_ticks(uint64_t n)
{
	uint64_t t0 = lb_ticks();
	while (lb_ticks() - t0 < n)
		lb_cpu_relax();
}

/* Ticks per nanosecond, measured over about `ms` milliseconds. */
double lb_clock_calibrate(unsigned ms);

/* How finely lb_ticks() can tell two instants apart, from many pairs of
 * back-to-back reads.  step_ns, the effective resolution, is the median of
 * their non-zero differences: one step of a counter that advances in
 * steps (a virtual machine's time-stamp counter that moves 10 ns at a
 * time, arm64's 24 MHz virtual counter), or the cost of one read where the
 * counter is finer than that; no interval shorter than it is measured as
 * such.  min_ns is the smallest non-zero difference seen (a stepped
 * counter now and then shows a step of one tick).  0, or -1 with errno
 * (ENOMEM; EAGAIN when the counter never moved). */
struct lb_clock_res {
	double step_ns, min_ns;
};
int lb_clock_resolution(double ticks_per_ns, struct lb_clock_res *res);

/* What the two reads that bracket a timed interval add to it: the median,
 * in ticks, of LB_CLOCK_COST_PAIRS back-to-back lb_ticks()/lb_ticks_after()
 * pairs, read on the calling thread's CPU.  20 to 40 ns where the counter
 * is read in user space; a microsecond or more where a hypervisor traps
 * each read.  An interval of ticks t0 = lb_ticks() .. t1 = lb_ticks_after()
 * around some work measures the work plus about this much. */
#define LB_CLOCK_COST_PAIRS 255
uint64_t lb_clock_read_cost(void);

#endif
