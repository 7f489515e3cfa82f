/*
 * setting.h - a workload setting of a results file in a few words, for
 * the findings of the report: "hits, 1us critical section",
 * "getset, 90% reads, pin scatter".
 */
#ifndef LB_SETTING_H
#define LB_SETTING_H

#include <stddef.h>

#include "harness/results.h"

/* Panel pi of r in words into buf (cut to len): its workload, then its
 * parameters and pinning, each left out where it holds lockbench run's
 * default and every other setting of the same workload in r does too.
 * The words are text from the file: escape them for a page. */
void lb_setting_words(const struct lb_results *r, int pi, char *buf, size_t len);

#endif
