/*
 * csv.c - the schema's column names and an RFC 4180 writer.
 *
 * Fields are quoted only when they must be (a comma, a double quote, CR
 * or LF inside), with inner quotes doubled; an empty string is written
 * as nothing, NULL as NA.  Lines end with "\n".
 *
 * lb_csv_header and lb_csv_row flush the stream before they return: a row
 * is on disk once written (a crashed sweep loses at most the case in
 * flight), and a write error is reported by the call that caused it
 * rather than by some later write.
 */
#include "harness/csv.h"

#include <errno.h>
#include <string.h>

#define LB_CSV_NAME(name) #name,
const char *const lb_csv_names[LB_CSV_NCOLS] = { LB_CSV_COLUMNS(LB_CSV_NAME) };
#undef LB_CSV_NAME

void lb_csv_field(FILE *f, const char *s)
{
	if (s == NULL) {
		fputs("NA", f);
		return;
	}
	if (strpbrk(s, ",\"\r\n") == NULL) {
		fputs(s, f);
		return;
	}
	putc('"', f);
	for (const char *p = s; *p; p++) {
		if (*p == '"')
			putc('"', f);
		putc(*p, f);
	}
	putc('"', f);
}

/*
 * Ends the line, flushes, and turns the stream's error flag into the
 * return value.  errno is cleared before the line is written so that the
 * errno left by a failing write survives; a stream already in error with
 * no errno of its own reports EIO.  On success the caller's errno is
 * given back.
 */
static int end_line(FILE *f, int saved_errno)
{
	putc('\n', f);
	fflush(f);
	if (ferror(f)) {
		if (errno == 0)
			errno = EIO;
		return -1;
	}
	errno = saved_errno;
	return 0;
}

/* The fixed columns from v, then nextra more from extra (NA each where
 * extra is NULL), and the end of the line. */
static int write_line(FILE *f, const char *const *v, const char *const *extra, int nextra)
{
	int saved = errno;

	errno = 0;
	for (int i = 0; i < LB_CSV_NCOLS; i++) {
		if (i)
			putc(',', f);
		lb_csv_field(f, v[i]);
	}
	for (int i = 0; i < nextra; i++) {
		putc(',', f);
		lb_csv_field(f, extra ? extra[i] : NULL);
	}
	return end_line(f, saved);
}

int lb_csv_header(FILE *f, const char *const *extra, int nextra)
{
	if (f == NULL || nextra < 0 || (nextra > 0 && extra == NULL)) {
		errno = EINVAL;
		return -1;
	}
	return write_line(f, lb_csv_names, extra, nextra);
}

/* extra == NULL with nextra > 0 writes nextra NA fields: a case that
 * failed before its counters were read still fills every column. */
int lb_csv_row(FILE *f, const char *const v[LB_CSV_NCOLS],
	       const char *const *extra, int nextra)
{
	if (f == NULL || v == NULL || nextra < 0) {
		errno = EINVAL;
		return -1;
	}
	return write_line(f, v, extra, nextra);
}
