/*
 * counters_papi.c - counters.h over PAPI.
 *
 * PAPI starts once per process, in the sweep's parent, before any case
 * is forked (lb_counters_select): the library, thread support (threads
 * are told apart by pthread_self), multiplexing, the lock-internal SDEs,
 * and the counting domain.  PAPI counts in user mode by default, which
 * would make kernel-side events such as perf::CONTEXT-SWITCHES read 0, so
 * the perf_event component's default domain is user + kernel; where this
 * user may not count kernel events (perf_event_paranoid), the domain
 * stays user and those events are reported as not countable.
 *
 * Each event is tried alone on this machine when the sweep is resolved:
 * an event PAPI can name but not add or start here keeps its column, NA,
 * with PAPI's reason (and, when no hardware event can be counted at all,
 * the machine's: no hardware PMU).  The per-thread events are then tried
 * together; when they need more hardware counters than there are, the
 * event sets are multiplexed: the kernel rotates the events over the
 * counters, and PAPI scales each count by the time its event was enabled
 * over the time it was counting, an estimate that the sweep warns about.
 *
 * One event set holds the events of one PAPI component: one per thread
 * for the perf_event component, one per other component for the
 * coordinator (see counters.h).
 */
#include <errno.h>
#include <math.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>

#include <papi.h>

#include "harness/counters.h"
#include "harness/counters_sde.h"
#include "locks/lock.h"
#include "workloads/workload.h"

/* The default set: what a lock does to the cache, then to the scheduler.
 * Of these, those PAPI can name and count here are counted when --papi is
 * not given.  The CPU-specific names are HITM-style events: a load served
 * by another core's cache, which is what a lock's line moving between
 * cores costs. */
static const struct candidate {
	const char *name;
	const char *what;
} defaults[] = {
	{ "PAPI_L1_DCM", "L1 data-cache misses: the lock's line (and the data it guards) "
			 "fetched back after another core took it" },
	{ "PAPI_L2_TCM", "L2 misses, data and instructions" },
	{ "PAPI_L3_TCM", "last-level cache misses: lines from another socket or memory" },
	{ "PAPI_CA_SHR", "requests for exclusive access to a shared line: a write to a line "
			 "that other cores hold, such as the lock word after they read it" },
	{ "PAPI_CA_ITV", "requests for intervention: the line was modified in another "
			 "core's cache and comes from there" },
	{ "PAPI_CA_INV", "requests to invalidate a line in the other cores' caches" },
	{ "PAPI_CA_SNP", "snoop requests" },
	{ "MEM_LOAD_L3_HIT_RETIRED:XSNP_HITM", "Intel (Skylake to Ice Lake): loads that "
			 "found their line modified in another core's cache (HITM)" },
	{ "MEM_LOAD_UOPS_L3_HIT_RETIRED:XSNP_HITM", "Intel (Haswell, Broadwell): loads that "
			 "found their line modified in another core's cache (HITM)" },
	{ "MEM_LOAD_L3_HIT_RETIRED:XSNP_FWD", "Intel (Alder Lake, Sapphire Rapids): loads "
			 "served by another core's cache forwarding the line" },
	{ "DEMAND_DATA_CACHE_FILLS_FROM_SYSTEM:LOCAL_CCX", "AMD Zen 4: demand fills from "
			 "the L3 or another core's L2 in this core complex" },
	{ "DEMAND_DATA_CACHE_FILLS_FROM_SYSTEM:NEAR_CACHE_NEAR_FAR", "AMD Zen 4: demand "
			 "fills from the cache of another core complex in this node" },
	{ "DEMAND_DATA_CACHE_FILLS_FROM_SYSTEM:FAR_CACHE_NEAR_FAR", "AMD Zen 4: demand "
			 "fills from a core complex's cache in another node" },
	{ "DATA_CACHE_REFILLS_FROM_SYSTEM:LS_MABRESP_LCL_CACHE", "AMD Zen 2: fills from "
			 "another cache of this die" },
	{ "DATA_CACHE_REFILLS_FROM_SYSTEM:LS_MABRESP_RMT_CACHE", "AMD Zen 2: fills from a "
			 "cache on another die" },
	{ "perf::CONTEXT-SWITCHES", "threads switched out: waiters parked by a sleeping lock, "
			 "holders preempted when threads outnumber CPUs" },
	{ "perf::CPU-MIGRATIONS", "threads moved to another CPU (pinned threads do not move)" },
	{ "perf::PAGE-FAULTS", "page faults: about 0 per operation once warmed up" },
};
#define NDEFAULTS (int)(sizeof defaults / sizeof defaults[0])

