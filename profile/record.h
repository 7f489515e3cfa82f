/*
 * record.h - what the preload library of `lockbench profile` writes, and
 * lockbench reads back: one file per profiled process.
 *
 * lockbench makes a private directory and names it to the program in
 * LB_PROFILE_DIR.  Every process that loads the library (the program,
 * each child after fork, each program it execs with its environment)
 * creates its own file there, PID-N.lbp, maps it shared, and counts
 * straight into it: the kernel holds the pages, so whatever the process
 * counted survives it, however it ends (exit, _exit, SIGKILL, a crash).
 * lockbench reads the files after the program has gone.  Nothing is
 * written at exit, so there is nothing that a crash could skip.
 *
 * The file is sized for LB_PROF_RECORDS records and sparse: a page costs
 * memory only once touched.  Records are handed out in order; the last
 * one gathers every lock beyond the others (site "(other locks)"), so
 * that acquisitions stay counted exactly even then.
 */
#ifndef LB_PROF_RECORD_H
#define LB_PROF_RECORD_H

#include <stdatomic.h>
#include <stdint.h>

#include "harness/stats.h"

#define LB_PROF_MAGIC 0x4c425046u /* "LBPF" */
#define LB_PROF_VERSION 1u
#define LB_PROF_RECORDS 2048u
#define LB_PROF_SITE 200

enum lb_prof_kind { LB_PROF_MUTEX = 1, LB_PROF_RWLOCK, LB_PROF_SPIN, LB_PROF_COND };

/* What ran a lock: the system's implementation, the --as lock, or the
 * system's because the --as lock cannot keep the mutex's semantics. */
enum lb_prof_ran {
	LB_PROF_RAN_SYSTEM = 0,
	LB_PROF_RAN_AS,
	LB_PROF_RAN_REAL_RECURSIVE,
	LB_PROF_RAN_REAL_ERRORCHECK,
	LB_PROF_RAN_REAL_SPECIAL, /* robust, priority protocol or process-shared */
};

/*
 * One lock.  Counters are relaxed atomics (exact, whoever counts); the
 * histograms are plain, written by the thread that holds the lock
 * exclusively (after it acquired it, before it releases it), so the lock
 * itself orders them.  Shared acquisitions (rwlock readers) are counted
 * but feed no histogram.
 */
struct lb_prof_rec {
	uint64_t addr;
	uint32_t kind, ran;
	uint64_t site_rel;            /* call site, relative to its object  */
	char site[LB_PROF_SITE];      /* "function+0xOFF (object+0xREL)"    */
	_Atomic uint64_t acquisitions, contended, wait_total_ns, owner_changes;
	_Atomic uint32_t last_owner;  /* per-process thread number, 0: none */
	_Atomic uint64_t threads[4];  /* bit (thread number - 1) % 256      */
	struct lb_hist wait;          /* every wait that was timed          */
	struct lb_hist hold;          /* sampled holds, each weighted       */
};

struct lb_prof_file {
	uint32_t magic, version;
	int32_t pid, ppid;
	char program[64];             /* /proc/self/comm, or argv[0]      */
	char as[160];                 /* the --as lock with its options, or "" */
	uint32_t hold_sample;         /* one hold timed in this many        */
	_Atomic uint32_t nrec;        /* records handed out (may pass the end) */
	_Atomic uint64_t untracked;   /* lock operations the side table had no room for */
	struct lb_prof_rec rec[LB_PROF_RECORDS];
};

#endif
