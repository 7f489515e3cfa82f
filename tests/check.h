/*
 * check.h - the assertions of lockbench's C tests.
 *
 * CHECK(cond, fmt, ...) counts a pass or prints the failure with its place
 * and counts a failure; the test goes on, so one run shows every failure.
 * check_done() prints "N passed, N failed" and gives the exit status:
 * 0 when nothing failed (and something was checked), 1 otherwise.
 * check_skip(why) exits 77, the Automake code for a skipped test.
 */
#ifndef LB_TEST_CHECK_H
#define LB_TEST_CHECK_H

#include <stdio.h>
#include <stdlib.h>

static unsigned check_passed, check_failed;

#define CHECK(cond, ...)                                                   \
	do {                                                                   \
		if (cond) {                                                    \
			check_passed++;                                        \
		} else {                                                       \
			check_failed++;                                        \
			fprintf(stderr, "%s:%d: FAIL: %s: ", __FILE__, __LINE__, \
				#cond);                                        \
			fprintf(stderr, __VA_ARGS__);                          \
			fputc('\n', stderr);                                   \
		}                                                              \
	} while (0)

static inline int check_done(void)
{
	printf("%u passed, %u failed\n", check_passed, check_failed);
	return (check_failed == 0 && check_passed > 0) ? 0 : 1;
}

static inline void check_skip(const char *why)
{
	printf("SKIP: %s\n", why);
	exit(77);
}

#endif
