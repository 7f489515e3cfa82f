/*
 * test-counters.c - harness/counters.h driven by hand: resolving event
 * names, and one case's counting with two threads and a coordinator.
 *
 * Each thread opens and starts its event set, does things that must not
 * count (touching fresh pages before the window opens), sees the window
 * open, sleeps 20 times (at least 20 context switches) and touches 64
 * fresh pages (at least 64 page faults), sees it close, and closes.  The
 * coordinator sets the lock counters of two fake thread contexts around
 * its own window edges, so the SDE events must give exactly what they
 * gained.  Without PAPI compiled in, the stub must say so.
 *
 * Where PAPI's perf_event component is off (libpfm4 does not know the
 * CPU: "no default PMU found"), PAPI names neither the CPU's events nor
 * the kernel's software events: the names of that component must then be
 * refused with the component's reason, and the rest is checked without
 * them (the SDEs, and PAPI_L1_DCM as an event that cannot count).
 */
#include <errno.h>
#include <math.h>
#include <pthread.h>
#include <stdint.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#include "harness/counters.h"
#include "locks/lock.h"
#include "tests/check.h"
#include "workloads/workload.h"

#define THREADS 2
#define PAGES_BEFORE 512
#define PAGES_IN 64
#define SLEEPS 20
#define OPS 1000

enum { CS, PF, L1, HANDOFFS, SPINS, NEVENTS };
static const char *const names[NEVENTS] = {
	"perf::CONTEXT-SWITCHES", "perf::PAGE-FAULTS", "PAPI_L1_DCM",
	"sde:::lockbench::handoffs", "sde:::lockbench::spins",
};

static struct lb_counters_case *cc;

/* Touch n fresh pages, one fault each (no huge pages). */
static void touch(size_t n)
{
	size_t page = (size_t)sysconf(_SC_PAGESIZE);
	char *m = mmap(NULL, n * page, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);

	if (m == MAP_FAILED)
		return;
	madvise(m, n * page, MADV_NOHUGEPAGE);
	for (size_t i = 0; i < n; i++)
		((volatile char *)m)[i * page] = 1;
	munmap(m, n * page);
}

static void *thread(void *arg)
{
	int id = (int)(intptr_t)arg;

	lb_counters_thread_open(cc, id);
	lb_counters_thread_start(cc, id);
	touch(PAGES_BEFORE);
	lb_counters_thread_edge(cc, id, LB_PHASE_MEASURE);
	for (int i = 0; i < SLEEPS; i++)
		usleep(200);
	touch(PAGES_IN);
	lb_counters_thread_edge(cc, id, LB_PHASE_STOP);
	touch(PAGES_BEFORE);
	lb_counters_thread_edge(cc, id, LB_PHASE_STOP); /* again: nothing */
	lb_counters_thread_close(cc, id);
	return NULL;
}

static void without_papi(void)
{
	struct lb_events ev;
	char err[256];

	CHECK(lb_counters_version() == NULL, "no version without PAPI");
	CHECK(lb_counters_select(NULL, &ev, err, sizeof err) == 0 && ev.n == 0,
	      "no --papi: nothing to count");
	CHECK(lb_counters_select("none", &ev, err, sizeof err) == 0 && ev.n == 0,
	      "--papi none: nothing to count");
	errno = 0;
	CHECK(lb_counters_select("perf::PAGE-FAULTS", &ev, err, sizeof err) < 0 &&
		      errno == ENOTSUP && strstr(err, "not compiled in"),
	      "--papi EVENT without PAPI: ENOTSUP, not compiled in: %s", err);
	errno = 0;
	CHECK(lb_counters_list(stdout) < 0 && errno == ENOTSUP, "list --papi: ENOTSUP");
	CHECK(lb_counters_case_open(&ev, 2, NULL, 0, 0) == NULL, "no case to count");
}

/* Whether PAPI's perf_event component is on here: false only where the
 * refusal of one of its names says that the component is off. */
static bool perf_on(void)
{
	struct lb_events ev;
	char err[256] = "";

	if (lb_counters_select("perf::PAGE-FAULTS", &ev, err, sizeof err) == 0)
		return true;
	if (strstr(err, "perf_event component") && strstr(err, "is off here")) {
		printf("PAPI's perf_event component is off here; its events are checked as "
		       "refused: %s\n", err);
		return false;
	}
	return true; /* refused for another reason: the checks below say so */
}

