/*
 * Small helpers the dump tools (tests/diff, bench) and tests share: a
 * monotonic clock in seconds and a qsort() comparator for C strings.
 */
#ifndef DEPUTY_TESTS_CLOCK_H
#define DEPUTY_TESTS_CLOCK_H

#include <string.h>
#include <time.h>

/* Seconds on the monotonic clock (differences only mean something). */
static inline double
clock_seconds(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* qsort() order for an array of `const char *`. */
static inline int
compare_cstrings(const void *a, const void *b)
{
	return strcmp(*(const char *const *)a, *(const char *const *)b);
}

#endif
