/*
 * noise.c - run delay and steal from /proc.  See noise.h.
 */
#include <fcntl.h>
#include <inttypes.h>
#include <stdbool.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "harness/noise.h"

int lb_run_delay_open(void)
{
	return open("/proc/thread-self/schedstat", O_RDONLY | O_CLOEXEC);
}

uint64_t lb_run_delay_ns(int fd)
{
	char buf[128];
	uint64_t on_cpu, delay;
	ssize_t n = fd < 0 ? -1 : pread(fd, buf, sizeof buf - 1, 0);

	if (n <= 0)
		return UINT64_MAX;
	buf[n] = '\0';
	return sscanf(buf, "%" SCNu64 " %" SCNu64, &on_cpu, &delay) == 2 ? delay : UINT64_MAX;
}

static bool named(const int *cpus, int n, int cpu)
{
	for (int i = 0; i < n; i++)
		if (cpus[i] == cpu)
			return true;
	return false;
}

int lb_steal_read(const int *cpus, int n, uint64_t *steal, uint64_t *total)
{
	FILE *f = fopen("/proc/stat", "re");
	char line[512];
	bool any = false, found = false;

	for (int i = 0; i < n && !any; i++)
		any = cpus[i] >= 0;
	*steal = *total = 0;
	if (!f)
		return -1;
	/* "cpu  user nice system idle iowait irq softirq steal ..." for the
	 * machine, then "cpuN ..." for each PU; guest time is inside user. */
	while (fgets(line, sizeof line, f)) {
		uint64_t v[8] = { 0 };
		int cpu = -1, off = 0;

		if (strncmp(line, "cpu", 3) != 0)
			break;
		if (line[3] == ' ' ? any : (sscanf(line + 3, "%d", &cpu) != 1 || !any ||
					    !named(cpus, n, cpu)))
			continue;
		off = (int)strcspn(line, " ");
		if (sscanf(line + off, " %" SCNu64 " %" SCNu64 " %" SCNu64 " %" SCNu64 " %" SCNu64
			   " %" SCNu64 " %" SCNu64 " %" SCNu64, &v[0], &v[1], &v[2], &v[3], &v[4],
			   &v[5], &v[6], &v[7]) != 8)
			continue;
		for (int k = 0; k < 8; k++)
			*total += v[k];
		*steal += v[7];
		found = true;
	}
	fclose(f);
	return found ? 0 : -1;
}
