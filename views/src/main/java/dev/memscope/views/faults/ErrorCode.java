package dev.memscope.views.faults;

import dev.memscope.emulator.api.FaultRecord;
import java.util.ArrayList;
import java.util.List;

/** A page-fault error code in words: the {@code PFERR_*_MASK} bits of arch/x86/include/asm/kvm_host.h. */
public final class ErrorCode {
    private static final String[] NAMES = new String[50];

    static {
        NAMES[0] = "PRESENT";
        NAMES[1] = "WRITE";
        NAMES[2] = "USER";
        NAMES[3] = "RSVD";
        NAMES[4] = "FETCH";
        NAMES[5] = "PK";
        NAMES[6] = "SS";
        NAMES[15] = "SGX";
        NAMES[32] = "GUEST_FINAL";
        NAMES[33] = "GUEST_PAGE";
        NAMES[48] = "IMPLICIT_ACCESS";
        NAMES[49] = "PRIVATE_ACCESS";
    }

    private ErrorCode() {
    }

    /** {@code USER|GUEST_FINAL}, or {@code 0}. */
    public static String bits(long err) {
        List<String> out = new ArrayList<>();
        for (int bit = 0; bit < 64; bit++) {
            if ((err >>> bit & 1) != 0) {
                out.add(bit < NAMES.length && NAMES[bit] != null ? NAMES[bit] : "bit" + bit);
            }
        }
        return out.isEmpty() ? "0" : String.join("|", out);
    }

    /** What the access was: {@code fetch}, {@code write}, {@code read}, or {@code rsvd} for an MMIO-spte fault. */
    public static String access(FaultRecord f) {
        if (f.rsvd()) {
            return "rsvd";
        }
        return f.exec() ? "fetch" : f.write() ? "write" : "read";
    }

    /** A one-letter access kind for lists: F, W, R, or M (RSVD: an MMIO spte was hit). */
    public static String letter(FaultRecord f) {
        return f.rsvd() ? "M" : f.exec() ? "F" : f.write() ? "W" : "R";
    }
}
