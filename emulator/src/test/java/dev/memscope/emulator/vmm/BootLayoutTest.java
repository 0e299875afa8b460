package dev.memscope.emulator.vmm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.memscope.emulator.backend.KvmRegs;
import dev.memscope.guests.SampleGuests;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import org.junit.jupiter.api.Test;

/** Walks the page tables BootLayout wrote, as the CPU would (Intel SDM Vol. 3, 4.5), to check the ABI's promises. */
class BootLayoutTest {
    private static final MemoryMap MAP = MemoryMap.defaults();

    @Test
    void entry_state_follows_the_guest_abi() throws Exception {
        ElfImage image = ElfImage.parse(SampleGuests.image("hello").orElseThrow());
        BootImage boot = BootLayout.build(image, MAP, BootLayout.PageSize.SIZE_2M);
        assertThat(boot.regs().rip()).isEqualTo(image.entry());
        assertThat(boot.regs().gpr(KvmRegs.RSP)).isEqualTo(64L << 20);
        assertThat(boot.regs().gpr(KvmRegs.RSP) % 16).isZero();
        assertThat(boot.regs().gpr(KvmRegs.RDI)).isEqualTo(GuestAbi.BOOT_INFO_GPA).isLessThan(0x100000L);
        assertThat(boot.sregs().cr0() & (GuestAbi.CR0_PE | GuestAbi.CR0_PG | GuestAbi.CR0_WP))
                .isEqualTo(GuestAbi.CR0_PE | GuestAbi.CR0_PG | GuestAbi.CR0_WP);
        assertThat(boot.sregs().cr4() & GuestAbi.CR4_PAE).isNotZero();
        assertThat(boot.sregs().efer()).isEqualTo(GuestAbi.EFER_LME | GuestAbi.EFER_LMA | GuestAbi.EFER_NXE);
        assertThat(boot.sregs().cs().l()).isTrue();
        assertThat(boot.sregs().cr3()).isLessThan(0x100000L);

        byte[] low = memory(boot, 0, 0x100000);
        ByteBuffer b = ByteBuffer.wrap(low).order(ByteOrder.LITTLE_ENDIAN);
        long bi = GuestAbi.BOOT_INFO_GPA;
        assertThat(new String(low, (int) bi, 8, java.nio.charset.StandardCharsets.US_ASCII)).isEqualTo("MEMSCOPE");
        assertThat(b.getLong((int) bi + 8)).isEqualTo(MAP.ramBytes());
        assertThat(b.getLong((int) bi + 16)).isEqualTo(0xB0000000L);
        assertThat(b.getInt((int) bi + 24)).isEqualTo(256);
        // GDT entry 1 is a present 64-bit code segment: L (bit 53) set, D (bit 54) clear, type execute.
        long code = b.getLong((int) GuestAbi.GDT_GPA + 8);
        assertThat((code >>> 53) & 1).isOne();
        assertThat((code >>> 54) & 1).isZero();
        assertThat((code >>> 47) & 1).isOne();
        assertThat((code >>> 43) & 1).isOne();
    }

    @Test
    void two_mib_tables_identity_map_ram_and_ecam_and_nothing_else() throws Exception {
        BootImage boot = BootLayout.build(ElfImage.parse(SampleGuests.image("hello").orElseThrow()), MAP,
                BootLayout.PageSize.SIZE_2M);
        byte[] low = memory(boot, 0, 0x100000);
        long cr3 = boot.sregs().cr3();
        for (long va : new long[] {0, 0x100000, 0x1FFFFF, 0x200000, MAP.ramBytes() - 1}) {
            Walk w = walk(low, cr3, va);
            assertThat(w.pa).as("RAM va 0x%x", va).isEqualTo(va);
            assertThat(w.pageBytes).isEqualTo(2L << 20);
            assertThat(w.nx).isFalse();
        }
        for (long va : new long[] {MAP.ecamBase(), MAP.ecamBase() + 0x12345, MAP.ecamEnd() - 1}) {
            Walk w = walk(low, cr3, va);
            assertThat(w.pa).as("ECAM va 0x%x", va).isEqualTo(va);
            assertThat(w.nx).isTrue();
            assertThat(w.uncached).isTrue();
        }
        assertThat(walk(low, cr3, MAP.ramBytes())).isNull();
        assertThat(walk(low, cr3, MAP.ecamBase() - 1)).isNull();
        assertThat(walk(low, cr3, MAP.ecamEnd())).isNull();
    }

    @Test
    void four_kib_tables_map_the_same_addresses_with_small_pages() throws Exception {
        MemoryMap small = new MemoryMap(16L << 20, 0xB0000000L, 16);
        BootImage boot = BootLayout.build(ElfImage.parse(SampleGuests.image("hello").orElseThrow()), small,
                BootLayout.PageSize.SIZE_4K);
        byte[] low = memory(boot, 0, 0x100000);
        Walk w = walk(low, boot.sregs().cr3(), 0x123456);
        assertThat(w.pa).isEqualTo(0x123456L);
        assertThat(w.pageBytes).isEqualTo(4096L);
        assertThat(walk(low, boot.sregs().cr3(), small.ecamBase() + (3L << 20) + 0x10).pa)
                .isEqualTo(small.ecamBase() + (3L << 20) + 0x10);
    }

    @Test
    void refuses_four_kib_tables_that_do_not_fit_below_one_mib() throws Exception {
        ElfImage image = ElfImage.parse(SampleGuests.image("hello").orElseThrow());
        assertThatThrownBy(() -> BootLayout.build(image, MAP.withRamBytes(1L << 30), BootLayout.PageSize.SIZE_4K))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("do not fit below");
    }

    private record Walk(long pa, long pageBytes, boolean nx, boolean uncached) {
    }

    private static Walk walk(byte[] low, long cr3, long va) {
        ByteBuffer b = ByteBuffer.wrap(low).order(ByteOrder.LITTLE_ENDIAN);
        long table = cr3;
        boolean nx = false;
        for (int level = 4; level >= 1; level--) {
            int index = (int) ((va >>> (12 + 9 * (level - 1))) & 511);
            long e = b.getLong((int) (table + index * 8L));
            if ((e & 1) == 0) {
                return null;
            }
            nx |= e < 0;
            long addr = e & 0x000FFFFFFFFFF000L;
            if (level == 1 || (level <= 3 && (e & 0x80) != 0)) {
                long size = 1L << (12 + 9 * (level - 1));
                return new Walk((addr & ~(size - 1)) | (va & (size - 1)), size, nx, (e & 0x18) == 0x18);
            }
            table = addr;
        }
        return null;
    }

    private static byte[] memory(BootImage boot, long start, int length) {
        byte[] mem = new byte[length];
        for (BootImage.Write w : boot.writes()) {
            if (w.gpa() >= start && w.gpa() < start + length) {
                System.arraycopy(w.bytes(), 0, mem, (int) (w.gpa() - start), w.bytes().length);
            }
        }
        return mem;
    }
}
