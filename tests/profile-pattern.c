/*
 * profile-pattern.c - a program with known lock patterns, for
 * tests/profile-run.sh to run under `lockbench profile` and check the
 * figures of the profile against.  Usage: profile-pattern MODE; each
 * mode prints "lock=ADDRESS" for the lock(s) whose row is checked, and
 * exits 0 when the pattern ran as it should (every wait has a deadline).
 *
 *   count [N]  two threads x N (100,000) lock/unlock of one static
 *              mutex, started together
 *   hold       a mutex held 20 ms while another thread sleeps waiting
 *   pingpong   two threads pass a turn 2,000 times over one condition
 *              variable (signal, wait and timedwait), then a broadcast
 *   recursive  a recursive mutex taken twice, an error-checking one
 *              taken twice (EDEADLK)
 *   fork       3 acquisitions, then a child that makes 5 more
 *   crash      1,000 acquisitions, then SIGSEGV
 *   none       no lock at all
 */
#include <errno.h>
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t turn_cv = PTHREAD_COND_INITIALIZER;
static int turn, rounds_done;
static volatile pid_t waiter_tid;
static pthread_barrier_t start;
static long count_each = 100000; /* count's lock/unlock per thread */

/* Exported (with -rdynamic) so that dladdr names it in the site. */
void *count_worker(void *arg);
void *count_worker(void *arg)
{
	(void)arg;
	pthread_barrier_wait(&start); /* both at once: they contend */
	for (long i = 0; i < count_each; i++) {
		pthread_mutex_lock(&lock);
		pthread_mutex_unlock(&lock);
	}
	return NULL;
}

static void *hold_waiter(void *arg)
{
	(void)arg;
	waiter_tid = (pid_t)syscall(SYS_gettid);
	pthread_mutex_lock(&lock);
	pthread_mutex_unlock(&lock);
	return NULL;
}

/* Whether thread tid sleeps (state S in /proc): blocked in the kernel. */
static int sleeping(pid_t tid)
{
	char path[64], buf[256];
	snprintf(path, sizeof path, "/proc/self/task/%d/stat", (int)tid);
	FILE *f = fopen(path, "r");
	if (!f)
		return 0;
	size_t n = fread(buf, 1, sizeof buf - 1, f);
	fclose(f);
	buf[n] = '\0';
	char *rp = strrchr(buf, ')');
	return rp && rp[1] == ' ' && rp[2] == 'S';
}

static struct timespec deadline(int seconds)
{
	struct timespec ts;
	clock_gettime(CLOCK_REALTIME, &ts);
	ts.tv_sec += seconds;
	return ts;
}

static void *pong(void *arg)
{
	long me = (long)arg;
	for (int i = 0; i < 1000; i++) {
		pthread_mutex_lock(&lock);
		while (turn != me) {
			struct timespec ts = deadline(30);
			int rc = i % 2 ? pthread_cond_timedwait(&turn_cv, &lock, &ts)
				       : pthread_cond_wait(&turn_cv, &lock);
			if (rc == ETIMEDOUT) {
				fprintf(stderr, "profile-pattern: ping-pong stuck\n");
				exit(1);
			}
		}
		turn = !me;
		rounds_done++;
		pthread_cond_signal(&turn_cv);
		pthread_mutex_unlock(&lock);
	}
	return NULL;
}

static int run_threads(void *(*fn)(void *), int n)
{
	pthread_t t[2];
	for (long i = 0; i < n; i++)
		if (pthread_create(&t[i], NULL, fn, (void *)i) != 0)
			return -1;
	for (int i = 0; i < n; i++)
		pthread_join(t[i], NULL);
	return 0;
}

int main(int argc, char **argv)
{
	const char *mode = argc > 1 ? argv[1] : "";

	if (strcmp(mode, "count") == 0) {
		if (argc > 2 && (count_each = strtol(argv[2], NULL, 10)) < 1)
			return 2;
		printf("lock=%p\n", (void *)&lock);
		pthread_barrier_init(&start, NULL, 2);
		return run_threads(count_worker, 2) < 0;
	}
	if (strcmp(mode, "hold") == 0) {
		pthread_t t;
		printf("lock=%p\n", (void *)&lock);
		pthread_mutex_lock(&lock);
		if (pthread_create(&t, NULL, hold_waiter, NULL) != 0)
			return 1;
		/* Hold on until the waiter sleeps on the lock (10 s at most),
		 * then 20 ms more: it waits at least that long. */
		for (int i = 0; i < 10000 && !(waiter_tid && sleeping(waiter_tid)); i++)
			usleep(1000);
		struct timespec ms20 = { 0, 20000000 };
		nanosleep(&ms20, NULL);
		pthread_mutex_unlock(&lock);
		pthread_join(t, NULL);
		return 0;
	}
	if (strcmp(mode, "pingpong") == 0) {
		printf("lock=%p\ncond=%p\n", (void *)&lock, (void *)&turn_cv);
		if (run_threads(pong, 2) < 0)
			return 1;
		pthread_mutex_lock(&lock);
		pthread_cond_broadcast(&turn_cv);
		pthread_mutex_unlock(&lock);
		return rounds_done != 2000;
	}
	if (strcmp(mode, "recursive") == 0) {
		pthread_mutex_t r, e;
		pthread_mutexattr_t a;
		pthread_mutexattr_init(&a);
		pthread_mutexattr_settype(&a, PTHREAD_MUTEX_RECURSIVE);
		pthread_mutex_init(&r, &a);
		pthread_mutexattr_settype(&a, PTHREAD_MUTEX_ERRORCHECK);
		pthread_mutex_init(&e, &a);
		printf("lock=%p\nerrorcheck=%p\n", (void *)&r, (void *)&e);
		int ok = pthread_mutex_lock(&r) == 0 && pthread_mutex_lock(&r) == 0 &&
			 pthread_mutex_unlock(&r) == 0 && pthread_mutex_unlock(&r) == 0 &&
			 pthread_mutex_unlock(&r) == EPERM && pthread_mutex_lock(&e) == 0 &&
			 pthread_mutex_lock(&e) == EDEADLK && pthread_mutex_unlock(&e) == 0;
		pthread_mutex_destroy(&r);
		pthread_mutex_destroy(&e);
		return !ok;
	}
	if (strcmp(mode, "fork") == 0) {
		printf("lock=%p\n", (void *)&lock);
		fflush(stdout);
		for (int i = 0; i < 3; i++) {
			pthread_mutex_lock(&lock);
			pthread_mutex_unlock(&lock);
		}
		pid_t pid = fork();
		if (pid == 0) {
			for (int i = 0; i < 5; i++) {
				pthread_mutex_lock(&lock);
				pthread_mutex_unlock(&lock);
			}
			_exit(0);
		}
		int status;
		return pid < 0 || waitpid(pid, &status, 0) != pid || status != 0;
	}
	if (strcmp(mode, "crash") == 0) {
		struct rlimit no_core = { 0, 0 };
		setrlimit(RLIMIT_CORE, &no_core);
		printf("lock=%p\n", (void *)&lock);
		fflush(stdout);
		for (int i = 0; i < 1000; i++) {
			pthread_mutex_lock(&lock);
			pthread_mutex_unlock(&lock);
		}
		raise(SIGSEGV);
		return 0;
	}
	if (strcmp(mode, "none") == 0)
		return 0;
	fprintf(stderr, "usage: profile-pattern count|hold|pingpong|recursive|fork|crash|none\n");
	return 2;
}
