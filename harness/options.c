/*
 * options.c - parsing what users type.  See options.h.
 *
 * Numbers go through strtoull/strtod with every character accounted for:
 * "12abc", "", " 3" and "-1" (for unsigned values) are errors, never a
 * silent 0 or a wrapped-around huge number.
 */
#include <ctype.h>
#include <errno.h>
#include <math.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "harness/options.h"

/* ---- messages ---------------------------------------------------------- */

char *lb_visible(char *buf, size_t len, const char *s)
{
	size_t n = 0;

	if (len == 0)
		return buf;
	for (; s && *s; s++) {
		unsigned char c = (unsigned char)*s;
		char esc[8];
		if (c >= ' ' && c != 0x7f) {
			esc[0] = (char)c;
			esc[1] = '\0';
		} else if (c == '\n' || c == '\t' || c == '\r') {
			snprintf(esc, sizeof esc, "\\%c", c == '\n' ? 'n' : c == '\t' ? 't' : 'r');
		} else {
			snprintf(esc, sizeof esc, "\\x%02x", c);
		}
		size_t k = strlen(esc);
		if (n + k >= len)
			break;
		memcpy(buf + n, esc, k);
		n += k;
	}
	buf[n] = '\0';
	return buf;
}

int lb_err(char *err, size_t errlen, const char *fmt, ...)
{
	int saved = errno;
	char raw[4 * LB_ERR_LEN];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(raw, sizeof raw, fmt, ap);
	va_end(ap);
	lb_visible(err, errlen, raw);
	errno = saved;
	return -1;
}

void lb_vsay(FILE *f, const char *fmt, va_list ap)
{
	char raw[8192], line[8192];

	vsnprintf(raw, sizeof raw, fmt, ap);
	fprintf(f, "%s\n", lb_visible(line, sizeof line, raw));
}

void lb_say(FILE *f, const char *fmt, ...)
{
	int saved = errno;
	va_list ap;

	va_start(ap, fmt);
	lb_vsay(f, fmt, ap);
	va_end(ap);
	errno = saved;
}

/* A parse error: the message, errno EINVAL, -1. */
#define fail(...) (errno = EINVAL, lb_err(__VA_ARGS__))

int lb_parse_u64(const char *s, uint64_t min, uint64_t max, uint64_t *out,
		 char *err, size_t errlen)
{
	char *end;
	unsigned long long v;

	if (!s || !isdigit((unsigned char)s[0]))
		return fail(err, errlen, "'%s' is not a whole number", s ? s : "");
	errno = 0;
	v = strtoull(s, &end, 10);
	if (*end != '\0')
		return fail(err, errlen, "'%s' is not a whole number", s);
	if (errno == ERANGE || v < min || v > max)
		return fail(err, errlen, "%s is out of range (%llu to %llu)", s,
			    (unsigned long long)min, (unsigned long long)max);
	*out = v;
	return 0;
}

int lb_parse_double(const char *s, double min, double max, double *out,
		    char *err, size_t errlen)
{
	char *end;
	double v;

	if (!s || s[0] == '\0' || isspace((unsigned char)s[0]))
		return fail(err, errlen, "'%s' is not a number", s ? s : "");
	errno = 0;
	v = strtod(s, &end);
	if (*end != '\0' || errno == ERANGE || !isfinite(v))
		return fail(err, errlen, "'%s' is not a number", s);
	if (v < min || v > max)
		return fail(err, errlen, "%s is out of range (%g to %g)", s, min, max);
	*out = v;
	return 0;
}

static const struct {
	const char *unit;
	double ns;
} duration_units[] = {
	{ "ns", 1 }, { "us", 1e3 }, { "ms", 1e6 }, { "s", 1e9 }, { "m", 60e9 },
};

