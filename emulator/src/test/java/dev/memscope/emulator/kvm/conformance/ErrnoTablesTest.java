package dev.memscope.emulator.kvm.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import dev.memscope.emulator.kvm.KvmConfig;
import dev.memscope.emulator.kvm.MmuMode;
import java.util.ServiceLoader;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

class ErrnoTablesTest {
    private static final RegionTarget.Factory MODEL = () -> new ModelTarget(KvmConfig.defaults(MmuMode.TDP));

    @Test
    void every_set_user_memory_region_rule_holds_on_the_model() {
        assertThat(MemoryRegionErrnoTable.run(MODEL)).isEmpty();
    }

    @Test
    void every_pre_fault_memory_rule_holds_on_the_model() {
        assertThat(PreFaultErrnoTable.run(MODEL)).isEmpty();
    }

    /** A target that accepts everything: the tables must notice (they can fail). */
    @Test
    void the_tables_catch_a_target_that_breaks_the_rules() {
        RegionTarget.Factory lax = () -> new RegionTarget() {
            @Override
            public long mmap(long bytes, dev.memscope.emulator.backend.MemoryBacking backing) {
                return 0x7000_0000_0000L;
            }

            @Override
            public int setUserMemoryRegion(int slot, int flags, long gpa, long size, long uaddr) {
                return 0;
            }

            @Override
            public int preFaultMemory(dev.memscope.emulator.backend.KvmPreFaultMemory range) {
                range.size = 0;
                return 0;
            }

            @Override
            public boolean isModel() {
                return true;
            }
        };
        assertThat(MemoryRegionErrnoTable.run(lax)).hasSizeGreaterThan(20);
        assertThat(PreFaultErrnoTable.run(lax)).hasSizeGreaterThan(5);
    }

    @Test
    void the_same_tables_hold_on_real_kvm() {
        RegionTarget.Factory real = ServiceLoader.load(RegionTarget.Factory.class).findFirst().orElse(null);
        Assumptions.assumeTrue(real != null, "no real-KVM RegionTarget.Factory on the test classpath (the "
                + "backend.kvm tests register one through META-INF/services; wrap the backend in BackendTarget)");
        String why = real.unusableReason();
        Assumptions.assumeTrue(why == null, why);
        assertThat(MemoryRegionErrnoTable.run(real)).isEmpty();
        assertThat(PreFaultErrnoTable.run(real)).isEmpty();
    }
}
