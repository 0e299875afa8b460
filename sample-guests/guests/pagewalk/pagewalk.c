/*
 * pagewalk: the guest builds its own 4-level page tables (2 MiB, 1 GiB and 4 KiB pages), installs its own IDT,
 * takes and handles its own page faults (not present, write to read-only, instruction fetch from an NX page, a
 * reserved bit), remaps a page, checks the accessed and dirty bits the CPU sets in its tables, and handles #UD, #BP
 * and #DE. Every expected error code comes from the Intel SDM Vol. 3, 4.7.
 */
#include "guest.h"

#define PTE_P 1ull
#define PTE_W 2ull
#define PTE_A (1ull << 5)
#define PTE_D (1ull << 6)
#define PTE_PS (1ull << 7)
#define PTE_NX (1ull << 63)

#define WINDOW 0x40000000ull      /* 1 GiB: 4 KiB pages of pt_window */
#define HIGH_ALIAS 0x8000000000ull /* PML4 entry 1: a 1 GiB page onto physical 0 */
#define RSVD_VA 0x10000000000ull   /* PML4 entry 2: starts with a reserved bit set */

static u64 pml4[512] __attribute__((aligned(4096)));
static u64 pdpt_low[512] __attribute__((aligned(4096)));
static u64 pd_low[512] __attribute__((aligned(4096)));
static u64 pd_window[512] __attribute__((aligned(4096)));
static u64 pt_window[512] __attribute__((aligned(4096)));
static u64 pdpt_high[512] __attribute__((aligned(4096)));
static u64 pdpt_rsvd[512] __attribute__((aligned(4096)));
static u64 pd_high[512] __attribute__((aligned(4096))); /* the alias in 2 MiB pages, when 1 GiB pages are missing */
static u8 frames[8][4096] __attribute__((aligned(4096)));
static u8 code_page[4096] __attribute__((aligned(4096)));

struct gate {
	u16 off_lo, sel;
	u8 ist, type;
	u16 off_mid;
	u32 off_hi, zero;
};
static struct gate idt[32] __attribute__((aligned(16)));

struct frame {
	u64 r15, r14, r13, r12, r11, r10, r9, r8, rdi, rsi, rbp, rbx, rdx, rcx, rax;
	u64 vector, error, rip, cs, rflags, rsp, ss;
};

/* Entry stubs: vectors with an error code (8, 10-14, 17) get none pushed; the others push 0. */
#define STUB(n) "stub" #n ":\n" "push $0\n" "push $" #n "\n" "jmp common\n"
#define STUB_ERR(n) "stub" #n ":\n" "push $" #n "\n" "jmp common\n"
__asm__(".text\n"
	STUB(0) STUB(3) STUB(6) STUB_ERR(13) STUB_ERR(14)
	"common:\n"
	"push %rax\npush %rcx\npush %rdx\npush %rbx\npush %rbp\npush %rsi\npush %rdi\n"
	"push %r8\npush %r9\npush %r10\npush %r11\npush %r12\npush %r13\npush %r14\npush %r15\n"
	"mov %rsp, %rdi\n"
	"call handle\n"
	"pop %r15\npop %r14\npop %r13\npop %r12\npop %r11\npop %r10\npop %r9\npop %r8\n"
	"pop %rdi\npop %rsi\npop %rbp\npop %rbx\npop %rdx\npop %rcx\npop %rax\n"
	"add $16, %rsp\n"
	"iretq\n");
extern char stub0[], stub3[], stub6[], stub13[], stub14[];

static u64 read_cr2(void)
{
	u64 v;
	__asm__ volatile("mov %%cr2, %0" : "=r"(v));
	return v;
}

#define MAX_FAULTS 16
static int faults;
static u64 fault_cr2[MAX_FAULTS];
static u64 fault_err[MAX_FAULTS];
static int breakpoints, invalid_opcodes, divide_errors;
static u64 de_resume;

static void set_gate(int v, void *handler)
{
	u64 a = (u64)handler;
	idt[v] = (struct gate){ (u16)a, 0x08, 0, 0x8E, (u16)(a >> 16), (u32)(a >> 32), 0 };
}

