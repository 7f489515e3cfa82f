/*
 * pin.c - the machine's topology and where threads run.  See pin.h.
 *
 * This is the only file in lockbench that calls hwloc.  lb_topo_open()
 * loads the topology once and precomputes the two orders that the
 * policies hand out (OS indexes of PUs), so that lb_pin_plan() is a table
 * look-up:
 *
 *   compact   the PUs in hwloc's logical order.  hwloc numbers PUs by a
 *             depth-first walk of the tree, so the order fills the SMT
 *             siblings of a core, then the cores under one cache, then the
 *             next cache, then the next package.
 *
 *   scatter   the PUs sorted by their tree path read backwards; see
 *             scatter_cmp() for why that spreads threads and for a worked
 *             example.
 *
 * Only allowed PUs count.  hwloc's default filtering drops the PUs that
 * the cgroup (cpuset) of this process excludes, and
 * HWLOC_TOPOLOGY_FLAG_RESTRICT_TO_CPUBINDING drops those outside its
 * affinity mask (taskset, numactl), together with the levels above them
 * that are left empty; every check here also goes through
 * hwloc_topology_get_allowed_cpuset().  So a restricted process sees only
 * its own PUs.  The mask is read when the topology is loaded: open it
 * before pinning any thread of the process, or the topology shrinks to the
 * PUs of the threads pinned so far.
 *
 * Nothing here prints (except lb_topo_print, on the stream it is given) or
 * exits: failures return -1 or NULL with a one-line message in err, which
 * the caller prefixes with what the user typed.
 *
 * Threads: after lb_topo_open() returns, struct lb_topo is only read.
 * hwloc allows concurrent reads of a loaded topology, and binding calls
 * only read it, so every thread of a case may call lb_pin_self() on the
 * same struct lb_topo.
 */
#include "harness/pin.h"

#include <errno.h>
#include <limits.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include <hwloc.h>

struct lb_topo {
	hwloc_topology_t topo;
	struct lb_topo_counts counts;
	int npus;     /* allowed PUs; the length of both orders */
	int *compact; /* OS indexes in compact order */
	int *scatter; /* OS indexes in scatter order */
};

