package dev.memscope.emulator.api;

/** The {@code TP_printk} lines of {@link EventKind}, one case each, with the kernel's format strings beside them. */
final class EventFormat {
    private static final String[] ACCESS_STR = {"---", "--x", "w--", "w-x", "-u-", "-ux", "wu-", "wux"};
    private static final String[] MMIO_TYPE = {"unsatisfied-read", "read", "write"};
    private static final String[] CHANGE = {"CREATE", "DELETE", "MOVE", "FLAGS_ONLY", "INVALIDATE"};
    private static final String[] HOLE_KIND = {"noslot", "readonly", "allones", "pci_hole"};
    private static final String[] PAGE_KIND = {"anon", "filled-ff", "single-page-ff", "pfn-only", "kernel-ff-page"};

    private EventFormat() {
    }

    static String format(TraceEvent e) {
        long a0 = e.a0(), a1 = e.a1(), a2 = e.a2(), a3 = e.a3(), a4 = e.a4(), a5 = e.a5();
        return switch (e.kind()) {
            // "vcpu %u, rip 0x%lx"
            case KVM_ENTRY -> String.format("vcpu %d, rip 0x%x", e.vcpu(), a0);
            // "vcpu %u reason %s%s%s rip 0x%lx info1 0x%016llx info2 0x%016llx intr_info 0x%08x error_code 0x%08x"
            case KVM_EXIT -> String.format("vcpu %d reason %s rip 0x%x info1 0x%016x info2 0x%016x intr_info 0x%08x "
                    + "error_code 0x%08x", e.vcpu(), vmxExitReason((int) a0), a1, a2, a3, (int) a4, (int) a5);
            // "reason %s (%d)"
            case KVM_USERSPACE_EXIT -> a1 < 0
                    ? String.format("reason %s (%d)", a1 == -4 ? "restart" : "error", -a1)
                    : String.format("reason %s (%d)", kvmExitReason((int) a0), a0);
            // "vcpu %u rip 0x%lx address 0x%016llx error_code 0x%llx"
            case KVM_PAGE_FAULT -> String.format("vcpu %d rip 0x%x address 0x%016x error_code 0x%x", e.vcpu(), a0,
                    a1, a2);
            // "mmio %s len %u gpa 0x%llx val 0x%llx"
            case KVM_MMIO -> String.format("mmio %s len %d gpa 0x%x val 0x%x", MMIO_TYPE[(int) a0], a1, a2, a3);
            // "fast mmio at gpa 0x%llx"
            case KVM_FAST_MMIO -> String.format("fast mmio at gpa 0x%x", a0);
            // "pio_%s at 0x%x size %d count %d val 0x%x %s"
            case KVM_PIO -> String.format("pio_%s at 0x%x size %d count %d val 0x%x %s", a0 != 0 ? "write" : "read",
                    a1, a2, a3, (int) a4, a3 > 1 ? "(...)" : "");
            // "%s (0x%x)"
            case KVM_INJ_EXCEPTION -> String.format("%s (0x%x)", exceptionName((int) a0), a1 != 0 ? (int) a2 : 0);
            // "addr %llx pferr %x %s"
            case KVM_MMU_PAGETABLE_WALK -> String.format("addr %x pferr %x %s", a0, (int) a1, pferrFlags(a1));
            // "pte %llx level %u"
            case KVM_MMU_PAGING_ELEMENT -> String.format("pte %x level %d", a0, a1);
            // "gpa %llx"
            case KVM_MMU_SET_ACCESSED_BIT, KVM_MMU_SET_DIRTY_BIT -> String.format("gpa %x", a0);
            // "pferr %x %s"
            case KVM_MMU_WALKER_ERROR -> String.format("pferr %x %s", (int) a0, pferrFlags(a0));
            // "%s %s": KVM_MMU_PAGE_PRINTK(), "new" / "existing"
            case KVM_MMU_GET_PAGE -> spPrintk(a0, a1, (int) a2, a3, a4) + " " + (a5 != 0 ? "new" : "existing");
            case KVM_MMU_PREPARE_ZAP_PAGE -> spPrintk(a0, a1, (int) a2, a3, a4);
            // "sptep:%p gfn %llx access %x gen %x"
            case MARK_MMIO_SPTE -> String.format("sptep:%016x gfn %x access %x gen %x", a0, a1, a2, a3);
            // "addr:%llx gfn %llx access %x"
            case HANDLE_MMIO_PAGE_FAULT -> String.format("addr:%x gfn %x access %x", a0, a1, a2);
            // "vcpu %d gva %llx error_code %s sptep %p old %#llx new %llx spurious %d fixed %d"
            case FAST_PAGE_FAULT -> String.format("vcpu %d gva %x error_code %s sptep %016x old %s new %x "
                    + "spurious %d fixed %d", e.vcpu(), a0, pferrFlags(a1), a2, altHex(a3), a4,
                    a5 == RetPf.SPURIOUS.value() ? 1 : 0, a5 == RetPf.FIXED.value() ? 1 : 0);
            // "spte %llx kvm_gen %x spte-gen %x valid %d"
            case CHECK_MMIO_SPTE -> String.format("spte %x kvm_gen %x spte-gen %x valid %d", a0, a1, a2,
                    a1 == a2 ? 1 : 0);
            // "gfn %llx spte %llx (%s%s%s%s) level %d at %llx"; a4 = r | w<<1 | x<<2 | (u+1)<<3 (u: -1 none)
            case KVM_MMU_SET_SPTE -> String.format("gfn %x spte %x (%s%s%s%s) level %d at %x", a0, a1,
                    (a4 & 1) != 0 ? "r" : "-", (a4 & 2) != 0 ? "w" : "-", (a4 & 4) != 0 ? "x" : "-",
                    ((a4 >> 3) & 3) == 0 ? "" : ((a4 >> 3) & 3) == 2 ? "u" : "-", a3, a2);
            // "gfn %llx pfn %llx level %d"
            case KVM_MMU_SPTE_REQUESTED -> String.format("gfn %x pfn %x level %d", a0, a1, a2);
            // "as id %d gfn %llx level %d old_spte %llx new_spte %llx"
            case KVM_TDP_MMU_SPTE_CHANGED -> String.format("as id %d gfn %x level %d old_spte %x new_spte %x", a0,
                    a1, a2, a3, a4);
            // "gfn %llx spte %llx level %d errno %d"
            case KVM_MMU_SPLIT_HUGE_PAGE -> String.format("gfn %x spte %x level %d errno %d", a0, a1, a2, a3);
            case MEMSLOT_COMMIT -> String.format("as_id %d slot %d %s gen %x base_gfn %x npages %x flags 0x%x",
                    a0 >>> 16, a0 & 0xFFFF, CHANGE[(int) a1], a2, a3, a4, a5);
            case FAULT_PHASE -> String.format("vcpu %d addr %x gfn %x phase %s ret %s", e.vcpu(), a0, a3,
                    FaultPhase.values()[(int) a1].label(), a2 < 0 ? "-" : RetPf.values()[(int) a2].kernelName());
            case HUGEPAGE_ADJUST -> String.format("gfn %x max_level %d req_level %d goal_level %d reason %s", a0, a1,
                    a2, a3, HugepageDecision.Reason.values()[(int) a4].name().toLowerCase());
            case PREFETCH_DECISION -> String.format("gfn %x window %x+%d mapped %d policy %s reason %s", a0, a1, a2,
                    a3, PrefetchDecision.Policy.values()[(int) a4].name().toLowerCase(),
                    PrefetchDecision.Reason.values()[(int) a5].name().toLowerCase());
            case HOLE_ACCESS -> String.format("gpa %x len %d %s %s handled in %s val %x", a0, a1,
                    a2 != 0 ? "write" : "read", HOLE_KIND[(int) a3], a4 != 0 ? "userspace" : "kernel", a5);
            case HOST_PAGE_ALLOC -> String.format("hva %x pfn %x size %dK %s", a0, a1, a2 >>> 10,
                    PAGE_KIND[(int) a3]);
            case VCPU_MAP -> String.format("gfn %x pfn %x hva %x via %s%s", a0, a1, a2, a3 != 0 ? "memremap" : "kmap",
                    a4 != 0 ? " writable" : "");
            case VCPU_UNMAP -> String.format("gfn %x pfn %x dirty %d via %s", a0, a1, a2,
                    a3 == 0 ? "kunmap" : a3 == 1 ? "memunmap" : "kunmap of KVM_UNMAPPED_PAGE (bug)");
            case PRE_FAULT_MEMORY -> String.format("gpa %x size %x ret %s left gpa %x size %x", a0, a1,
                    a2 < 0 ? "-" + errnoName((int) -a2) : Long.toString(a2), a3, a4);
            case DIRTY_LOG -> String.format("as_id %d slot %d dirty %d of %d pages, write-protected again", a0 >>> 16,
                    a0 & 0xFFFF, a1, a2);
            case TLB_FLUSH -> String.format("reason %s", a0 == 0 ? "zap" : a0 == 1 ? "write-protect" : "memslot");
        };
    }