void handle(struct frame *f)
{
	switch (f->vector) {
	case 3:
		breakpoints++;
		return;
	case 6:
		invalid_opcodes++;
		f->rip += 2; /* skip the ud2 */
		return;
	case 0:
		divide_errors++;
		f->rip = de_resume;
		return;
	case 14:
		break;
	default:
		printf("unexpected exception %llu at rip %llx, error %llx\n", (unsigned long long)f->vector,
		       (unsigned long long)f->rip, (unsigned long long)f->error);
		guest_exit(3);
	}
	u64 cr2 = read_cr2();
	if (faults < MAX_FAULTS) {
		fault_cr2[faults] = cr2;
		fault_err[faults] = f->error;
	}
	faults++;
	if (cr2 >= WINDOW && cr2 < WINDOW + 8 * 4096) {
		u64 idx = (cr2 - WINDOW) >> 12;
		u64 *pte = &pt_window[idx];
		if (!(*pte & PTE_P))
			*pte = (u64)frames[idx] | PTE_P | PTE_W;
		else if ((f->error & 2) && !(*pte & PTE_W))
			*pte |= PTE_W;
		else if (f->error & 0x10)
			*pte &= ~PTE_NX;
		invlpg((void *)cr2);
		return;
	}
	if (cr2 >= RSVD_VA && cr2 < RSVD_VA + (1ull << 30) && (f->error & 8)) {
		pml4[2] &= ~PTE_PS;
		write_cr3(read_cr3());
		return;
	}
	printf("unexpected page fault at %llx, error %llx, rip %llx\n", (unsigned long long)cr2,
	       (unsigned long long)f->error, (unsigned long long)f->rip);
	guest_exit(4);
}

static void expect_fault(int index, u64 cr2, u64 err)
{
	printf("  #PF %d: cr2 %llx error %llx\n", index, (unsigned long long)fault_cr2[index],
	       (unsigned long long)fault_err[index]);
	CHECK(fault_cr2[index] == cr2);
	CHECK(fault_err[index] == err);
}

/* Accesses through the test windows, ordered against every other memory access (they alias C objects). */
static u64 volatile_read(u64 va)
{
	__asm__ volatile("" : : : "memory");
	u64 v = *(volatile u64 *)va;
	__asm__ volatile("" : : : "memory");
	return v;
}

static void volatile_write(u64 va, u64 v)
{
	__asm__ volatile("" : : : "memory");
	*(volatile u64 *)va = v;
	__asm__ volatile("" : : : "memory");
}

/* CPUID.80000001H:EDX.Page1GB[bit 26]: whether a PDPTE may map a 1 GiB page (Intel SDM Vol. 3, 4.1.4). */
static int has_1g_pages(void)
{
	u32 a = 0x80000000, b, c, d;
	__asm__ volatile("cpuid" : "+a"(a), "=b"(b), "=c"(c), "=d"(d));
	if (a < 0x80000001)
		return 0;
	a = 0x80000001;
	__asm__ volatile("cpuid" : "+a"(a), "=b"(b), "=c"(c), "=d"(d));
	return (d >> 26) & 1;
}

