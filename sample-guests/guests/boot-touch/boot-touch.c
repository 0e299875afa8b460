/*
 * boot-touch: touches RAM the way a booting kernel does: first sequentially (like memblock clearing a large range),
 * then scattered (like page allocations spread over memory). Each first touch of a page is a page fault for the
 * hypervisor, unless the VMM pre-faulted the memory (KVM_PRE_FAULT_MEMORY) before entry.
 */
#include "guest.h"

#define PAGE 4096ULL
#define MIB (1ULL << 20)

int main(const struct boot_info *bi)
{
	u64 seq_start = 4 * MIB;
	u64 seq_end = bi->ram_bytes / 2;
	u64 scatter_end = bi->ram_bytes - 2 * MIB; /* keep clear of the stack at the top of RAM */
	u64 pages = 0, sum = 0;

	for (u64 a = seq_start; a < seq_end; a += PAGE) {
		*(volatile u64 *)a = a ^ 0x5a5a5a5a5a5a5a5aULL;
		pages++;
	}
	for (u64 a = seq_start; a < seq_end; a += PAGE)
		CHECK(*(volatile u64 *)a == (a ^ 0x5a5a5a5a5a5a5a5aULL));
	printf("boot-touch: %llu pages touched in order from 0x%llx to 0x%llx\n", (unsigned long long)pages,
	       (unsigned long long)seq_start, (unsigned long long)seq_end);

	u64 span = (scatter_end - seq_end) / PAGE, x = 88172645463325252ULL, touched = 0;
	for (int i = 0; i < 2048; i++) {
		x ^= x << 13;
		x ^= x >> 7;
		x ^= x << 17;
		u64 a = seq_end + (x % span) * PAGE + (x >> 52) * 8 % PAGE;
		volatile u64 *p = (volatile u64 *)(a & ~7ULL);
		sum += *p;
		*p = a;
		touched++;
	}
	printf("boot-touch: %llu scattered touches between 0x%llx and 0x%llx\n", (unsigned long long)touched,
	       (unsigned long long)seq_end, (unsigned long long)scatter_end);
	return 0;
}
