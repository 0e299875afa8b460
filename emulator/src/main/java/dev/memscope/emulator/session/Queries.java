package dev.memscope.emulator.session;

import dev.memscope.emulator.api.DisasmLine;
import dev.memscope.emulator.api.GuestWalk;
import dev.memscope.emulator.api.Query;
import dev.memscope.emulator.backend.Introspection;
import dev.memscope.emulator.backend.VmBackend;
import dev.memscope.emulator.backend.sim.SimBackend;
import dev.memscope.emulator.kvm.ViewQueries;
import dev.memscope.emulator.vmm.ElfImage;
import dev.memscope.emulator.vmm.Vmm;
import dev.memscope.emulator.x86.Disassembler;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

/** Answers the views' {@link Query}s on the machine thread. */
final class Queries {
    private Queries() {
    }

    @SuppressWarnings("unchecked")
    static <T> T answer(VmBackend backend, Vmm vmm, Query<T> query) {
        if (backend == null || vmm == null) {
            throw new IllegalStateException("no guest is loaded");
        }
        if (query instanceof Query.PrefetchWindowOf p) {
            return (T) (backend instanceof SimBackend sim ? sim.prefetchWindowOf(p.faultSeq()) : Optional.empty());
        }
        if (!(backend instanceof Introspection memory)) {
            throw new IllegalStateException("the " + backend.name() + " backend does not expose this ("
                    + query.getClass().getSimpleName() + "): the kernel keeps it to itself");
        }
        if (query instanceof Query.ReadMemory r) {
            return (T) memory.readGuestPhysical(r.gpa(), r.length());
        }
        long cr3 = backend.getSregs().cr3();
        if (query instanceof Query.GuestPageTables) {
            return (T) GuestTablesReader.tables(memory, cr3);
        }
        if (query instanceof Query.TranslateGva t) {
            return (T) GuestTablesReader.walk(memory, cr3, t.gva());
        }
        if (query instanceof Query.Disassemble d) {
            return (T) disassemble(memory, cr3, vmm.config().image(), d);
        }
        SimBackend sim = (SimBackend) backend;
        if (query instanceof Query.SpteTables s) {
            return (T) ViewQueries.spteTree(sim.kvm(), sim.vcpu(), s.asId());
        }
        if (query instanceof Query.SpteMapRange m) {
            return (T) ViewQueries.spteMap(sim.kvm(), m.asId(), m.firstGfn(), m.pages());
        }
        throw new IllegalArgumentException("unknown query " + query);
    }

    /**
     * Disassembly around {@code d.address()}: decoding starts at the enclosing symbol (or at the address itself when
     * there is none within 4 KiB, since x86 cannot be decoded backwards reliably), so the lines before it are real.
     */
    static List<DisasmLine> disassemble(Introspection memory, long cr3, ElfImage image, Query.Disassemble d) {
        long at = d.address();
        long start = at;
        Optional<ElfImage.Symbol> sym = image.symbolAt(at);
        if (sym.isPresent() && at - sym.get().value() < 4096) {
            start = sym.get().value();
        }
        int window = (int) (at - start) + 16 * (d.after() + 1);
        GuestWalk w = GuestTablesReader.walk(memory, cr3, start);
        if (w.gpa() < 0) {
            return List.of();
        }
        byte[] code = memory.readGuestPhysical(w.gpa(), window);
        List<DisasmLine> all = new ArrayList<>();
        int atIndex = -1;
        for (Disassembler.Line l : Disassembler.disassemble(code, start)) {
            if (l.address() == at) {
                atIndex = all.size();
            }
            String label = image.symbolAt(l.address()).map(s -> s.name() + (l.address() == s.value() ? ""
                    : "+0x" + Long.toHexString(l.address() - s.value()))).orElse("");
            all.add(new DisasmLine(l.address(), HexFormat.ofDelimiter(" ").formatHex(l.bytes()), l.text(), label));
            if (atIndex >= 0 && all.size() - atIndex > d.after()) {
                break;
            }
        }
        if (atIndex < 0) {
            return all.subList(0, Math.min(all.size(), d.after() + 1));
        }
        return List.copyOf(all.subList(Math.max(0, atIndex - d.before()), all.size()));
    }
}
