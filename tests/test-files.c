/*
 * test-files.c - the files module and the messages: reads of untrusted
 * files refused at once (a FIFO, a device, a symbolic link to one, a file
 * over the bound, a NUL byte, naming its line); creation that never
 * clobbers, never follows a symbolic link, and never truncates a file
 * another writer holds; paths refused rather than cut; control
 * characters in messages made visible; and the check every chart script
 * passes.
 */
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include "harness/charts.h"
#include "harness/files.h"
#include "harness/options.h"
#include "tests/check.h"

static char dir[] = "/tmp/lockbench-files.XXXXXX";

static const char *in_dir(const char *name)
{
	static char p[PATH_MAX];
	snprintf(p, sizeof p, "%s/%s", dir, name);
	return p;
}

static void put(const char *name, const char *text, size_t len)
{
	FILE *f = fopen(in_dir(name), "w");
	if (f) {
		fwrite(text, 1, len, f);
		fclose(f);
	}
}

static char *slurp(const char *name)
{
	static char buf[256];
	FILE *f = fopen(in_dir(name), "r");
	size_t n = f ? fread(buf, 1, sizeof buf - 1, f) : 0;
	if (f)
		fclose(f);
	buf[n] = '\0';
	return buf;
}

static void test_visible(void)
{
	char buf[64], err[LB_ERR_LEN];

	CHECK(strcmp(lb_visible(buf, sizeof buf, "a\nb\rc\td\033e\x7f" "f\xc3\xa9"),
		     "a\\nb\\rc\\td\\x1be\\x7ff\xc3\xa9") == 0, "%s", buf);
	/* cut whole: never half an escape */
	CHECK(strcmp(lb_visible(buf, 5, "ab\ncd"), "ab\\n") == 0, "%s", buf);
	CHECK(strcmp(lb_visible(buf, 4, "ab\ncd"), "ab") == 0, "%s", buf);
	errno = ENOENT;
	CHECK(lb_err(err, sizeof err, "file '%s': bad", "x\ny") == -1 &&
	      strcmp(err, "file 'x\\ny': bad") == 0 && errno == ENOENT, "%s", err);
}

static void test_read(void)
{
	char err[LB_ERR_LEN], *text;
	size_t len;

	put("ok.txt", "a\nb\n", 4);
	CHECK(lb_read_text(in_dir("ok.txt"), 4, &text, &len, err, sizeof err) == 0 && len == 4 &&
	      strcmp(text, "a\nb\n") == 0, "%s", err);
	free(text);
	CHECK(lb_read_text(in_dir("ok.txt"), 3, &text, &len, err, sizeof err) < 0 &&
	      errno == EFBIG && strstr(err, "4 bytes, more than") && !text, "%s", err);
	put("nul.txt", "a\nb\nc\0d", 7);
	CHECK(lb_read_text(in_dir("nul.txt"), 100, &text, &len, err, sizeof err) < 0 &&
	      strstr(err, "nul.txt:3: a NUL byte"), "%s", err);
	CHECK(mkfifo(in_dir("fifo"), 0600) == 0, "mkfifo: %s", strerror(errno));
	CHECK(lb_read_text(in_dir("fifo"), 100, &text, &len, err, sizeof err) < 0 &&
	      strstr(err, "is a FIFO, not a regular file"), "%s", err);
	CHECK(symlink("/dev/zero", in_dir("zero")) == 0, "symlink: %s", strerror(errno));
	CHECK(lb_read_text(in_dir("zero"), 100, &text, &len, err, sizeof err) < 0 &&
	      strstr(err, "is a character device"), "%s", err);
	CHECK(lb_read_text(dir, 100, &text, &len, err, sizeof err) < 0 &&
	      strstr(err, "is a folder"), "%s", err);
	CHECK(lb_read_text(in_dir("none"), 100, &text, &len, err, sizeof err) < 0 &&
	      errno == ENOENT, "%s", err);
}

