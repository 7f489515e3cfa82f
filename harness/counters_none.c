/*
 * counters_none.c - counters.h where PAPI was not found at build time:
 * nothing is counted, and asking for events says that PAPI support was
 * not compiled in.
 */
#include <errno.h>
#include <math.h>
#include <string.h>

#include "harness/counters.h"

bool lb_counters_built(void)
{
	return false;
}

const char *lb_counters_version(void)
{
	return NULL;
}

int lb_counters_select(const char *spec, struct lb_events *ev, char *err, size_t errlen)
{
	memset(ev, 0, sizeof *ev);
	err[0] = '\0';
	if (!spec || strcmp(spec, "none") == 0)
		return 0;
	snprintf(err, errlen, "PAPI support was not compiled in (install libpapi-dev, "
		 "then run configure again)");
	errno = ENOTSUP;
	return -1;
}

void lb_counters_warn(const struct lb_events *ev, const char *prog, FILE *out)
{
	(void)ev;
	(void)prog;
	(void)out;
}

int lb_counters_list(FILE *out)
{
	(void)out;
	errno = ENOTSUP;
	return -1;
}

struct lb_counters_case *lb_counters_case_open(const struct lb_events *ev, int n,
					       const void *ctx, size_t stride,
					       unsigned stats_mask)
{
	(void)ev;
	(void)n;
	(void)ctx;
	(void)stride;
	(void)stats_mask;
	return NULL;
}

void lb_counters_thread_open(struct lb_counters_case *cc, int id)
{
	(void)cc;
	(void)id;
}

void lb_counters_thread_start(struct lb_counters_case *cc, int id)
{
	(void)cc;
	(void)id;
}

void lb_counters_thread_close(struct lb_counters_case *cc, int id)
{
	(void)cc;
	(void)id;
}

void lb_counters_thread_edge(struct lb_counters_case *cc, int id, int phase)
{
	(void)cc;
	(void)id;
	(void)phase;
}

void lb_counters_case_edge(struct lb_counters_case *cc, int phase)
{
	(void)cc;
	(void)phase;
}

void lb_counters_case_close(struct lb_counters_case *cc, int n, uint64_t ops, double *per,
			    char *err, size_t errlen)
{
	(void)cc;
	(void)ops;
	(void)errlen;
	for (int i = 0; i < n; i++)
		per[i] = NAN;
	err[0] = '\0';
}
