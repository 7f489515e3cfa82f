/*
 * test-csv.c - the v1 header, RFC 4180 escaping, a row read back by an
 * independent parser, and write errors.
 */
#include "harness/csv.h"
#include "tests/check.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

#define NELEM(a) (sizeof(a) / sizeof((a)[0]))

/* The columns of DESIGN.md "CSV schema v1", in order. */
static const char v1_header[] =
	"schema,run_id,case,rep,status,error,"
	"platform,host,cpu_model,packages,cores,pus,kernel,compiler,"
	"lockbench_version,"
	"lock,lock_opts,waitgroup,workload,workload_opts,threads,pin,cpus,"
	"duration_s,ops,ops_per_sec,reads,writes,thread_ops_min,"
	"thread_ops_max,jain,"
	"lat_metric,lat_samples,lat_p50_ns,lat_p90_ns,lat_p99_ns,lat_p999_ns,"
	"lat_max_ns,"
	"spins,sleeps,wakeups,handoffs,starve_enter,starve_exit,"
	"verified,wake_p50_ns,wake_p99_ns,wake_max_ns,"
	"owner_changes,xfer_ns,xfer_ns_max,ceiling_ops_per_sec,preempted_pct,steal_pct,"
	"worst_wait_max_ns,worst_wait_p50_ns,slowest_wait_pct";

/* A memory stream and what has been written to it so far. */
struct mem {
	FILE *f;
	char *buf;
	size_t len;
};

static int mem_open(struct mem *m)
{
	m->buf = NULL;
	m->len = 0;
	m->f = open_memstream(&m->buf, &m->len);
	return m->f ? 0 : -1;
}

/* Closes the stream; m->buf then holds the text, NUL-terminated. */
static void mem_close(struct mem *m)
{
	fclose(m->f);
	m->f = NULL;
}

/* lb_csv_field's output for s, in a buffer the caller frees. */
static char *field_text(const char *s)
{
	struct mem m;
	if (mem_open(&m) != 0)
		return NULL;
	lb_csv_field(m.f, s);
	mem_close(&m);
	return m.buf;
}

static void free_fields(char **f, int n)
{
	for (int i = 0; i < n; i++)
		free(f[i]);
}

/* split_record's worker: stores fields as it goes and counts them in
 * *np, so that the caller can free them when the record is malformed. */
static int split_fields(const char **pp, char **out, int max, int *np)
{
	const char *p = *pp;
	int n = 0;
	*np = 0;
	for (;;) {
		size_t cap = strlen(p) + 1, len = 0;
		char *fld = malloc(cap);
		if (fld == NULL)
			return -1;
		if (*p == '"') {
			p++;
			for (;;) {
				if (*p == '\0') {
					free(fld);
					return -1;
				}
				if (*p == '"') {
					if (p[1] == '"') {
						fld[len++] = '"';
						p += 2;
						continue;
					}
					p++;
					break;
				}
				fld[len++] = *p++;
			}
			if (*p != ',' && *p != '\n') {
				free(fld);
				return -1;
			}
		} else {
			while (*p != ',' && *p != '\n' && *p != '\0') {
				if (*p == '"' || *p == '\r') {
					free(fld);
					return -1;
				}
				fld[len++] = *p++;
			}
			if (*p == '\0') {
				free(fld);
				return -1;
			}
		}
		fld[len] = '\0';
		if (n == max) {
			free(fld);
			return -1;
		}
		out[n++] = fld;
		*np = n;
		if (*p == '\n') {
			*pp = p + 1;
			return 0;
		}
		p++; /* the comma */
	}
}

/*
 * An RFC 4180 record splitter, independent of the writer: reads one
 * record from *pp (which must end with "\n" outside quotes), stores up
 * to max fields in out[] (malloc'd), moves *pp past the line end and
 * returns the number of fields, or -1 on malformed input (a quote inside
 * an unquoted field, text after a closing quote, an unterminated quote,
 * a missing line end, more than max fields), with nothing left allocated.
 */
static int split_record(const char **pp, char **out, int max)
{
	int n = 0;
	if (split_fields(pp, out, max, &n) != 0) {
		free_fields(out, n);
		return -1;
	}
	return n;
}

static void test_names(void)
{
	CHECK(LB_CSV_NCOLS == 57, "LB_CSV_NCOLS = %d", (int)LB_CSV_NCOLS);
	CHECK(LB_CSV_SCHEMA == 1, "LB_CSV_SCHEMA = %d", LB_CSV_SCHEMA);
	CHECK(strcmp(lb_csv_names[LB_COL_schema], "schema") == 0, "first");
	CHECK(strcmp(lb_csv_names[LB_COL_case], "case") == 0, "case");
	CHECK(LB_COL_verified == 44, "verified is column %d",
	      (int)LB_COL_verified);
	CHECK(strcmp(lb_csv_names[LB_COL_verified], "verified") == 0, "verified");
	CHECK(LB_COL_slowest_wait_pct == LB_CSV_NCOLS - 1, "slowest_wait_pct is column %d",
	      (int)LB_COL_slowest_wait_pct);
	CHECK(strcmp(lb_csv_names[LB_COL_slowest_wait_pct], "slowest_wait_pct") == 0, "last");

	/* The names joined with commas are the v1 header. */
	size_t off = 0;
	int ok = 1;
	for (int i = 0; i < LB_CSV_NCOLS && ok; i++) {
		size_t l = strlen(lb_csv_names[i]);
		if (strncmp(v1_header + off, lb_csv_names[i], l) != 0)
			ok = 0;
		off += l;
		if (ok && v1_header[off] != (i + 1 < LB_CSV_NCOLS ? ',' : '\0'))
			ok = 0;
		off++;
	}
	CHECK(ok, "lb_csv_names does not spell the v1 header");
}

