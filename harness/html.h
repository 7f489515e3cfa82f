/*
 * html.h - what the pages of lockbench report, compare and the profile's
 * report share: escaping, number formats, the style sheet, a chart's
 * figure.
 *
 * Every text that comes from a file lockbench reads (a results CSV, a
 * profile, a sidecar) reaches a page through lb_html_esc only.
 */
#ifndef LB_HTML_H
#define LB_HTML_H

#include <stdio.h>

#include "harness/charts.h"

/* s, HTML-escaped (& < > " ' as entities, other control characters but a
 * line break and a tab shown as \xNN); NULL as "NA". */
void lb_html_esc(FILE *f, const char *s);

/* A formatted number: a buffer each, so that several fit in one printf.
 * NaN and infinities read "NA". */
struct lb_num {
	char s[32];
};

struct lb_num lb_num_si(double v);    /* 12.3M */
struct lb_num lb_num_ns(double v);    /* 950ns, 1.2us, 3.4ms (v in ns) */
struct lb_num lb_num_g3(double v);    /* 0.123: three significant digits */
struct lb_num lb_num_pct(double v);   /* 12.3% (v a share) */
struct lb_num lb_num_times(double v); /* 1.23x; 0.000123x below 0.01 */

/* The pages' style sheet. */
extern const char lb_html_css[];

/* Chart c as a figure: its SVG, its caption, links to PNG, SVG and the
 * gnuplot script (all beside the page). */
void lb_html_figure(FILE *f, const struct lb_chart *c);

#endif