/* An event that PAPI names here, and a second one. */
static const char *known, *known2;

static void resolving(bool perf)
{
	struct lb_events ev;
	char err[256], list[128];

	errno = 0;
	snprintf(list, sizeof list, "%s,bogus::nothing", known);
	CHECK(lb_counters_select(list, &ev, err, sizeof err) < 0 && errno == EINVAL &&
		      strstr(err, "'bogus::nothing'"),
	      "an unknown name is EINVAL and named: %s", err);
	CHECK(lb_counters_select("sde:::lockbench::nope", &ev, err, sizeof err) < 0 &&
		      strstr(err, "'sde:::lockbench::nope'"),
	      "an SDE lockbench does not define is unknown: %s", err);
	errno = 0;
	snprintf(list, sizeof list, "none,%s", known);
	CHECK(lb_counters_select(list, &ev, err, sizeof err) < 0 && errno == EINVAL &&
		      strstr(err, "'none' cannot be combined"),
	      "none with events is EINVAL: %s", err);
	errno = 0;
	snprintf(list, sizeof list, "%s,,%s", known, known2);
	CHECK(lb_counters_select(list, &ev, err, sizeof err) < 0 && errno == EINVAL &&
		      strstr(err, "an empty event name"),
	      "an empty name is EINVAL: %s", err);
	CHECK(lb_counters_select("none", &ev, err, sizeof err) == 0 && ev.n == 0, "none");
	snprintf(list, sizeof list, "%s,%s", known, known);
	CHECK(lb_counters_select(list, &ev, err, sizeof err) == 0 && ev.n == 1,
	      "an event named twice is counted once: %d", ev.n);
	CHECK(lb_counters_select(NULL, &ev, err, sizeof err) == 0 && ev.by_default,
	      "the default set: %s", err);
	for (int i = 0; i < ev.n; i++)
		CHECK(ev.ev[i].countable, "the default set holds only what counts here: %s",
		      ev.ev[i].name);
	bool pf = false;
	for (int i = 0; i < ev.n; i++)
		pf |= strcmp(ev.ev[i].name, "perf::PAGE-FAULTS") == 0;
	if (perf) {
		CHECK(pf, "the default set has perf::PAGE-FAULTS");
	} else {
		CHECK(!pf, "no perf::PAGE-FAULTS in the default set with perf_event off");
		errno = 0;
		CHECK(lb_counters_select("perf::CONTEXT-SWITCHES", &ev, err, sizeof err) < 0 &&
			      errno == EINVAL && strstr(err, "'perf::CONTEXT-SWITCHES'") &&
			      strstr(err, "perf_event component"),
		      "with perf_event off, its events are refused with the component's "
		      "reason: %s", err);
	}
}

