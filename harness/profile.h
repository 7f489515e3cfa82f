/*
 * profile.h - the profile that `lockbench profile` reads back from the
 * files its preload library wrote (profile/record.h), one row per lock
 * per process: the CSV, and the short table on stderr.
 */
#ifndef LB_PROFILE_H
#define LB_PROFILE_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

struct lb_profile;

/* Every process's file in dir; NULL with err when dir cannot be read.
 * Files that are not a whole, valid profile are skipped and counted. */
struct lb_profile *lb_profile_read(const char *dir, char *err, size_t errlen);
void lb_profile_free(struct lb_profile *p);

/* Processes that wrote a profile, and locks seen across them. */
int lb_profile_processes(const struct lb_profile *p);
int lb_profile_locks(const struct lb_profile *p);

/* The CSV: header and one row per lock, most waited-on first.  0, or -1. */
int lb_profile_csv(const struct lb_profile *p, FILE *f);
/* The short table of the most contended locks (at most top). */
void lb_profile_table(const struct lb_profile *p, FILE *f, int top);

#endif