    /** {@code __print_flags(pferr, "|", kvm_mmu_trace_pferr_flags)}. */
    static String pferrFlags(long pferr) {
        StringBuilder sb = new StringBuilder();
        long rest = pferr;
        long[] bits = {1, 2, 4, 8, 16};
        String[] names = {"P", "W", "U", "RSVD", "F"};
        for (int i = 0; i < bits.length; i++) {
            if ((rest & bits[i]) != 0) {
                if (sb.length() > 0) {
                    sb.append('|');
                }
                sb.append(names[i]);
                rest &= ~bits[i];
            }
        }
        if (rest != 0) {
            if (sb.length() > 0) {
                sb.append('|');
            }
            sb.append("0x").append(Long.toHexString(rest));
        }
        return sb.toString();
    }

    /** {@code %#llx}: "0x" prefix except for zero. */
    private static String altHex(long v) {
        return v == 0 ? "0" : "0x" + Long.toHexString(v);
    }

    /** {@code KVM_MMU_PAGE_PRINTK()}, without its trailing NUL character. */
    private static String spPrintk(long gen, long gfn, int role, long rootCount, long unsync) {
        int level = role & 0xF;
        boolean has4ByteGpte = (role & (1 << 4)) != 0;
        int quadrant = (role >>> 5) & 3;
        boolean direct = (role & (1 << 7)) != 0;
        int access = (role >>> 8) & 7;
        boolean invalid = (role & (1 << 11)) != 0;
        boolean eferNx = (role & (1 << 12)) != 0;
        boolean adDisabled = (role & (1 << 16)) != 0;
        return String.format("sp gen %d gfn %x l%d %d-byte q%d%s %s%s %snxe %sad root %d %s", gen, gfn, level,
                has4ByteGpte ? 4 : 8, quadrant, direct ? " direct" : "", ACCESS_STR[access],
                invalid ? " invalid" : "", eferNx ? "" : "!", adDisabled ? "!" : "", rootCount,
                unsync != 0 ? "unsync" : "sync");
    }

