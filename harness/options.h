/*
 * options.h - parsing what users type: durations, numbers, lists and
 * "name:key=value,key=value" specs checked against a table of option
 * descriptors.
 *
 * Every parser returns 0 on success, or -1 with a one-line message in
 * err (no trailing newline) that names the offending value.  Nothing here
 * prints or exits: only main() decides that.
 */
#ifndef LB_OPTIONS_H
#define LB_OPTIONS_H

#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#define LB_ERR_LEN 256

enum lb_opt_type {
	LB_OPT_ENUM,     /* one of choices, "a|b|c"; value is the index */
	LB_OPT_UINT,     /* unsigned integer in [min, max]              */
	LB_OPT_DURATION, /* duration with a unit, in ns, in [min, max]  */
	LB_OPT_DOUBLE,   /* real number in [min, max]                   */
};

/* One option a lock (or any other primitive) accepts.  A table of these
 * ends with an entry whose key is NULL. */
struct lb_optdesc {
	const char *key;
	enum lb_opt_type type;
	const char *def;     /* default, spelled as a user would type it */
	const char *choices; /* LB_OPT_ENUM only */
	double min, max;     /* LB_OPT_UINT, LB_OPT_DURATION (ns), LB_OPT_DOUBLE */
	const char *help;
};

#define LB_OPTS_MAX 8

union lb_optval {
	long long i; /* ENUM index, UINT value, DURATION in ns */
	double d;    /* DOUBLE */
};

/* Parsed options: v[k] belongs to desc[k]; canon is every key with its
 * value (defaults filled in), in table order: "type=normal,spin=4". */
struct lb_optset {
	union lb_optval v[LB_OPTS_MAX];
	char canon[160];
};

/* Parse "key=value,..." (text may be NULL or empty) against desc.  owner
 * names the thing in messages, e.g. "lock 'ttas'". */
int lb_opts_parse(const char *owner, const struct lb_optdesc *desc,
		  const char *text, struct lb_optset *out,
		  char *err, size_t errlen);

/* A spec as charts and tables name it: "name", then ":" and the options
 * of opts ("key=value,...", as a results file holds them, every option
 * filled in) whose values differ from their defaults in desc, in their
 * order (gomutex with "mode=normal,threshold=1ms,spin=4" is
 * "gomutex:mode=normal").  An option that desc does not know, or whose
 * value does not parse (a file from another build), is kept as it is;
 * so is all of opts when desc is NULL.  Cut to len. */
void lb_spec_label(const char *name, const char *opts, const struct lb_optdesc *desc,
		   char *buf, size_t len);

/* "500ms", "2s", "100us", "250ns", "1m": a positive duration with a unit. */
int lb_parse_duration_ns(const char *s, uint64_t *ns, char *err, size_t errlen);
/* A non-negative duration: like the above but "0" (no unit) is allowed. */
int lb_parse_duration0_ns(const char *s, uint64_t *ns, char *err, size_t errlen);
/* A duration in [min_ns, max_ns] ("0" without a unit allowed when min_ns
 * is 0); out of range says so with both bounds. */
int lb_parse_duration_in(const char *s, uint64_t min_ns, uint64_t max_ns, uint64_t *ns,
			 char *err, size_t errlen);
/* An unsigned integer in [min, max], all of s consumed. */
int lb_parse_u64(const char *s, uint64_t min, uint64_t max, uint64_t *out,
		 char *err, size_t errlen);
/* A finite real number in [min, max], all of s consumed. */
int lb_parse_double(const char *s, double min, double max, double *out,
		    char *err, size_t errlen);

/* The message fmt... into err (cut to errlen), and -1: the error return
 * of every function that reports through err.  The message is made
 * visible (lb_visible), so that it stays one line whatever text from a
 * flag or a file it quotes; errno is kept. */
int lb_err(char *err, size_t errlen, const char *fmt, ...) __attribute__((format(printf, 3, 4)));

/* Text from outside (a flag, a file name, a field of a results file) as
 * one line of plain text: every control character (a line break, a tab,
 * a carriage return, an escape, DEL) becomes its C escape (\n, \t, \r,
 * \x1b, \x7f); everything else is kept, UTF-8 included.  Into buf, cut
 * to len (never inside an escape).  Returns buf. */
char *lb_visible(char *buf, size_t len, const char *s);

/* One line on f: the message fmt..., made visible (lb_visible), then a
 * line break.  Every message lockbench prints goes through here or
 * lb_err, so that none can take two lines. */
void lb_say(FILE *f, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* The same with a va_list. */
void lb_vsay(FILE *f, const char *fmt, va_list ap) __attribute__((format(printf, 2, 0)));

/* Print a duration in ns the way the parser reads it ("1ms", "250us"). */
void lb_format_duration(uint64_t ns, char *buf, size_t len);

/* The longest --timeout either program takes: a day. */
#define LB_TIMEOUT_MAX (86400ULL * 1000000000ULL)

#endif