static void test_header(void)
{
	struct mem m;
	char want[1024];
	int rc;

	if (mem_open(&m) != 0) {
		CHECK(0, "open_memstream: %s", strerror(errno));
		return;
	}
	rc = lb_csv_header(m.f, NULL, 0);
	mem_close(&m);
	snprintf(want, sizeof want, "%s\n", v1_header);
	CHECK(rc == 0, "header: rc %d", rc);
	CHECK(strcmp(m.buf, want) == 0, "header:\n got %s\nwant %s", m.buf,
	      want);
	free(m.buf);

	static const char *const extra[] = { "papi_PAPI_L2_TCM",
					     "papi_perf__CONTEXT_SWITCHES" };
	if (mem_open(&m) != 0) {
		CHECK(0, "open_memstream: %s", strerror(errno));
		return;
	}
	rc = lb_csv_header(m.f, extra, 2);
	mem_close(&m);
	snprintf(want, sizeof want,
		 "%s,papi_PAPI_L2_TCM,papi_perf__CONTEXT_SWITCHES\n",
		 v1_header);
	CHECK(rc == 0, "header with extras: rc %d", rc);
	CHECK(strcmp(m.buf, want) == 0, "header with extras:\n got %s\nwant %s",
	      m.buf, want);
	free(m.buf);

	errno = 0;
	rc = lb_csv_header(stdout, extra, -1);
	CHECK(rc == -1 && errno == EINVAL, "nextra < 0: rc %d errno %d", rc,
	      errno);
	errno = 0;
	rc = lb_csv_header(stdout, NULL, 2);
	CHECK(rc == -1 && errno == EINVAL, "names NULL, nextra 2: rc %d errno %d",
	      rc, errno);
}

static void test_escaping(void)
{
	static const struct {
		const char *in, *out;
	} fx[] = {
		{ "plain", "plain" },
		{ "", "" },
		{ " spaced out ", " spaced out " },
		{ "3.25", "3.25" },
		{ "a,b", "\"a,b\"" },
		{ ",", "\",\"" },
		{ "say \"hi\"", "\"say \"\"hi\"\"\"" },
		{ "\"", "\"\"\"\"" },
		{ "\"\"", "\"\"\"\"\"\"" },
		{ "a\rb", "\"a\rb\"" },
		{ "a\nb", "\"a\nb\"" },
		{ "line\r\n", "\"line\r\n\"" },
		{ "x,\"y\"\n", "\"x,\"\"y\"\"\n\"" },
		{ NULL, "NA" },
	};
	for (size_t i = 0; i < NELEM(fx); i++) {
		char *got = field_text(fx[i].in);
		CHECK(got != NULL && strcmp(got, fx[i].out) == 0,
		      "field %zu: got [%s], want [%s]", i, got ? got : "(null)",
		      fx[i].out);
		free(got);
	}
}

