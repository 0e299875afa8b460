/* libguest: console, formatted printing, exit, and the C library pieces gcc may call. */
#include "guest.h"

const struct boot_info *boot_info;

int guest_main_entry(const struct boot_info *bi)
{
	boot_info = bi;
	if (bi == 0 || bi->magic != BOOT_INFO_MAGIC) {
		puts("libguest: no boot-info block in RDI (the VMM did not follow the guest ABI)");
		return 126;
	}
	return main(bi);
}

void guest_exit(u32 code)
{
	for (;;) {
		outl(PORT_EXIT, code);
		hlt();
	}
}

void putchar(int c) { outb(PORT_CONSOLE, (u8)c); }

void puts(const char *s)
{
	while (*s)
		putchar(*s++);
	putchar('\n');
}

/* A sink is either the console (buf == 0) or a bounded buffer. */
struct sink {
	char *buf;
	size_t size;
	size_t len;
};

static void emit(struct sink *s, char c)
{
	if (s->buf == 0)
		putchar(c);
	else if (s->len + 1 < s->size)
		s->buf[s->len] = c;
	s->len++;
}

static void emit_padded(struct sink *s, const char *str, size_t n, int width, int left, char pad)
{
	int fill = width > (int)n ? width - (int)n : 0;
	if (!left)
		while (fill-- > 0)
			emit(s, pad);
	for (size_t i = 0; i < n; i++)
		emit(s, str[i]);
	if (left)
		while (fill-- > 0)
			emit(s, ' ');
}

static int format(struct sink *s, const char *fmt, va_list ap)
{
	static const char lower[] = "0123456789abcdef";
	static const char upper[] = "0123456789ABCDEF";
	for (; *fmt; fmt++) {
		if (*fmt != '%') {
			emit(s, *fmt);
			continue;
		}
		fmt++;
		int left = 0;
		char pad = ' ';
		for (;; fmt++) {
			if (*fmt == '-')
				left = 1;
			else if (*fmt == '0')
				pad = '0';
			else
				break;
		}
		int width = 0;
		if (*fmt == '*') {
			width = va_arg(ap, int);
			fmt++;
		}
		while (*fmt >= '0' && *fmt <= '9')
			width = width * 10 + (*fmt++ - '0');
		int precision = -1;
		if (*fmt == '.') {
			fmt++;
			precision = 0;
			while (*fmt >= '0' && *fmt <= '9')
				precision = precision * 10 + (*fmt++ - '0');
		}
		int longness = 0; /* -2 hh, -1 h, 0 int, 1 long and wider */
		for (;; fmt++) {
			if (*fmt == 'h')
				longness--;
			else if (*fmt == 'l' || *fmt == 'z' || *fmt == 'j' || *fmt == 't')
				longness = 1;
			else
				break;
		}
		if (left)
			pad = ' ';
		char digits[24];
		int base = 10;
		int is_signed = 0;
		const char *alphabet = lower;
		switch (*fmt) {
		case 'c': {
			char c = (char)va_arg(ap, int);
			emit_padded(s, &c, 1, width, left, ' ');
			continue;
		}
		case 's': {
			const char *str = va_arg(ap, const char *);
			if (str == 0)
				str = "(null)";
			size_t n = strlen(str);
			if (precision >= 0 && (size_t)precision < n)
				n = (size_t)precision;
			emit_padded(s, str, n, width, left, ' ');
			continue;
		}
		case '%':
			emit(s, '%');
			continue;
		case 'd':
		case 'i':
			is_signed = 1;
			break;
		case 'u':
			break;
		case 'o':
			base = 8;
			break;
		case 'X':
			alphabet = upper;
			base = 16;
			break;
		case 'x':
			base = 16;
			break;
		case 'p':
			base = 16;
			longness = 1;
			emit(s, '0');
			emit(s, 'x');
			break;
		default: /* unknown conversion: print it as written */
			emit(s, '%');
			if (*fmt)
				emit(s, *fmt);
			else
				fmt--;
			continue;
		}
		u64 value;
		int negative = 0;
		if (is_signed) {
			s64 v = longness > 0 ? va_arg(ap, s64) : (s64)va_arg(ap, int);
			if (longness == -1)
				v = (short)v;
			else if (longness <= -2)
				v = (signed char)v;
			negative = v < 0;
			value = negative ? (u64)0 - (u64)v : (u64)v;
		} else {
			value = longness > 0 ? va_arg(ap, u64) : (u64)va_arg(ap, unsigned int);
			if (longness == -1)
				value = (u16)value;
			else if (longness <= -2)
				value = (u8)value;
		}
		int n = 0;
		do {
			digits[sizeof(digits) - 1 - n++] = alphabet[value % (u64)base];
			value /= (u64)base;
		} while (value != 0);
		if (negative) {
			if (pad == '0') {
				emit(s, '-');
				width--;
			} else {
				digits[sizeof(digits) - 1 - n++] = '-';
			}
		}
		emit_padded(s, digits + sizeof(digits) - n, (size_t)n, width, left, pad);
	}
	return (int)s->len;
}

int vprintf(const char *fmt, va_list ap)
{
	struct sink s = { 0, 0, 0 };
	return format(&s, fmt, ap);
}

int printf(const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	int n = vprintf(fmt, ap);
	va_end(ap);
	return n;
}

int vsnprintf(char *buf, size_t size, const char *fmt, va_list ap)
{
	struct sink s = { buf, size, 0 };
	int n = format(&s, fmt, ap);
	if (size > 0)
		buf[s.len < size ? s.len : size - 1] = '\0';
	return n;
}

int snprintf(char *buf, size_t size, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	int n = vsnprintf(buf, size, fmt, ap);
	va_end(ap);
	return n;
}

void *memcpy(void *dst, const void *src, size_t n)
{
	u8 *d = dst;
	const u8 *s = src;
	while (n--)
		*d++ = *s++;
	return dst;
}

void *memmove(void *dst, const void *src, size_t n)
{
	u8 *d = dst;
	const u8 *s = src;
	if (d < s) {
		while (n--)
			*d++ = *s++;
	} else {
		while (n--)
			d[n] = s[n];
	}
	return dst;
}

void *memset(void *dst, int c, size_t n)
{
	u8 *d = dst;
	while (n--)
		*d++ = (u8)c;
	return dst;
}

int memcmp(const void *a, const void *b, size_t n)
{
	const u8 *x = a, *y = b;
	for (size_t i = 0; i < n; i++)
		if (x[i] != y[i])
			return x[i] < y[i] ? -1 : 1;
	return 0;
}

size_t strlen(const char *s)
{
	size_t n = 0;
	while (s[n])
		n++;
	return n;
}

int strcmp(const char *a, const char *b)
{
	while (*a && *a == *b)
		a++, b++;
	return (u8)*a - (u8)*b;
}