static void test_create(void)
{
	char err[LB_ERR_LEN];
	bool made;
	int fd;

	fd = lb_create(in_dir("new.csv"), false, &made, err, sizeof err);
	CHECK(fd >= 0 && made, "%s", err);
	CHECK(fd >= 0 && write(fd, "first", 5) == 5, "write");
	/* while it is held: refused, even with replace, and not truncated */
	int fd2 = lb_create(in_dir("new.csv"), true, &made, err, sizeof err);
	CHECK(fd2 < 0 && errno == EWOULDBLOCK && strstr(err, "another lockbench is writing it"),
	      "%d %s", fd2, err);
	CHECK(strcmp(slurp("new.csv"), "first") == 0, "held file changed: %s", slurp("new.csv"));
	close(fd);
	/* not held: without replace, refused; with it, truncated */
	CHECK(lb_create(in_dir("new.csv"), false, &made, err, sizeof err) < 0 && errno == EEXIST &&
	      strstr(err, "file exists (add --force"), "%s", err);
	fd = lb_create(in_dir("new.csv"), true, &made, err, sizeof err);
	CHECK(fd >= 0 && !made && strcmp(slurp("new.csv"), "") == 0, "%s", err);
	close(fd);
	/* a symbolic link is never written through */
	put("target", "keep", 4);
	CHECK(symlink("target", in_dir("link.csv")) == 0, "symlink");
	for (int replace = 0; replace < 2; replace++)
		CHECK(lb_create(in_dir("link.csv"), replace, &made, err, sizeof err) < 0 &&
		      errno == ELOOP && strstr(err, "is a symbolic link"), "%d: %s", replace, err);
	CHECK(strcmp(slurp("target"), "keep") == 0, "written through a link");
	/* not a regular file */
	CHECK(lb_create(in_dir("fifo"), true, &made, err, sizeof err) < 0 &&
	      strstr(err, "FIFO"), "%s", err);
	CHECK(lb_create("/dev/null", true, &made, err, sizeof err) < 0 && errno == EINVAL &&
	      strstr(err, "character device"), "%s", err);
}

static void test_path(void)
{
	char buf[8], err[LB_ERR_LEN];

	CHECK(lb_path(buf, sizeof buf, err, sizeof err, "%s.m", "abcd") == 0 &&
	      strcmp(buf, "abcd.m") == 0, "%s", err);
	CHECK(lb_path(buf, sizeof buf, err, sizeof err, "%s.meta", "abcd") < 0 &&
	      errno == ENAMETOOLONG && buf[0] == '\0' && strstr(err, "a path of 9 bytes"), "%s",
	      err);
}

static void test_gp_check(void)
{
	static const char good[] = "set title 'a\\nb'\n$data << EOD\n# a 'label' EOD\n"
				   "1 2.5e+06 NA -3\n\n\n2 nan inf -inf\nEOD\nplot $data\n";
	static const char *const bad[] = {
		"x = 'a\rb'\n$data << EOD\n1\nEOD\n",                /* a control character */
		"$data << EOD\n1\nEOD\n$data << EOD\n2\nEOD\n",      /* two datablocks */
		"$data << EOD\n1\nsystem(\"id\")\nEOD\n",            /* words in the data */
		"$data << EOD\n1 2\n",                               /* never ends */
		"plot 1\n",                                          /* no datablock */
	};
	char err[LB_ERR_LEN];

	CHECK(lb_gp_check(good, err, sizeof err) == 0, "%s", err);
	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		int rc = lb_gp_check(bad[i], err, sizeof err);
		CHECK(rc < 0 && strstr(err, "refused"), "bad script %zu passed", i);
	}
}

int main(void)
{
	if (!mkdtemp(dir))
		check_skip("no temporary folder");
	test_visible();
	test_read();
	test_create();
	test_path();
	test_gp_check();
	char cmd[PATH_MAX + 16];
	snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
	if (system(cmd) != 0)
		fprintf(stderr, "could not remove %s\n", dir);
	return check_done();
}
