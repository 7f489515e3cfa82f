/*
 * platform.c - the machine a sweep runs on.  See platform.h.
 */
#include <ctype.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <sys/utsname.h>
#include <unistd.h>

#include "harness/platform.h"

/* The value of the first "key : value" line of /proc/cpuinfo whose key is
 * one of keys; empty when there is none. */
static void cpuinfo(const char *const *keys, char *out, size_t len)
{
	FILE *f = fopen("/proc/cpuinfo", "r");
	char line[512];

	out[0] = '\0';
	if (!f)
		return;
	while (!out[0] && fgets(line, sizeof line, f)) {
		char *colon = strchr(line, ':');
		if (!colon)
			continue;
		for (int i = 0; keys[i]; i++) {
			if (strncmp(line, keys[i], strlen(keys[i])) != 0)
				continue;
			char *v = colon + 1;
			while (isspace((unsigned char)*v))
				v++;
			v[strcspn(v, "\n")] = '\0';
			snprintf(out, len, "%s", v);
			break;
		}
	}
	fclose(f);
}

void lb_platform_sanitize(const char *in, char *out, size_t len)
{
	size_t i = 0;

	for (; in[i] && i + 1 < len; i++)
		out[i] = (isalnum((unsigned char)in[i]) || strchr("._-", in[i])) ? in[i] : '-';
	out[i] = '\0';
}

void lb_platform_read(const struct lb_topo *t, const char *name, struct lb_platform *p)
{
	static const char *const model_keys[] = { "model name", "Model", "cpu model",
						   "Hardware", NULL };
	struct lb_topo_counts c;
	struct utsname u;

	memset(p, 0, sizeof *p);
	if (gethostname(p->host, sizeof p->host - 1) < 0)
		snprintf(p->host, sizeof p->host, "unknown");
	snprintf(p->platform, sizeof p->platform, "%s", name ? name : p->host);
	cpuinfo(model_keys, p->cpu_model, sizeof p->cpu_model);
	if (uname(&u) == 0)
		snprintf(p->kernel, sizeof p->kernel, "%s %s", u.sysname, u.release);
	snprintf(p->compiler, sizeof p->compiler, "%s %s",
		 strcasestr(__VERSION__, "clang") ? "clang" : "gcc", __VERSION__);
	lb_topo_counts(t, &c);
	p->packages = c.packages;
	p->cores = c.cores;
	p->pus = c.pus;
}

void lb_warn_oversubscribed(FILE *out, const char *prog, int threads, int pus)
{
	fprintf(out, "%s: warning: %d threads on %d PUs: oversubscribed, threads will be "
		     "preempted while holding or waiting for locks\n", prog, threads, pus);
}

/* The first line of a small file (a sysfs value) into buf; "" when it
 * cannot be read. */
static void first_line(const char *path, char *buf, size_t len)
{
	FILE *f = fopen(path, "r");

	buf[0] = '\0';
	if (!f)
		return;
	if (!fgets(buf, (int)len, f))
		buf[0] = '\0';
	buf[strcspn(buf, "\n")] = '\0';
	fclose(f);
}

void lb_platform_governor(char *buf, size_t len)
{
	first_line("/sys/devices/system/cpu/cpu0/cpufreq/scaling_governor", buf, len);
}

void lb_platform_smt(char *buf, size_t len)
{
	first_line("/sys/devices/system/cpu/smt/control", buf, len);
}

/* CONFIG_HZ=N in the kernel configuration at path: N, or -1. */
static int config_hz(const char *path)
{
	FILE *f = fopen(path, "r");
	char line[256];
	int hz = -1;

	if (!f)
		return -1;
	while (hz < 0 && fgets(line, sizeof line, f)) {
		char *end;
		if (strncmp(line, "CONFIG_HZ=", 10) != 0)
			continue;
		long v = strtol(line + 10, &end, 10);
		if (end != line + 10 && (*end == '\n' || *end == '\0') && v > 0 && v <= 100000)
			hz = (int)v;
	}
	fclose(f);
	return hz;
}

int lb_platform_kernel_hz(const char **source)
{
	struct utsname u;
	struct timespec res;
	char path[sizeof u.release + 16];
	int hz;

	if (uname(&u) == 0) {
		snprintf(path, sizeof path, "/boot/config-%s", u.release);
		if ((hz = config_hz(path)) > 0) {
			*source = "config";
			return hz;
		}
	}
	/* The coarse clocks read the time kept at the last tick, so their
	 * resolution is one tick: 4 ms at HZ=250. */
	if (clock_getres(CLOCK_MONOTONIC_COARSE, &res) == 0 && res.tv_sec == 0 &&
	    res.tv_nsec > 0) {
		*source = "coarse-clock";
		return (int)lround(1e9 / (double)res.tv_nsec);
	}
	return -1;
}

void lb_platform_warn(FILE *out)
{
	char gov[64];

	lb_platform_governor(gov, sizeof gov);
	if (gov[0] && strcmp(gov, "performance") != 0)
		fprintf(out, "lockbench: warning: CPU frequency governor is '%s', not "
			     "'performance': expect more run-to-run variation\n", gov);
#ifndef __OPTIMIZE__
	fprintf(out, "lockbench: warning: built without optimisation: the harness's "
		     "own cost is inflated\n");
#endif
}
