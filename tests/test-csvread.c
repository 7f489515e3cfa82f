/*
 * test-csvread.c - the RFC 4180 record reader, the results table's checks
 * of a file, and the grouping of rows into cases with their summaries.
 */
#include "harness/csvread.h"
#include "harness/results.h"
#include "harness/options.h"
#include "locks/lock.h"
#include "tests/check.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

/* ---- records ---------------------------------------------------------- */

/* Every record of text (len bytes) as "line:f1|f2|..;" into out; the
 * error message instead when the reader fails. */
static void records(const char *text, size_t len, char *out, size_t outlen)
{
	struct lb_csv_in in;
	struct lb_csv_rec r;
	char err[256];
	size_t used = 0;
	int k;

	out[0] = '\0';
	if (lb_csv_in_mem(&in, "t.csv", text, len, err, sizeof err) < 0) {
		snprintf(out, outlen, "%s", err);
		return;
	}
	while ((k = lb_csv_in_next(&in, &r, err, sizeof err)) > 0) {
		used += (size_t)snprintf(out + used, outlen - used, "%ld:", r.line);
		for (int i = 0; i < r.n; i++)
			used += (size_t)snprintf(out + used, outlen - used, "%s%s", i ? "|" : "",
						 r.f[i]);
		used += (size_t)snprintf(out + used, outlen - used, "%s%s;", r.eol ? "" : "<eof>",
					 r.torn ? "<torn>" : "");
	}
	if (k < 0)
		snprintf(out + used, outlen - used, "ERROR %s", err);
	lb_csv_in_close(&in);
}

#define RECORDS(text, want)                                                  \
	do {                                                                 \
		char got_[1024];                                             \
		records(text, sizeof(text) - 1, got_, sizeof got_);          \
		CHECK(strcmp(got_, want) == 0, "got '%s', want '%s'", got_, want); \
	} while (0)

static void test_records(void)
{
	RECORDS("a,b,c\n1,2,3\n", "1:a|b|c;2:1|2|3;");
	RECORDS("", "");
	/* quoting: commas, doubled quotes, line breaks inside; empty fields */
	RECORDS("x,\"a,b\",\"say \"\"hi\"\"\"\n", "1:x|a,b|say \"hi\";");
	RECORDS("\"two\nlines\",z\nnext,1\n", "1:two\nlines|z;3:next|1;");
	RECORDS(",,\n\"\",x\n", "1:||;2:|x;");
	/* CRLF line ends; a last record without a line break */
	RECORDS("a,b\r\n1,2\r\n", "1:a|b;2:1|2;");
	RECORDS("a,b\n1,2", "1:a|b;2:1|2<eof>;");
	RECORDS("a,b\n1,", "1:a|b;2:1|<eof>;");
	/* the end of the file inside a quoted field, on its first line: a
	 * write cut short, handed back as a torn record */
	RECORDS("a,b\n1,\"cs_ns=0", "1:a|b;2:1|cs_ns=0<eof><torn>;");
	RECORDS("a,b\n1,\"", "1:a|b;2:1|<eof><torn>;");
	/* errors name the line */
	RECORDS("a,b\n1,\"open\n\n", "1:a|b;ERROR t.csv:2: a quoted field opened on this line never ends");
	RECORDS("a,b\n1,x\"y\n", "1:a|b;ERROR t.csv:2: a double quote inside a field that does not start with one");
	RECORDS("a,\"b\"c\n", "ERROR t.csv:1: text after the closing quote of a field");
	RECORDS("a\rb\n", "ERROR t.csv:1: a carriage return that does not end the line");
	RECORDS("a,b\nc,d\n1,x\0y\n", "1:a|b;2:c|d;ERROR t.csv:3: a NUL byte: not a text CSV");
	RECORDS("a,\"x\0\"\n", "ERROR t.csv:1: a NUL byte: not a text CSV");
	RECORDS("a,\"x\"\0\n", "ERROR t.csv:1: a NUL byte: not a text CSV");
}