/* Software events that happen in the kernel: with the domain limited to
 * user mode they would read 0, not fail. */
static const char *const kernel_side[] = {
	"perf::CONTEXT-SWITCHES", "perf::CS", "perf::PERF_COUNT_SW_CONTEXT_SWITCHES",
	"perf::CPU-MIGRATIONS", "perf::MIGRATIONS", "perf::PERF_COUNT_SW_CPU_MIGRATIONS",
	"perf::CGROUP-SWITCHES", "perf::PERF_COUNT_SW_CGROUP_SWITCHES",
};

/* PAPI as this process started it. */
static struct {
	int state;          /* 0 not started, 1 up, -1 failed */
	char why[256];      /* when failed */
	int perf_cidx;      /* the perf_event component */
	char perf_off[160]; /* why that component is off here, or "" */
	bool kernel_domain; /* counting in kernel mode is allowed */
	bool hw_pmu;        /* a hardware event (perf::CYCLES) can be counted */
	bool sde;           /* the lock counters are registered as SDEs */
} papi;

bool lb_counters_built(void)
{
	return true;
}

const char *lb_counters_version(void)
{
	static char v[32];

	snprintf(v, sizeof v, "%d.%d.%d.%d", PAPI_VERSION_MAJOR(PAPI_VERSION),
		 PAPI_VERSION_MINOR(PAPI_VERSION), PAPI_VERSION_REVISION(PAPI_VERSION),
		 PAPI_VERSION_INCREMENT(PAPI_VERSION));
	return v;
}

static unsigned long thread_id(void)
{
	return (unsigned long)pthread_self();
}

/* Make a set, add code, start it and stop it: PAPI_OK, or PAPI's error. */
static int try_event(int code)
{
	int set = PAPI_NULL, rc;
	long long v[4];

	if ((rc = PAPI_create_eventset(&set)) != PAPI_OK)
		return rc;
	rc = PAPI_add_event(set, code);
	if (rc == PAPI_OK && (rc = PAPI_start(set)) == PAPI_OK)
		rc = PAPI_stop(set, v);
	PAPI_cleanup_eventset(set);
	PAPI_destroy_eventset(&set);
	return rc;
}

static int try_named(const char *name)
{
	int code;

	if (PAPI_event_name_to_code(name, &code) != PAPI_OK)
		return PAPI_ENOEVNT;
	return try_event(code);
}

/* PAPI's components for GPUs, which lockbench does not count: not
 * started.  Where the library of one is installed but finds no device,
 * it prints its failure to stderr as PAPI starts (rocm_smi's does), which
 * would break every command's one line of error.  Names PAPI was not
 * built with are refused, harmlessly. */
static const char *const gpu_components[] = { "rocm", "rocm_smi", "rocp_sdk", "cuda", "nvml",
					      "intel_gpu" };

