/*
 * The run of a benchmark: how to reproduce it and how long it took.
 */
#include "run.h"

#include <stdio.h>
#include <time.h>
#include <unistd.h>

void
run_print_command(int argc, char **argv)
{
	char cwd[4096];

	printf("reproduce: cd %s &&", getcwd(cwd, sizeof(cwd)) ? cwd : ".");
	for (int i = 0; i < argc; i++)
		printf(" %s", argv[i]);
	printf("\n");
}

double
run_seconds(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}
