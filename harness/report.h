/*
 * report.h - the HTML page of lockbench report and lockbench compare.
 *
 * One self-contained page (inline CSS, no script, nothing fetched): the
 * platforms and runs, findings computed from the data, every run that
 * failed, and per workload setting its charts (SVG files beside the page,
 * with links to the PNG and the gnuplot script) and a table of medians
 * and CVs, latencies near the clock's resolution marked.  A comparison
 * adds, per case, each platform's medians and the ratio to the first
 * platform; the distribution of those ratios per thread count
 * (oversubscribed cases apart), single-thread cost apart from scaling, no
 * latency compared below the coarser clock; and the cases some platforms
 * lack.
 * Every text that comes from a CSV is escaped.
 */
#ifndef LB_REPORT_H
#define LB_REPORT_H

#include <stdbool.h>
#include <stddef.h>

#include "harness/charts.h"
#include "harness/results.h"

/* Jain's index below which a lock is called unfair in the findings. */
#define LB_UNFAIR_JAIN 0.9
/* The two-sided p of the Mann-Whitney U test below which the findings
 * call a difference beyond the noise. */
#define LB_SIGNIFICANT_P 0.05
/* How near (a share) a period must be to one scheduler tick, 1/kernel_hz,
 * for the findings to say that it sits at the tick. */
#define LB_TICK_NEAR 0.10
/* The share of operations handed over at and above which a lock that
 * never entered starvation mode in the window is said to have stayed in
 * it throughout (a few operations may finish between the window's end
 * and the counters' read). */
#define LB_STARVING_ALL 0.99
/* The share of the window that some thread's one wait (worst_wait_max_ns,
 * median over runs) must reach for the findings to say that the case
 * starved a thread. */
#define LB_STARVED_SHARE 0.10
/* The CV of ops/s across repetitions above which a case is called noisy. */
#define LB_NOISY_CV 0.10
/* A latency within this many steps of the clock's resolution (the
 * sidecar's clock_resolution_ns) is flagged in the tables, and compare
 * holds no latency of two platforms against each other below this many
 * steps of the coarser one's: such a value sits on the clock's grid. */
#define LB_CLOCK_STEPS 4

/* Where the time goes: a case whose ops/s reach this share of its ceiling
 * (ceiling_ops_per_sec) is bound by the line's transfer, the hardware. */
#define LB_CEILING_NEAR 0.70
/* A run whose threads waited for a CPU (preempted_pct) or lost their PUs
 * to the hypervisor (steal_pct) for more than this share of the window,
 * percent, is disturbed: the tables flag it and the findings say so. */
#define LB_DISTURBED_PCT 5.0
/* A run's transfer latency moved when the greater of its two probes
 * (xfer_ns_max, after the threads or before them) is this many times the
 * lesser (xfer_ns): the vCPUs were placed apart around the window, and
 * the run's share of its ceiling, from the lesser, is a lower bound. */
#define LB_XFER_MOVED 2.0
/* Below its ceiling, a case is said to spend its time spinning at this
 * many spins per operation, and sleeping at this many sleeps per
 * operation (a sleep and its wake-up cost microseconds, a hundred line
 * transfers and more). */
#define LB_WHY_SPINS 1.0
#define LB_WHY_SLEEPS 0.01

struct lb_report {
	const struct lb_results *r;
	const struct lb_charts *charts;
	char *const *paths; /* the input files */
	int npaths;
	bool compare;       /* the compare page */
	bool by_file;       /* compare: the sides are files (one platform) */
	bool pooled;        /* report: the runs of a platform pooled (--pool) */
};

/* Write the page to path.  0, or -1 with err. */
int lb_report_write(const struct lb_report *rep, const char *path, char *err, size_t errlen);


#endif