static int papi_start(void)
{
	int rc;

	if (papi.state)
		return papi.state > 0 ? 0 : -1;
	papi.state = -1;
	for (size_t i = 0; i < sizeof gpu_components / sizeof gpu_components[0]; i++)
		(void)PAPI_disable_component_by_name(gpu_components[i]);
	rc = PAPI_library_init(PAPI_VER_CURRENT);
	if (rc != PAPI_VER_CURRENT) {
		snprintf(papi.why, sizeof papi.why, "PAPI cannot start: %s",
			 rc > 0 ? "its library is another version than lockbench was built with"
				: PAPI_strerror(rc));
		return -1;
	}
	if ((rc = PAPI_thread_init(thread_id)) != PAPI_OK ||
	    (rc = PAPI_multiplex_init()) != PAPI_OK) {
		snprintf(papi.why, sizeof papi.why, "PAPI cannot start: %s", PAPI_strerror(rc));
		return -1;
	}
	/* After the library starts: registered before, libsde does not free
	 * its copies of the names at its shutdown (counters_sde.c). */
	papi.sde = lb_sde_register();
	papi.perf_cidx = PAPI_get_component_index("perf_event");
	/* Off where libpfm4 does not know the CPU ("no default PMU found"):
	 * then PAPI names none of the CPU's events, nor the kernel's
	 * software events, which the same component counts. */
	const PAPI_component_info_t *perf =
		papi.perf_cidx >= 0 ? PAPI_get_component_info(papi.perf_cidx) : NULL;
	if (!perf)
		snprintf(papi.perf_off, sizeof papi.perf_off, "PAPI was built without it");
	else if (perf->disabled)
		snprintf(papi.perf_off, sizeof papi.perf_off, "%s",
			 perf->disabled_reason[0] ? perf->disabled_reason : "disabled");
	papi.kernel_domain = !papi.perf_off[0] &&
			     PAPI_set_cmp_domain(PAPI_DOM_USER | PAPI_DOM_KERNEL, papi.perf_cidx) ==
				     PAPI_OK;
	papi.hw_pmu = try_named("perf::CYCLES") == PAPI_OK;
	papi.state = 1;
	return 0;
}

/* ---- resolving a sweep's events -------------------------------------- */

static bool is_kernel_side(const char *name)
{
	const char *q = strchr(name + (strncmp(name, "perf::", 6) == 0 ? 6 : 0), ':');
	size_t base = q ? (size_t)(q - name) : strlen(name);

	if (q && strstr(q, ":k=")) /* the user chose the domain */
		return false;
	for (size_t i = 0; i < sizeof kernel_side / sizeof kernel_side[0]; i++)
		if (strlen(kernel_side[i]) == base && strncmp(name, kernel_side[i], base) == 0)
			return true;
	return false;
}

static int paranoid_level(void)
{
	FILE *f = fopen("/proc/sys/kernel/perf_event_paranoid", "r");
	int v = -9;

	if (f) {
		if (fscanf(f, "%d", &v) != 1)
			v = -9;
		fclose(f);
	}
	return v;
}

/* "papi_" and name with every character outside [A-Za-z0-9_] as '_'. */
static void column_name(const char *name, char *col, size_t len)
{
	size_t k = (size_t)snprintf(col, len, "papi_");

	for (const char *p = name; *p && k + 1 < len; p++) {
		char c = *p;
		bool keep = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') ||
			    (c >= '0' && c <= '9') || c == '_';
		col[k++] = keep ? c : '_';
	}
	col[k] = '\0';
}

/* Look name up and try it here: 0 (countable or not: e->why says), or -1
 * when PAPI does not know it (err says so). */
