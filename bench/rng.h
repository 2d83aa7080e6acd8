/*
 * The benchmarks' random numbers: splitmix64 (Steele, Lea and Flood, 2014),
 * so that a seed printed by one run gives the same samples on any machine.
 */
#ifndef DEPUTY_BENCH_RNG_H
#define DEPUTY_BENCH_RNG_H

#include <stdint.h>

/* The seed both benchmarks start from unless told otherwise. */
#define RNG_DEFAULT_SEED 20171009u

static inline uint64_t
rng_next(uint64_t *state)
{
	uint64_t z = (*state += 0x9e3779b97f4a7c15u);

	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9u;
	z = (z ^ (z >> 27)) * 0x94d049bb133111ebu;
	return z ^ (z >> 31);
}

/* A number in [0, @n), @n > 0; the modulo bias is far below what a sample notices. */
static inline uint64_t
rng_below(uint64_t *state, uint64_t n)
{
	return rng_next(state) % n;
}

#endif
