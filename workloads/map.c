/*
 * map.c - building the workloads' shared map, and checking it after a run.
 * See map.h.
 */
#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>

#include "workloads/map.h"

int lb_map_init(struct lb_map *m, uint64_t keys)
{
	uint64_t cap = 2;

	while (cap < 2 * keys)
		cap *= 2;
	m->keys = keys;
	m->mask = cap - 1;
	m->table = calloc(cap, sizeof *m->table);
	if (!m->table) {
		errno = ENOMEM;
		return -1;
	}
	for (uint64_t k = 0; k < keys; k++) {
		uint64_t i = lb_map_home(m, k);
		while (m->table[i].key1)
			i = (i + 1) & m->mask;
		m->table[i].key1 = k + 1;
	}
	return 0;
}

void lb_map_free(struct lb_map *m)
{
	free(m->table);
	m->table = NULL;
}

bool lb_map_verify(const struct lb_map *m, uint64_t sets, uint64_t violations,
		   const char *checks, char *why, size_t whylen)
{
	uint64_t versions = 0;

	for (uint64_t i = 0; i <= m->mask; i++)
		versions += m->table[i].version;
	if (versions == sets && violations == 0)
		return true;
	snprintf(why, whylen, "%" PRIu64 " of %" PRIu64 " sets lost; %" PRIu64 " %s",
		 sets > versions ? sets - versions : 0, sets, violations, checks);
	return false;
}