static int resolve(const char *name, struct lb_event *e, char *err, size_t errlen)
{
	int code, rc;

	memset(e, 0, sizeof *e);
	snprintf(e->name, sizeof e->name, "%s", name);
	column_name(name, e->column, sizeof e->column);
	e->stat = -1;
	if (strncmp(name, "sde:::", 6) == 0) {
		/* PAPI takes any SDE name, as a placeholder for a library that
		 * may register it later; in lockbench only its own exist. */
		for (int k = 0; k < LB_NSTATS; k++)
			if (strcmp(name + strlen(LB_SDE_PREFIX), lb_stat_names[k]) == 0 &&
			    strncmp(name, LB_SDE_PREFIX, strlen(LB_SDE_PREFIX)) == 0)
				e->stat = k;
		if (e->stat < 0 || !papi.sde) {
			snprintf(err, errlen, "unknown event '%s' (%s)", name,
				 papi.sde ? "the SDEs here are " LB_SDE_PREFIX "spins, sleeps, "
					    "wakeups, handoffs, starve_enter, starve_exit"
					  : "lockbench was built without libsde: no SDEs");
			return -1;
		}
	}
	rc = PAPI_event_name_to_code(name, &code);
	if (rc != PAPI_OK) {
		if (papi.perf_off[0] && e->stat < 0)
			snprintf(err, errlen, "unknown event '%s' (PAPI: %s; its perf_event "
				 "component, which names the CPU's and the kernel's events, is "
				 "off here: %s)", name, PAPI_strerror(rc), papi.perf_off);
		else
			snprintf(err, errlen, "unknown event '%s' (PAPI: %s; see lockbench list "
				 "--papi, papi_avail, papi_native_avail)", name, PAPI_strerror(rc));
		return -1;
	}
	e->component = PAPI_get_event_component(code);
	e->scope = e->component == papi.perf_cidx ? LB_SCOPE_THREAD : LB_SCOPE_PROCESS;
	if (e->scope == LB_SCOPE_THREAD && !papi.kernel_domain && is_kernel_side(name)) {
		snprintf(e->why, sizeof e->why,
			 "it happens in the kernel, which this user may not count "
			 "(kernel.perf_event_paranoid is %d): run as root, or set it to 1",
			 paranoid_level());
		return 0;
	}
	rc = try_event(code);
	if (rc == PAPI_OK)
		e->countable = true;
	else if (papi.perf_off[0] && e->scope == LB_SCOPE_THREAD)
		snprintf(e->why, sizeof e->why, "PAPI's perf_event component is off here: %s",
			 papi.perf_off);
	else if (!papi.hw_pmu && e->scope == LB_SCOPE_THREAD)
		snprintf(e->why, sizeof e->why, "not supported on this machine: no hardware "
			 "PMU (PAPI: %s)", PAPI_strerror(rc));
	else
		snprintf(e->why, sizeof e->why, "PAPI: %s", PAPI_strerror(rc));
	return 0;
}

/* The events of ev that one event set holds: thread-scope ones (scope
 * LB_SCOPE_THREAD), or the process-scope ones of component cidx. */
static bool in_set(const struct lb_event *e, enum lb_event_scope scope, int cidx)
{
	return e->countable && e->scope == scope &&
	       (scope == LB_SCOPE_THREAD || e->component == cidx);
}

/* A new event set with those events of ev, multiplexed when mpx: PAPI_OK
 * and *set, or PAPI's error with *bad the event that failed (-1: none). */
static int make_set(const struct lb_events *ev, enum lb_event_scope scope, int cidx, bool mpx,
		    int *set, int *bad)
{
	int rc;

	*set = PAPI_NULL;
	*bad = -1;
	if ((rc = PAPI_create_eventset(set)) != PAPI_OK)
		return rc;
	if (mpx && ((rc = PAPI_assign_eventset_component(*set, papi.perf_cidx)) != PAPI_OK ||
		    (rc = PAPI_set_multiplex(*set)) != PAPI_OK))
		goto fail;
	for (int i = 0; i < ev->n; i++) {
		int code;
		if (!in_set(&ev->ev[i], scope, cidx))
			continue;
		if ((rc = PAPI_event_name_to_code(ev->ev[i].name, &code)) != PAPI_OK ||
		    (rc = PAPI_add_event(*set, code)) != PAPI_OK) {
			*bad = i;
			goto fail;
		}
	}
	return PAPI_OK;
fail:
	PAPI_cleanup_eventset(*set);
	PAPI_destroy_eventset(set);
	*set = PAPI_NULL;
	return rc;
}

/* Try each event set the cases will make, start and stop it; an event
 * that cannot join the others is dropped with the reason.  The
 * per-thread set is multiplexed when its events do not fit the
 * counters together. */
