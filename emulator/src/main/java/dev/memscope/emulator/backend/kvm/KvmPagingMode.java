package dev.memscope.emulator.backend.kvm;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * How the host's KVM maps guest memory, as far as its module parameters tell: two-dimensional paging (EPT, NPT) or
 * shadow paging. The model's shadow MMU is the fair comparison on a shadow-paging kernel, its TDP MMU on the others.
 *
 * @param kind what the kernel uses
 * @param description a phrase for {@code describe()}, such as "shadow paging (kvm_pvm, no hardware virtualization)"
 */
public record KvmPagingMode(Kind kind, String description) {
    public enum Kind { TDP, SHADOW, UNKNOWN }

    /** Reads the kvm modules' parameters under {@code sysModule} (normally {@code /sys/module}). */
    public static KvmPagingMode detect(Path sysModule) {
        Optional<String> ept = param(sysModule, "kvm_intel", "ept");
        if (ept.isPresent()) {
            return isOn(ept.get()) ? new KvmPagingMode(Kind.TDP, "EPT" + tdpMmu(sysModule))
                    : new KvmPagingMode(Kind.SHADOW, "shadow paging (kvm_intel with ept=N)");
        }
        Optional<String> npt = param(sysModule, "kvm_amd", "npt");
        if (npt.isPresent()) {
            return isOn(npt.get()) ? new KvmPagingMode(Kind.TDP, "NPT" + tdpMmu(sysModule))
                    : new KvmPagingMode(Kind.SHADOW, "shadow paging (kvm_amd with npt=N)");
        }
        if (Files.isDirectory(sysModule.resolve("kvm_pvm"))) {
            return new KvmPagingMode(Kind.SHADOW, "shadow paging (kvm_pvm, no hardware virtualization)");
        }
        return new KvmPagingMode(Kind.UNKNOWN, "paging mode unknown (no kvm_intel, kvm_amd or kvm_pvm module "
                + "parameters under " + sysModule + ")");
    }

    private static String tdpMmu(Path sysModule) {
        return param(sysModule, "kvm", "tdp_mmu").map(v -> isOn(v) ? ", TDP MMU" : ", legacy MMU (tdp_mmu=N)")
                .orElse("");
    }

    private static boolean isOn(String value) {
        return value.equals("Y") || value.equals("1");
    }

    private static Optional<String> param(Path sysModule, String module, String name) {
        try {
            return Optional.of(Files.readString(sysModule.resolve(module).resolve("parameters").resolve(name))
                    .trim());
        } catch (IOException e) {
            return Optional.empty();
        }
    }
}
