/*
 * map.c - building the workloads' shared map.  See map.h.
 */
#include <errno.h>
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
