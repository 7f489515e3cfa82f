/*
 * merge.c - the shards of one sweep joined into one results file.  See
 * merge.h.
 */
#include <errno.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "harness/cli.h"
#include "harness/csvread.h"
#include "harness/files.h"
#include "harness/merge.h"
#include "harness/options.h"

struct key {
	const struct lb_row *row;
	const char *run_id;
	double rep, no;
};

static int by_key(const void *a, const void *b)
{
	const struct key *x = a, *y = b;
	int c = strcmp(x->run_id, y->run_id);

	if (c)
		return c;
	if (x->rep != y->rep)
		return x->rep < y->rep ? -1 : 1;
	if (x->no != y->no)
		return x->no < y->no ? -1 : 1;
	return 0;
}

/* The checks that make the files one sweep (one run) of one platform; 0 or -1. */
static int check_inputs(const struct lb_table *t, char *err, size_t errlen)
{
	const struct lb_table_file *f0 = &t->files[0];

	for (int i = 1; i < t->nfiles; i++) {
		const struct lb_table_file *f = &t->files[i];
		bool same = f->nhead == f0->nhead;
		for (int c = 0; same && c < f->nhead; c++)
			same = strcmp(f->head[c], f0->head[c]) == 0;
		if (!same)
			return errno = EINVAL,
			       lb_err(err, errlen, "%s: its columns differ from those of %s (another "
				      "schema or other PAPI events): not shards of one sweep",
				      f->path, f0->path);
	}
	/* One schema, one platform, one run: the sidecar's settings
	 * (duration, reps ...) are one run's, and hold for every row. */
	static const struct {
		int col;
		const char *why;
	} one[] = {
		{ LB_COL_schema, "not shards of one sweep" },
		{ LB_COL_platform, "one merged file holds one platform" },
		{ LB_COL_run_id, "merge joins the shards of one run (plot, report and compare "
				 "read several runs together)" },
	};
	const struct lb_row *first = t->nrows ? &t->rows[0] : NULL;
	for (size_t r = 1; r < t->nrows; r++) {
		const struct lb_row *row = &t->rows[r];
		for (size_t k = 0; k < sizeof one / sizeof one[0]; k++) {
			const char *v = lb_row_text(t, row, one[k].col);
			const char *v0 = lb_row_text(t, first, one[k].col);
			if (strcmp(v, v0) != 0)
				return errno = EINVAL,
				       lb_err(err, errlen, "%s:%ld: %s '%.63s', where %s:%ld has "
					      "'%.63s': %s", t->files[row->file].path, row->line,
					      lb_csv_names[one[k].col], v, t->files[first->file].path,
					      first->line, v0, one[k].why);
		}
	}
	return 0;
}

/* The sidecar of the merged file: the first value of each key across the
 * inputs' sidecars, every distinct warning, and one merged_from line per
 * input (with its shard when it names one).  The sidecars are read whole
 * before anything is written, since the output may replace one of the
 * inputs (--force) and its sidecar with it. */
struct meta_join {
	char **keys, **vals;
	int n, cap;
	struct {
		char shard[32]; /* the input's shard, "" where its sidecar names none */
		bool none;      /* it has no sidecar (a warning, once the output is made) */
	} *in;
	int cur;                /* the input whose sidecar is being read */
	int nomem;
};

static void meta_add(void *arg, const char *key, const char *value)
{
	struct meta_join *m = arg;
	/* Keys a sidecar may give many times: every distinct line is kept
	 * (each shard's probe of its node: the report takes all their pairs,
	 * as it does those of several files). */
	bool many = strcmp(key, "warning") == 0 || strcmp(key, "xfer") == 0;

	if (strcmp(key, "shard") == 0) { /* said per input in merged_from */
		snprintf(m->in[m->cur].shard, sizeof m->in[0].shard, "%s", value);
		return;
	}
	if (strcmp(key, "cases") == 0)
		return;
	for (int i = 0; i < m->n; i++)
		if (strcmp(m->keys[i], key) == 0 && (!many || strcmp(m->vals[i], value) == 0))
			return;
	if (m->n == m->cap) {
		int cap = m->cap ? 2 * m->cap : 32;
		char **k = realloc(m->keys, (size_t)cap * sizeof *k);
		if (k)
			m->keys = k;
		char **v = k ? realloc(m->vals, (size_t)cap * sizeof *v) : NULL;
		if (!v) {
			m->nomem = 1;
			return;
		}
		m->vals = v;
		m->cap = cap;
	}
	m->keys[m->n] = strdup(key);
	m->vals[m->n] = strdup(value);
	if (!m->keys[m->n] || !m->vals[m->n]) {
		free(m->keys[m->n]);
		free(m->vals[m->n]);
		m->nomem = 1;
		return;
	}
	m->n++;
}

static void meta_free(struct meta_join *m)
{
	for (int i = 0; i < m->n; i++) {
		free(m->keys[i]);
		free(m->vals[i]);
	}
	free(m->keys);
	free(m->vals);
	free(m->in);
}

/* The sidecars of in[0..n-1] into m: 0, or -1 with err where one is
 * there but refused (lb_meta_read: not a regular file, too large, a NUL
 * byte), as plot, report and compare refuse it.  One that is missing is
 * noted, for write_meta's warning. */
