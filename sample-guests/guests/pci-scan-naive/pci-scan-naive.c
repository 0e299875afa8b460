/*
 * pci-scan-naive: probes every function of every bus the ECAM window covers (256 x 32 x 8 = 65,536 ID reads on a
 * q35 layout), the brute-force scan that made VMMs count config exits by hand. Compare with pci-scan.
 */
#include "pci.h"

int main(const struct boot_info *bi)
{
	unsigned found = 0, reads = 0;
	printf("pci-scan-naive: probing all %u buses\n", bi->ecam_buses);
	for (unsigned bus = 0; bus < bi->ecam_buses; bus++) {
		for (unsigned dev = 0; dev < 32; dev++) {
			for (unsigned fn = 0; fn < 8; fn++) {
				u32 id = pci_read32(bus, dev, fn, 0);
				reads++;
				if (pci_id_absent(id))
					continue;
				printf("%02x:%02x.%u %04x:%04x\n", bus, dev, fn, id & 0xffff, id >> 16);
				found++;
			}
		}
	}
	printf("pci-scan-naive: %u functions found with %u ID reads\n", found, reads);
	return found == 0;
}
