package dev.memscope.emulator.backend.kvm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.memscope.emulator.backend.rules.KernelAnswerRunner;
import dev.memscope.emulator.backend.rules.MemslotRule;
import dev.memscope.emulator.backend.rules.MemslotRules;
import dev.memscope.emulator.backend.rules.PreFaultRule;
import dev.memscope.emulator.backend.rules.PreFaultRules;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/** The kernel-answer tables against the machine's /dev/kvm: one fresh VM per row. */
class KernelAnswersOnRealKvmTest {
    @TestFactory
    Stream<DynamicTest> set_user_memory_region_answers_as_the_kernel_source_says() {
        return MemslotRules.all().stream().map(rule -> DynamicTest.dynamicTest(rule.name(), () -> {
            RealKvm.assumeAvailable();
            try (KvmBackend kvm = KvmBackend.open()) {
                skipUnless(KernelAnswerRunner.unmet(kvm, rule.requirement()));
                KernelAnswerRunner.Answer answer = KernelAnswerRunner.run(kvm, rule);
                assertThat(answer.result()).as("%s (%s)", answer.describe(), rule.source())
                        .isEqualTo(rule.expected());
            }
        }));
    }

    @TestFactory
    Stream<DynamicTest> pre_fault_memory_answers_as_the_kernel_source_says() {
        return PreFaultRules.all().stream().map(rule -> DynamicTest.dynamicTest(rule.name(), () -> {
            RealKvm.assumeAvailable();
            try (KvmBackend kvm = KvmBackend.open()) {
                skipUnless(KernelAnswerRunner.unmet(kvm, rule.requirement()));
                KernelAnswerRunner.PreFaultAnswer answer = KernelAnswerRunner.run(kvm, rule);
                assertThat(answer.result()).as("%s (%s)", answer.describe(), rule.source())
                        .isEqualTo(rule.expected());
                assertThat(answer.sizeLeft()).as("size left: %s", answer.describe())
                        .isEqualTo(rule.expectedSizeLeft());
            }
        }));
    }

    private static void skipUnless(Optional<String> unmet) {
        assumeTrue(unmet.isEmpty(), () -> "does not apply: " + unmet.orElse(""));
    }
}