/* A record of n fields, or of one field of n bytes: the bounds. */
static void test_record_bounds(void)
{
	size_t n = 2 * LB_CSV_MAX_RECORD;
	char *text = malloc(n + 2), err[256];
	struct lb_csv_in in;
	struct lb_csv_rec r;

	if (!text)
		return;
	for (int fields = LB_CSV_MAX_FIELDS; fields <= LB_CSV_MAX_FIELDS + 1; fields++) {
		size_t len = 0;
		for (int i = 0; i < fields; i++)
			text[len++] = i ? ',' : 'x';
		text[len++] = '\n';
		CHECK(lb_csv_in_mem(&in, "t.csv", text, len, err, sizeof err) == 0, "%s", err);
		int k = lb_csv_in_next(&in, &r, err, sizeof err);
		if (fields == LB_CSV_MAX_FIELDS)
			CHECK(k == 1 && r.n == fields, "%d fields: %d, %s", fields, k, err);
		else
			CHECK(k < 0 && strstr(err, "t.csv:1: more than 4096 fields: refused"),
			      "%d fields: %d, %s", fields, k, err);
		lb_csv_in_close(&in);
	}
	memset(text, 'y', n);
	text[n] = '\n';
	CHECK(lb_csv_in_mem(&in, "t.csv", text, n + 1, err, sizeof err) == 0, "%s", err);
	CHECK(lb_csv_in_next(&in, &r, err, sizeof err) < 0 &&
	      strstr(err, "t.csv:1: a record longer than 1024 KiB: refused"), "%s", err);
	lb_csv_in_close(&in);
	free(text);
}

/* ---- the table -------------------------------------------------------- */

/* The header of schema v1 (from the writer's own list), plus extra. */
static char *header(const char *extra)
{
	static char h[2048];
	size_t used = 0;

	for (int i = 0; i < LB_CSV_NCOLS; i++)
		used += (size_t)snprintf(h + used, sizeof h - used, "%s%s", i ? "," : "",
					 lb_csv_names[i]);
	snprintf(h + used, sizeof h - used, "%s\n", extra ? extra : "");
	return h;
}

/* A row of schema v1: the given values, NA elsewhere, then extra. */
struct rowv {
	const char *lock, *opts, *status, *verified, *ops, *ops_per_sec, *p99, *threads;
	const char *handoffs, *starve, *jain, *tmin, *wopts;
};

static void row(char *buf, size_t len, const struct rowv *v, const char *extra)
{
	const char *f[LB_CSV_NCOLS];
	size_t used = 0;

	for (int i = 0; i < LB_CSV_NCOLS; i++)
		f[i] = "NA";
	f[LB_COL_schema] = "1";
	f[LB_COL_platform] = "box";
	f[LB_COL_workload] = "hits";
	f[LB_COL_workload_opts] = v->wopts ? v->wopts : "\"cs_ns=0,think_ns=0\"";
	f[LB_COL_pin] = "compact";
	f[LB_COL_case] = "1";
	f[LB_COL_rep] = "1";
	f[LB_COL_lock] = v->lock;
	f[LB_COL_lock_opts] = v->opts ? v->opts : "NA";
	f[LB_COL_status] = v->status ? v->status : "ok";
	f[LB_COL_verified] = v->verified ? v->verified : "yes";
	f[LB_COL_ops] = v->ops ? v->ops : "NA";
	f[LB_COL_ops_per_sec] = v->ops_per_sec ? v->ops_per_sec : "NA";
	f[LB_COL_lat_p99_ns] = v->p99 ? v->p99 : "NA";
	f[LB_COL_threads] = v->threads ? v->threads : "2";
	f[LB_COL_handoffs] = v->handoffs ? v->handoffs : "NA";
	f[LB_COL_starve_enter] = v->starve ? v->starve : "NA";
	f[LB_COL_jain] = v->jain ? v->jain : "NA";
	f[LB_COL_thread_ops_min] = v->tmin ? v->tmin : "NA";
	for (int i = 0; i < LB_CSV_NCOLS; i++)
		used += (size_t)snprintf(buf + used, len - used, "%s%s", i ? "," : "", f[i]);
	snprintf(buf + used, len - used, "%s\n", extra ? extra : "");
}

/* Read texts (NULL-terminated, named a.csv, b.csv, ...) into t: the
 * reader's return, its error, and its warnings. */
static int read_texts(struct lb_table *t, char **texts, char *err, size_t errlen, char *warn,
		      size_t warnlen)
{
	char *names[] = { "a.csv", "b.csv", "c.csv" };
	int n = 0;
	FILE *w = fmemopen(warn, warnlen, "w");

	while (texts[n])
		n++;
	err[0] = '\0';
	int rc = lb_table_read_mem(t, names, texts, n, w, "test", err, errlen);
	fclose(w);
	return rc;
}

