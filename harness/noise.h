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

/* A descriptor of the calling thread's scheduler statistics
 * (/proc/thread-self/schedstat), or -1 where the kernel keeps none: opened
 * once, before a measurement, so that each read is a single pread.  A
 * thread reads it at the window's edges, where an open, a read and a
 * close (tens of us, more under the sanitizers) kept a FIFO lock's
 * waiter out of the queue long enough for the other threads to run
 * thousands of operations without it: the measurement made the convoy
 * unfair that it measured. */
int lb_run_delay_open(void);

/* The run delay so far in ns (the second field of the statistics) of the
 * thread that opened fd; UINT64_MAX when fd is -1 or cannot be read. */
uint64_t lb_run_delay_ns(int fd);

/* Steal and total time so far, in clock ticks, summed over the PUs cpus
 * (n of them; repeats count once; -1 entries ignored), or over the whole
 * machine when none of them is >= 0.  0, or -1 when /proc/stat cannot be
 * read or names none of them. */
int lb_steal_read(const int *cpus, int n, uint64_t *steal, uint64_t *total);

#endif