static int parse_duration(const char *s, int allow_zero, uint64_t *ns,
			  char *err, size_t errlen)
{
	char *end;
	double v;

	if (!s || !(isdigit((unsigned char)s[0]) || s[0] == '.'))
		return fail(err, errlen,
			    "'%s' is not a duration (a positive number with a unit: 500ms, 2s, 100us)",
			    s ? s : "");
	if (allow_zero && strcmp(s, "0") == 0) {
		*ns = 0;
		return 0;
	}
	errno = 0;
	v = strtod(s, &end);
	if (errno == ERANGE || !isfinite(v))
		return fail(err, errlen, "'%s' is not a duration", s);
	for (size_t i = 0; i < sizeof duration_units / sizeof duration_units[0]; i++) {
		if (strcmp(end, duration_units[i].unit) != 0)
			continue;
		double t = v * duration_units[i].ns;
		if (t > 1e18)
			return fail(err, errlen, "'%s' is too long a duration", s);
		if (t < 1 && !(allow_zero && t == 0))
			return fail(err, errlen,
				    "'%s' is not a positive duration", s);
		*ns = (uint64_t)llround(t);
		return 0;
	}
	if (*end == '\0' && !(v > 0))
		return fail(err, errlen, "'%s' is not a positive duration (write e.g. 500ms or 2s; "
			    "units: ns, us, ms, s, m)", s);
	if (*end == '\0')
		return fail(err, errlen,
			    "'%s' has no unit (write e.g. %sms or %ss; units: ns, us, ms, s, m)",
			    s, s, s);
	return fail(err, errlen, "'%s' has an unknown unit '%s' (units: ns, us, ms, s, m)",
		    s, end);
}

int lb_parse_duration_ns(const char *s, uint64_t *ns, char *err, size_t errlen)
{
	return parse_duration(s, 0, ns, err, errlen);
}

int lb_parse_duration0_ns(const char *s, uint64_t *ns, char *err, size_t errlen)
{
	return parse_duration(s, 1, ns, err, errlen);
}

int lb_parse_duration_in(const char *s, uint64_t min_ns, uint64_t max_ns, uint64_t *ns,
			 char *err, size_t errlen)
{
	char lo[32], hi[32];

	if (parse_duration(s, min_ns == 0, ns, err, errlen) < 0)
		return -1;
	if (*ns >= min_ns && *ns <= max_ns)
		return 0;
	lb_format_duration(min_ns, lo, sizeof lo);
	lb_format_duration(max_ns, hi, sizeof hi);
	return fail(err, errlen, "%s is out of range (%s to %s)", s, min_ns ? lo : "0", hi);
}

void lb_format_duration(uint64_t ns, char *buf, size_t len)
{
	/* The largest unit that divides ns exactly, so the text reads back
	 * as the same value. */
	for (size_t i = sizeof duration_units / sizeof duration_units[0]; i-- > 0;) {
		uint64_t u = (uint64_t)duration_units[i].ns;
		if (ns != 0 && ns % u == 0) {
			snprintf(buf, len, "%llu%s", (unsigned long long)(ns / u),
				 duration_units[i].unit);
			return;
		}
	}
	snprintf(buf, len, "%lluns", (unsigned long long)ns);
}

/* Parse one value for desc and write its canonical spelling to canon. */
static int parse_value(const char *owner, const struct lb_optdesc *d,
		       const char *value, union lb_optval *v,
		       char *canon, size_t canonlen, char *err, size_t errlen)
{
	char why[LB_ERR_LEN];
	uint64_t u = 0;

	switch (d->type) {
	case LB_OPT_ENUM: {
		size_t n = strlen(value);
		const char *c = d->choices;
		for (long long i = 0; c && *c; i++) {
			size_t len = strcspn(c, "|");
			if (n > 0 && len == n && strncmp(c, value, n) == 0) {
				v->i = i;
				snprintf(canon, canonlen, "%s", value);
				return 0;
			}
			c += len + (c[len] == '|');
		}
		return fail(err, errlen, "%s: option '%s' must be one of %s, not '%s'",
			    owner, d->key, d->choices, value);
	}
	case LB_OPT_UINT:
		if (lb_parse_u64(value, (uint64_t)d->min, (uint64_t)d->max, &u,
				 why, sizeof why) < 0)
			return fail(err, errlen, "%s: option '%s': %s", owner, d->key, why);
		v->i = (long long)u;
		snprintf(canon, canonlen, "%llu", (unsigned long long)u);
		return 0;
	case LB_OPT_DURATION:
		if (lb_parse_duration0_ns(value, &u, why, sizeof why) < 0)
			return fail(err, errlen, "%s: option '%s': %s", owner, d->key, why);
		if ((double)u < d->min || (double)u > d->max) {
			char lo[32], hi[32];
			lb_format_duration((uint64_t)d->min, lo, sizeof lo);
			lb_format_duration((uint64_t)d->max, hi, sizeof hi);
			return fail(err, errlen, "%s: option '%s': %s is out of range (%s to %s)",
				    owner, d->key, value, d->min == 0 ? "0" : lo, hi);
		}
		v->i = (long long)u;
		lb_format_duration(u, canon, canonlen);
		if (u == 0)
			snprintf(canon, canonlen, "0");
		return 0;
	case LB_OPT_DOUBLE:
		if (lb_parse_double(value, d->min, d->max, &v->d, why, sizeof why) < 0)
			return fail(err, errlen, "%s: option '%s': %s", owner, d->key, why);
		snprintf(canon, canonlen, "%g", v->d);
		return 0;
	}
	return fail(err, errlen, "%s: option '%s' has an unknown type", owner, d->key);
}

