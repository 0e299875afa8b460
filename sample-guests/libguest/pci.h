/*
 * PCIe config space through ECAM (MMCONFIG): address = base + (bus << 20 | dev << 15 | fn << 12 | reg).
 * The base and the number of buses come from the boot-info block.
 */
#ifndef MEMSCOPE_PCI_H
#define MEMSCOPE_PCI_H

#include "guest.h"

static inline u64 ecam_addr(unsigned bus, unsigned dev, unsigned fn, unsigned reg)
{
	return boot_info->ecam_base + ((u64)bus << 20 | (u64)dev << 15 | (u64)fn << 12 | reg);
}

static inline u32 pci_read32(unsigned bus, unsigned dev, unsigned fn, unsigned reg)
{
	return mmio_read32(ecam_addr(bus, dev, fn, reg));
}

static inline u16 pci_read16(unsigned bus, unsigned dev, unsigned fn, unsigned reg)
{
	return mmio_read16(ecam_addr(bus, dev, fn, reg));
}

static inline u8 pci_read8(unsigned bus, unsigned dev, unsigned fn, unsigned reg)
{
	return mmio_read8(ecam_addr(bus, dev, fn, reg));
}

static inline void pci_write32(unsigned bus, unsigned dev, unsigned fn, unsigned reg, u32 v)
{
	mmio_write32(ecam_addr(bus, dev, fn, reg), v);
}

static inline void pci_write16(unsigned bus, unsigned dev, unsigned fn, unsigned reg, u16 v)
{
	mmio_write16(ecam_addr(bus, dev, fn, reg), v);
}

/* What Linux's pci_bus_generic_read_dev_vendor_id() treats as "no device here". */
static inline int pci_id_absent(u32 id)
{
	return id == 0xffffffff || id == 0x00000000 || id == 0x0000ffff || id == 0xffff0000;
}

#define PCI_HEADER_TYPE 0x0e
#define PCI_HEADER_MULTI 0x80
#define PCI_SECONDARY_BUS 0x19
#define PCI_SUBORDINATE_BUS 0x1a

#endif
