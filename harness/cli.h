/*
 * cli.h - the lockbench command line: run, list, topo in cli.c; plot,
 * report, compare in cli_report.c.
 */
#ifndef LB_CLI_H
#define LB_CLI_H

#include <getopt.h>
#include <stdbool.h>
#include <stdio.h>
#include <time.h>

/* Parse argv, run the command, and return the exit status: 0 success,
 * 1 a failure, 2 bad usage, 130 interrupted.  Never exits by itself. */
int lb_main(int argc, char **argv);

/* The commands of cli_report.c, called with argv[0] the command's name. */
int lb_cmd_plot(int argc, char **argv);
int lb_cmd_report(int argc, char **argv);
int lb_cmd_compare(int argc, char **argv);
/* lockbench probe, in cli_probe.c. */
int lb_cmd_probe(int argc, char **argv);
/* The commands of cli_fleet.c. */
int lb_cmd_merge(int argc, char **argv);
int lb_cmd_slurm(int argc, char **argv);

/* lockbench run's flags, for lockbench slurm to pass on... */
extern const struct option lb_run_options[];
struct lb_sweep_spec;
/* ...and the sweep they make on this machine (argv[0] the command's
 * name): 0, or an exit status after saying what is wrong in one line,
 * "lockbench SPEAKER: ...". */
int lb_run_plan(int argc, char **argv, struct lb_sweep_spec *s, const char *speaker);

/* A results CSV at path and its sidecar PATH.meta, both made with
 * lb_create (no clobbering without replace, no symbolic link followed,
 * locked against a second writer); a CSV made here is removed again when
 * its sidecar cannot be made.  0, or -1 with err; errno EEXIST when
 * either exists. */
int lb_open_results(const char *path, bool replace, FILE **csv, FILE **meta, char *err,
		    size_t errlen);
/* Close the pair, written at once (a probe, a profile): 0, or -1 after
 * removing both when either write failed (lb_close_whole; err says which
 * and why) or when the writer gave up half way (whole false; err as it
 * was).  A file cut short, or one without its sidecar, is no result. */
int lb_close_results(FILE *csv, FILE *meta, const char *path, bool whole, char *err,
		     size_t errlen);
/* lockbench profile, in cli_profile.c. */
int lb_cmd_profile(int argc, char **argv);

/* For the commands in other files, the flag reader of cli.c (getopt_long
 * with lockbench's messages; *rc gets the exit status of a bad flag)... */
int lb_cli_flag(const char *cmd, int argc, char **argv, const struct option *longopts,
		int *rc);
/* ...and its usage error: "lockbench CMD: ..." on stderr, returns 2. */
int lb_cli_usage(const char *cmd, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

/* What cmd refuses about --out before it makes it (an empty path, a
 * directory, a file or sidecar that exists without --force, a folder it
 * cannot write in): 0, or an exit status after saying so. */
int lb_cli_check_out(const char *cmd, const char *out, bool force);
/* The CSV at out (or results/PLATFORM<kind>-STAMP.csv when out is NULL)
 * and its sidecar, opened for writing; NULL with *rc the exit status. */
FILE *lb_cli_open_csv(const char *cmd, const char *out, bool force, const char *platform,
		      const char *kind, const struct tm *tm, char *path, size_t pathlen,
		      FILE **meta, int *rc);

#endif