static void test_row_roundtrip(void)
{
	const char *v[LB_CSV_NCOLS];
	char num[LB_CSV_NCOLS][16];
	for (int i = 0; i < LB_CSV_NCOLS; i++) {
		snprintf(num[i], sizeof num[i], "%d", i * 7);
		v[i] = num[i];
	}
	v[LB_COL_schema] = "1";
	v[LB_COL_case] = "getset/mcs/t4";
	v[LB_COL_status] = "failed";
	v[LB_COL_error] = "verify: lost 3 updates, \"sum\" = 97\r\nsee log";
	v[LB_COL_cpu_model] = "Intel(R) Xeon(R) CPU @ 2.20GHz, stepping 7";
	v[LB_COL_lock_opts] = "mode=starvation,threshold=200us";
	v[LB_COL_waitgroup] = NULL;
	v[LB_COL_workload_opts] = "";
	v[LB_COL_cpus] = "0,2,4,6";
	v[LB_COL_lat_p999_ns] = NULL;
	v[LB_COL_verified] = "no";
	static const char *const extra[] = { "0.125", "1,5" };

	struct mem m;
	if (mem_open(&m) != 0) {
		CHECK(0, "open_memstream: %s", strerror(errno));
		return;
	}
	int rc = lb_csv_header(m.f, extra, 2); /* any names will do here */
	CHECK(rc == 0, "header: rc %d", rc);
	rc = lb_csv_row(m.f, v, extra, 2);
	CHECK(rc == 0, "row: rc %d", rc);
	rc = lb_csv_row(m.f, v, NULL, 2);
	CHECK(rc == 0, "row without extras: rc %d", rc);
	mem_close(&m);

	enum { MAXF = LB_CSV_NCOLS + 4 };
	char *f[MAXF];
	const char *p = m.buf;

	int n = split_record(&p, f, MAXF);
	CHECK(n == LB_CSV_NCOLS + 2, "header has %d fields", n);
	free_fields(f, n);

	n = split_record(&p, f, MAXF);
	CHECK(n == LB_CSV_NCOLS + 2, "row has %d fields, want %d", n,
	      LB_CSV_NCOLS + 2);
	for (int i = 0; i < n && i < LB_CSV_NCOLS; i++) {
		const char *want = v[i] ? v[i] : "NA";
		CHECK(strcmp(f[i], want) == 0, "column %s: got [%s], want [%s]",
		      lb_csv_names[i], f[i], want);
	}
	if (n == LB_CSV_NCOLS + 2) {
		CHECK(strcmp(f[LB_CSV_NCOLS], "0.125") == 0, "extra 0: [%s]",
		      f[LB_CSV_NCOLS]);
		CHECK(strcmp(f[LB_CSV_NCOLS + 1], "1,5") == 0, "extra 1: [%s]",
		      f[LB_CSV_NCOLS + 1]);
	}
	free_fields(f, n);

	n = split_record(&p, f, MAXF);
	CHECK(n == LB_CSV_NCOLS + 2, "row without extras has %d fields", n);
	if (n == LB_CSV_NCOLS + 2)
		CHECK(strcmp(f[LB_CSV_NCOLS], "NA") == 0 &&
			      strcmp(f[LB_CSV_NCOLS + 1], "NA") == 0,
		      "missing extras are not NA: [%s] [%s]", f[LB_CSV_NCOLS],
		      f[LB_CSV_NCOLS + 1]);
	free_fields(f, n);
	CHECK(*p == '\0', "text after the last row: [%s]", p);
	free(m.buf);

	/* The splitter itself rejects what a writer must never produce. */
	const char *bad[] = { "a,\"b\n", "a\"b\n", "\"a\"b\n", "a,b" };
	for (size_t i = 0; i < NELEM(bad); i++) {
		const char *q = bad[i];
		n = split_record(&q, f, MAXF);
		if (n > 0)
			free_fields(f, n);
		CHECK(n == -1, "splitter accepted bad record %zu", i);
	}

	errno = 0;
	rc = lb_csv_row(stdout, NULL, NULL, 0);
	CHECK(rc == -1 && errno == EINVAL, "row NULL: rc %d errno %d", rc,
	      errno);
}

static void test_write_errors(void)
{
	const char *v[LB_CSV_NCOLS] = { 0 };
	v[LB_COL_schema] = "1";

	/* /dev/full: every write fails with ENOSPC. */
	FILE *f = fopen("/dev/full", "w");
	CHECK(f != NULL, "fopen /dev/full: %s", strerror(errno));
	if (f) {
		setvbuf(f, NULL, _IONBF, 0);
		errno = 0;
		int rc = lb_csv_row(f, v, NULL, 0);
		CHECK(rc == -1, "row to /dev/full (unbuffered): rc %d", rc);
		CHECK(errno == ENOSPC, "errno %d (%s)", errno, strerror(errno));
		errno = 0;
		rc = lb_csv_header(f, NULL, 0);
		CHECK(rc == -1, "header to /dev/full: rc %d", rc);
		CHECK(errno != 0, "header to /dev/full left errno 0");
		fclose(f);
	}

	/* Buffered: the row fits in the buffer, the flush fails. */
	f = fopen("/dev/full", "w");
	CHECK(f != NULL, "fopen /dev/full: %s", strerror(errno));
	if (f) {
		errno = 0;
		int rc = lb_csv_row(f, v, NULL, 0);
		CHECK(rc == -1, "row to /dev/full (buffered): rc %d", rc);
		CHECK(errno == ENOSPC, "errno %d (%s)", errno, strerror(errno));
		fclose(f);
	}

	/* A stream open for reading only. */
	f = fopen("/dev/null", "r");
	CHECK(f != NULL, "fopen /dev/null: %s", strerror(errno));
	if (f) {
		errno = 0;
		int rc = lb_csv_row(f, v, NULL, 0);
		CHECK(rc == -1, "row to a read-only stream: rc %d", rc);
		CHECK(errno != 0, "row to a read-only stream left errno 0");
		fclose(f);
	}

	/* Success leaves errno as the caller had it. */
	struct mem m;
	if (mem_open(&m) == 0) {
		errno = ERANGE;
		int rc = lb_csv_row(m.f, v, NULL, 0);
		CHECK(rc == 0 && errno == ERANGE, "rc %d errno %d", rc, errno);
		mem_close(&m);
		free(m.buf);
	}
}

int main(void)
{
	test_names();
	test_header();
	test_escaping();
	test_row_roundtrip();
	test_write_errors();
	return check_done();
}
