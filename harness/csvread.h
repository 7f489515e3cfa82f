/*
 * csvread.h - reading results back: an RFC 4180 record reader, and the
 * table of rows that lockbench plot, report and compare work on.
 *
 * The record reader is strict where lockbench's writer (csv.c) is: a
 * field is quoted or not; a quoted field may hold commas, doubled quotes
 * and line breaks; records end with LF or CRLF.  Anything else (a quote
 * in the middle of an unquoted field, text after a closing quote, a
 * quote that never closes, a NUL byte, a lone CR) is an error that names
 * the file and the line.  Fields are unescaped in place in the file's
 * buffer, so a record costs one array of pointers.
 *
 * The table reads one or more result files, checks each against schema
 * v1 (the header names the columns of LB_CSV_COLUMNS up to `verified`;
 * later columns, such as papi_<EVENT>, are optional), and checks every
 * value it will read as a number: a number, from 0 to LB_CSV_NUM_MAX
 * (Jain's index to 1).  Columns are looked up by name, so
 * files whose headers differ (other PAPI events, a column added after
 * this version) can be read together; a column a file lacks reads as NA.
 * A last row cut short by a killed sweep or a full disk (fewer fields
 * and no final line break, or the file ending inside a quoted field) is
 * skipped with a warning, and every whole row before it is kept; any
 * other malformed row is an error.
 *
 * The file is untrusted: it is read through lb_read_text (a regular file,
 * at most LB_READ_MAX_RESULTS bytes, no NUL byte), and a record may have
 * at most LB_CSV_MAX_FIELDS fields and LB_CSV_MAX_RECORD bytes.
 */
#ifndef LB_CSVREAD_H
#define LB_CSVREAD_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

#include "harness/csv.h"

/* ---- records ---------------------------------------------------------- */

#define LB_CSV_MAX_FIELDS 4096
#define LB_CSV_MAX_RECORD (1 << 20)
/* The largest number a row may hold: every number counts or measures
 * something, from 0 up to this. */
#define LB_CSV_NUM_MAX 1e18
/* The most line breaks a quoted field cut off by the end of the file may
 * hold and still be taken for a torn last record rather than an error:
 * none.  A write cut short leaves the file ending inside the field it was
 * writing; a quote that never closes across lines is a broken file, and
 * skipping it could hide every row after it. */
#define LB_CSV_TORN_LINES 0

struct lb_csv_in {
	char *name;  /* the file's name, for messages */
	char *buf;   /* the whole file, fields unescaped in place */
	size_t len, pos;
	long line;   /* the line the next record starts on, from 1 */
	char **f;    /* the fields of the last record */
	int cap;
};

struct lb_csv_rec {
	int n;        /* fields */
	char **f;     /* NUL-terminated, unescaped; valid until close */
	long line;    /* the line the record starts on */
	bool eol;     /* ended by a line break (false: by the end of the file) */
	bool torn;    /* the file ended inside its last, quoted, field */
};

/* Read the file at path.  0, or -1 with err ("PATH: why"). */
int lb_csv_in_open(struct lb_csv_in *in, const char *path, char *err, size_t errlen);
/* The same over len bytes of text (copied); name is used in messages. */
int lb_csv_in_mem(struct lb_csv_in *in, const char *name, const char *text, size_t len,
		  char *err, size_t errlen);
/* The next record: 1, or 0 at the end of the file, or -1 with err
 * ("NAME:LINE: why").  A record the end of the file cut inside a quoted
 * field comes back with torn set (and eol clear). */
int lb_csv_in_next(struct lb_csv_in *in, struct lb_csv_rec *r, char *err, size_t errlen);
void lb_csv_in_close(struct lb_csv_in *in);

/* ---- the table -------------------------------------------------------- */

struct lb_table_file {
	struct lb_csv_in in; /* owns the row text */
	char *path;
	char **head;         /* the header's names (pointers into in.buf) */
	int nhead;
	int *map;            /* table column -> this file's column, or -1 */
	int nmap;            /* the columns the table had after this file's header */
};

struct lb_row {
	int file;  /* index in files */
	long line; /* where the row starts in its file */
	char **f;  /* the file's nhead fields */
};

struct lb_table {
	struct lb_table_file *files;
	int nfiles;
	/* Every column of every file: the LB_CSV_COLUMNS first, in their
	 * order (so LB_COL_x indexes them), then the others in the order
	 * the files name them. */
	char **cols;
	int ncols;
	int *hash; /* LB_TABLE_HASH slots: a column's index + 1, by name; 0 empty */
	struct lb_row *rows;
	size_t nrows;
};

/* The most columns all the files of one table name together (each file
 * has at most LB_CSV_MAX_FIELDS), and the slots of the table's hash of
 * their names: twice as many, so a lookup stays short. */
#define LB_TABLE_MAX_COLS LB_CSV_MAX_FIELDS
#define LB_TABLE_HASH (2 * LB_TABLE_MAX_COLS)

/* Read the files into t, in order.  0, or -1 with err naming the file
 * and line.  Warnings (a cut-short last row skipped) go to warn, one line
 * each, starting with prefix. */
int lb_table_read(struct lb_table *t, char *const *paths, int npaths, FILE *warn,
		  const char *prefix, char *err, size_t errlen);
/* The same from texts in memory (tests); names[i] stands for the file. */
int lb_table_read_mem(struct lb_table *t, char *const *names, char *const *texts,
		      int n, FILE *warn, const char *prefix, char *err, size_t errlen);
void lb_table_free(struct lb_table *t);

/* The column called name, or -1. */
int lb_table_col(const struct lb_table *t, const char *name);
/* Whether col is read as a number: the numeric columns of the schema up
 * to `verified`, and any column after those whose name starts with papi_
 * or ends with _ns (papi_<EVENT>, wake_p99_ns). */
bool lb_table_numeric(const struct lb_table *t, int col);
/* Row r's text in column col: NULL where its file has no such column. */
const char *lb_row_text(const struct lb_table *t, const struct lb_row *r, int col);
/* The text, with NA and a missing column read as NULL. */
const char *lb_row_str(const struct lb_table *t, const struct lb_row *r, int col);
/* A numeric column's value: NAN for NA, empty or missing (the table
 * checked at reading that every other value is a finite number). */
double lb_row_num(const struct lb_table *t, const struct lb_row *r, int col);
/* Whether the row ran ok and verified (status=ok, verified=yes): only
 * those rows feed charts and medians. */
bool lb_row_good(const struct lb_table *t, const struct lb_row *r);

#endif
