/*
 * bench: the speed workload of DESIGN.md: xorshift64, loads and stores over a 64 KiB buffer, and calls that are not
 * inlined. The timed loop is 37 instructions per iteration (8 in main's loop, 10 in next, 19 in mix, with gcc 12 -O2);
 * the check afterwards recomputes the xorshift stream alone (11 per iteration). Prints values that the tests
 * recompute independently.
 */
#include "guest.h"

#define ITERATIONS 4000000u

static u64 buffer[65536 / 8];

__attribute__((noinline)) static u64 next(u64 x)
{
	x ^= x << 13;
	x ^= x >> 7;
	x ^= x << 17;
	return x;
}

__attribute__((noinline)) static u64 mix(u64 x, u64 acc)
{
	u32 i = (u32)(x >> 3) & 8191;
	u64 old = buffer[i];
	buffer[i] = old + acc;
	buffer[i ^ 1] ^= x;
	u64 other = buffer[(i + 97) & 8191];
	return acc + (old ^ (x >> 29)) + (other >> 1);
}

int main(const struct boot_info *bi)
{
	(void)bi;
	u64 x = 88172645463325252ull; /* Marsaglia's xorshift64 seed */
	u64 acc = 0;
	for (u32 n = 0; n < ITERATIONS; n++) {
		x = next(x);
		acc = mix(x, acc);
	}
	u64 fold = 0;
	for (u32 i = 0; i < 8192; i++)
		fold = fold * 31 + buffer[i];
	/* The xorshift stream alone, recomputed without the memory traffic. */
	u64 y = 88172645463325252ull;
	for (u32 n = 0; n < ITERATIONS; n++) {
		y ^= y << 13;
		y ^= y >> 7;
		y ^= y << 17;
	}
	CHECK(x == y);
	printf("bench: %u iterations, x %016llx, acc %016llx, buffer fold %016llx\n", ITERATIONS,
	       (unsigned long long)x, (unsigned long long)acc, (unsigned long long)fold);
	return 0;
}