static int fail(char *err, size_t errlen, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

static int fail(char *err, size_t errlen, const char *fmt, ...)
{
	va_list ap;

	if (!err)
		errlen = 0;
	va_start(ap, fmt);
	vsnprintf(err, errlen, fmt, ap);
	va_end(ap);
	return -1;
}

/* ---- scatter order ----------------------------------------------------- */

/*
 * The scatter key of a PU is its path from the top of the tree down to the
 * PU, one sibling rank per level (the object's index among its parent's
 * children: packages, dies, groups, caches, cores, the PU itself), stored
 * backwards: rank[0] is the PU's rank within its core, rank[len - 1] the
 * package's rank within the machine.  PUs are sorted by that backward path,
 * so the PU's rank within its core is the most significant digit and the
 * package's rank the least.
 *
 * Counting in that order turns the least significant digit, the package,
 * fastest: consecutive threads land on different packages; once every
 * package has had one, the next digit up (the last-level cache within a
 * package) moves, then the core, and the SMT siblings (the most
 * significant digit) come last.
 *
 * Worked example, "pack:2 core:4 pu:2" (PU P#n has logical index n):
 *
 *     PU  path (pack, core, pu)  key read backwards (pu, core, pack)
 *      0       (0, 0, 0)              (0, 0, 0)
 *      1       (0, 0, 1)              (1, 0, 0)
 *      2       (0, 1, 0)              (0, 1, 0)
 *      8       (1, 0, 0)              (0, 0, 1)
 *      9       (1, 0, 1)              (1, 0, 1)
 *     10       (1, 1, 0)              (0, 1, 1)
 *     ...
 *
 * Sorting by the backward key gives (0,0,0) PU 0, (0,0,1) PU 8,
 * (0,1,0) PU 2, (0,1,1) PU 10, (0,2,0) PU 4, ... (0,3,1) PU 14, then the
 * second SMT siblings (1,0,0) PU 1, (1,0,1) PU 9, ...:
 *
 *     0, 8, 2, 10, 4, 12, 6, 14, 1, 9, 3, 11, 5, 13, 7, 15
 *
 * Levels with a single child (an L2 or L1 private to one core) contribute
 * a 0 digit to every key and so change nothing; a level that branches (two
 * L3s in a package) becomes a digit between the core and the package, so
 * threads alternate packages first and L3s second.  On an asymmetric
 * machine, paths may differ in length; keys are then compared digit by
 * digit from the PU end, the shorter key first on a tie, then by logical
 * index, so the order is always total and deterministic.
 */
struct scatter_key {
	const int *rank; /* rank[0] is the PU's sibling rank, upwards from there */
	int len;
	int logical;
	int os;
};

static int scatter_cmp(const void *a, const void *b)
{
	const struct scatter_key *x = a, *y = b;
	int n = x->len < y->len ? x->len : y->len;

	for (int i = 0; i < n; i++)
		if (x->rank[i] != y->rank[i])
			return x->rank[i] < y->rank[i] ? -1 : 1;
	if (x->len != y->len)
		return x->len < y->len ? -1 : 1;
	return (x->logical > y->logical) - (x->logical < y->logical);
}

/* Fills t->compact and t->scatter; returns -1 with errno on allocation
 * failure. */
static int build_orders(struct lb_topo *t)
{
	hwloc_const_cpuset_t allowed = hwloc_topology_get_allowed_cpuset(t->topo);
	int total = hwloc_get_nbobjs_by_type(t->topo, HWLOC_OBJ_PU);
	int depth = hwloc_topology_get_depth(t->topo);
	struct scatter_key *keys = NULL;
	int *ranks = NULL;
	int n = 0;

	if (total <= 0 || depth <= 0) {
		errno = ENOENT;
		return -1;
	}
	t->compact = calloc((size_t)total, sizeof *t->compact);
	t->scatter = calloc((size_t)total, sizeof *t->scatter);
	keys = calloc((size_t)total, sizeof *keys);
	ranks = calloc((size_t)total * (size_t)depth, sizeof *ranks);
	if (!t->compact || !t->scatter || !keys || !ranks) {
		free(keys);
		free(ranks);
		errno = ENOMEM;
		return -1;
	}
	for (int i = 0; i < total; i++) {
		hwloc_obj_t pu = hwloc_get_obj_by_type(t->topo, HWLOC_OBJ_PU,
						       (unsigned)i);
		int *r = ranks + (size_t)n * (size_t)depth;
		int len = 0;

		if (!pu || !hwloc_bitmap_isset(allowed, pu->os_index))
			continue;
		/* Every normal object from the PU up to (not including) the
		 * root; there are at most depth - 1 of them. */
		for (hwloc_obj_t o = pu; o && o->parent && len < depth; o = o->parent)
			r[len++] = (int)o->sibling_rank;
		keys[n].rank = r;
		keys[n].len = len;
		keys[n].logical = (int)pu->logical_index;
		keys[n].os = (int)pu->os_index;
		t->compact[n] = (int)pu->os_index;
		n++;
	}
	qsort(keys, (size_t)n, sizeof *keys, scatter_cmp);
	for (int i = 0; i < n; i++)
		t->scatter[i] = keys[i].os;
	free(keys);
	free(ranks);
	t->npus = n;
	if (n == 0) {
		errno = ENOENT;
		return -1;
	}
	return 0;
}

/* ---- opening the topology ---------------------------------------------- */

struct lb_topo *lb_topo_open(const char *synthetic, char *err, size_t errlen)
{
	struct lb_topo *t = calloc(1, sizeof *t);
	int n;

	if (!t) {
		fail(err, errlen, "out of memory");
		return NULL;
	}
	if (hwloc_topology_init(&t->topo) < 0) {
		fail(err, errlen, "hwloc cannot set up a topology: %s",
		     strerror(errno));
		free(t);
		return NULL;
	}
	/* On this machine, only the PUs this process may run on: cgroups
	 * are handled by hwloc's default filtering (the allowed cpuset),
	 * taskset and other affinity masks by restricting to the binding. */
	if (!synthetic &&
	    hwloc_topology_set_flags(t->topo,
				     HWLOC_TOPOLOGY_FLAG_IS_THISSYSTEM |
				     HWLOC_TOPOLOGY_FLAG_RESTRICT_TO_CPUBINDING) < 0) {
		fail(err, errlen, "hwloc cannot restrict the topology to this "
		     "process's CPUs: %s", strerror(errno));
		lb_topo_close(t);
		return NULL;
	}
	if (synthetic && hwloc_topology_set_synthetic(t->topo, synthetic) < 0) {
		fail(err, errlen,
		     "\"%s\" is not a valid hwloc synthetic topology description "
		     "(e.g. \"pack:2 core:4 pu:2\")", synthetic);
		lb_topo_close(t);
		return NULL;
	}
	if (hwloc_topology_load(t->topo) < 0) {
		fail(err, errlen, "hwloc cannot load the topology: %s",
		     strerror(errno));
		lb_topo_close(t);
		return NULL;
	}
	if (build_orders(t) < 0) {
		if (errno == ENOMEM)
			fail(err, errlen, "out of memory");
		else
			fail(err, errlen, "hwloc found no PUs this process may use");
		lb_topo_close(t);
		return NULL;
	}

	t->counts.pus = t->npus;
	n = hwloc_get_nbobjs_by_type(t->topo, HWLOC_OBJ_PACKAGE);
	t->counts.packages = n > 0 ? n : 1;
	n = hwloc_get_nbobjs_by_type(t->topo, HWLOC_OBJ_CORE);
	t->counts.cores = n > 0 ? n : t->npus;
	if (t->counts.cores < t->counts.packages)
		t->counts.cores = t->counts.packages;
	n = hwloc_get_nbobjs_by_type(t->topo, HWLOC_OBJ_NUMANODE);
	t->counts.numa = n > 0 ? n : 1;
	return t;
}

void lb_topo_close(struct lb_topo *t)
{
	if (!t)
		return;
	if (t->topo)
		hwloc_topology_destroy(t->topo);
	free(t->compact);
	free(t->scatter);
	free(t);
}

void lb_topo_counts(const struct lb_topo *t, struct lb_topo_counts *c)
{
	*c = t->counts;
}

/* ---- policies ---------------------------------------------------------- */

/* One "lo" or "lo-hi" item of a CPU list. */
struct cpu_range {
	long lo, hi;
};

/*
 * Checks text against hwloc's list syntax, strictly: one or more items
 * separated by single commas, each a decimal number or "lo-hi" with
 * lo <= hi.  hwloc_bitmap_list_sscanf() is more lenient (it takes "3-" as
 * "3 and everything above" and may stop early on trailing text), so its
 * result is only trusted after this check has passed and the two agree.
 * Fills ranges (up to max of them) and *nranges; on error writes why.
 */
static int check_list_syntax(const char *text, struct cpu_range *ranges,
			     size_t max, size_t *nranges, char *why,
			     size_t whylen)
{
	const char *s = text;
	size_t n = 0;

	*nranges = 0;
	if (*s == '\0') {
		snprintf(why, whylen, "it is empty");
		return -1;
	}
	for (;;) {
		long v[2];
		int k = 0;

		for (;;) {
			char *end;

			if (*s == '\0') {
				snprintf(why, whylen,
					 "it ends where a number should be");
				return -1;
			}
			if (*s == '-' || *s == ',') {
				snprintf(why, whylen,
					 "a number is missing before '%c'", *s);
				return -1;
			}
			if (*s < '0' || *s > '9') {
				snprintf(why, whylen,
					 "'%c' is not a digit, '-' or ','", *s);
				return -1;
			}
			errno = 0;
			v[k] = strtol(s, &end, 10);
			if (errno == ERANGE || v[k] > INT_MAX) {
				snprintf(why, whylen, "%.*s is too large",
					 (int)(end - s), s);
				return -1;
			}
			s = end;
			k++;
			if (k == 2 || *s != '-')
				break;
			s++; /* the '-' of a range */
		}
		if (k == 1)
			v[1] = v[0];
		if (v[0] > v[1]) {
			snprintf(why, whylen, "range %ld-%ld runs backwards",
				 v[0], v[1]);
			return -1;
		}
		if (n == max) {
			snprintf(why, whylen, "it has more than %zu items", max);
			return -1;
		}
		ranges[n].lo = v[0];
		ranges[n].hi = v[1];
		n++;
		if (*s == '\0')
			break;
		if (*s == '-') {
			snprintf(why, whylen, "a range has a single '-'");
			return -1;
		}
		if (*s != ',') {
			snprintf(why, whylen, "'%c' is not a digit, '-' or ','",
				 *s);
			return -1;
		}
		s++;
	}
	*nranges = n;
	return 0;
}

/* The list text into out; what a refusal says text is not: what (a
 * policy's name or a list; a list). */
static int parse_list(const struct lb_topo *t, const char *text, const char *what,
		      struct lb_pin *out, char *err, size_t errlen)
{
	hwloc_const_cpuset_t allowed = hwloc_topology_get_allowed_cpuset(t->topo);
	struct cpu_range *ranges;
	size_t nranges = 0;
	hwloc_bitmap_t parsed = NULL, mine = NULL;
	char why[96];
	long missing = -1;
	int rc = -1, w;

	/* A list has at most one item per character. */
	ranges = calloc(strlen(text) + 1, sizeof *ranges);
	if (!ranges)
		return fail(err, errlen, "out of memory");
	if (check_list_syntax(text, ranges, strlen(text) + 1, &nranges, why,
			      sizeof why) < 0) {
		fail(err, errlen, "not %s in hwloc's list syntax such as 0-3,8 (%s)", what, why);
		goto out;
	}

	/* The first (lowest) listed CPU that is not an allowed PU.  Found
	 * range by range so that "0-2000000000" never becomes a bitmap. */
	for (size_t i = 0; i < nranges; i++) {
		int u = hwloc_bitmap_next_unset(allowed, (int)ranges[i].lo - 1);

		if (u >= 0 && u <= ranges[i].hi && (missing < 0 || u < missing))
			missing = u;
	}
	if (missing >= 0) {
		char *here = NULL;

		if (hwloc_bitmap_list_asprintf(&here, allowed) < 0)
			here = NULL;
		fail(err, errlen, "CPU %ld does not exist (PUs here: %s)",
		     missing, here ? here : "?");
		free(here);
		goto out;
	}

	/* Every value is now an existing PU, so hwloc's own parse is small
	 * and must agree with ours. */
	parsed = hwloc_bitmap_alloc();
	mine = hwloc_bitmap_alloc();
	if (!parsed || !mine) {
		fail(err, errlen, "out of memory");
		goto out;
	}
	for (size_t i = 0; i < nranges; i++)
		if (hwloc_bitmap_set_range(mine, (unsigned)ranges[i].lo,
					   (int)ranges[i].hi) < 0) {
			fail(err, errlen, "out of memory");
			goto out;
		}
	if (hwloc_bitmap_list_sscanf(parsed, text) < 0 ||
	    !hwloc_bitmap_isequal(parsed, mine)) {
		fail(err, errlen,
		     "not a CPU list in hwloc's list syntax such as 0-3,8");
		goto out;
	}
	w = hwloc_bitmap_weight(parsed);
	if (w <= 0 || w > LB_PIN_MAX_CPUS) {
		fail(err, errlen, "a CPU list takes 1 to %d CPUs, not %d",
		     LB_PIN_MAX_CPUS, w);
		goto out;
	}
	if (hwloc_bitmap_list_snprintf(out->name, sizeof out->name, parsed) >=
	    (int)sizeof out->name) {
		fail(err, errlen,
		     "the CPU list is longer than %zu characters even when "
		     "written with ranges", sizeof out->name - 1);
		goto out;
	}
	out->policy = LB_PIN_LIST;
	out->ncpus = 0;
	{
		unsigned cpu;

		hwloc_bitmap_foreach_begin(cpu, parsed)
			out->cpus[out->ncpus++] = (int)cpu;
		hwloc_bitmap_foreach_end();
	}
	rc = 0;
out:
	hwloc_bitmap_free(parsed);
	hwloc_bitmap_free(mine);
	free(ranges);
	return rc;
}

int lb_pin_parse(const struct lb_topo *t, const char *text, struct lb_pin *out,
		 char *err, size_t errlen)
{
	static const struct {
		const char *name;
		enum lb_pin_policy policy;
	} named[] = {
		{ "compact", LB_PIN_COMPACT },
		{ "scatter", LB_PIN_SCATTER },
		{ "none", LB_PIN_NONE },
	};

	if (!text)
		return fail(err, errlen, "no pin policy given");
	for (size_t i = 0; i < sizeof named / sizeof named[0]; i++)
		if (strcmp(text, named[i].name) == 0) {
			out->policy = named[i].policy;
			snprintf(out->name, sizeof out->name, "%s", named[i].name);
			out->ncpus = 0;
			return 0;
		}
	return parse_list(t, text, "compact, scatter, none or a CPU list", out, err, errlen);
}

int lb_pin_parse_list(const struct lb_topo *t, const char *text, struct lb_pin *out,
		      char *err, size_t errlen)
{
	return parse_list(t, text, "a list of PUs", out, err, errlen);
}

int lb_pin_plan(const struct lb_topo *t, const struct lb_pin *p, int n,
		int *cpus, char *err, size_t errlen)
{
	const int *order;
	int len;

	if (n <= 0)
		return fail(err, errlen, "the number of threads must be at least 1, "
			    "not %d", n);
	switch (p->policy) {
	case LB_PIN_NONE:
		for (int i = 0; i < n; i++)
			cpus[i] = -1;
		return 0;
	case LB_PIN_COMPACT:
		order = t->compact;
		len = t->npus;
		break;
	case LB_PIN_SCATTER:
		order = t->scatter;
		len = t->npus;
		break;
	case LB_PIN_LIST:
		order = p->cpus;
		len = p->ncpus;
		if (len <= 0 || len > LB_PIN_MAX_CPUS)
			return fail(err, errlen, "the CPU list %s holds %d CPUs",
				    p->name, len);
		break;
	default:
		return fail(err, errlen, "unknown pin policy %d", (int)p->policy);
	}
	for (int i = 0; i < n; i++)
		cpus[i] = order[i % len];
	return 0;
}

int lb_pin_self(const struct lb_topo *t, int cpu, char *err, size_t errlen)
{
	hwloc_const_cpuset_t allowed = hwloc_topology_get_allowed_cpuset(t->topo);
	hwloc_obj_t pu;

	if (!hwloc_topology_is_thissystem(t->topo))
		return fail(err, errlen, "cannot bind to CPU %d: the topology "
			    "is not this machine's (synthetic?)", cpu);
	pu = cpu >= 0 ? hwloc_get_pu_obj_by_os_index(t->topo, (unsigned)cpu) : NULL;
	if (!pu || !hwloc_bitmap_isset(allowed, (unsigned)cpu))
		return fail(err, errlen, "cannot bind to CPU %d: it does not exist",
			    cpu);
	if (hwloc_set_cpubind(t->topo, pu->cpuset, HWLOC_CPUBIND_THREAD) < 0)
		return fail(err, errlen, "cannot bind to CPU %d: %s", cpu,
			    strerror(errno));
	return 0;
}

/* ---- lockbench topo ------------------------------------------------------ */

/* Sizes the way lstopo users read them: the largest binary unit that
 * divides the size exactly (caches), or one decimal (memory). */
static void fmt_size(char *buf, size_t len, unsigned long long bytes, int exact)
{
	static const char *unit[] = { "B", "KiB", "MiB", "GiB", "TiB" };
	int u = 0;

	if (exact) {
		while (u < 4 && bytes >= 1024 && bytes % 1024 == 0) {
			bytes /= 1024;
			u++;
		}
		snprintf(buf, len, "%llu %s", bytes, unit[u]);
		return;
	}
	{
		double v = (double)bytes;

		while (u < 4 && v >= 1024) {
			v /= 1024;
			u++;
		}
		if (u == 0 || v >= 100)
			snprintf(buf, len, "%.0f %s", v, unit[u]);
		else
			snprintf(buf, len, "%.1f %s", v, unit[u]);
	}
}

/* A growable line. */
struct line {
	char *s;
	size_t len, cap;
	int oom;
};

static void line_add(struct line *l, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

static void line_add(struct line *l, const char *fmt, ...)
{
	va_list ap;
	int n;

	if (l->oom)
		return;
	va_start(ap, fmt);
	n = vsnprintf(NULL, 0, fmt, ap);
	va_end(ap);
	if (n < 0) {
		l->oom = 1;
		return;
	}
	if (l->len + (size_t)n + 1 > l->cap) {
		size_t cap = l->cap ? l->cap : 128;
		char *s;

		while (l->len + (size_t)n + 1 > cap)
			cap *= 2;
		s = realloc(l->s, cap);
		if (!s) {
			l->oom = 1;
			return;
		}
		l->s = s;
		l->cap = cap;
	}
	va_start(ap, fmt);
	vsnprintf(l->s + l->len, l->cap - l->len, fmt, ap);
	va_end(ap);
	l->len += (size_t)n;
}

/* "Package L#0 (P#0)", "L3 (32 MiB)", "Core L#3 (P#5)", "NUMANode L#0
 * (P#0, 7.6 GiB)". */
static void obj_label(struct line *l, hwloc_obj_t o)
{
	char type[64], size[32];
	int has_os = o->os_index != HWLOC_UNKNOWN_INDEX;

	hwloc_obj_type_snprintf(type, sizeof type, o, 0);
	if (hwloc_obj_type_is_cache(o->type)) {
		fmt_size(size, sizeof size, o->attr->cache.size, 1);
		if (o->attr->cache.size)
			line_add(l, "%s (%s)", type, size);
		else
			line_add(l, "%s", type);
		return;
	}
	line_add(l, "%s L#%u", type, o->logical_index);
	if (o->type == HWLOC_OBJ_NUMANODE && o->attr->numanode.local_memory) {
		fmt_size(size, sizeof size, o->attr->numanode.local_memory, 0);
		if (has_os)
			line_add(l, " (P#%u, %s)", o->os_index, size);
		else
			line_add(l, " (%s)", size);
	} else if (has_os) {
		line_add(l, " (P#%u)", o->os_index);
	}
}

static int all_children_pus(hwloc_obj_t o)
{
	if (o->arity == 0)
		return 0;
	for (hwloc_obj_t c = o->first_child; c; c = c->next_sibling)
		if (c->type != HWLOC_OBJ_PU)
			return 0;
	return 1;
}

static int put_line(FILE *out, int indent, struct line *l)
{
	if (l->oom) {
		errno = ENOMEM;
		return -1;
	}
	if (fprintf(out, "%*s%s\n", indent, "", l->s ? l->s : "") < 0)
		return -1;
	l->len = 0;
	if (l->s)
		l->s[0] = '\0';
	return 0;
}

static int print_memory(FILE *out, hwloc_obj_t o, int indent, struct line *l)
{
	for (hwloc_obj_t m = o->memory_first_child; m; m = m->next_sibling) {
		obj_label(l, m);
		if (put_line(out, indent, l) < 0 ||
		    print_memory(out, m, indent + 2, l) < 0)
			return -1;
	}
	return 0;
}

/*
 * One object per line, indented by depth, with two contractions that keep
 * a 256-PU machine readable: a chain of objects that each have a single
 * child goes on one line ("L2 (1 MiB) + L1d (48 KiB) + Core L#0 (P#0)"),
 * and PUs go on their parent's line ("Core L#0 (P#0): PU 0, 8").
 */
static int print_tree(FILE *out, hwloc_obj_t o, int indent, struct line *l)
{
	hwloc_obj_t cur = o;

	obj_label(l, cur);
	while (cur->memory_arity == 0 && cur->arity == 1 &&
	       cur->first_child->type != HWLOC_OBJ_PU && cur->parent) {
		cur = cur->first_child;
		line_add(l, " + ");
		obj_label(l, cur);
	}
	if (all_children_pus(cur)) {
		const char *sep = ": PU ";

		for (hwloc_obj_t c = cur->first_child; c; c = c->next_sibling) {
			line_add(l, "%s%u", sep, c->os_index);
			sep = ", ";
		}
		if (put_line(out, indent, l) < 0)
			return -1;
		return print_memory(out, cur, indent + 2, l);
	}
	if (put_line(out, indent, l) < 0 ||
	    print_memory(out, cur, indent + 2, l) < 0)
		return -1;
	for (hwloc_obj_t c = cur->first_child; c; c = c->next_sibling)
		if (print_tree(out, c, indent + 2, l) < 0)
			return -1;
	return 0;
}

/* The first n PUs of an order (wrapping around) as "0,8,2". */
static void order_list(struct line *l, const int *order, int len, int n)
{
	for (int i = 0; i < n; i++)
		line_add(l, "%s%d", i ? "," : "", order[i % len]);
}

static const char *plural(int n, const char *one, const char *many)
{
	return n == 1 ? one : many;
}

int lb_topo_print(const struct lb_topo *t, FILE *out, int maxthreads)
{
	const struct lb_topo_counts *c = &t->counts;
	hwloc_obj_t root = hwloc_get_root_obj(t->topo);
	struct line l = { 0 }, row = { 0 };
	char size[32];
	int rc = -1;
	int width;

	if (fprintf(out, "%d %s, %d %s, %d %s, %d %s\n", c->packages,
		    plural(c->packages, "package", "packages"), c->numa,
		    plural(c->numa, "NUMA node", "NUMA nodes"), c->cores,
		    plural(c->cores, "core", "cores"), c->pus,
		    plural(c->pus, "PU", "PUs")) < 0)
		goto out;

	line_add(&l, "Machine");
	if (root->total_memory) {
		fmt_size(size, sizeof size, root->total_memory, 0);
		line_add(&l, " (%s total)", size);
	}
	if (put_line(out, 0, &l) < 0 || print_memory(out, root, 2, &l) < 0)
		goto out;
	for (hwloc_obj_t ch = root->first_child; ch; ch = ch->next_sibling)
		if (print_tree(out, ch, 2, &l) < 0)
			goto out;

	if (maxthreads > 0) {
		/* The compact column is as wide as its longest entry, up to a
		 * point; longer entries push the scatter column right. */
		order_list(&row, t->compact, t->npus, maxthreads);
		width = row.oom ? 7 : (int)row.len;
		if (width > 40)
			width = 40;
		if (width < 7)
			width = 7;
		if (fprintf(out, "\nthreads  %-*s  scatter\n", width, "compact") < 0)
			goto out;
		for (int n = 1; n <= maxthreads; n++) {
			row.len = 0;
			order_list(&row, t->compact, t->npus, n);
			if (row.oom) {
				errno = ENOMEM;
				goto out;
			}
			line_add(&l, "%7d  %-*s  ", n, width, row.s);
			order_list(&l, t->scatter, t->npus, n);
			if (put_line(out, 0, &l) < 0)
				goto out;
		}
	}
	if (fflush(out) != 0 || ferror(out))
		goto out;
	rc = 0;
out:
	free(l.s);
	free(row.s);
	return rc;
}
