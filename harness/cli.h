/*
 * cli.h - the lockbench command line: run, list, topo.
 */
#ifndef LB_CLI_H
#define LB_CLI_H

/* Parse argv, run the command, and return the exit status: 0 success,
 * 1 a failure, 2 bad usage, 130 interrupted.  Never exits by itself. */
int lb_main(int argc, char **argv);

#endif
