/*
 * libguest: the freestanding support library of Memscope's sample guests.
 *
 * A guest is `int main(const struct boot_info *bi)`; its return value is the exit code. The guest talks to the
 * VMM only through three ports (DESIGN.md, guest ABI): 0xE9 console byte, 0xF4 exit code, 0xF5 sync value.
 */
#ifndef MEMSCOPE_GUEST_H
#define MEMSCOPE_GUEST_H

#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

typedef uint8_t u8;
typedef uint16_t u16;
typedef uint32_t u32;
typedef uint64_t u64;
typedef int64_t s64;

#define BOOT_INFO_MAGIC 0x45504F43534D454DULL /* "MEMSCOPE" as little-endian ASCII */

struct boot_info {
	u64 magic;
	u64 ram_bytes;
	u64 ecam_base;
	u32 ecam_buses;
	u32 reserved;
};

#define PORT_CONSOLE 0xE9
#define PORT_EXIT 0xF4
#define PORT_SYNC 0xF5

static inline void outb(u16 port, u8 v) { __asm__ volatile("outb %0, %1" : : "a"(v), "Nd"(port)); }
static inline void outw(u16 port, u16 v) { __asm__ volatile("outw %0, %1" : : "a"(v), "Nd"(port)); }
static inline void outl(u16 port, u32 v) { __asm__ volatile("outl %0, %1" : : "a"(v), "Nd"(port)); }
static inline u8 inb(u16 port) { u8 v; __asm__ volatile("inb %1, %0" : "=a"(v) : "Nd"(port)); return v; }
static inline u16 inw(u16 port) { u16 v; __asm__ volatile("inw %1, %0" : "=a"(v) : "Nd"(port)); return v; }
static inline u32 inl(u16 port) { u32 v; __asm__ volatile("inl %1, %0" : "=a"(v) : "Nd"(port)); return v; }

/* Accesses that must happen exactly once and at exactly this width (MMIO, ECAM). */
static inline u8 mmio_read8(u64 a) { return *(volatile u8 *)a; }
static inline u16 mmio_read16(u64 a) { return *(volatile u16 *)a; }
static inline u32 mmio_read32(u64 a) { return *(volatile u32 *)a; }
static inline u64 mmio_read64(u64 a) { return *(volatile u64 *)a; }
static inline void mmio_write8(u64 a, u8 v) { *(volatile u8 *)a = v; }
static inline void mmio_write16(u64 a, u16 v) { *(volatile u16 *)a = v; }
static inline void mmio_write32(u64 a, u32 v) { *(volatile u32 *)a = v; }
static inline void mmio_write64(u64 a, u64 v) { *(volatile u64 *)a = v; }

static inline void cpu_relax(void) { __asm__ volatile("pause"); }
static inline void hlt(void) { __asm__ volatile("hlt"); }
static inline u64 read_cr3(void) { u64 v; __asm__ volatile("mov %%cr3, %0" : "=r"(v)); return v; }
static inline void write_cr3(u64 v) { __asm__ volatile("mov %0, %%cr3" : : "r"(v) : "memory"); }
static inline void invlpg(const void *p) { __asm__ volatile("invlpg (%0)" : : "r"(p) : "memory"); }

/* Console. printf understands %d %i %u %x %X %o %c %s %p %%, the flags '-' and '0', a width, a precision for %s,
 * and the length modifiers hh h l ll z j t. It returns the number of bytes written. */
void putchar(int c);
void puts(const char *s); /* writes s and a newline */
int printf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
int vprintf(const char *fmt, va_list ap);
int snprintf(char *buf, size_t size, const char *fmt, ...) __attribute__((format(printf, 3, 4)));
int vsnprintf(char *buf, size_t size, const char *fmt, va_list ap);

/* Ends the run with this exit code (port 0xF4); never returns. */
__attribute__((noreturn)) void guest_exit(u32 code);
/* Reports a sync value to the VMM (port 0xF5); the VMM may stop there. */
static inline void sync_point(u32 value) { outl(PORT_SYNC, value); }

/* Fails the run with exit code 1 after printing where and why, when cond is false. */
#define CHECK(cond)                                                                      \
	do {                                                                             \
		if (!(cond)) {                                                           \
			printf("CHECK failed: %s at %s:%d\n", #cond, __FILE__, __LINE__); \
			guest_exit(1);                                                   \
		}                                                                        \
	} while (0)

/* The C library pieces gcc may call even in freestanding code. */
void *memcpy(void *dst, const void *src, size_t n);
void *memmove(void *dst, const void *src, size_t n);
void *memset(void *dst, int c, size_t n);
int memcmp(const void *a, const void *b, size_t n);
size_t strlen(const char *s);
int strcmp(const char *a, const char *b);

/* The boot-info block the VMM passed in RDI (also main's argument). */
extern const struct boot_info *boot_info;

/* Every guest defines this. */
int main(const struct boot_info *bi);

#endif