int main(void)
{
	struct lb_events ev;
	char err[256], joined[512] = "";
	double per[NEVENTS];
	pthread_t t[THREADS];
	/* Two fake thread contexts, a struct lb_lock_stats first in each. */
	static _Alignas(128) struct lb_lock_stats ctx[THREADS][2];

	if (!lb_counters_built()) {
		without_papi();
		return check_done();
	}
	bool perf = perf_on();
	known = perf ? "perf::PAGE-FAULTS" : "sde:::lockbench::handoffs";
	known2 = perf ? "perf::CS" : "sde:::lockbench::spins";
	resolving(perf);
	/* The events in the order of names, those of perf_event only where it
	 * is on: ix[k] is event k's place in ev, or -1. */
	int ix[NEVENTS], n = 0;
	for (int i = 0; i < NEVENTS; i++) {
		ix[i] = -1;
		if (!perf && (i == CS || i == PF))
			continue;
		ix[i] = n++;
		snprintf(joined + strlen(joined), sizeof joined - strlen(joined), "%s%s",
			 ix[i] ? "," : "", names[i]);
	}
	CHECK(lb_counters_select(joined, &ev, err, sizeof err) == 0 && ev.n == n,
	      "select %s: %s", joined, err);
	if (ev.n != n)
		return check_done();
	CHECK(strcmp(ev.ev[ix[HANDOFFS]].column, "papi_sde___lockbench__handoffs") == 0,
	      "column %s", ev.ev[ix[HANDOFFS]].column);
	CHECK(ev.ev[ix[HANDOFFS]].countable && ev.ev[ix[SPINS]].countable, "the SDEs count: %s",
	      ev.ev[ix[HANDOFFS]].why);
	CHECK(ev.ev[ix[L1]].countable || ev.ev[ix[L1]].why[0],
	      "an event that cannot count says why");
	CHECK(ev.ev[ix[HANDOFFS]].scope == LB_SCOPE_PROCESS, "SDEs per process");
	if (perf) {
		CHECK(strcmp(ev.ev[ix[CS]].column, "papi_perf__CONTEXT_SWITCHES") == 0,
		      "column %s", ev.ev[ix[CS]].column);
		CHECK(ev.ev[ix[PF]].countable, "page faults count here: %s", ev.ev[ix[PF]].why);
		CHECK(ev.ev[ix[CS]].scope == LB_SCOPE_THREAD, "perf events per thread");
	} else {
		CHECK(!ev.ev[ix[L1]].countable && strstr(ev.ev[ix[L1]].why, "perf_event component"),
		      "PAPI_L1_DCM cannot count with perf_event off, and says why: %s",
		      ev.ev[ix[L1]].why);
	}

	/* The case: the lock keeps handoffs, not spins. */
	for (int i = 0; i < THREADS; i++)
		LB_STAT(&ctx[i][0], handoffs, 100 + (uint64_t)i);
	cc = lb_counters_case_open(&ev, THREADS, ctx, sizeof ctx[0], LB_STAT_handoffs);
	CHECK(cc != NULL, "case_open: %s", strerror(errno));
	for (int i = 0; i < THREADS; i++)
		pthread_create(&t[i], NULL, thread, (void *)(intptr_t)i);
	lb_counters_case_edge(cc, LB_PHASE_MEASURE);
	for (int i = 0; i < THREADS; i++)
		LB_STAT(&ctx[i][0], handoffs, 37);
	LB_STAT(&ctx[0][0], spins, 5);
	lb_counters_case_edge(cc, LB_PHASE_STOP);
	LB_STAT(&ctx[1][0], handoffs, 1000); /* after the window: not counted */
	for (int i = 0; i < THREADS; i++)
		pthread_join(t[i], NULL);
	lb_counters_case_close(cc, ev.n, OPS, per, err, sizeof err);
	CHECK(!err[0], "no failure: %s", err);

	CHECK(per[ix[HANDOFFS]] == (double)(THREADS * 37) / OPS,
	      "the SDE gives what the counters gained in the window: %g per op",
	      per[ix[HANDOFFS]]);
	CHECK(isnan(per[ix[SPINS]]), "a counter the lock does not keep is NA: %g", per[ix[SPINS]]);
	CHECK(ev.ev[ix[L1]].countable || isnan(per[ix[L1]]), "an event that cannot count is NA");
	if (perf && ev.ev[ix[CS]].countable)
		CHECK(per[ix[CS]] * OPS >= THREADS * SLEEPS,
		      "context switches in the window: %g, at least %d", per[ix[CS]] * OPS,
		      THREADS * SLEEPS);
	else if (perf)
		CHECK(isnan(per[ix[CS]]), "context switches not countable here: NA (%s)",
		      ev.ev[ix[CS]].why);
	if (perf)
		CHECK(per[ix[PF]] * OPS >= THREADS * PAGES_IN &&
			      per[ix[PF]] * OPS < THREADS * PAGES_BEFORE,
		      "page faults in the window only: %g, expected %d or a few more",
		      per[ix[PF]] * OPS, THREADS * PAGES_IN);

	/* ops 0: nothing per operation. */
	cc = lb_counters_case_open(&ev, 1, ctx, sizeof ctx[0], LB_STAT_handoffs);
	lb_counters_case_close(cc, ev.n, 0, per, err, sizeof err);
	CHECK(isnan(per[ix[HANDOFFS]]) && (!perf || isnan(per[ix[PF]])), "no operations: NA");
	return check_done();
}
