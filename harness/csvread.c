/*
 * csvread.c - the RFC 4180 record reader and the results table.  See
 * csvread.h.
 *
 * Unescaping in place works because it only ever shrinks the text: the
 * write position w never passes the read position pos (a doubled quote
 * becomes one, the enclosing quotes vanish), and the NUL that ends a
 * field is written where its separator was, after the separator has
 * been looked at.  The buffer has one byte more than the file, for the
 * NUL of a last field that the end of the file ends.
 */
#include "harness/csvread.h"

#include <errno.h>
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "harness/files.h"
#include "harness/options.h"
#include "harness/runner.h"

/* ---- records ---------------------------------------------------------- */

int lb_csv_in_mem(struct lb_csv_in *in, const char *name, const char *text, size_t len,
		  char *err, size_t errlen)
{
	memset(in, 0, sizeof *in);
	in->name = strdup(name);
	in->buf = malloc(len + 1);
	if (!in->name || !in->buf) {
		lb_csv_in_close(in);
		return lb_err(err, errlen, "%s: out of memory", name);
	}
	memcpy(in->buf, text, len);
	in->buf[len] = '\0';
	in->len = len;
	in->line = 1;
	return 0;
}

int lb_csv_in_open(struct lb_csv_in *in, const char *path, char *err, size_t errlen)
{
	char *text;
	size_t len;

	memset(in, 0, sizeof *in);
	if (lb_read_text(path, LB_READ_MAX_RESULTS, &text, &len, err, errlen) < 0)
		return -1;
	if (!(in->name = strdup(path))) {
		free(text);
		return lb_err(err, errlen, "%s: out of memory", path);
	}
	in->buf = text; /* NUL-terminated: the byte a last field's NUL needs */
	in->len = len;
	in->line = 1;
	return 0;
}

void lb_csv_in_close(struct lb_csv_in *in)
{
	free(in->name);
	free(in->buf);
	free(in->f);
	memset(in, 0, sizeof *in);
}

static int push_field(struct lb_csv_in *in, int n, char *field, char *err, size_t errlen)
{
	if (n == LB_CSV_MAX_FIELDS)
		return lb_err(err, errlen, "%s:%ld: more than %d fields: refused", in->name, in->line,
			      LB_CSV_MAX_FIELDS);
	if (n == in->cap) {
		int ncap = in->cap ? 2 * in->cap : 64;
		char **f = realloc(in->f, (size_t)ncap * sizeof *f);
		if (!f)
			return lb_err(err, errlen, "%s:%ld: out of memory", in->name, in->line);
		in->f = f;
		in->cap = ncap;
	}
	in->f[n] = field;
	return 0;
}

/* A quoted field from the opening quote at in->pos; its text goes to w.
 * Leaves in->pos after the closing quote.  -1 on a NUL byte or a quote
 * that never closes; 1 when the file ends inside the field within
 * LB_CSV_TORN_LINES line breaks of its start: the tail of a write that
 * was cut short (a full disk, a killed sweep), which the caller may skip. */
static int quoted(struct lb_csv_in *in, size_t *w, char *err, size_t errlen)
{
	long opened = in->line;
	char *b = in->buf;

	in->pos++;
	for (;;) {
		if (in->pos >= in->len) {
			if (in->line - opened <= LB_CSV_TORN_LINES)
				return 1;
			return lb_err(err, errlen, "%s:%ld: a quoted field opened on this line "
				    "never ends", in->name, opened);
		}
		char c = b[in->pos];
		if (c == '\0')
			return lb_err(err, errlen, "%s:%ld: a NUL byte: not a text CSV", in->name,
				    in->line);
		if (c == '"') {
			if (in->pos + 1 < in->len && b[in->pos + 1] == '"') {
				b[(*w)++] = '"';
				in->pos += 2;
				continue;
			}
			in->pos++;
			return 0;
		}
		if (c == '\n')
			in->line++;
		b[(*w)++] = c;
		in->pos++;
	}
}

/* A field's end (strchr would take a NUL byte for one). */
static bool is_sep(char c)
{
	return c == ',' || c == '\r' || c == '\n';
}

