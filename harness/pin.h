/*
 * pin.h - the machine's topology and where threads run.  The only module
 * that calls hwloc.
 *
 * Policies, for thread i of n:
 *   compact   fill the PUs that share the most cache first: PUs in
 *             topology order (SMT siblings, then the cores of one cache,
 *             then the next cache, then the next package);
 *   scatter   spread: consecutive threads go to different packages, then
 *             different last-level caches, then different cores, and SMT
 *             siblings are used last;
 *   none      no binding; the cpus column says where each thread was seen;
 *   LIST      hwloc list syntax ("0-3,8"), OS indexes, used in ascending order.
 * More threads than PUs wrap around the order (and the caller warns).
 * Functions return 0 / -1 (or NULL) with a message in err, as hwloc does.
 */
#ifndef LB_PIN_H
#define LB_PIN_H

#include <stddef.h>
#include <stdio.h>

struct lb_topo;

/* This machine (synthetic == NULL) or an hwloc synthetic description,
 * e.g. "pack:2 core:4 pu:2". */
struct lb_topo *lb_topo_open(const char *synthetic, char *err, size_t errlen);
void lb_topo_close(struct lb_topo *t);

struct lb_topo_counts {
	int packages, cores, pus, numa;
};
void lb_topo_counts(const struct lb_topo *t, struct lb_topo_counts *c);

enum lb_pin_policy { LB_PIN_NONE, LB_PIN_COMPACT, LB_PIN_SCATTER, LB_PIN_LIST };

#define LB_PIN_MAX_CPUS 4096

struct lb_pin {
	enum lb_pin_policy policy;
	char name[256];          /* as the pin column shows it: "compact", "0-3,8" */
	int ncpus;               /* LB_PIN_LIST: OS indexes, ascending */
	int cpus[LB_PIN_MAX_CPUS];
};

/* "compact", "scatter", "none", or a list of PUs that must all exist. */
int lb_pin_parse(const struct lb_topo *t, const char *text, struct lb_pin *out,
		 char *err, size_t errlen);
/* A list of PUs alone (LB_PIN_LIST), as lb_pin_parse reads one; its
 * refusal names no policy. */
int lb_pin_parse_list(const struct lb_topo *t, const char *text, struct lb_pin *out,
		      char *err, size_t errlen);

/* The PU (OS index) for each of n threads; -1 each for LB_PIN_NONE. */
int lb_pin_plan(const struct lb_topo *t, const struct lb_pin *p, int n,
		int *cpus, char *err, size_t errlen);

/* Bind the calling thread to PU cpu (OS index). */
int lb_pin_self(const struct lb_topo *t, int cpu, char *err, size_t errlen);

/* `lockbench topo`: packages, NUMA nodes, caches, cores and PUs, then the
 * PUs that compact and scatter pick for 1..maxthreads threads. */
int lb_topo_print(const struct lb_topo *t, FILE *out, int maxthreads);

#endif
