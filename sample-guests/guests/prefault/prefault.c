/*
 * prefault: the guest side of KVM's pre_fault_memory_test selftest. Before entry the VMM creates a test memslot of
 * 2 MiB + 4 KiB at 4 GiB, fills every page with its own GPA, and calls KVM_PRE_FAULT_MEMORY three times (the first
 * 2 MiB; 8 KiB straddling the slot's end; 4 KiB past it). The guest then reads every page of the slot and checks
 * it; reading past the slot's end finds no memslot and reads all-ones through the VMM.
 */
#include "guest.h"

#define TEST_GPA 0x100000000ULL
#define TEST_SIZE (2ULL * 1024 * 1024 + 4096)

int main(const struct boot_info *bi)
{
	(void)bi;
	u64 pages = 0;
	for (u64 a = TEST_GPA; a < TEST_GPA + TEST_SIZE; a += 4096) {
		CHECK(*(volatile u64 *)a == a);
		pages++;
	}
	printf("prefault: read %llu pages of the test slot, each holding its own address\n", (unsigned long long)pages);
	u32 beyond = *(volatile u32 *)(TEST_GPA + TEST_SIZE);
	printf("prefault: the page after the slot reads 0x%x (no memslot there)\n", beyond);
	CHECK(beyond == 0xffffffff);
	return 0;
}
