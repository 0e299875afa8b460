package dev.memscope.emulator.kvm;

/**
 * A {@link GuestPagingState} held in plain fields: long mode with paging, WP and NXE on, CPL 0 by default (the
 * guest ABI's entry state). Used by tests and by callers that drive the model without a CPU.
 */
public final class SimplePagingState implements GuestPagingState {
    public long cr3;
    public boolean paging = true;
    public boolean cr0Wp = true;
    public boolean cr4Smep;
    public boolean cr4Smap;
    public boolean eferNx = true;
    public int cpl;
    public boolean smm;
    public boolean guestMode;
    public long rip;

    @Override
    public long cr3() {
        return cr3;
    }

    @Override
    public boolean paging() {
        return paging;
    }

    @Override
    public boolean cr0Wp() {
        return cr0Wp;
    }

    @Override
    public boolean cr4Smep() {
        return cr4Smep;
    }

    @Override
    public boolean cr4Smap() {
        return cr4Smap;
    }

    @Override
    public boolean eferNx() {
        return eferNx;
    }

    @Override
    public int cpl() {
        return cpl;
    }

    @Override
    public boolean smm() {
        return smm;
    }

    @Override
    public boolean guestMode() {
        return guestMode;
    }

    @Override
    public long rip() {
        return rip;
    }
}
