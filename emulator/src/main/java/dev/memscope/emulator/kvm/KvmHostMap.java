package dev.memscope.emulator.kvm;

/**
 * {@code struct kvm_host_map} (include/linux/kvm_host.h, 2019 series): the result of {@code kvm_vcpu_map}. With a
 * struct page the page was {@code kmap}ped; without one (memory hidden with {@code mem=}) it was {@code memremap}ped
 * and {@code page} holds the poison {@link #KVM_UNMAPPED_PAGE}.
 */
public final class KvmHostMap {
    /** {@code KVM_UNMAPPED_PAGE}: {@code ((void *) 0x500 + POISON_POINTER_DELTA)}, a non-NULL poison. */
    public static final long KVM_UNMAPPED_PAGE = 0x500L + 0xdead000000000000L;
    /** Kernel direct-map base (where {@code kmap} of a lowmem page points). */
    static final long PAGE_OFFSET = 0xffff888000000000L;
    /** vmalloc/ioremap area base (where {@code memremap} mappings are placed). */
    static final long VMALLOC_START = 0xffffc90000000000L;

    /** pfn of the struct page, or {@link #KVM_UNMAPPED_PAGE}. */
    public long page;
    /** Kernel virtual address of the mapping; 0 when not mapped ({@code kvm_vcpu_mapped()} is false). */
    public long hva;
    public long pfn;
    public long gfn;
    /** The page's bytes, for the kernel-side access the map was made for. */
    public byte[] data;
    /** Whether the map came from memremap (no struct page). */
    public boolean memremapped;

    /** {@code kvm_vcpu_mapped()}. */
    public boolean mapped() {
        return hva != 0;
    }
}