int lb_csv_in_next(struct lb_csv_in *in, struct lb_csv_rec *r, char *err, size_t errlen)
{
	char *b = in->buf;
	size_t w = in->pos, begin = in->pos;
	int n = 0;

	if (in->pos >= in->len)
		return 0;
	r->line = in->line;
	r->torn = false;
	for (;;) {
		size_t start = w;
		if (b[in->pos] == '"') {
			int q = quoted(in, &w, err, errlen);
			if (q < 0)
				return -1;
			r->torn = q > 0;
		} else {
			while (in->pos < in->len && !is_sep(b[in->pos])) {
				char c = b[in->pos];
				if (c == '\0')
					return lb_err(err, errlen, "%s:%ld: a NUL byte: not a text CSV",
						    in->name, in->line);
				if (c == '"')
					return lb_err(err, errlen, "%s:%ld: a double quote inside a field "
						    "that does not start with one", in->name, in->line);
				b[w++] = c;
				in->pos++;
			}
		}
		/* The separator or line end, looked at before its place is
		 * overwritten by the field's NUL. */
		char sep = in->pos < in->len ? b[in->pos] : '\0';
		if (in->pos < in->len && sep == '\0')
			return lb_err(err, errlen, "%s:%ld: a NUL byte: not a text CSV", in->name,
				    in->line);
		if (in->pos < in->len && !is_sep(sep))
			return lb_err(err, errlen, "%s:%ld: text after the closing quote of a field",
				    in->name, in->line);
		if (sep == '\r' && (in->pos + 1 >= in->len || b[in->pos + 1] != '\n'))
			return lb_err(err, errlen, "%s:%ld: a carriage return that does not end the "
				    "line", in->name, in->line);
		b[w++] = '\0';
		if (push_field(in, n++, b + start, err, errlen) < 0)
			return -1;
		if (in->pos - begin > LB_CSV_MAX_RECORD)
			return lb_err(err, errlen, "%s:%ld: a record longer than %d KiB: refused",
				      in->name, r->line, LB_CSV_MAX_RECORD >> 10);
		if (in->pos >= in->len) {
			r->eol = false;
			break;
		}
		in->pos += sep == '\r' ? 2 : 1;
		if (sep != ',') {
			r->eol = true;
			in->line++;
			break;
		}
	}
	r->n = n;
	r->f = in->f;
	return 1;
}

/* ---- the table -------------------------------------------------------- */

/* Whether fixed column c holds a number. */
static bool fixed_numeric(int c)
{
	return c == LB_COL_schema || c == LB_COL_case || c == LB_COL_rep ||
	       (c >= LB_COL_packages && c <= LB_COL_pus) || c == LB_COL_threads ||
	       (c >= LB_COL_duration_s && c <= LB_COL_jain) ||
	       (c >= LB_COL_lat_samples && c <= LB_COL_starve_exit) ||
	       (c > LB_COL_verified && c < LB_CSV_NCOLS);
}

bool lb_table_numeric(const struct lb_table *t, int col)
{
	if (col < 0 || col >= t->ncols)
		return false;
	if (col < LB_CSV_NCOLS)
		return fixed_numeric(col);
	const char *name = t->cols[col];
	size_t n = strlen(name);
	return strncmp(name, "papi_", 5) == 0 || (n > 3 && strcmp(name + n - 3, "_ns") == 0);
}

/* FNV-1a of a column's name, into the table's hash. */
static unsigned col_hash(const char *name)
{
	uint32_t h = 2166136261u;

	for (; *name; name++)
		h = (h ^ (unsigned char)*name) * 16777619u;
	return h & (LB_TABLE_HASH - 1);
}

int lb_table_col(const struct lb_table *t, const char *name)
{
	if (!t->hash) {
		for (int i = 0; i < t->ncols; i++)
			if (strcmp(t->cols[i], name) == 0)
				return i;
		return -1;
	}
	for (unsigned h = col_hash(name); t->hash[h]; h = (h + 1) & (LB_TABLE_HASH - 1))
		if (strcmp(t->cols[t->hash[h] - 1], name) == 0)
			return t->hash[h] - 1;
	return -1;
}

const char *lb_row_text(const struct lb_table *t, const struct lb_row *r, int col)
{
	const struct lb_table_file *tf = &t->files[r->file];

	if (col < 0 || col >= tf->nmap)
		return NULL;
	int k = tf->map[col];
	return k < 0 ? NULL : r->f[k];
}

const char *lb_row_str(const struct lb_table *t, const struct lb_row *r, int col)
{
	const char *s = lb_row_text(t, r, col);
	return s && strcmp(s, "NA") != 0 ? s : NULL;
}

