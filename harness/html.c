/*
 * html.c - escaping, number formats, the style sheet and a chart's figure,
 * for every page lockbench writes.  See html.h.
 */
#include "harness/html.h"

#include <math.h>
#include <string.h>

void lb_html_esc(FILE *f, const char *s)
{
	if (!s)
		s = "NA";
	for (; *s; s++)
		switch (*s) {
		case '&': fputs("&amp;", f); break;
		case '<': fputs("&lt;", f); break;
		case '>': fputs("&gt;", f); break;
		case '"': fputs("&quot;", f); break;
		case '\'': fputs("&#39;", f); break;
		default:
			/* Other control characters, as the messages show them
			 * (lb_visible); a line break and a tab are white space. */
			if (((unsigned char)*s < ' ' && *s != '\n' && *s != '\t') || *s == 0x7f)
				fprintf(f, "\\x%02x", (unsigned char)*s);
			else
				putc(*s, f);
		}
}

/* v to three significant digits, in plain decimal (never "1e+03"), with
 * trailing zeros dropped as %g drops them: 12.3, 1.2, 950, 0.000123. */
static void sig3(char *buf, size_t len, double v, const char *unit)
{
	int digits = 0;

	if (v != 0 && isfinite(v)) {
		int e = (int)floor(log10(fabs(v)));
		/* what rounding does to the exponent: 999.7 is 1000 */
		double r = round(fabs(v) / pow(10, e - 2)) * pow(10, e - 2);
		if (r >= pow(10, e + 1))
			e++;
		digits = e >= 2 ? 0 : 2 - e;
	}
	int n = snprintf(buf, len, "%.*f", digits, v);
	if (digits > 0 && n > 0 && (size_t)n < len) {
		while (n > 1 && buf[n - 1] == '0')
			buf[--n] = '\0';
		if (buf[n - 1] == '.')
			buf[--n] = '\0';
	}
	snprintf(buf + strlen(buf), len - strlen(buf), "%s", unit);
}

/* v in the largest of the units (each `step` times the one before) in
 * which it reads at least 1 once rounded to three digits. */
static struct lb_num scaled(double v, const char *const *units, int nunits, double step)
{
	struct lb_num n;
	int u = 0;

	if (isnan(v) || isinf(v))
		return (struct lb_num){ "NA" };
	while (u + 1 < nunits && fabs(v) >= step * (1 - 5e-4))
		v /= step, u++;
	sig3(n.s, sizeof n.s, v, units[u]);
	return n;
}

struct lb_num lb_num_si(double v) /* 12.3M; a ceiling of few owner changes, 7.22T */
{
	static const char *const u[] = { "", "k", "M", "G", "T" };
	return scaled(v, u, 5, 1e3);
}

struct lb_num lb_num_ns(double v) /* 950ns, 1.2us, 3.4ms */
{
	static const char *const u[] = { "ns", "us", "ms", "s" };
	return scaled(v, u, 4, 1e3);
}

struct lb_num lb_num_g3(double v) /* 0.123 */
{
	return scaled(v, (const char *const[]){ "" }, 1, 1);
}

struct lb_num lb_num_pct(double v)
{
	struct lb_num n;

	if (isnan(v))
		return (struct lb_num){ "NA" };
	snprintf(n.s, sizeof n.s, "%.1f%%", v * 100);
	return n;
}

/* 1.23x; a ratio under 0.01 keeps three significant digits (0.000123x),
 * never "0.00x". */
struct lb_num lb_num_times(double v)
{
	struct lb_num n;

	if (isnan(v) || isinf(v))
		return (struct lb_num){ "NA" };
	if (fabs(v) >= 0.01 || v == 0)
		snprintf(n.s, sizeof n.s, "%.2fx", v);
	else
		sig3(n.s, sizeof n.s, v, "x");
	return n;
}

const char lb_html_css[] =
	"*{box-sizing:border-box}body{font:15px/1.45 system-ui,-apple-system,'Segoe UI',sans-serif;margin:0 auto;"
	"max-width:1200px;padding:1em 2em;color:#222}"
	"h1{margin-bottom:.2em}h2{border-bottom:1px solid #ccc;padding-bottom:.2em;margin-top:2em}"
	".sub{color:#555;margin-top:0}nav li{overflow-wrap:anywhere}"
	"table{border-collapse:collapse;margin:.8em 0;font-size:13px}"
	"th,td{border:1px solid #ddd;padding:3px 7px;text-align:left;vertical-align:top}"
	"th{background:#f3f3f3}tr:nth-child(even) td{background:#fafafa}"
	"td.n{text-align:right;font-variant-numeric:tabular-nums;white-space:nowrap}"
	"td.bad{color:#a00;font-weight:600}td.good{color:#060}"
	"figure{margin:1em 0}figure img{max-width:100%;height:auto;border:1px solid #eee}"
	"figcaption{font-size:13px;color:#444}"
	".warn{color:#a00}code{font-size:90%}"
	"th.event{overflow-wrap:anywhere;min-width:6em}";

void lb_html_figure(FILE *f, const struct lb_chart *c)
{
	fputs("<figure id=\"fig-", f);
	lb_html_esc(f, c->name);
	fputs("\"><img src=\"", f);
	lb_html_esc(f, c->name);
	fputs(".svg\" alt=\"", f);
	lb_html_esc(f, c->caption);
	fputs("\"><figcaption>", f);
	lb_html_esc(f, c->caption);
	fputs(" &middot; <a href=\"", f);
	lb_html_esc(f, c->name);
	fputs(".png\">PNG</a> &middot; <a href=\"", f);
	lb_html_esc(f, c->name);
	fputs(".svg\">SVG</a> &middot; <a href=\"", f);
	lb_html_esc(f, c->name);
	fputs(".gp\">gnuplot script</a></figcaption></figure>\n", f);
}
