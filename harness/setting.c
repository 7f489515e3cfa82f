/*
 * setting.c - a workload setting in a few words.  See setting.h.
 *
 * A results file names every parameter its workload reads, defaults and
 * all ("read_ratio=0.9,keys=1024,dist=uniform,cs_ns=0,think_ns=0,seed=1"),
 * and the pinning.  Said in full on every line of the findings, the one
 * parameter that changes between settings drowns in the others.  So a
 * parameter at lockbench run's default is left out, unless another
 * setting of the same workload on the page sets it otherwise: there it
 * is said, so that the settings still read apart ("hits, no critical
 * section" beside "hits, 1us critical section").  A key this build does
 * not know (a file from another version) is kept as it is, key=value.
 */
#include "harness/setting.h"

#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "harness/options.h"

enum say {
	SAY_TEXT,     /* the value as it is */
	SAY_SHARE,    /* a share in [0, 1] as a percentage */
	SAY_DURATION, /* ns as a duration; 0 as `none` */
};

/* How each parameter of lockbench run reads: before, the value, after.
 * def: the value it has without its flag (NULL: none, always said). */
static const struct word {
	const char *key, *def;
	enum say say;
	const char *before, *after, *none;
} words[] = {
	{ "read_ratio", NULL, SAY_SHARE, "", "% reads", NULL },
	{ "keys", "1024", SAY_TEXT, "", "-key map", NULL },
	{ "dist", "uniform", SAY_TEXT, "", " keys", NULL },
	{ "skew", "0.99", SAY_TEXT, "skew ", "", NULL },
	{ "cs_ns", "0", SAY_DURATION, "", " critical section", "no critical section" },
	{ "think_ns", "0", SAY_DURATION, "", " think time", "no think time" },
	{ "work_ns", "0", SAY_DURATION, "", " work per task", "no work per task" },
	{ "spawn", "pool", SAY_TEXT, "spawn ", "", NULL },
	{ "seed", "1", SAY_TEXT, "seed ", "", NULL },
};

static const struct word *word_of(const char *key)
{
	for (size_t i = 0; i < sizeof words / sizeof words[0]; i++)
		if (strcmp(words[i].key, key) == 0)
			return &words[i];
	return NULL;
}

/* Whether key has value in every other panel of r with pi's workload. */
static bool same_elsewhere(const struct lb_results *r, int pi, const char *key, const char *value)
{
	const struct lb_panel *p = &r->panels[pi];
	char v[128];

	for (int i = 0; i < r->npanels; i++) {
		const struct lb_panel *q = &r->panels[i];
		if (i == pi || !q->workload || !p->workload || strcmp(q->workload, p->workload) != 0)
			continue;
		const char *qv = q->pin;
		if (key)
			qv = lb_opts_get(q->workload_opts, key, v, sizeof v) == 0 ? v : NULL;
		if (!qv || strcmp(qv, value) != 0)
			return false;
	}
	return true;
}

/* One parameter, key=value, in words after ", " into buf at *used. */
static void say(char *buf, size_t len, size_t *used, const char *key, const char *value)
{
	const struct word *w = word_of(key);
	char text[128];

#define ADD(...) (*used += (size_t)snprintf(buf + *used, *used < len ? len - *used : 0, __VA_ARGS__))
	if (!w) {
		ADD(", %s=%s", key, value);
		return;
	}
	snprintf(text, sizeof text, "%s", value);
	if (w->say == SAY_SHARE) {
		char *end;
		double d = strtod(value, &end);
		if (end != value && !*end)
			snprintf(text, sizeof text, "%g", d * 100);
	} else if (w->say == SAY_DURATION) {
		char *end;
		unsigned long long ns = strtoull(value, &end, 10);
		if (end != value && !*end && ns == 0) {
			ADD(", %s", w->none);
			return;
		}
		if (end != value && !*end)
			lb_format_duration(ns, text, sizeof text);
	}
	ADD(", %s%s%s", w->before, text, w->after);
#undef ADD
}

void lb_setting_words(const struct lb_results *r, int pi, char *buf, size_t len)
{
	const struct lb_panel *p = &r->panels[pi];
	const char *opts = p->workload_opts;
	size_t used, n, klen;

	snprintf(buf, len, "%s", p->workload ? p->workload : "NA");
	used = strlen(buf);
	for (const char *item; lb_opts_next(&opts, &item, &n, &klen);) {
		char key[64], value[128];
		snprintf(key, sizeof key, "%.*s", (int)klen, item);
		snprintf(value, sizeof value, "%.*s", (int)(klen < n ? n - klen - 1 : 0),
			 item + (klen < n ? klen + 1 : n));
		const struct word *w = word_of(key);
		if (klen == n) /* an item without a value: as it is */
			used += (size_t)snprintf(buf + used, used < len ? len - used : 0, ", %s", key);
		else if (!(w && w->def && strcmp(value, w->def) == 0 &&
			   same_elsewhere(r, pi, key, value)))
			say(buf, len, &used, key, value);
	}
	if (p->pin && !(strcmp(p->pin, "compact") == 0 && same_elsewhere(r, pi, NULL, p->pin)))
		snprintf(buf + used, used < len ? len - used : 0, ", %s%s",
			 strcmp(p->pin, "none") == 0 ? "unpinned" : "pin ",
			 strcmp(p->pin, "none") == 0 ? "" : p->pin);
}