static void try_sets(struct lb_events *ev)
{
	for (int i = 0; i < ev->n; i++) {
		struct lb_event *e = &ev->ev[i];
		bool first = e->countable;
		for (int j = 0; j < i && first; j++)
			first = !in_set(&ev->ev[j], e->scope, e->component);
		if (!first)
			continue;
		for (;;) {
			int set, bad;
			long long v[LB_MAX_EVENTS];
			int rc = make_set(ev, e->scope, e->component, ev->multiplexed && e->scope ==
					  LB_SCOPE_THREAD, &set, &bad);
			if (rc == PAPI_ECNFLCT && e->scope == LB_SCOPE_THREAD && !ev->multiplexed) {
				ev->multiplexed = true;
				continue;
			}
			if (rc == PAPI_OK && (rc = PAPI_start(set)) == PAPI_OK)
				rc = PAPI_stop(set, v);
			if (set != PAPI_NULL) {
				PAPI_cleanup_eventset(set);
				PAPI_destroy_eventset(&set);
			}
			if (rc == PAPI_OK)
				break;
			struct lb_event *b = &ev->ev[bad >= 0 ? bad : i];
			b->countable = false;
			snprintf(b->why, sizeof b->why, "cannot be counted together with the "
				 "other events (PAPI: %s)", PAPI_strerror(rc));
			if (!in_set(e, e->scope, e->component))
				break; /* i itself went: the next countable one starts again */
		}
	}
}

/* e (resolved) into ev, unless it is there already. */
static int add_resolved(struct lb_events *ev, const struct lb_event *e, char *err, size_t errlen)
{
	for (int i = 0; i < ev->n; i++) {
		if (strcmp(ev->ev[i].name, e->name) == 0)
			return 0; /* named twice: counted once */
		if (strcmp(ev->ev[i].column, e->column) == 0) {
			snprintf(err, errlen, "events '%s' and '%s' would share the column %s",
				 ev->ev[i].name, e->name, e->column);
			return -1;
		}
	}
	if (ev->n == LB_MAX_EVENTS) {
		snprintf(err, errlen, "more than %d events", LB_MAX_EVENTS);
		return -1;
	}
	ev->ev[ev->n++] = *e;
	return 0;
}

/* The default set: the candidates PAPI names and can count here. */
static void add_defaults(struct lb_events *ev)
{
	char err[256];

	for (int i = 0; i < NDEFAULTS; i++) {
		struct lb_event e;
		if (resolve(defaults[i].name, &e, err, sizeof err) < 0 || !e.countable ||
		    add_resolved(ev, &e, err, sizeof err) < 0)
			ev->left_out++;
	}
}

int lb_counters_select(const char *spec, struct lb_events *ev, char *err, size_t errlen)
{
	char buf[4096];
	int rc = 0;

	memset(ev, 0, sizeof *ev);
	err[0] = '\0';
	if (spec && strcmp(spec, "none") == 0)
		return 0;
	ev->by_default = spec == NULL;
	if (papi_start() < 0) {
		if (ev->by_default) {
			snprintf(ev->note, sizeof ev->note, "%s; no PAPI columns", papi.why);
			return 0;
		}
		snprintf(err, errlen, "%s", papi.why);
		errno = EIO;
		return -1;
	}
	if (!spec) {
		add_defaults(ev);
		try_sets(ev);
		return 0;
	}
	if (strlen(spec) >= sizeof buf) {
		snprintf(err, errlen, "the list is too long");
		errno = EINVAL;
		return -1;
	}
	snprintf(buf, sizeof buf, "%s", spec);
	for (char *p = buf, *next; p && rc == 0; p = next) {
		next = strchr(p, ',');
		if (next)
			*next++ = '\0';
		if (!*p) {
			snprintf(err, errlen, "an empty event name");
			rc = -1;
		} else if (strcmp(p, "default") == 0) {
			add_defaults(ev);
		} else if (strcmp(p, "none") == 0) {
			snprintf(err, errlen, "'none' cannot be combined with events");
			rc = -1;
		} else if (strlen(p) >= LB_EVENT_NAME) {
			snprintf(err, errlen, "an event name longer than %d characters",
				 LB_EVENT_NAME - 1);
			rc = -1;
		} else {
			struct lb_event e;
			rc = resolve(p, &e, err, errlen);
			if (rc == 0)
				rc = add_resolved(ev, &e, err, errlen);
		}
	}
	if (rc < 0) {
		errno = EINVAL;
		return -1;
	}
	try_sets(ev);
	return 0;
}

