/*
 * files.c - bounded reads, careful creation, checked paths.  See files.h.
 */
#include "harness/files.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include "harness/options.h"

/* What a file that is not a regular one is, for the refusal. */
static const char *file_kind(mode_t m)
{
	return S_ISDIR(m) ? "a folder" : S_ISFIFO(m) ? "a FIFO" : S_ISCHR(m) ? "a character device"
	     : S_ISBLK(m) ? "a block device" : S_ISSOCK(m) ? "a socket" : "not a regular file";
}

int lb_read_text(const char *path, size_t max, char **text, size_t *len, char *err,
		 size_t errlen)
{
	/* O_NONBLOCK: opening a FIFO must not wait for a writer; for a
	 * regular file the flag changes nothing. */
	int fd = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC | O_NOCTTY);
	struct stat st;
	char *buf = NULL;
	size_t n = 0;

	*text = NULL;
	*len = 0;
	if (fd < 0)
		return lb_err(err, errlen, "%s: %s", path, strerror(errno));
	if (fstat(fd, &st) < 0) {
		lb_err(err, errlen, "%s: %s", path, strerror(errno));
		goto fail;
	}
	if (!S_ISREG(st.st_mode)) {
		errno = EINVAL;
		lb_err(err, errlen, "%s: is %s, not a regular file: refused", path,
		       file_kind(st.st_mode));
		goto fail;
	}
	if ((unsigned long long)st.st_size > max) {
		errno = EFBIG;
		lb_err(err, errlen, "%s: %lld bytes, more than the %zu MiB lockbench reads of such "
		       "a file: refused", path, (long long)st.st_size, max >> 20);
		goto fail;
	}
	/* One byte more than the size, to see a file that grows past max
	 * while it is read; one more for the NUL. */
	size_t cap = (size_t)st.st_size + 2;
	if (!(buf = malloc(cap))) {
		lb_err(err, errlen, "%s: out of memory", path);
		goto fail;
	}
	for (;;) {
		if (n + 1 == cap) {
			if (cap - 1 > max) {
				errno = EFBIG;
				lb_err(err, errlen, "%s: grew past the %zu MiB lockbench reads of such "
				       "a file: refused", path, max >> 20);
				goto fail;
			}
			size_t ncap = cap * 2 > max + 2 ? max + 2 : cap * 2;
			char *b = realloc(buf, ncap);
			if (!b) {
				lb_err(err, errlen, "%s: out of memory", path);
				goto fail;
			}
			buf = b;
			cap = ncap;
		}
		ssize_t k = read(fd, buf + n, cap - 1 - n);
		if (k < 0 && errno == EINTR)
			continue;
		if (k < 0) {
			lb_err(err, errlen, "%s: cannot read: %s", path, strerror(errno));
			goto fail;
		}
		if (k == 0)
			break;
		char *nul = memchr(buf + n, '\0', (size_t)k);
		if (nul) {
			long line = 1;
			for (const char *c = buf; c < nul; c++)
				line += *c == '\n';
			errno = EINVAL;
			lb_err(err, errlen, "%s:%ld: a NUL byte: not a text file: refused", path, line);
			goto fail;
		}
		n += (size_t)k;
	}
	close(fd);
	buf[n] = '\0';
	*text = buf;
	*len = n;
	return 0;
fail:;
	int e = errno;
	free(buf);
	close(fd);
	errno = e;
	return -1;
}

int lb_close_whole(FILE *f, const char *path, char *err, size_t errlen)
{
	int e = fflush(f) != 0 || ferror(f) ? (errno ? errno : EIO) : 0;

	if (e)
		unlink(path); /* before the close, while this writer holds its lock */
	if (fclose(f) != 0 && !e) {
		e = errno;
		unlink(path);
	}
	if (!e)
		return 0;
	errno = e;
	return lb_err(err, errlen, "cannot write %s: %s", path, strerror(e));
}

void lb_drop_if_empty(const char *path)
{
	char mpath[PATH_MAX];
	struct stat st;

	if (lstat(path, &st) == 0 && S_ISREG(st.st_mode) && st.st_size == 0 &&
	    (size_t)snprintf(mpath, sizeof mpath, "%s.meta", path) < sizeof mpath) {
		unlink(path);
		unlink(mpath);
	}
}

/* Why path, of mode m, is not written: -1 with errno ELOOP for a symbolic
 * link, else EINVAL, and err. */
static int refuse_kind(const char *path, mode_t m, char *err, size_t errlen)
{
	if (S_ISLNK(m)) {
		lb_err(err, errlen, "%s: is a symbolic link: lockbench does not write through one",
		       path);
		return errno = ELOOP, -1;
	}
	lb_err(err, errlen, "%s: is %s, not a regular file: refused", path, file_kind(m));
	return errno = EINVAL, -1;
}

int lb_replaceable(const char *path, char *err, size_t errlen)
{
	struct stat st;

	if (lstat(path, &st) < 0 || S_ISREG(st.st_mode))
		return 0;
	return refuse_kind(path, st.st_mode, err, errlen);
}

