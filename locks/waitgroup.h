/*
 * waitgroup.h - the second primitive kind: WaitGroups.
 *
 * A WaitGroup counts tasks still running; add(n) raises the count, done()
 * lowers it by one, and wait() returns once it is zero.  Like a lock, a
 * WaitGroup is a table of operations over an instance of `size` bytes
 * that the harness allocates (cache-line aligned, zeroed) and hands to
 * init(); options come as "name:key=value" and are checked against the
 * WaitGroup's own descriptor table.
 *
 * Verbs, the same for every WaitGroup:
 *   init(wg, opts)  0, or -1 with errno        destroy(wg)
 *   add(wg, n)      done(wg)        wait(wg)
 *   remaining(wg)   the count now   (optional: NULL)
 *
 * Misuse that Go reports with a panic (a negative counter, Add racing a
 * Wait, reuse before Wait returned, closing a closed channel) is a fatal
 * error here: one line on stderr with Go's words, then abort().  A
 * WaitGroup that can block forever by design (the Go text's hand-built
 * ones) documents how at its definition; the runner turns the hang into
 * a timeout row.
 */
#ifndef LB_WAITGROUP_H
#define LB_WAITGROUP_H

#include <stddef.h>
#include <stdint.h>

#include "harness/options.h"

enum lb_wg_caps {
	LB_WG_UNSAFE = 1u << 0,  /* a data race by design: --allow-unsafe */
	LB_WG_ONESHOT = 1u << 1, /* cannot be reused once it reached zero */
};

struct lb_wg_ops {
	const char *name;
	const char *summary;
	unsigned caps;
	const char *hangs; /* how it can block forever, for a timeout row; or NULL */
	size_t size; /* instance bytes */
	const struct lb_optdesc *options; /* NULL-key terminated, or NULL */
	int (*check)(const struct lb_optset *o, char *err, size_t errlen);

	int (*init)(void *wg, const struct lb_optset *o);
	void (*destroy)(void *wg);
	void (*add)(void *wg, int64_t n);
	void (*done)(void *wg);
	void (*wait)(void *wg);
	int64_t (*remaining)(void *wg); /* optional: NULL */
};

/* The registry: every WaitGroup, NULL terminated, in the order `list`
 * shows them. */
extern const struct lb_wg_ops *const lb_waitgroups[];
/* The WaitGroup called name, or NULL with errno ENOENT (EINVAL for NULL). */
const struct lb_wg_ops *lb_wg_find(const char *name);

#endif