double lb_row_num(const struct lb_table *t, const struct lb_row *r, int col)
{
	const char *s = lb_row_str(t, r, col);
	return s && s[0] ? strtod(s, NULL) : NAN;
}

bool lb_row_good(const struct lb_table *t, const struct lb_row *r)
{
	const char *st = lb_row_text(t, r, LB_COL_status), *v = lb_row_text(t, r, LB_COL_verified);
	return st && v && strcmp(st, "ok") == 0 && strcmp(v, "yes") == 0;
}

void lb_table_free(struct lb_table *t)
{
	for (int i = 0; i < t->nfiles; i++) {
		lb_csv_in_close(&t->files[i].in);
		free(t->files[i].path);
		free(t->files[i].head);
		free(t->files[i].map);
	}
	free(t->hash);
	for (size_t i = 0; i < t->nrows; i++)
		free(t->rows[i].f);
	for (int i = LB_CSV_NCOLS; i < t->ncols; i++)
		free(t->cols[i]);
	free(t->cols);
	free(t->files);
	free(t->rows);
	memset(t, 0, sizeof *t);
}

/* A new column called name (not in the table yet): 0, or -1 when out of
 * memory. */
static int add_col(struct lb_table *t, const char *name)
{
	char **c = realloc(t->cols, (size_t)(t->ncols + 1) * sizeof *c);
	if (!c)
		return -1;
	t->cols = c;
	if (t->ncols < LB_CSV_NCOLS)
		c[t->ncols] = (char *)lb_csv_names[t->ncols];
	else if (!(c[t->ncols] = strdup(name)))
		return -1;
	unsigned h = col_hash(c[t->ncols]);
	while (t->hash[h])
		h = (h + 1) & (LB_TABLE_HASH - 1);
	t->hash[h] = ++t->ncols;
	return 0;
}

/* Check the header of file fi (record h) and add its columns to t. */
static int take_header(struct lb_table *t, int fi, const struct lb_csv_rec *h, char *err,
		       size_t errlen)
{
	struct lb_table_file *tf = &t->files[fi];
	const char *name = tf->path;

	if (strcmp(h->f[0], lb_csv_names[LB_COL_schema]) != 0)
		return lb_err(err, errlen, "%s:%ld: not a lockbench results file: the header "
			    "starts with '%.40s', not 'schema'", name, h->line, h->f[0]);
	if (!h->eol)
		return lb_err(err, errlen, "%s:%ld: the file ends inside its header", name, h->line);
	tf->head = malloc((size_t)h->n * sizeof *tf->head);
	if (!tf->head)
		return lb_err(err, errlen, "%s: out of memory", name);
	memcpy(tf->head, h->f, (size_t)h->n * sizeof *tf->head);
	tf->nhead = h->n;
	for (int i = 0; i < h->n; i++)
		if (!h->f[i][0])
			return lb_err(err, errlen, "%s:%ld: column %d of the header has no name",
				    name, h->line, i + 1);
	/* Every schema column up to `verified` must be there. */
	for (int c = 0; c <= LB_COL_verified; c++) {
		int found = 0;
		for (int i = 0; i < h->n && !found; i++)
			found = strcmp(h->f[i], lb_csv_names[c]) == 0;
		if (!found)
			return lb_err(err, errlen, "%s:%ld: not a lockbench results file (schema %d): "
				    "no column '%s' in the header", name, h->line, LB_CSV_SCHEMA,
				    lb_csv_names[c]);
	}
	for (int i = 0; i < h->n; i++) {
		if (lb_table_col(t, h->f[i]) >= 0)
			continue;
		if (t->ncols == LB_TABLE_MAX_COLS)
			return lb_err(err, errlen, "%s:%ld: more than %d columns in all the files "
				    "together", name, h->line, LB_TABLE_MAX_COLS);
		if (add_col(t, h->f[i]) < 0)
			return lb_err(err, errlen, "%s: out of memory", name);
	}
	/* The file's map, from the table's columns to its own: a column
	 * found twice is named twice in the header. */
	if (!(tf->map = malloc((size_t)t->ncols * sizeof *tf->map)))
		return lb_err(err, errlen, "%s: out of memory", name);
	tf->nmap = t->ncols;
	for (int c = 0; c < t->ncols; c++)
		tf->map[c] = -1;
	for (int i = 0; i < h->n; i++) {
		int c = lb_table_col(t, h->f[i]);
		if (tf->map[c] >= 0)
			return lb_err(err, errlen, "%s:%ld: column '%.60s' appears twice in the header",
				    name, h->line, h->f[i]);
		tf->map[c] = i;
	}
	return 0;
}