int lb_create(const char *path, bool replace, bool *created, char *err, size_t errlen)
{
	const int flags = O_WRONLY | O_CREAT | O_CLOEXEC | O_NOFOLLOW | O_NONBLOCK | O_NOCTTY;
	struct stat st;
	bool made = true;
	int fd;

	if (created)
		*created = false;
	fd = open(path, flags | O_EXCL, 0644);
	if (fd < 0 && errno == EEXIST && replace) {
		made = false;
		fd = open(path, flags, 0644);
	}
	if (fd < 0) {
		int e = errno;
		if (e == EEXIST && lstat(path, &st) == 0 && S_ISLNK(st.st_mode))
			e = ELOOP;
		if (e == EEXIST)
			lb_err(err, errlen, "%s: file exists (add --force to replace it)", path);
		else if (e == ELOOP)
			refuse_kind(path, S_IFLNK, err, errlen);
		else if (e == ENXIO)
			lb_err(err, errlen, "%s: is a FIFO or a socket, not a regular file: refused",
			       path);
		else
			lb_err(err, errlen, "%s: cannot create: %s", path, strerror(e));
		errno = e;
		return -1;
	}
	if (fstat(fd, &st) < 0) {
		int e = errno;
		close(fd);
		lb_err(err, errlen, "%s: %s", path, strerror(e));
		errno = e;
		return -1;
	}
	if (!S_ISREG(st.st_mode)) {
		close(fd);
		return refuse_kind(path, st.st_mode, err, errlen);
	}
	if (flock(fd, LOCK_EX | LOCK_NB) < 0) {
		int e = errno;
		close(fd);
		if (made)
			unlink(path);
		lb_err(err, errlen, "%s: another lockbench is writing it", path);
		errno = e;
		return -1;
	}
	/* Truncated only once it is ours alone. */
	if (!made && ftruncate(fd, 0) < 0) {
		int e = errno;
		close(fd);
		lb_err(err, errlen, "%s: cannot truncate: %s", path, strerror(e));
		errno = e;
		return -1;
	}
	/* Writes block as usual from here on. */
	fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) & ~O_NONBLOCK);
	if (created)
		*created = made;
	return fd;
}

int lb_path(char *buf, size_t len, char *err, size_t errlen, const char *fmt, ...)
{
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vsnprintf(buf, len, fmt, ap);
	va_end(ap);
	if (n < 0 || (size_t)n >= len) {
		char head[64];
		snprintf(head, sizeof head, "%s", buf);
		buf[0] = '\0';
		errno = ENAMETOOLONG;
		return lb_err(err, errlen, "a path of %d bytes, longer than the %zu this system "
			      "takes: '%s...'", n, len - 1, head);
	}
	return 0;
}

void lb_sh_word(FILE *f, const char *s, bool one_line)
{
	static const char plain[] = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ"
				    "0123456789-_./:=,+@%";

	if (s[0] && strspn(s, plain) == strlen(s)) {
		fputs(s, f);
		return;
	}
	putc('\'', f);
	for (; *s; s++) {
		unsigned char c = (unsigned char)*s;
		if (c == '\'')
			fputs("'\\''", f);
		else
			putc(one_line && (c < ' ' || c == 0x7f) ? '?' : c, f);
	}
	putc('\'', f);
}

void lb_meta_title(FILE *f, const char *what, const char *path, const char *more)
{
	fprintf(f, "# How the %s in ", what);
	lb_sh_word(f, path, true);
	fprintf(f, " ran (key=value)%s\n", more);
}

int lb_meta_read(const char *csv_path, void (*fn)(void *arg, const char *key, const char *value),
		 void *arg, char *err, size_t errlen)
{
	char path[PATH_MAX], *text;
	size_t len;

	if (lb_path(path, sizeof path, err, errlen, "%s.meta", csv_path) < 0 ||
	    lb_read_text(path, LB_READ_MAX_SIDECAR, &text, &len, err, errlen) < 0)
		return -1;
	for (char *line = text, *next; fn && *line; line = next) {
		next = line + strcspn(line, "\n");
		if (*next)
			*next++ = '\0';
		size_t n = strlen(line);
		if (n && line[n - 1] == '\r') /* a CRLF line end */
			line[n - 1] = '\0';
		char *eq = strchr(line, '=');
		if (line[0] == '#' || !eq)
			continue;
		*eq = '\0';
		fn(arg, line, eq + 1);
	}
	free(text);
	return 0;
}

struct meta_long {
	const char *key;
	bool seen;
	long v;
};

static void meta_long_one(void *arg, const char *key, const char *value)
{
	struct meta_long *m = arg;
	char *end;

	if (!m->seen && strcmp(key, m->key) == 0) {
		long v = strtol(value, &end, 10);
		m->v = end != value && !*end && v >= 0 ? v : -1;
		m->seen = true;
	}
}

long lb_meta_long(const char *csv_path, const char *key)
{
	struct meta_long m = { .key = key, .v = -1 };
	char err[LB_ERR_LEN];

	lb_meta_read(csv_path, meta_long_one, &m, err, sizeof err);
	return m.v;
}
