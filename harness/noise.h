/*
 * noise.h - what else took the CPUs during a measured window: the time a
 * thread spent runnable but not running (its run delay, from the
 * scheduler's statistics), and the time the hypervisor gave a PU to
 * someone else (steal, from /proc/stat).  Both come from files the kernel
 * keeps whether or not the machine has a PMU.
 */
#ifndef LB_NOISE_H
#define LB_NOISE_H

#include <stdint.h>

/* The calling thread's run delay so far in ns (the second field of
 * /proc/thread-self/schedstat); UINT64_MAX when it cannot be read (a
 * kernel without schedstats). */
uint64_t lb_run_delay_ns(void);

/* Steal and total time so far, in clock ticks, summed over the PUs cpus
 * (n of them; repeats count once; -1 entries ignored), or over the whole
 * machine when none of them is >= 0.  0, or -1 when /proc/stat cannot be
 * read or names none of them. */
int lb_steal_read(const int *cpus, int n, uint64_t *steal, uint64_t *total);

#endif
