/*
 * clock.h - the hot loop's clock.
 *
 * lb_ticks() reads the time-stamp counter on x86-64 (rdtsc, about 20
 * cycles, no syscall) and the virtual counter on arm64; elsewhere it falls
 * back to clock_gettime.  Ticks become nanoseconds through a ratio measured
 * once against CLOCK_MONOTONIC (lb_clock_calibrate).  The counter is not a
 * serialising read: the lock operations it brackets are atomic
 * read-modify-writes, which order the loads around them already, and a
 * sampled latency is a statistic, not a cycle count.
 */
#ifndef LB_CLOCK_H
#define LB_CLOCK_H

#include <stdint.h>
#include <time.h>

#if defined(__x86_64__) || defined(__i386__)
#include <x86intrin.h>
static inline uint64_t lb_ticks(void) { return __rdtsc(); }
static inline void lb_cpu_relax(void) { _mm_pause(); }
#elif defined(__aarch64__)
static inline uint64_t lb_ticks(void)
{
	uint64_t v;
	__asm__ __volatile__("mrs %0, cntvct_el0" : "=r"(v));
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

#endif
