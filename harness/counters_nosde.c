/*
 * counters_nosde.c - counters_sde.h where libsde is missing: the
 * sde:::lockbench:: events do not exist.
 */
#include "harness/counters_sde.h"

bool lb_sde_register(void)
{
	return false;
}

void lb_sde_bind(const void *ctx, size_t stride, int n)
{
	(void)ctx;
	(void)stride;
	(void)n;
}
