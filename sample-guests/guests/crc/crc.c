/* crc: table-driven CRC-32 (IEEE 802.3, reflected, polynomial 0xEDB88320) of known strings, and an insertion-free
 * sort (heap sort) of pseudo-random numbers, each checked against values known independently. */
#include "guest.h"

static u32 table[256];

static void crc32_init(void)
{
	for (u32 i = 0; i < 256; i++) {
		u32 c = i;
		for (int k = 0; k < 8; k++)
			c = (c & 1) ? 0xEDB88320u ^ (c >> 1) : c >> 1;
		table[i] = c;
	}
}

static u32 crc32(const void *data, size_t n)
{
	const u8 *p = data;
	u32 c = 0xFFFFFFFFu;
	while (n--)
		c = table[(c ^ *p++) & 0xFF] ^ (c >> 8);
	return c ^ 0xFFFFFFFFu;
}

#define COUNT 20000
static u32 values[COUNT];

static void sift_down(u32 *a, size_t start, size_t end)
{
	size_t root = start;
	while (2 * root + 1 < end) {
		size_t child = 2 * root + 1;
		if (child + 1 < end && a[child] < a[child + 1])
			child++;
		if (a[root] >= a[child])
			return;
		u32 t = a[root];
		a[root] = a[child];
		a[child] = t;
		root = child;
	}
}

static void heap_sort(u32 *a, size_t n)
{
	for (size_t i = n / 2; i-- > 0;)
		sift_down(a, i, n);
	for (size_t end = n; end-- > 1;) {
		u32 t = a[0];
		a[0] = a[end];
		a[end] = t;
		sift_down(a, 0, end);
	}
}

int main(const struct boot_info *bi)
{
	(void)bi;
	crc32_init();
	static const char fox[] = "The quick brown fox jumps over the lazy dog";
	static const char check[] = "123456789";
	u32 a = crc32(fox, strlen(fox));
	u32 b = crc32(check, strlen(check));
	printf("crc32(\"%s\") = %08x\n", fox, a);
	printf("crc32(\"%s\") = %08x\n", check, b);
	CHECK(a == 0x414FA339u); /* the well-known value */
	CHECK(b == 0xCBF43926u); /* the CRC-32 "check" value of the catalogue of parametrised CRCs */

	u32 x = 2463534242u; /* xorshift32, Marsaglia 2003 */
	u64 sum = 0;
	for (int i = 0; i < COUNT; i++) {
		x ^= x << 13;
		x ^= x >> 17;
		x ^= x << 5;
		values[i] = x;
		sum += x;
	}
	heap_sort(values, COUNT);
	u64 sorted_sum = 0;
	for (int i = 0; i < COUNT; i++) {
		sorted_sum += values[i];
		if (i > 0)
			CHECK(values[i - 1] <= values[i]);
	}
	CHECK(sum == sorted_sum);
	printf("sorted %d numbers: min %u median %u max %u, crc32 of the sorted array %08x\n", COUNT, values[0],
	       values[COUNT / 2], values[COUNT - 1], crc32(values, sizeof(values)));
	return 0;
}