int main(const struct boot_info *bi)
{
	u64 ram = bi->ram_bytes;
	for (u64 i = 0; i < ram >> 21; i++)
		pd_low[i] = (i << 21) | PTE_P | PTE_W | PTE_PS;
	pdpt_low[0] = (u64)pd_low | PTE_P | PTE_W;
	pdpt_low[1] = (u64)pd_window | PTE_P | PTE_W;
	pd_window[0] = (u64)pt_window | PTE_P | PTE_W;
	pml4[0] = (u64)pdpt_low | PTE_P | PTE_W;
	/* The high alias: one 1 GiB page where the CPU offers them, else 512 pages of 2 MiB, as an OS would fall back. */
	int gig = has_1g_pages();
	if (gig) {
		pdpt_high[0] = 0 | PTE_P | PTE_W | PTE_PS;
	} else {
		for (u64 i = 0; i < 512; i++)
			pd_high[i] = (i << 21) | PTE_P | PTE_W | PTE_PS;
		pdpt_high[0] = (u64)pd_high | PTE_P | PTE_W;
	}
	pml4[1] = (u64)pdpt_high | PTE_P | PTE_W;
	pdpt_rsvd[0] = gig ? (0 | PTE_P | PTE_W | PTE_PS) : ((u64)pd_high | PTE_P | PTE_W);
	pml4[2] = (u64)pdpt_rsvd | PTE_P | PTE_W | PTE_PS; /* bit 7 is reserved in a PML4E */

	set_gate(0, stub0);
	set_gate(3, stub3);
	set_gate(6, stub6);
	set_gate(13, stub13);
	set_gate(14, stub14);
	struct {
		u16 limit;
		u64 base;
	} __attribute__((packed)) idtr = { sizeof(idt) - 1, (u64)idt };
	__asm__ volatile("lidt %0" : : "m"(idtr));
	write_cr3((u64)pml4);
	puts("pagewalk: own page tables and IDT loaded");

	for (int i = 0; i < 8; i++)
		frames[i][0] = (u8)(0x11 * (i + 1));

	/* A high alias of physical memory (a 1 GiB page, or 2 MiB pages without Page1GB). */
	static u64 magic = 0x5eed5eed5eed5eedull;
	CHECK(volatile_read(HIGH_ALIAS + (u64)&magic) == magic);
	CHECK(gig ? (pdpt_high[0] & PTE_A) : (pd_high[(u64)&magic >> 21] & PTE_A));
	puts("high alias: reads the same memory, accessed bit set");

	/* Demand paging in the window: a read and a write to pages that are not present. */
	CHECK((volatile_read(WINDOW) & 0xFF) == 0x11);
	volatile_write(WINDOW + 4096 + 8, 0xabcdef);
	CHECK(*(u64 *)&frames[1][8] == 0xabcdef);
	CHECK((pt_window[0] & (PTE_A | PTE_D)) == PTE_A);
	CHECK((pt_window[1] & (PTE_A | PTE_D)) == (PTE_A | PTE_D));
	CHECK((pml4[0] & PTE_A) && (pdpt_low[1] & PTE_A) && (pd_window[0] & PTE_A));
	puts("demand paging: read and write faults handled; A on the read page, A and D on the written one");

	/* Clear A/D, flush, write: the CPU sets both again. */
	pt_window[0] &= ~(PTE_A | PTE_D);
	invlpg((void *)WINDOW);
	volatile_write(WINDOW + 16, 7);
	CHECK((pt_window[0] & (PTE_A | PTE_D)) == (PTE_A | PTE_D));
	puts("accessed and dirty bits set again after clearing them and invlpg");

	/* A read-only page: the write faults with present|write, the handler makes it writable. */
	pt_window[2] = (u64)frames[2] | PTE_P;
	invlpg((void *)(WINDOW + 2 * 4096));
	CHECK((volatile_read(WINDOW + 2 * 4096) & 0xFF) == 0x33);
	volatile_write(WINDOW + 2 * 4096 + 24, 99);
	CHECK(*(u64 *)&frames[2][24] == 99);
	puts("write to a read-only page: fault handled, write retried");

	/* Remap: point window page 0 at another frame. */
	pt_window[0] = (u64)frames[3] | PTE_P | PTE_W;
	invlpg((void *)WINDOW);
	CHECK((volatile_read(WINDOW) & 0xFF) == 0x44);
	puts("remap: window page 0 now shows frame 3");

	/* Instruction fetch from a non-executable page. */
	code_page[0] = 0xB8; /* mov $42, %eax */
	code_page[1] = 42;
	code_page[2] = code_page[3] = code_page[4] = 0;
	code_page[5] = 0xC3; /* ret */
	pt_window[4] = (u64)code_page | PTE_P | PTE_W | PTE_NX;
	invlpg((void *)(WINDOW + 4 * 4096));
	int (*fn)(void) = (int (*)(void))(WINDOW + 4 * 4096);
	__asm__ volatile("" : "+r"(fn));
	CHECK(fn() == 42);
	puts("fetch from an NX page: fault handled, NX cleared, call retried");

	/* A reserved bit in a PML4 entry. */
	CHECK(volatile_read(RSVD_VA + (u64)&magic) == magic);
	puts("reserved bit in a PML4E: fault with RSVD, bit cleared, access retried");

	/* #BP, #UD, #DE. */
	__asm__ volatile("int3");
	__asm__ volatile("ud2");
	__asm__ volatile("lea 1f(%%rip), %%rax\n"
			 "mov %%rax, %0\n"
			 "xor %%ecx, %%ecx\n"
			 "mov $1, %%eax\n"
			 "xor %%edx, %%edx\n"
			 "div %%ecx\n"
			 "1:\n"
			 : "=m"(de_resume)
			 :
			 : "rax", "rcx", "rdx", "memory");
	CHECK(breakpoints == 1 && invalid_opcodes == 1 && divide_errors == 1);
	puts("#BP, #UD and #DE handled by the guest");

	printf("page faults: %d\n", faults);
	CHECK(faults == 5);
	expect_fault(0, WINDOW, 0x0);              /* not present, read, supervisor */
	expect_fault(1, WINDOW + 4096 + 8, 0x2);   /* not present, write */
	expect_fault(2, WINDOW + 2 * 4096 + 24, 0x3); /* present (read-only), write */
	expect_fault(3, WINDOW + 4 * 4096, 0x11);  /* present, instruction fetch (NX) */
	expect_fault(4, RSVD_VA + (u64)&magic, 0x9); /* present, reserved bit */
	puts("pagewalk: all checks passed");
	return 0;
}
