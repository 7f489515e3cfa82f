/*
 * child.h - run a function in a child process and see how it ends: what
 * it wrote to stderr, and whether it returned, died of a signal, or was
 * still running at a deadline (then it is killed).
 *
 * For the primitives' fatal errors (which abort the process, as Go's
 * stop the program) and for the hangs some WaitGroups have by design.
 */
#ifndef LB_TEST_CHILD_H
#define LB_TEST_CHILD_H

#include <errno.h>
#include <poll.h>
#include <signal.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "harness/clock.h"

struct child_end {
	bool ran;       /* the child was started                        */
	bool killed;    /* still running at the deadline: killed by us  */
	bool exited;    /* returned or exited; code is its status       */
	int code;
	int sig;        /* the signal it died of, when not exited       */
	char text[1024]; /* the start of what it wrote to stderr        */
};

/* Run fn(arg) in a child, with stderr into a pipe; wait until it ends or
 * limit_ns has passed. */
static inline void child_run(void (*fn)(void *), void *arg, uint64_t limit_ns,
			     struct child_end *end)
{
	uint64_t deadline = lb_now_ns() + limit_ns;
	size_t len = 0;
	int fd[2], status = 0;
	pid_t pid;

	memset(end, 0, sizeof *end);
	fflush(NULL);
	if (pipe(fd) != 0)
		return;
	pid = fork();
	if (pid < 0) {
		close(fd[0]);
		close(fd[1]);
		return;
	}
	if (pid == 0) {
		close(fd[0]);
		dup2(fd[1], 2);
		fn(arg);
		_exit(0);
	}
	end->ran = true;
	close(fd[1]);
	for (;;) {
		uint64_t now = lb_now_ns();
		struct pollfd p = { .fd = fd[0], .events = POLLIN };
		char buf[256];
		ssize_t n;

		if (now >= deadline) {
			kill(pid, SIGKILL);
			end->killed = true;
			break;
		}
		if (poll(&p, 1, (int)((deadline - now) / 1000000 + 1)) <= 0)
			continue;
		n = read(fd[0], buf, sizeof buf);
		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			break; /* EOF: the child has ended */
		if (len + 1 < sizeof end->text) {
			size_t k = (size_t)n < sizeof end->text - 1 - len ? (size_t)n
									 : sizeof end->text - 1 - len;
			memcpy(end->text + len, buf, k);
			len += k;
		}
	}
	close(fd[0]);
	while (waitpid(pid, &status, 0) < 0 && errno == EINTR) {
	}
	if (WIFEXITED(status)) {
		end->exited = true;
		end->code = WEXITSTATUS(status);
	} else if (WIFSIGNALED(status)) {
		end->sig = WTERMSIG(status);
	}
}

/* Died of SIGABRT with msg in what it wrote. */
static inline bool child_aborted_with(const struct child_end *end, const char *msg)
{
	return end->ran && !end->killed && !end->exited && end->sig == SIGABRT &&
	       strstr(end->text, msg) != NULL;
}

#endif
