/*
 * counters.h - event counters through PAPI: hardware and software events
 * counted per measured thread, and lockbench's lock-internal counters
 * exported to PAPI as software-defined events (SDE).
 *
 * Nothing outside counters_*.c calls PAPI.  configure picks the
 * implementation: counters_papi.c where PAPI was found, counters_none.c,
 * the same API answering "not compiled in", where it was not.
 *
 * A sweep resolves its events once, in the parent, before any case runs
 * (lb_counters_select): each name is looked up (a name PAPI does not know
 * is a usage error) and tried on this machine (an event PAPI knows but
 * cannot count here stays in the list, its column NA, with the reason).
 * Each case then counts them in its child process:
 *
 *   events of the perf_event component (PAPI presets, CPU native events,
 *   perf:: software events) are counted per thread: every measured thread
 *   has its own event set, made before the start gate, started after it,
 *   read when the thread sees the window open and stopped when it sees
 *   it close (lb_window_edge, at its batch polls: nothing per operation);
 *
 *   events of any other component (the SDEs, uncore, energy ...) count
 *   for the whole process: the coordinator has one event set per
 *   component and reads it at the window's edges, where it reads the
 *   threads' operation counts.
 *
 * A row's value for an event is the count in the window, summed over the
 * threads, per operation of the window.
 */
#ifndef LB_COUNTERS_H
#define LB_COUNTERS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#define LB_MAX_EVENTS 32
#define LB_EVENT_NAME 128

enum lb_event_scope { LB_SCOPE_THREAD, LB_SCOPE_PROCESS };

struct lb_event {
	char name[LB_EVENT_NAME];        /* as PAPI names it */
	char column[LB_EVENT_NAME + 8];  /* papi_NAME, in [A-Za-z0-9_] */
	bool countable;                  /* PAPI can count it here */
	char why[256];                   /* why not, when it cannot */
	enum lb_event_scope scope;
	int component;                   /* PAPI's component index */
	int stat;                        /* the lock counter (LB_STAT_*_bit) of
					  * an sde:::lockbench:: event, else -1 */
};

/* The events of a sweep, in their column order. */
struct lb_events {
	int n;
	struct lb_event ev[LB_MAX_EVENTS];
	bool multiplexed;   /* the per-thread events share counters by turns */
	bool by_default;    /* no --papi: the default set */
	int left_out;       /* default events that cannot be counted here */
	char note[256];     /* a warning for the whole sweep, or "" */
};

/* Whether PAPI was compiled in, and its version ("7.0.0.0"). */
bool lb_counters_built(void);
const char *lb_counters_version(void);

/*
 * The events --papi names, resolved and tried on this machine.  spec is
 * a comma-separated list of PAPI event names, where "default" stands for
 * the default set; "none" (alone) counts nothing; NULL is the default set
 * when PAPI is built in and nothing otherwise.  Returns 0, or -1 with a
 * message in err and errno: ENOTSUP when PAPI is not compiled in (and
 * spec asks for events), EINVAL for a name PAPI does not know or a list
 * that is too long or names two events with one column, EIO when PAPI
 * itself cannot start (spec NULL: not an error; ev is empty and its note
 * says why).
 */
int lb_counters_select(const char *spec, struct lb_events *ev, char *err, size_t errlen);

/* Once per sweep, before it runs: the events that come out NA and why,
 * multiplexing, and the default set's choice, one line each, to out. */
void lb_counters_warn(const struct lb_events *ev, const char *prog, FILE *out);

/* `lockbench list --papi`: the default events, whether each can be
 * counted here and why not, and the SDE names.  0, or -1 with errno
 * ENOTSUP when PAPI is not compiled in. */
int lb_counters_list(FILE *out);

/* ---- one case, in its child process ---------------------------------- */

struct lb_counters_case;

/*
 * Make the coordinator's event sets and start them; the SDE callbacks now
 * sum the lock counters of this case's n thread contexts (ctx, one every
 * stride bytes; stats_mask: the counters the lock keeps).  NULL when ev
 * has nothing to count (ev NULL or empty); NULL with errno on failure.
 * Every other function takes NULL and then does nothing.
 */
struct lb_counters_case *lb_counters_case_open(const struct lb_events *ev, int n,
					       const void *ctx, size_t stride,
					       unsigned stats_mask);

/* Thread id's event set, in that thread: make it (before the start gate),
 * start it (after), and after its loop, stop it and release it.  A
 * failure is kept for lb_counters_case_close. */
void lb_counters_thread_open(struct lb_counters_case *cc, int id);
void lb_counters_thread_start(struct lb_counters_case *cc, int id);
void lb_counters_thread_close(struct lb_counters_case *cc, int id);

/* The window opens (phase LB_PHASE_MEASURE) or closes (LB_PHASE_STOP):
 * as thread id sees it, or (case_edge) as the coordinator opens or
 * closes it.  A second call for the same edge does nothing. */
void lb_counters_thread_edge(struct lb_counters_case *cc, int id, int phase);
void lb_counters_case_edge(struct lb_counters_case *cc, int phase);

/* After the threads are joined: each event's count in the window per
 * operation (ops of the window) into per[0..ev->n-1], NAN where it could
 * not be counted; a failure in words into err ("" when none).  Releases
 * cc.  With cc NULL, per gets NAN for each of n events. */
void lb_counters_case_close(struct lb_counters_case *cc, int n, uint64_t ops, double *per,
			    char *err, size_t errlen);

#endif
