/*
 * What every benchmark prints about its own run: the command that reproduces
 * it, and a monotonic clock to time it with.
 */
#ifndef DEPUTY_BENCH_RUN_H
#define DEPUTY_BENCH_RUN_H

/* Prints "reproduce: cd DIR && ARGV..." on stdout. */
void run_print_command(int argc, char **argv);

/* Seconds on CLOCK_MONOTONIC, from an arbitrary start. */
double run_seconds(void);

#endif