#define BAD_TABLE(want, ...)                                                       \
	do {                                                                       \
		char *texts_[] = { __VA_ARGS__, NULL };                            \
		struct lb_table t_;                                                \
		char err_[512], warn_[512] = "";                                   \
		int rc_ = read_texts(&t_, texts_, err_, sizeof err_, warn_, sizeof warn_); \
		CHECK(rc_ < 0 && strstr(err_, want), "error '%s', want '%s'", err_, want); \
		if (rc_ == 0)                                                      \
			lb_table_free(&t_);                                        \
	} while (0)

static char *cat(const char *a, const char *b, const char *c)
{
	char *s = malloc(strlen(a) + strlen(b) + strlen(c) + 1);
	if (s)
		strcat(strcat(strcpy(s, a), b), c);
	return s;
}

static void test_table(void)
{
	char r1[2048], r2[2048], err[512], warn[512];
	struct lb_table t;
	struct rowv ok = { .lock = "tas", .ops = "100", .ops_per_sec = "200.0", .p99 = "50.0" };

	row(r1, sizeof r1, &ok, NULL);
	char *good = cat(header(NULL), r1, "");

	/* not lockbench's */
	BAD_TABLE("a.csv: empty", "");
	BAD_TABLE("a.csv:1: not a lockbench results file: the header starts with 'name'",
		  "name,value\nx,1\n");
	char *nolock = strdup(header(NULL));
	char *p = strstr(nolock, ",lock,");
	memmove(p, p + 5, strlen(p + 5) + 1); /* drop the column "lock" */
	BAD_TABLE("a.csv:1: not a lockbench results file (schema 1): no column 'lock'", nolock);
	free(nolock);
	BAD_TABLE("a.csv:1: column 'papi_X' appears twice", header(",papi_X,papi_X"));
	/* a newer schema; a row of the wrong length in the middle */
	char *newer = cat(header(NULL), "2", r1 + 1);
	BAD_TABLE("a.csv:2: schema 2 is newer than this lockbench reads (schema 1)", newer);
	free(newer);
	char *shortrow = cat(header(NULL), "1,2,3\n", r1);
	char want[160];
	snprintf(want, sizeof want, "a.csv:2: 3 fields, but the header has %d", LB_CSV_NCOLS);
	BAD_TABLE(want, shortrow);
	free(shortrow);
	/* values the commands read as numbers, statuses and verdicts */
	struct rowv v = ok;
	v.ops_per_sec = "fast";
	row(r2, sizeof r2, &v, NULL);
	char *nan = cat(header(NULL), r2, "");
	BAD_TABLE("a.csv:2: column ops_per_sec: 'fast' is not a number", nan);
	free(nan);
	v = ok;
	v.status = "meh";
	row(r2, sizeof r2, &v, NULL);
	char *st = cat(header(NULL), r1, r2);
	BAD_TABLE("a.csv:3: status 'meh' is none of ok", st);
	free(st);
	v = ok;
	v.threads = "0";
	row(r2, sizeof r2, &v, NULL);
	char *th = cat(header(NULL), r2, "");
	BAD_TABLE("a.csv:2: threads '0' is not a thread count", th);
	free(th);
	/* the second file's error names the second file */
	BAD_TABLE("b.csv:1: not a lockbench", good, "x\n");

	/* A last row cut short is skipped with a warning; the rest is read. */
	char *cut = cat(good, "", "1,run,2,1,ok");
	char *texts[] = { cut, NULL };
	CHECK(read_texts(&t, texts, err, sizeof err, warn, sizeof warn) == 0, "%s", err);
	CHECK(t.nrows == 1, "%zu rows", t.nrows);
	snprintf(want, sizeof want, "test: warning: a.csv:3: the last row is cut short (5 of %d "
		 "fields, no line break at the end): skipped", LB_CSV_NCOLS);
	CHECK(strstr(warn, want), "warning '%s'", warn);
	lb_table_free(&t);
	free(cut);

	/* A header repeated (files joined with cat) is skipped; files with
	 * different extra columns read together, NA where a file has none. */
	char *again = cat(good, header(NULL), r1);
	row(r2, sizeof r2, &ok, ",0.5");
	char *papi = cat(header(",papi_X"), r2, "");
	char *texts2[] = { again, papi, NULL };
	CHECK(read_texts(&t, texts2, err, sizeof err, warn, sizeof warn) == 0, "%s", err);
	CHECK(t.nrows == 3, "%zu rows", t.nrows);
	int px = lb_table_col(&t, "papi_X");
	CHECK(px == LB_CSV_NCOLS, "papi_X is column %d", px);
	CHECK(px >= 0 && lb_table_numeric(&t, px), "papi_X is numeric");
	CHECK(t.nrows == 3 && isnan(lb_row_num(&t, &t.rows[0], px)) &&
		      lb_row_num(&t, &t.rows[2], px) == 0.5,
	      "papi_X reads NA in the file without it, 0.5 in the other");
	CHECK(t.nrows == 3 && t.rows[2].line == 2 && t.rows[1].line == 4,
	      "lines %ld %ld", t.rows[1].line, t.rows[2].line);
	CHECK(lb_table_numeric(&t, LB_COL_ops_per_sec) && !lb_table_numeric(&t, LB_COL_lock),
	      "numeric columns");
	lb_table_free(&t);
	free(again);
	free(papi);
	free(good);
}

