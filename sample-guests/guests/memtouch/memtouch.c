/* memtouch: touches memory the way programs do: every page of a 16 MiB region once (first-touch faults under a
 * hypervisor), then strided reads, a copy and a compare, with a sync point (port 0xF5) after each phase. */
#include "guest.h"

#define REGION (16u << 20)
#define PAGE 4096u

static u8 region[REGION] __attribute__((aligned(4096)));
static u8 copy[1u << 20] __attribute__((aligned(4096)));

int main(const struct boot_info *bi)
{
	(void)bi;
	u32 pages = REGION / PAGE;
	for (u32 p = 0; p < pages; p++)
		region[p * PAGE + (p % 64) * 8] = (u8)(p * 7 + 1);
	sync_point(1);

	u64 sum = 0;
	for (u32 p = 0; p < pages; p++)
		sum += region[p * PAGE + (p % 64) * 8];
	u64 expect = 0;
	for (u32 p = 0; p < pages; p++)
		expect += (u8)(p * 7 + 1);
	CHECK(sum == expect);
	sync_point(2);

	u64 strided = 0;
	for (u32 off = 0; off < REGION; off += 64 * 1024 + 64)
		strided += region[off];
	sync_point(3);

	for (u32 i = 0; i < sizeof(copy); i += 8)
		*(u64 *)&region[i] = (u64)i * 0x9E3779B97F4A7C15ull;
	memcpy(copy, region, sizeof(copy));
	CHECK(memcmp(copy, region, sizeof(copy)) == 0);
	copy[12345] ^= 1;
	CHECK(memcmp(copy, region, sizeof(copy)) != 0);
	sync_point(4);

	printf("memtouch: touched %u pages, sum %llu, strided %llu, copied %u KiB\n", pages,
	       (unsigned long long)sum, (unsigned long long)strided, (unsigned)(sizeof(copy) >> 10));
	return 0;
}
