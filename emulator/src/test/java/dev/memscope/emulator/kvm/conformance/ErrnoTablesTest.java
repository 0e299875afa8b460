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