/* ---- grouping --------------------------------------------------------- */

static void test_results(void)
{
	char text[16384], err[512], warn[512];
	size_t used = 0;
	struct lb_table t;
	struct lb_results r;
	/* ticket at 2 threads: three good reps and one that did not verify;
	 * gomutex at 2 and 4 threads with counters; a timeout at 4 */
	const struct rowv rows[] = {
		{ .lock = "ticket", .ops = "100", .ops_per_sec = "100.0", .p99 = "10.0", .jain = "0.9",
		  .tmin = "45" },
		{ .lock = "ticket", .ops = "100", .ops_per_sec = "300.0", .p99 = "30.0", .jain = "0.8",
		  .tmin = "40" },
		{ .lock = "ticket", .ops = "100", .ops_per_sec = "200.0", .p99 = "20.0", .jain = "0.7",
		  .tmin = "35" },
		{ .lock = "ticket", .ops = "100", .ops_per_sec = "9000.0", .verified = "no" },
		{ .lock = "gomutex", .opts = "\"mode=normal,threshold=1ms\"", .ops = "1000",
		  .ops_per_sec = "50.0", .handoffs = "10", .starve = "0" },
		{ .lock = "gomutex", .opts = "\"mode=normal,threshold=1ms\"", .ops = "1000",
		  .ops_per_sec = "40.0", .handoffs = "30", .starve = "2", .threads = "4" },
		{ .lock = "ticket", .status = "timeout", .threads = "4" },
		{ .lock = "ticket", .ops = "10", .ops_per_sec = "10.0", .wopts = "\"cs_ns=100\"" },
	};

	used += (size_t)snprintf(text, sizeof text, "%s", header(NULL));
	for (size_t i = 0; i < sizeof rows / sizeof rows[0]; i++) {
		row(text + used, sizeof text - used, &rows[i], NULL);
		used += strlen(text + used);
	}
	char *texts[] = { text, NULL };
	if (read_texts(&t, texts, err, sizeof err, warn, sizeof warn) < 0) {
		CHECK(0, "reading: %s", err);
		return;
	}
	CHECK(lb_results_build(&t, LB_SIDE_PLATFORM, &r, err, sizeof err) == 0, "%s", err);
	CHECK(r.nsides == 1 && r.nseries == 2 && r.npanels == 2 && r.ncases == 5,
	      "%d sides, %d series, %d panels, %zu cases", r.nsides, r.nseries, r.npanels, r.ncases);
	/* Labels name a lock without its options at their defaults (the rows
	 * keep them all). */
	CHECK(strcmp(r.series[1].label, "gomutex:mode=normal") == 0, "label '%s'",
	      r.series[1].label);
	const struct lb_lock_ops *gm = lb_lock_find("gomutex");
	char lab[128];
	static const char *const spec[][2] = {
		{ "mode=adaptive,threshold=1ms,spin=4", "gomutex" },
		{ "mode=normal,threshold=1ms,spin=4", "gomutex:mode=normal" },
		{ "mode=adaptive,threshold=1000us,spin=8", "gomutex:spin=8" },
		{ "mode=adaptive,colour=red", "gomutex:colour=red" },  /* another build's */
		{ "mode=adaptive,spin=many", "gomutex:spin=many" },   /* does not parse */
	};
	for (size_t k = 0; gm && k < sizeof spec / sizeof spec[0]; k++) {
		lb_spec_label("gomutex", spec[k][0], gm->options, lab, sizeof lab);
		CHECK(strcmp(lab, spec[k][1]) == 0, "%s: label '%s', not '%s'", spec[k][0], lab,
		      spec[k][1]);
	}
	lb_spec_label("ttas", "backoff_min=4", NULL, lab, sizeof lab);
	CHECK(strcmp(lab, "ttas:backoff_min=4") == 0, "without a table, all options: '%s'", lab);
	CHECK(strcmp(r.panels[0].label, "hits(cs_ns=0,think_ns=0), pin compact") == 0,
	      "panel '%s'", r.panels[0].label);
	const struct lb_panel *p = &r.panels[0];
	CHECK(p->nthreads == 2 && p->threads[0] == 2 && p->threads[1] == 4 && p->nseries == 2,
	      "panel 0: %d threads, %d series", p->nthreads, p->nseries);

	const struct lb_case *c = lb_results_cell(&r, p, 0, 0, 0); /* ticket, 2 threads */
	const struct lb_summary *s = lb_case_get(c, LB_M_OPS);
	CHECK(c && c->nrows == 4 && c->ngood == 3, "ticket@2: %zu rows, %zu good",
	      c ? c->nrows : 0, c ? c->ngood : 0);
	CHECK(s && s->n == 3 && s->median == 200 && s->min == 100 && s->max == 300 &&
		      fabs(s->cv - 0.5) < 1e-12,
	      "ops/s over the verified runs only: n %zu median %g min %g max %g cv %g",
	      s ? s->n : 0, s ? s->median : 0, s ? s->min : 0, s ? s->max : 0, s ? s->cv : 0);
	s = lb_case_get(c, LB_M_SHARE); /* thread_ops_min / (ops / threads) */
	CHECK(s && fabs(s->median - 0.8) < 1e-12, "slowest share %g", s ? s->median : 0);
	CHECK(!lb_case_get(c, LB_M_HANDOFFS), "ticket keeps no hand-over count");

	c = lb_results_cell(&r, p, 0, 0, 1); /* ticket, 4 threads: the timeout */
	CHECK(c && c->nrows == 1 && c->ngood == 0 && !lb_case_get(c, LB_M_OPS),
	      "a case that only timed out has rows but no summary");
	c = lb_results_cell(&r, p, 0, 1, 1); /* gomutex, 4 threads */
	s = lb_case_get(c, LB_M_HANDOFFS);
	CHECK(s && s->median == 0.03, "handoffs per op %g", s ? s->median : 0);
	s = lb_case_get(c, LB_M_STARVE);
	CHECK(s && s->median == 0.002, "starve_enter per op %g", s ? s->median : 0);
	CHECK(lb_results_cell(&r, &r.panels[1], 0, 1, 0) == NULL, "no gomutex with cs_ns=100");
	CHECK(lb_results_measure(&r, "jain") == LB_M_JAIN && lb_results_measure(&r, "nope") < 0,
	      "measures by name");
	lb_results_free(&r);

	/* By file: one side per file. */
	char *texts2[] = { text, text, NULL };
	lb_table_free(&t);
	if (read_texts(&t, texts2, err, sizeof err, warn, sizeof warn) == 0) {
		CHECK(lb_results_build(&t, LB_SIDE_FILE, &r, err, sizeof err) == 0, "%s", err);
		CHECK(r.nsides == 2 && strcmp(r.sides[1], "b.csv") == 0, "%d sides", r.nsides);
		lb_results_free(&r);
	}
	lb_table_free(&t);
}

static void test_opts(void)
{
	char b[128];

	CHECK(lb_opts_get("mode=normal,threshold=1ms", "threshold", b, sizeof b) == 0 &&
		      strcmp(b, "1ms") == 0, "get '%s'", b);
	CHECK(lb_opts_get("mode=normal", "mod", b, sizeof b) < 0, "no prefix match");
	CHECK(lb_opts_get(NULL, "mode", b, sizeof b) < 0, "NULL options");
	lb_opts_drop("read_ratio=0.9,cs_ns=100,think_ns=0", "cs_ns", b, sizeof b);
	CHECK(strcmp(b, "read_ratio=0.9,think_ns=0") == 0, "drop '%s'", b);
	lb_opts_drop("cs_ns=100", "cs_ns", b, sizeof b);
	CHECK(strcmp(b, "") == 0, "drop all '%s'", b);
}

int main(void)
{
	test_records();
	test_record_bounds();
	test_table();
	test_results();
	test_opts();
	return check_done();
}
