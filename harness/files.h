/*
 * files.h - the files lockbench reads and writes, treated as what they
 * are: text from anyone, and results nobody wants to lose.
 *
 * Reading.  A results CSV, its sidecar or a chart template may come from
 * someone else, and may be built to hurt: a FIFO that never ends, a
 * symlink to /dev/zero, a sparse file of a terabyte, binary junk.
 * lb_read_text reads only a regular file, only up to a bound given by the
 * caller, and stops at the first NUL byte, so that a refusal comes at
 * once and in bounded memory, with one line naming the file.
 *
 * Writing.  lb_create makes an output file the way every writer of
 * lockbench does: an existing file is never replaced unless the caller
 * says so (--force), a path whose last part is a symbolic link is never
 * followed, and the file is locked (flock, exclusive) before it is
 * truncated, so that two writers of one file never interleave: the
 * second is refused.  The lock lasts as long as the descriptor.
 *
 * Paths.  lb_path formats a path and refuses one that does not fit its
 * buffer, instead of cutting it short and writing somewhere else.
 *
 * Sidecars.  Beside each results file, FILE.meta holds how it was made,
 * as key=value lines after a title line (lb_meta_title); lb_meta_read
 * reads one back, as untrusted text like the rest.
 *
 * Shell words.  A command line written into a sidecar or a batch script
 * (lb_sh_word) is quoted for a POSIX shell, so that it can be run again
 * as it is; in a key=value line a control character is shown as '?', so
 * that an argument, or a file's name, cannot end the line and forge the
 * keys after it.
 *
 * Conventions as everywhere: 0 (or a descriptor) on success, -1 with
 * errno and a one-line message in err ("PATH: why").
 */
#ifndef LB_FILES_H
#define LB_FILES_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

/* The most lockbench reads of one results file, and of one sidecar. */
#define LB_READ_MAX_RESULTS (256u << 20)
#define LB_READ_MAX_SIDECAR (1u << 20)

/* The whole regular file at path, NUL-terminated, into *text (malloc'd;
 * *len bytes without the NUL).  Refused: anything but a regular file
 * (after symbolic links), more than max bytes, a NUL byte. */
int lb_read_text(const char *path, size_t max, char **text, size_t *len, char *err,
		 size_t errlen);

/* Create path for writing, mode 0644, and lock it: a new file; with
 * replace, an existing regular file too, truncated once locked.
 * *created (may be NULL) says whether the file is new, so that a caller
 * that gives up can remove what it made and nothing else.  Returns the
 * descriptor (O_CLOEXEC), or -1: EEXIST (exists, replace not given),
 * ELOOP (a symbolic link), EWOULDBLOCK (another writer holds it),
 * EINVAL (not a regular file), or open's own errno. */
int lb_create(const char *path, bool replace, bool *created, char *err, size_t errlen);

/* Whether lb_create(path, true, ...) would take path, as far as a look
 * can tell before anything is written: 0 when it does not exist or is a
 * regular file, or -1 with errno and err in lb_create's words (ELOOP, a
 * symbolic link; EINVAL, not a regular file).  For a command that writes
 * several files and must refuse before the first. */
int lb_replaceable(const char *path, char *err, size_t errlen);

/* Close f, written whole to path (a file of lb_create's): 0, or, when a
 * write failed on the way (ferror) or at the close, -1 with errno and
 * "cannot write PATH: why" in err, after removing path.  A file cut short
 * (a full disk) would pass for a whole one, and stand in the way of the
 * next try, which refuses a file that exists. */
int lb_close_whole(FILE *f, const char *path, char *err, size_t errlen);

/* A results file (and its sidecar, PATH.meta) that holds nothing, not
 * even its header, is removed: what a failed write leaves of one, no CSV,
 * and in the way of the next try.  One with any bytes in it stays, as its
 * rows are results. */
void lb_drop_if_empty(const char *path);

/* snprintf into a path buffer: 0, or -1 with ENAMETOOLONG and a message
 * when the path would not fit (it is never cut short). */
int lb_path(char *buf, size_t len, char *err, size_t errlen, const char *fmt, ...)
	__attribute__((format(printf, 5, 6)));

/* s as one word for a POSIX shell: as it is when it holds only letters,
 * digits and -_./:=,+@%, else in single quotes ('\'' for a quote).  With
 * one_line, a byte below ' ' or DEL is written as '?'. */
void lb_sh_word(FILE *f, const char *s, bool one_line);

/* A sidecar's first line: "# How the WHAT in PATH ran (key=value)MORE",
 * PATH one word (lb_sh_word), so that no path can end the line. */
void lb_meta_title(FILE *f, const char *what, const char *path, const char *more);

/* The sidecar of a results file: PATH.meta, key=value lines written by
 * lockbench run, read as untrusted text (lb_read_text: a regular file of
 * at most LB_READ_MAX_SIDECAR bytes, no NUL byte).  Calls fn (when not
 * NULL) for each pair; 0, or -1 with err: errno ENOENT when there is no
 * sidecar, another errno when there is one that is refused.  Where a key
 * comes twice, a reader takes its first line and ignores the rest (the
 * report's meta table shows them all). */
int lb_meta_read(const char *csv_path, void (*fn)(void *arg, const char *key, const char *value),
		 void *arg, char *err, size_t errlen);

/* The whole number that the sidecar of csv_path gives key (its first
 * line), or -1 when it gives none. */
long lb_meta_long(const char *csv_path, const char *key);

#endif