void lb_counters_warn(const struct lb_events *ev, const char *prog, FILE *out)
{
	int counted = 0;

	if (ev->note[0])
		fprintf(out, "%s: warning: %s\n", prog, ev->note);
	for (int i = 0; i < ev->n; i++) {
		if (ev->ev[i].countable)
			counted++;
		else
			fprintf(out, "%s: warning: PAPI cannot count %s here: %s; column %s is NA\n",
				prog, ev->ev[i].name, ev->ev[i].why, ev->ev[i].column);
	}
	if (ev->multiplexed)
		fprintf(out, "%s: warning: the PAPI events need more hardware counters than "
			"there are: they are multiplexed, and each count is scaled by the time "
			"its event was enabled over the time it counted (an estimate)\n", prog);
	if (ev->by_default && ev->left_out)
		fprintf(out, "%s: PAPI counts %d default event%s; %d cannot be counted here "
			"(see lockbench list --papi)\n", prog, counted, counted == 1 ? "" : "s",
			ev->left_out);
}

int lb_counters_list(FILE *out)
{
	char err[256];

	if (papi_start() < 0) {
		fprintf(out, "%s\n", papi.why);
		return 0;
	}
	if (papi.perf_off[0])
		fprintf(out, "PAPI %s: its perf_event component is off here (%s): no event of the "
			"CPU or of the kernel can be counted.\n\n", lb_counters_version(),
			papi.perf_off);
	else
		fprintf(out, "PAPI %s: hardware PMU %s; kernel-mode counting %s.\n\n",
			lb_counters_version(),
			papi.hw_pmu ? "found"
				    : "not found (perf::CYCLES cannot be counted: no hardware events)",
			papi.kernel_domain ? "allowed" : "not allowed (perf_event_paranoid)");
	fprintf(out, "Default events (lockbench run without --papi counts those marked yes):\n");
	for (int i = 0; i < NDEFAULTS; i++) {
		struct lb_event e;
		if (resolve(defaults[i].name, &e, err, sizeof err) < 0)
			fprintf(out, "  %-55s no: %s\n", defaults[i].name,
				papi.perf_off[0] ? "PAPI's perf_event component is off here"
						 : "PAPI does not know it on this CPU");
		else if (e.countable)
			fprintf(out, "  %-55s yes\n", e.name);
		else
			fprintf(out, "  %-55s no: %s\n", e.name, e.why);
		fprintf(out, "      %s\n", defaults[i].what);
	}
	fprintf(out, "\nLock-internal counters as PAPI software-defined events (--papi NAME; "
		"locks marked [stats] in lockbench list):\n");
	for (int k = 0; k < LB_NSTATS; k++) {
		char name[LB_EVENT_NAME];
		snprintf(name, sizeof name, "%s%s", LB_SDE_PREFIX, lb_stat_names[k]);
		fprintf(out, "  %-55s %s\n", name, papi.sde ? "yes" : "no: built without libsde");
	}
	fprintf(out, "\nAny other PAPI event works too: papi_avail and papi_native_avail list "
		"them.\n");
	return 0;
}

/* ---- one case --------------------------------------------------------- */

struct tctr {
	_Alignas(128) int set;
	int edge;        /* the last edge seen: 0, LB_PHASE_MEASURE, LB_PHASE_STOP */
	bool started;
	bool measured;   /* saw the window open */
	long long open[LB_MAX_EVENTS], close[LB_MAX_EVENTS];
};