/* Whether record r repeats the header of its file (files joined with
 * cat keep every header). */
static bool is_header_again(const struct lb_table_file *tf, const struct lb_csv_rec *r)
{
	if (r->n != tf->nhead)
		return false;
	for (int i = 0; i < r->n; i++)
		if (strcmp(r->f[i], tf->head[i]) != 0)
			return false;
	return true;
}

/* The checks on one row's values: a schema this version reads, a known
 * status, verified yes/no/NA, a lock and a workload, and a finite number
 * (or NA) in every numeric column. */
static int check_row(const struct lb_table *t, const struct lb_row *row, char *err,
		     size_t errlen)
{
	const char *name = t->files[row->file].path;
	const char *s = lb_row_text(t, row, LB_COL_schema);
	char why[LB_ERR_LEN];
	uint64_t schema;
	double v;

	if (lb_parse_u64(s, 1, UINT64_MAX, &schema, why, sizeof why) < 0)
		return lb_err(err, errlen, "%s:%ld: schema '%.40s' is not a schema number", name,
			    row->line, s);
	if (schema > LB_CSV_SCHEMA)
		return lb_err(err, errlen, "%s:%ld: schema %s is newer than this lockbench reads "
			    "(schema %d): use a newer lockbench", name, row->line, s, LB_CSV_SCHEMA);
	s = lb_row_text(t, row, LB_COL_status);
	bool known = false;
	for (int k = 0; k < LB_INTERRUPTED; k++)
		known |= strcmp(s, lb_status_names[k]) == 0;
	if (!known)
		return lb_err(err, errlen, "%s:%ld: status '%.40s' is none of ok, timeout, crashed, "
			    "failed, skipped", name, row->line, s);
	s = lb_row_text(t, row, LB_COL_verified);
	if (strcmp(s, "yes") != 0 && strcmp(s, "no") != 0 && strcmp(s, "NA") != 0)
		return lb_err(err, errlen, "%s:%ld: verified '%.40s' is not yes, no or NA", name,
			    row->line, s);
	static const int needed[] = { LB_COL_platform, LB_COL_workload, LB_COL_threads,
				      LB_COL_pin };
	for (size_t k = 0; k < sizeof needed / sizeof needed[0]; k++)
		if (!lb_row_str(t, row, needed[k]) || !lb_row_str(t, row, needed[k])[0])
			return lb_err(err, errlen, "%s:%ld: no value in column '%s'", name, row->line,
				    lb_csv_names[needed[k]]);
	if (!lb_row_str(t, row, LB_COL_lock) && !lb_row_str(t, row, LB_COL_waitgroup))
		return lb_err(err, errlen, "%s:%ld: neither a lock nor a waitgroup", name, row->line);
	for (int c = 0; c < t->ncols; c++) {
		s = lb_row_str(t, row, c);
		if (!s || !s[0] || !lb_table_numeric(t, c))
			continue;
		if (lb_parse_double(s, -INFINITY, INFINITY, &v, why, sizeof why) < 0)
			return lb_err(err, errlen, "%s:%ld: column %s: '%.40s' is not a number", name,
				    row->line, t->cols[c], s);
		/* Every number of a row counts or measures something: none is
		 * below 0, and none is so large that a sum or a ratio of them
		 * overflows; Jain's index is at most 1. */
		if (!(v >= 0 && v <= LB_CSV_NUM_MAX) || (c == LB_COL_jain && v > 1 + 1e-6))
			return lb_err(err, errlen, "%s:%ld: column %s: %.40s is out of range (0 to %s)",
				    name, row->line, t->cols[c], s, c == LB_COL_jain ? "1" : "1e18");
	}
	/* A run is named by its case and repetition, both counted from 1
	 * (merge tells runs apart by them). */
	static const struct { int col; const char *what; double max; } counts[] = {
		{ LB_COL_threads, "a thread count", 1e6 },
		{ LB_COL_case, "a case number", 1e9 },
		{ LB_COL_rep, "a repetition number", 1e9 },
	};
	for (size_t k = 0; k < sizeof counts / sizeof counts[0]; k++) {
		v = lb_row_num(t, row, counts[k].col);
		if (!(v >= 1 && v == floor(v) && v <= counts[k].max))
			return lb_err(err, errlen, "%s:%ld: %s '%.40s' is not %s", name, row->line,
				    lb_csv_names[counts[k].col],
				    lb_row_text(t, row, counts[k].col), counts[k].what);
	}
	return 0;
}