int lb_opts_parse(const char *owner, const struct lb_optdesc *desc,
		  const char *text, struct lb_optset *out,
		  char *err, size_t errlen)
{
	char given[LB_OPTS_MAX][64];
	int seen[LB_OPTS_MAX] = { 0 };
	int n = 0;

	memset(out, 0, sizeof *out);
	while (desc && desc[n].key)
		n++;
	if (n > LB_OPTS_MAX)
		return fail(err, errlen, "%s: too many options in its table", owner);

	/* The user's key=value pairs, each checked against the table. */
	const char *p = text ? text : "";
	while (*p) {
		size_t len = strcspn(p, ",");
		char item[160];
		if (len == 0 || len >= sizeof item)
			return fail(err, errlen, "%s: '%s' is not a list of key=value options",
				    owner, text);
		memcpy(item, p, len);
		item[len] = '\0';
		p += len + (p[len] == ',');
		if (p[-1] == ',' && *p == '\0')
			return fail(err, errlen, "%s: '%s' ends with a comma", owner, text);

		char *eq = strchr(item, '=');
		if (!eq)
			return fail(err, errlen, "%s: '%s' is not key=value", owner, item);
		*eq = '\0';
		int k = 0;
		while (k < n && strcmp(desc[k].key, item) != 0)
			k++;
		if (k == n) {
			char known[128] = "";
			for (int i = 0; i < n; i++)
				snprintf(known + strlen(known), sizeof known - strlen(known),
					 "%s%s", i ? ", " : "", desc[i].key);
			return fail(err, errlen, "%s: unknown option '%s' (%s%s)", owner, item,
				    n ? "known: " : "it takes no options", known);
		}
		if (seen[k])
			return fail(err, errlen, "%s: option '%s' is given twice", owner, item);
		seen[k] = 1;
		if (parse_value(owner, &desc[k], eq + 1, &out->v[k], given[k],
				sizeof given[k], err, errlen) < 0)
			return -1;
	}

	/* Defaults for the rest, and the canonical text of the whole set. */
	for (int k = 0; k < n; k++) {
		if (!seen[k] && parse_value(owner, &desc[k], desc[k].def, &out->v[k],
					    given[k], sizeof given[k], err, errlen) < 0)
			return -1;
		size_t used = strlen(out->canon);
		snprintf(out->canon + used, sizeof out->canon - used, "%s%s=%s",
			 k ? "," : "", desc[k].key, given[k]);
	}
	return 0;
}

/* Whether the single option item ("key=value") holds desc's default. */
static bool at_default(const struct lb_optdesc *desc, const struct lb_optset *def,
		       const char *item)
{
	struct lb_optset one;
	char err[LB_ERR_LEN];
	size_t klen = strcspn(item, "=");
	int k = 0;

	if (lb_opts_parse("spec", desc, item, &one, err, sizeof err) < 0)
		return false;
	while (desc[k].key && (strlen(desc[k].key) != klen || strncmp(desc[k].key, item, klen) != 0))
		k++;
	if (!desc[k].key)
		return false;
	return desc[k].type == LB_OPT_DOUBLE ? one.v[k].d == def->v[k].d
					     : one.v[k].i == def->v[k].i;
}

void lb_spec_label(const char *name, const char *opts, const struct lb_optdesc *desc,
		   char *buf, size_t len)
{
	struct lb_optset def;
	char err[LB_ERR_LEN];
	bool defaults = desc && lb_opts_parse("spec", desc, NULL, &def, err, sizeof err) == 0;
	size_t used;
	const char *sep = ":";

	snprintf(buf, len, "%s", name ? name : "");
	for (const char *p = opts ? opts : ""; *p;) {
		size_t n = strcspn(p, ",");
		char item[160];
		snprintf(item, sizeof item, "%.*s", (int)n, p);
		p += n + (p[n] == ',');
		if (defaults && at_default(desc, &def, item))
			continue;
		used = strlen(buf);
		snprintf(buf + used, len > used ? len - used : 0, "%s%s", sep, item);
		sep = ",";
	}
}
