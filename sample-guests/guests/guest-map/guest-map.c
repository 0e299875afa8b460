/*
 * guest-map: runs with its page tables in a memslot backed by PFN-only memory (host frames without struct page, the
 * case of the kvm_vcpu_map series: a host booted with mem= and /dev/mem given to the VMM). Under shadow paging KVM
 * itself sets the guest's Accessed/Dirty bits in those tables and emulates writes to them, both through
 * kvm_vcpu_map(), which must memremap() such frames; under TDP the CPU does it in hardware.
 *
 * Layout inside the PFN-only slot at 2 GiB: PML4, PDPT, two PDs and a PT, then a 1 MiB data area mapped with 4 KiB
 * pages through that PT.
 */
#include "guest.h"

#define SLOT_GPA 0x80000000ULL
#define PML4 (SLOT_GPA + 0x0000)
#define PDPT (SLOT_GPA + 0x1000)
#define PD_LOW (SLOT_GPA + 0x2000)
#define PD_2G (SLOT_GPA + 0x3000)
#define PT_DATA (SLOT_GPA + 0x4000)
#define DATA_GPA (SLOT_GPA + 0x200000)
#define DATA_PAGES 256

#define P 0x1ULL
#define RW 0x2ULL
#define ACCESSED 0x20ULL
#define DIRTY 0x40ULL
#define PS 0x80ULL

static volatile u64 *table(u64 gpa) { return (volatile u64 *)gpa; }

static void build_tables(void)
{
	for (u64 a = SLOT_GPA; a < SLOT_GPA + 0x5000; a += 8)
		*(volatile u64 *)a = 0;
	table(PML4)[0] = PDPT | P | RW;
	table(PDPT)[0] = PD_LOW | P | RW;
	table(PDPT)[2] = PD_2G | P | RW;
	for (u64 i = 0; i < boot_info->ram_bytes >> 21; i++)
		table(PD_LOW)[i] = (i << 21) | P | RW | PS; /* RAM, with 2 MiB pages */
	table(PD_2G)[0] = SLOT_GPA | P | RW | PS;	   /* the tables themselves, so the guest can edit them */
	table(PD_2G)[1] = PT_DATA | P | RW;		   /* the data area, with 4 KiB pages */
	for (u64 i = 0; i < DATA_PAGES; i++)
		table(PT_DATA)[i] = (DATA_GPA + (i << 12)) | P | RW;
}

int main(const struct boot_info *bi)
{
	(void)bi;
	build_tables();
	write_cr3(PML4);
	puts("guest-map: running on page tables in PFN-only memory");

	for (u64 i = 0; i < DATA_PAGES; i++)
		(void)*(volatile u64 *)(DATA_GPA + (i << 12)); /* read: sets Accessed */
	for (u64 i = 0; i < DATA_PAGES; i += 2)
		*(volatile u64 *)(DATA_GPA + (i << 12)) = i; /* write every other page: sets Dirty */
	unsigned accessed = 0, dirty = 0;
	for (u64 i = 0; i < DATA_PAGES; i++) {
		u64 pte = table(PT_DATA)[i];
		accessed += (pte & ACCESSED) != 0;
		dirty += (pte & DIRTY) != 0;
	}
	printf("guest-map: %u of %u PTEs accessed, %u dirty\n", accessed, DATA_PAGES, dirty);
	CHECK(accessed == DATA_PAGES && dirty == DATA_PAGES / 2);

	/* Remap page 1 onto page 0's frame with an atomic compare-and-exchange on the PTE, as Linux's ptep helpers do. */
	u64 old = table(PT_DATA)[1];
	u64 new_pte = (DATA_GPA) | P | RW;
	u64 seen;
	__asm__ volatile("lock cmpxchgq %2, %1" : "=a"(seen), "+m"(*(volatile u64 *)(PT_DATA + 8))
		     : "r"(new_pte), "0"(old) : "memory");
	CHECK(seen == old);
	invlpg((void *)(DATA_GPA + 0x1000));
	CHECK(*(volatile u64 *)(DATA_GPA + 0x1000) == 0); /* page 0 holds 0, written above */
	*(volatile u64 *)(DATA_GPA + 0x1000 + 8) = 0x1234;
	CHECK(*(volatile u64 *)(DATA_GPA + 8) == 0x1234);
	puts("guest-map: remapped a page with lock cmpxchg on its PTE");
	return 0;
}
