package dev.memscope.app.report;

import dev.memscope.emulator.api.FaultPhase;
import dev.memscope.emulator.api.FaultRecord;
import java.util.stream.Collectors;

/** One page fault in one line, in the kernel's words, for the summary of a bug report. */
final class FaultLine {
    private FaultLine() {
    }

    static String of(FaultRecord f) {
        StringBuilder sb = new StringBuilder();
        sb.append("#").append(f.seq()).append(" at ").append(f.isTdp() ? "gpa" : "gva").append(hex(f.addr()));
        if (!f.isTdp() && f.gpa() != -1) {
            sb.append(" (gpa").append(hex(f.gpa())).append(')');
        }
        sb.append(", gfn").append(hex(f.gfn())).append(", error code").append(hex(f.errorCode())).append(" (")
                .append(f.write() ? "write" : f.exec() ? "fetch" : "read").append(f.present() ? ", present" : "")
                .append(f.rsvd() ? ", rsvd" : "").append(')');
        sb.append(f.slotId() < 0 ? ", no memslot" : ", memslot " + f.slotId());
        if (f.pfnState() != null) {
            sb.append(", pfn ").append(f.pfnState());
        }
        sb.append(", ").append(f.result() == null ? "not finished" : f.result().kernelName());
        sb.append(" (phases: ").append(f.phases().stream().map(FaultPhase::label).collect(Collectors.joining(", ")))
                .append(")");
        return sb.toString();
    }

    private static String hex(long v) {
        return " 0x" + Long.toHexString(v);
    }
}
