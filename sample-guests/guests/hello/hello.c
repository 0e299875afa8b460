/* hello: the smallest guest. Prints a line and exits 0. */
#include "guest.h"

int main(const struct boot_info *bi)
{
	printf("Hello from a Memscope guest: %llu MiB of RAM, ECAM at 0x%llx.\n",
	       (unsigned long long)(bi->ram_bytes >> 20), (unsigned long long)bi->ecam_base);
	return 0;
}