struct pset {
	int set;
	int n, idx[LB_MAX_EVENTS]; /* its events' indexes in ev */
	int edge;
	long long open[LB_MAX_EVENTS], close[LB_MAX_EVENTS];
};

struct lb_counters_case {
	const struct lb_events *ev;
	int n;                      /* threads */
	int nthr, tidx[LB_MAX_EVENTS]; /* per-thread events, their indexes in ev */
	int npsets;
	struct pset psets[LB_MAX_EVENTS];
	unsigned stats_mask;
	_Atomic bool thread_failed; /* a thread could not count: per-thread events NA */
	bool process_failed;        /* the coordinator could not: the others NA */
	_Atomic bool said;          /* error holds the first failure */
	char error[160];
	struct tctr *t;
};

/* A failure: the events of that scope are NA in this case; the first
 * failure is kept in words. */
static void fail(struct lb_counters_case *cc, bool thread, const char *what, int rc)
{
	if (thread)
		atomic_store(&cc->thread_failed, true);
	else
		cc->process_failed = true;
	if (!atomic_exchange(&cc->said, true))
		snprintf(cc->error, sizeof cc->error, "PAPI: %s: %s", what, PAPI_strerror(rc));
}

struct lb_counters_case *lb_counters_case_open(const struct lb_events *ev, int n,
					       const void *ctx, size_t stride,
					       unsigned stats_mask)
{
	struct lb_counters_case *cc;
	int bad;

	if (!ev || ev->n == 0)
		return NULL;
	cc = calloc(1, sizeof *cc);
	if (!cc)
		return NULL;
	cc->ev = ev;
	cc->n = n;
	cc->stats_mask = stats_mask;
	for (int i = 0; i < ev->n; i++)
		if (in_set(&ev->ev[i], LB_SCOPE_THREAD, 0))
			cc->tidx[cc->nthr++] = i;
	if (cc->nthr) {
		/* An event per thread and per event: allow the process all the
		 * descriptors it may have. */
		struct rlimit rl;
		if (getrlimit(RLIMIT_NOFILE, &rl) == 0 && rl.rlim_cur < rl.rlim_max) {
			rl.rlim_cur = rl.rlim_max;
			setrlimit(RLIMIT_NOFILE, &rl);
		}
		cc->t = aligned_alloc(128, (size_t)n * sizeof *cc->t);
		if (!cc->t) {
			free(cc);
			return NULL;
		}
		memset(cc->t, 0, (size_t)n * sizeof *cc->t);
		for (int i = 0; i < n; i++)
			cc->t[i].set = PAPI_NULL;
	}
	lb_sde_bind(ctx, stride, n);
	for (int i = 0; i < ev->n; i++) {
		const struct lb_event *e = &ev->ev[i];
		bool first = in_set(e, LB_SCOPE_PROCESS, e->component);
		for (int j = 0; j < i && first; j++)
			first = !in_set(&ev->ev[j], LB_SCOPE_PROCESS, e->component);
		if (!first)
			continue;
		struct pset *p = &cc->psets[cc->npsets++];
		for (int j = i; j < ev->n; j++)
			if (in_set(&ev->ev[j], LB_SCOPE_PROCESS, e->component))
				p->idx[p->n++] = j;
		int rc = make_set(ev, LB_SCOPE_PROCESS, e->component, false, &p->set, &bad);
		if (rc == PAPI_OK && (rc = PAPI_start(p->set)) != PAPI_OK) {
			PAPI_cleanup_eventset(p->set);
			PAPI_destroy_eventset(&p->set);
		}
		if (rc != PAPI_OK) {
			p->set = PAPI_NULL;
			fail(cc, false, "cannot start the process's event set", rc);
		}
	}
	return cc;
}

void lb_counters_thread_open(struct lb_counters_case *cc, int id)
{
	int rc, bad;

	if (!cc || !cc->nthr)
		return;
	if ((rc = PAPI_register_thread()) != PAPI_OK ||
	    (rc = make_set(cc->ev, LB_SCOPE_THREAD, 0, cc->ev->multiplexed, &cc->t[id].set,
			   &bad)) != PAPI_OK)
		fail(cc, true, "cannot make a thread's event set", rc);
}