    private static String vmxExitReason(int reason) {
        return switch (reason) {
            case 0 -> "EXCEPTION_NMI";
            case 2 -> "TRIPLE_FAULT";
            case 10 -> "CPUID";
            case 12 -> "HLT";
            case 14 -> "INVLPG";
            case 28 -> "CR_ACCESS";
            case 30 -> "IO_INSTRUCTION";
            case 31 -> "MSR_READ";
            case 32 -> "MSR_WRITE";
            case 48 -> "EPT_VIOLATION";
            case 49 -> "EPT_MISCONFIG";
            default -> "0x" + Integer.toHexString(reason);
        };
    }

    private static String kvmExitReason(int reason) {
        return switch (reason) {
            case 0 -> "KVM_EXIT_UNKNOWN";
            case 1 -> "KVM_EXIT_EXCEPTION";
            case 2 -> "KVM_EXIT_IO";
            case 4 -> "KVM_EXIT_DEBUG";
            case 5 -> "KVM_EXIT_HLT";
            case 6 -> "KVM_EXIT_MMIO";
            case 8 -> "KVM_EXIT_SHUTDOWN";
            case 9 -> "KVM_EXIT_FAIL_ENTRY";
            case 10 -> "KVM_EXIT_INTR";
            case 17 -> "KVM_EXIT_INTERNAL_ERROR";
            default -> "0x" + Integer.toHexString(reason);
        };
    }

    private static String exceptionName(int vector) {
        return switch (vector) {
            case 0 -> "#DE";
            case 6 -> "#UD";
            case 8 -> "#DF";
            case 13 -> "#GP";
            case 14 -> "#PF";
            default -> "0x" + Integer.toHexString(vector);
        };
    }

    private static String errnoName(int errno) {
        return switch (errno) {
            case 2 -> "ENOENT";
            case 4 -> "EINTR";
            case 5 -> "EIO";
            case 11 -> "EAGAIN";
            case 14 -> "EFAULT";
            case 22 -> "EINVAL";
            case 95 -> "EOPNOTSUPP";
            default -> "errno " + errno;
        };
    }
}
