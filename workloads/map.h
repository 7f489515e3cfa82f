/*
 * map.h - the Go text's map[int]int, as the workloads share it: an
 * open-addressing hash table holding keys 0..keys-1, filled before a run
 * and never resized, so a get or set is a real hash lookup (a probe
 * sequence from the key's Fibonacci hash, over a table at least twice the
 * size of the key set) and not an array index.
 *
 * Each slot carries a value and a version; what they mean is the user's
 * (getset.c bumps the version on every set and checks the value against
 * it).  Nothing here synchronises: the caller holds the lock.
 */
#ifndef LB_MAP_H
#define LB_MAP_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct lb_map_slot {
	uint64_t key1; /* key + 1; 0 is an empty slot */
	uint64_t value;
	uint64_t version;
};

struct lb_map {
	struct lb_map_slot *table;
	uint64_t mask; /* table size - 1, a power of two less one */
	uint64_t keys;
};

/* Where a key's probe sequence starts. */
static inline uint64_t lb_map_home(const struct lb_map *m, uint64_t key)
{
	return (((key + 1) * 0x9E3779B97F4A7C15ULL) >> 20) & m->mask;
}

/* The slot of key, which must be one of 0..keys-1. */
static inline struct lb_map_slot *lb_map_find(const struct lb_map *m, uint64_t key)
{
	uint64_t i = lb_map_home(m, key);

	while (m->table[i].key1 != key + 1)
		i = (i + 1) & m->mask;
	return &m->table[i];
}

/* Build a map of keys 0..keys-1 (values and versions 0): 0, or -1 with
 * errno ENOMEM.  lb_map_free releases it (and accepts a map never built). */
int lb_map_init(struct lb_map *m, uint64_t keys);
void lb_map_free(struct lb_map *m);

/* The verdict on a run in which every set bumped its key's version: true
 * when the versions add up to the sets counted and no check made inside
 * the lock failed (violations); otherwise why says how many sets were
 * lost and how many `checks` failed ("operations saw another writer"). */
bool lb_map_verify(const struct lb_map *m, uint64_t sets, uint64_t violations,
		   const char *checks, char *why, size_t whylen);

#endif
