/* sieve: the sieve of Eratosthenes over 4 MiB (one byte per number), counting the primes below 4,000,000. */
#include "guest.h"

#define N 4000000u

static u8 composite[N];

int main(const struct boot_info *bi)
{
	(void)bi;
	for (u32 i = 2; (u64)i * i < N; i++) {
		if (composite[i])
			continue;
		for (u32 j = i * i; j < N; j += i)
			composite[j] = 1;
	}
	u32 count = 0;
	u32 last = 0;
	for (u32 i = 2; i < N; i++) {
		if (!composite[i]) {
			count++;
			last = i;
		}
	}
	printf("primes below %u: %u (largest %u)\n", N, count, last);
	/* pi(4,000,000) = 283,146; the largest prime below 4,000,000 is 3,999,971. */
	CHECK(count == 283146);
	CHECK(last == 3999971);
	CHECK(!composite[2] && !composite[3] && composite[4] && !composite[7919] && composite[7917]);
	return 0;
}
