/*
 * platform.h - what a row says about the machine it was measured on, and
 * the warnings about it that a reader of the numbers should see.
 */
#ifndef LB_PLATFORM_H
#define LB_PLATFORM_H

#include <stdio.h>

#include "harness/pin.h"

struct lb_platform {
	char platform[64]; /* --platform, or the host name */
	char host[256];
	char cpu_model[256];
	char kernel[128];
	char compiler[128];
	int packages, cores, pus;
};

/* Fill p; name is --platform or NULL for the host name. */
void lb_platform_read(const struct lb_topo *t, const char *name, struct lb_platform *p);

/* Print warnings about this machine's state that bias measurements (a
 * frequency governor other than performance, a debug build) to out, each
 * on a line starting with "lockbench: warning: ". */
void lb_platform_warn(FILE *out);

/* The CPU frequency governor of cpu0 ("performance", "powersave"), and
 * the kernel's SMT control ("on", "off", "notsupported"): "" when the
 * machine does not say. */
void lb_platform_governor(char *buf, size_t len);
void lb_platform_smt(char *buf, size_t len);

/* The kernel's timer tick rate (CONFIG_HZ), which paces a thread that
 * waits for the scheduler: from the kernel's configuration
 * /boot/config-RELEASE (*source "config"), else from the resolution of
 * CLOCK_MONOTONIC_COARSE, which Linux advances once per tick (*source
 * "coarse-clock").  The rate, or -1 when neither says. */
int lb_platform_kernel_hz(const char **source);

/* The warning that threads outnumber the PUs they are placed on. */
void lb_warn_oversubscribed(FILE *out, const char *prog, int threads, int pus);

/* A name safe in a file name: [A-Za-z0-9._-] kept, others become '-'. */
void lb_platform_sanitize(const char *in, char *out, size_t len);

#endif
