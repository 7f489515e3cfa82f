/*
 * main.c - lockbench's entry point; the commands live in cli.c.
 */
#include "harness/cli.h"

int main(int argc, char **argv)
{
	return lb_main(argc, argv);
}
