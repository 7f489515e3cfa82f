/*
 * platform.c - the machine a sweep runs on.  See platform.h.
 */
#include <ctype.h>
#include <stdio.h>
#include <string.h>
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