void lb_counters_thread_start(struct lb_counters_case *cc, int id)
{
	int rc;

	if (!cc || !cc->nthr || cc->t[id].set == PAPI_NULL)
		return;
	if ((rc = PAPI_start(cc->t[id].set)) != PAPI_OK)
		fail(cc, true, "cannot start a thread's event set", rc);
	else
		cc->t[id].started = true;
}

void lb_counters_thread_edge(struct lb_counters_case *cc, int id, int phase)
{
	struct tctr *t;
	int rc = PAPI_OK;

	if (!cc || !cc->nthr || !cc->t[id].started || cc->t[id].edge == LB_PHASE_STOP ||
	    cc->t[id].edge == phase)
		return;
	t = &cc->t[id];
	t->edge = phase;
	if (phase == LB_PHASE_MEASURE) {
		t->measured = true;
		rc = PAPI_read(t->set, t->open);
	} else if (phase == LB_PHASE_STOP) {
		rc = PAPI_stop(t->set, t->close);
		t->started = false;
	}
	if (rc != PAPI_OK)
		fail(cc, true, "cannot read a thread's event set", rc);
}

void lb_counters_thread_close(struct lb_counters_case *cc, int id)
{
	if (!cc || !cc->nthr)
		return;
	lb_counters_thread_edge(cc, id, LB_PHASE_STOP);
	if (cc->t[id].set != PAPI_NULL) {
		PAPI_cleanup_eventset(cc->t[id].set);
		PAPI_destroy_eventset(&cc->t[id].set);
	}
	PAPI_unregister_thread();
}

void lb_counters_case_edge(struct lb_counters_case *cc, int phase)
{
	if (!cc)
		return;
	for (int s = 0; s < cc->npsets; s++) {
		struct pset *p = &cc->psets[s];
		int rc;
		if (p->set == PAPI_NULL || p->edge == phase)
			continue;
		p->edge = phase;
		rc = PAPI_read(p->set, phase == LB_PHASE_MEASURE ? p->open : p->close);
		if (rc != PAPI_OK)
			fail(cc, false, "cannot read the process's event set", rc);
	}
}

void lb_counters_case_close(struct lb_counters_case *cc, int n, uint64_t ops, double *per,
			    char *err, size_t errlen)
{
	long long scratch[LB_MAX_EVENTS];

	for (int i = 0; i < n; i++)
		per[i] = NAN;
	err[0] = '\0';
	if (!cc)
		return;
	for (int s = 0; s < cc->npsets; s++) {
		struct pset *p = &cc->psets[s];
		if (p->set == PAPI_NULL)
			continue;
		PAPI_stop(p->set, scratch);
		PAPI_cleanup_eventset(p->set);
		PAPI_destroy_eventset(&p->set);
		if (cc->process_failed || p->edge != LB_PHASE_STOP || !ops)
			continue;
		for (int j = 0; j < p->n; j++) {
			const struct lb_event *e = &cc->ev->ev[p->idx[j]];
			if (e->stat >= 0 && !(cc->stats_mask & (1u << e->stat)))
				continue; /* a counter this lock does not keep: NA */
			per[p->idx[j]] = (double)(p->close[j] - p->open[j]) / (double)ops;
		}
	}
	lb_sde_bind(NULL, 0, 0);
	if (cc->nthr && !atomic_load(&cc->thread_failed) && ops) {
		for (int j = 0; j < cc->nthr; j++) {
			double sum = 0;
			for (int i = 0; i < cc->n; i++)
				if (cc->t[i].measured)
					sum += (double)(cc->t[i].close[j] - cc->t[i].open[j]);
			per[cc->tidx[j]] = sum / (double)ops;
		}
	}
	snprintf(err, errlen, "%s", cc->error);
	free(cc->t);
	free(cc);
}
