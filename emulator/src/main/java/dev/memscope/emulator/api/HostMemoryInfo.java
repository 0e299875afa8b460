package dev.memscope.emulator.api;

import java.util.List;

/**
 * The host memory of one VM as a view shows it: what its VMM mapped and what the host holds for it.
 *
 * @param structPages host pages with a struct page held for this VM (4 KiB units; a huge page counts whole)
 * @param pfnOnlyPages frames without struct page (memory hidden with mem=) faulted in
 * @param hostBytes bytes of both
 * @param kernelAllonesPages the kernel's shared 0xff page, counted once for the host (0 or 1 here: in use or not)
 */
public record HostMemoryInfo(long structPages, long pfnOnlyPages, long hostBytes, long kernelAllonesPages,
        List<Mapping> mappings) {

    public HostMemoryInfo {
        mappings = List.copyOf(mappings);
    }

    /** One userspace mapping: its HVA range and backing (a {@code MemoryBacking} name). */
    public record Mapping(long startHva, long bytes, String backing) {
    }
}