/* Read the rows of file fi, whose text is loaded. */
static int take_file(struct lb_table *t, int fi, FILE *warn, const char *prefix, char *err,
		     size_t errlen)
{
	struct lb_table_file *tf = &t->files[fi];
	struct lb_csv_rec r;
	size_t cap = t->nrows;
	int k;

	if ((k = lb_csv_in_next(&tf->in, &r, err, errlen)) < 0)
		return -1;
	if (k == 0)
		return lb_err(err, errlen, "%s: empty: not a lockbench results file", tf->path);
	if (take_header(t, fi, &r, err, errlen) < 0)
		return -1;
	while ((k = lb_csv_in_next(&tf->in, &r, err, errlen)) > 0) {
		if (is_header_again(tf, &r))
			continue;
		if (!r.eol && (r.n < tf->nhead || r.torn)) {
			if (warn)
				lb_say(warn, "%s: warning: %s:%ld: the last row is cut short (%d of %d "
				       "fields%s, no line break at the end): skipped", prefix, tf->path,
				       r.line, r.n, tf->nhead,
				       r.torn ? ", the last inside a quote that never closes" : "");
			break;
		}
		if (r.n != tf->nhead)
			return lb_err(err, errlen, "%s:%ld: %d fields, but the header has %d", tf->path,
				    r.line, r.n, tf->nhead);
		if (t->nrows == cap) {
			cap = cap ? 2 * cap : 256;
			struct lb_row *nr = realloc(t->rows, cap * sizeof *nr);
			if (!nr)
				return lb_err(err, errlen, "%s: out of memory", tf->path);
			t->rows = nr;
		}
		struct lb_row *row = &t->rows[t->nrows];
		row->f = malloc((size_t)r.n * sizeof *row->f);
		if (!row->f)
			return lb_err(err, errlen, "%s: out of memory", tf->path);
		memcpy(row->f, r.f, (size_t)r.n * sizeof *row->f);
		row->file = fi;
		row->line = r.line;
		t->nrows++;
	}
	return k;
}

static int read_all(struct lb_table *t, char *const *names, char *const *texts, int n,
		    FILE *warn, const char *prefix, char *err, size_t errlen)
{
	memset(t, 0, sizeof *t);
	if (!(t->files = calloc((size_t)n, sizeof *t->files)) ||
	    !(t->hash = calloc(LB_TABLE_HASH, sizeof *t->hash))) {
		free(t->files);
		return lb_err(err, errlen, "out of memory");
	}
	for (int c = 0; c < LB_CSV_NCOLS; c++)
		if (add_col(t, lb_csv_names[c]) < 0)
			goto oom;
	for (int i = 0; i < n; i++) {
		struct lb_table_file *tf = &t->files[i];
		size_t first = t->nrows;
		int rc = texts ? lb_csv_in_mem(&tf->in, names[i], texts[i], strlen(texts[i]), err,
					       errlen)
			       : lb_csv_in_open(&tf->in, names[i], err, errlen);
		if (rc < 0)
			goto fail;
		t->nfiles++;
		if (!(tf->path = strdup(names[i])))
			goto oom;
		if (take_file(t, i, warn, prefix, err, errlen) < 0)
			goto fail;
		for (size_t r = first; r < t->nrows; r++)
			if (check_row(t, &t->rows[r], err, errlen) < 0)
				goto fail;
	}
	return 0;
oom:
	lb_err(err, errlen, "out of memory");
fail:
	lb_table_free(t);
	return -1;
}

int lb_table_read(struct lb_table *t, char *const *paths, int npaths, FILE *warn,
		  const char *prefix, char *err, size_t errlen)
{
	return read_all(t, paths, NULL, npaths, warn, prefix, err, errlen);
}

int lb_table_read_mem(struct lb_table *t, char *const *names, char *const *texts, int n,
		      FILE *warn, const char *prefix, char *err, size_t errlen)
{
	return read_all(t, names, texts, n, warn, prefix, err, errlen);
}
