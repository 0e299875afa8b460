/*
 * dirty-log: writes the pages of a 1 MiB buffer in rounds, like a workload under live migration: round r writes
 * every (r+1)-th page. After each round it reports a sync value (port 0xF5) at which the VMM pulls the dirty log
 * (KVM_GET_DIRTY_LOG), so each pull should show exactly the buffer pages written in that round.
 */
#include "guest.h"

#define PAGE 4096
#define PAGES 256
#define ROUNDS 4

unsigned char dirty_log_buffer[PAGES * PAGE] __attribute__((aligned(PAGE)));

int main(const struct boot_info *bi)
{
	(void)bi;
	printf("dirty-log: buffer of %d pages at 0x%llx\n", PAGES, (unsigned long long)(u64)dirty_log_buffer);
	for (int round = 0; round < ROUNDS; round++) {
		int written = 0;
		for (int page = 0; page < PAGES; page += round + 1) {
			dirty_log_buffer[page * PAGE + round] = (unsigned char)(round + 1);
			written++;
		}
		printf("dirty-log: round %d wrote %d pages\n", round, written);
		sync_point((u32)round);
	}
	for (int page = 0; page < PAGES; page++)
		for (int round = 0; round < ROUNDS; round++)
			CHECK(dirty_log_buffer[page * PAGE + round] == (page % (round + 1) == 0 ? round + 1 : 0));
	puts("dirty-log: buffer contents check out");
	return 0;
}
