/*
 * pci-scan: enumerates PCI the way Linux does (pci_scan_child_bus, pci_scan_slot): bus 0 first, then the
 * secondary bus of every bridge found. For each device slot it reads the 32-bit ID at offset 0 of function 0; an
 * absent device costs that one read (one 4 KiB page per absent device, 32 KiB apart). Functions 1-7 are probed only
 * when function 0's header type says multi-function. Present functions get their BARs sized (write all-ones, read
 * back, restore), as the kernel's __pci_read_base() does.
 */
#include "pci.h"

static unsigned functions_found, id_reads;

static u32 bar_size(unsigned bus, unsigned dev, unsigned fn, unsigned bar, int *is_io)
{
	unsigned reg = 0x10 + 4 * bar;
	u32 saved = pci_read32(bus, dev, fn, reg);
	pci_write32(bus, dev, fn, reg, 0xffffffff);
	u32 mask = pci_read32(bus, dev, fn, reg);
	pci_write32(bus, dev, fn, reg, saved);
	*is_io = mask & 1;
	mask &= *is_io ? ~3u : ~0xfu;
	return mask ? ~mask + 1 : 0;
}

static void show_function(unsigned bus, unsigned dev, unsigned fn, u32 id, u8 header)
{
	u32 class_rev = pci_read32(bus, dev, fn, 0x08);
	printf("%02x:%02x.%u %04x:%04x class %06x%s\n", bus, dev, fn, id & 0xffff, id >> 16, class_rev >> 8,
	       (header & 0x7f) == 1 ? " (PCI bridge)" : "");
	functions_found++;
	if ((header & 0x7f) != 0)
		return;
	for (unsigned bar = 0; bar < 6; bar++) {
		int io;
		u32 size = bar_size(bus, dev, fn, bar, &io);
		if (size)
			printf("        BAR%u: %s, %u bytes\n", bar, io ? "I/O" : "memory", size);
	}
}

static void scan_bus(unsigned bus, int depth)
{
	if (depth > 8)
		return;
	for (unsigned dev = 0; dev < 32; dev++) {
		u32 id = pci_read32(bus, dev, 0, 0);
		id_reads++;
		if (pci_id_absent(id))
			continue;
		u8 header = pci_read8(bus, dev, 0, PCI_HEADER_TYPE);
		unsigned nfn = (header & PCI_HEADER_MULTI) ? 8 : 1;
		for (unsigned fn = 0; fn < nfn; fn++) {
			if (fn > 0) {
				id = pci_read32(bus, dev, fn, 0);
				id_reads++;
				if (pci_id_absent(id))
					continue;
				header = pci_read8(bus, dev, fn, PCI_HEADER_TYPE);
			}
			show_function(bus, dev, fn, id, header);
			if ((header & 0x7f) == 1) {
				unsigned secondary = pci_read8(bus, dev, fn, PCI_SECONDARY_BUS);
				if (secondary > bus && secondary < boot_info->ecam_buses)
					scan_bus(secondary, depth + 1);
			}
		}
	}
}

int main(const struct boot_info *bi)
{
	printf("pci-scan: ECAM at 0x%llx, %u buses\n", (unsigned long long)bi->ecam_base, bi->ecam_buses);
	scan_bus(0, 0);

	/* A write to an absent function must be discarded: it still reads all-ones afterwards. */
	pci_write16(0, 3, 0, 0x04, 0x0006);
	CHECK(pci_read32(0, 3, 0, 0) == 0xffffffff);
	CHECK(pci_read16(0, 3, 0, 0x04) == 0xffff);

	printf("pci-scan: %u functions found with %u ID reads\n", functions_found, id_reads);
	return functions_found == 0;
}