static int read_meta(struct meta_join *m, char *const *in, int n, char *err, size_t errlen)
{
	char why[LB_ERR_LEN + PATH_MAX];

	if (!(m->in = calloc((size_t)n, sizeof *m->in)))
		return errno = ENOMEM, lb_err(err, errlen, "out of memory");
	for (m->cur = 0; m->cur < n; m->cur++)
		if (lb_meta_read(in[m->cur], meta_add, m, why, sizeof why) < 0) {
			if (errno != ENOENT)
				return errno = EINVAL, lb_err(err, errlen, "%s", why);
			m->in[m->cur].none = true;
		}
	return m->nomem ? (errno = ENOMEM, lb_err(err, errlen, "out of memory")) : 0;
}

static int write_meta(FILE *f, const struct meta_join *m, char *const *in, int n,
		      const char *out, FILE *warn)
{
	for (int i = 0; warn && i < n; i++)
		if (m->in[i].none)
			lb_say(warn, "lockbench merge: warning: no sidecar: %s.meta: %s", in[i],
			       strerror(ENOENT));
	lb_meta_title(f, "sweep", out, ": the shards it was merged from.");
	for (int i = 0; i < m->n; i++)
		fprintf(f, "%s=%s\n", m->keys[i], m->vals[i]);
	for (int i = 0; i < n; i++) {
		fputs("merged_from=", f);
		lb_sh_word(f, in[i], true);
		fprintf(f, "%s%s\n", m->in[i].shard[0] ? " shard " : "", m->in[i].shard);
	}
	return fflush(f) == 0 && !ferror(f) ? 0 : -1;
}

static int write_rows(FILE *f, const struct lb_table *t, const struct key *keys)
{
	const struct lb_table_file *f0 = &t->files[0];

	for (int c = 0; c < f0->nhead; c++) {
		fputs(c ? "," : "", f);
		lb_csv_field(f, f0->head[c]);
	}
	fputc('\n', f);
	for (size_t r = 0; r < t->nrows; r++) {
		for (int c = 0; c < f0->nhead; c++) {
			fputs(c ? "," : "", f);
			lb_csv_field(f, keys[r].row->f[c]);
		}
		fputc('\n', f);
	}
	return fflush(f) == 0 && !ferror(f) ? 0 : -1;
}

int lb_merge(char *const *in, int n, const char *out, bool replace, FILE *warn,
	     char *err, size_t errlen)
{
	struct lb_table t = { 0 };
	struct key *keys = NULL;
	struct meta_join m = { 0 };
	char mpath[PATH_MAX];
	FILE *csv = NULL, *meta = NULL;
	int rc = -1;

	if (lb_table_read(&t, in, n, warn, "lockbench merge", err, errlen) < 0)
		return -1;
	if (check_inputs(&t, err, errlen) < 0)
		goto out;
	if (!(keys = malloc((t.nrows + 1) * sizeof *keys))) {
		lb_err(err, errlen, "out of memory for %zu rows", t.nrows);
		goto out;
	}
	for (size_t r = 0; r < t.nrows; r++)
		keys[r] = (struct key){ .row = &t.rows[r],
					.run_id = lb_row_text(&t, &t.rows[r], LB_COL_run_id),
					.rep = lb_row_num(&t, &t.rows[r], LB_COL_rep),
					.no = lb_row_num(&t, &t.rows[r], LB_COL_case) };
	qsort(keys, t.nrows, sizeof *keys, by_key);
	for (size_t r = 1; r < t.nrows; r++)
		if (by_key(&keys[r - 1], &keys[r]) == 0) {
			const struct lb_row *a = keys[r - 1].row, *b = keys[r].row;
			errno = EINVAL;
			lb_err(err, errlen, "%s:%ld and %s:%ld: both hold run_id %.60s case %s rep %s",
			       t.files[a->file].path, a->line, t.files[b->file].path, b->line,
			       keys[r].run_id, lb_row_text(&t, b, LB_COL_case),
			       lb_row_text(&t, b, LB_COL_rep));
			goto out;
		}
	if (read_meta(&m, in, n, err, errlen) < 0 ||
	    lb_open_results(out, replace, &csv, &meta, err, errlen) < 0)
		goto out;
	if (write_rows(csv, &t, keys) < 0 || write_meta(meta, &m, in, n, out, warn) < 0) {
		lb_err(err, errlen, "cannot write %s: %s", out, strerror(errno));
		goto out;
	}
	rc = 0;
out:
	if (meta && fclose(meta) != 0 && rc == 0)
		rc = lb_err(err, errlen, "cannot write %s.meta: %s", out, strerror(errno));
	if (csv && fclose(csv) != 0 && rc == 0)
		rc = lb_err(err, errlen, "cannot write %s: %s", out, strerror(errno));
	if (rc < 0 && csv) { /* made here (lb_open_results): leave nothing half-written */
		unlink(out);
		char why[LB_ERR_LEN];
		if (lb_path(mpath, sizeof mpath, why, sizeof why, "%s.meta", out) == 0)
			unlink(mpath);
	}
	meta_free(&m);
	free(keys);
	lb_table_free(&t);
	return rc;
}
