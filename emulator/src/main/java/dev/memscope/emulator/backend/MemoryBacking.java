package dev.memscope.emulator.backend;

/** How userspace memory handed to {@link VmBackend#mmap} is backed on the host. */
public enum MemoryBacking {
    /** Anonymous private memory in 4 KiB pages with a struct page, allocated on first touch. */
    ANONYMOUS,
    /** Anonymous memory backed by 2 MiB huge pages (hugetlbfs or THP), allocated on first touch. */
    ANONYMOUS_HUGE_2M,
    /** Anonymous memory backed by 1 GiB huge pages. */
    ANONYMOUS_HUGE_1G,
    /** Pages filled with 0xff at mmap time (the read-only-slot variant's backing). 4 KiB, with struct page. */
    FILLED_FF,
    /** One 4 KiB page, filled with 0xff, mapped at every page of the range (the review's SINGLE_HVA idea). */
    SINGLE_PAGE_FF,
    /** Host frames without a struct page, as a mapping of /dev/mem over memory hidden with mem= (the case of the
     *  kvm_vcpu_map series). Only the simulated backend provides it. */
    PFN_ONLY
}
