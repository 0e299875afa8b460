package dev.memscope.emulator.vmm;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

/**
 * A guest image: a static ELF64 x86-64 executable, checked against the guest ABI before anything runs. Parsing never
 * trusts the file: every offset and size is bounds-checked and every refusal names the field that is wrong.
 *
 * <p>RAM bounds are checked by {@link #checkFits(long)} once the memory size is known.
 */
public final class ElfImage {
    private static final int EHDR_SIZE = 64;
    private static final int PHDR_SIZE = 56;
    private static final int SHDR_SIZE = 64;
    private static final int PT_LOAD = 1;
    private static final int PT_DYNAMIC = 2;
    private static final int PT_INTERP = 3;
    private static final int SHT_SYMTAB = 2;
    private static final int EM_X86_64 = 62;
    private static final int ET_EXEC = 2;
    private static final int ET_DYN = 3;

    /** A PT_LOAD segment: {@code memSize} bytes at {@code gpa}, the first {@code data.length} from the file. */
    public record Segment(long gpa, long memSize, byte[] data, boolean readable, boolean writable,
            boolean executable) {
        public long end() {
            return gpa + memSize;
        }

        public boolean contains(long address) {
            return Long.compareUnsigned(address, gpa) >= 0 && Long.compareUnsigned(address, end()) < 0;
        }
    }

    /** A symbol from {@code .symtab} (functions and objects with a name), for disassembly labels. */
    public record Symbol(String name, long value, long size, boolean function) {
    }

    private final long entry;
    private final List<Segment> segments;
    private final List<Symbol> symbols;
    private final String sha256;
    private final int sizeBytes;

    private ElfImage(long entry, List<Segment> segments, List<Symbol> symbols, String sha256, int sizeBytes) {
        this.entry = entry;
        this.segments = List.copyOf(segments);
        this.symbols = List.copyOf(symbols);
        this.sha256 = sha256;
        this.sizeBytes = sizeBytes;
    }

    public long entry() {
        return entry;
    }

    public List<Segment> segments() {
        return segments;
    }

    /** Symbols sorted by address. Empty when the image is stripped or its symbol table is unreadable. */
    public List<Symbol> symbols() {
        return symbols;
    }

    /** SHA-256 of the file, lower-case hex: identifies the image in sessions and reports. */
    public String sha256() {
        return sha256;
    }

    public int sizeBytes() {
        return sizeBytes;
    }

    /** The symbol whose range holds {@code address}, or the nearest one before it. */
    public Optional<Symbol> symbolAt(long address) {
        Symbol best = null;
        for (Symbol s : symbols) {
            if (Long.compareUnsigned(s.value(), address) <= 0) {
                best = s;
            } else {
                break;
            }
        }
        return Optional.ofNullable(best);
    }

    /** Refuses the image if a segment does not lie in RAM of {@code ramBytes} (the ABI: at or above 1 MiB). */
    public void checkFits(long ramBytes) throws ElfFormatException {
        for (Segment s : segments) {
            if (Long.compareUnsigned(s.end(), ramBytes) > 0) {
                throw new ElfFormatException(String.format(
                        "segment at 0x%x..0x%x lies outside guest RAM (0x0..0x%x, %d MiB): give the guest more RAM "
                                + "or link it lower",
                        s.gpa(), s.end(), ramBytes, ramBytes >> 20));
            }
        }
    }

    public static ElfImage parse(byte[] file) throws ElfFormatException {
        if (file == null || file.length < EHDR_SIZE) {
            throw new ElfFormatException("not an ELF file: " + (file == null ? 0 : file.length)
                    + " bytes is shorter than an ELF64 header (64 bytes)");
        }
        ByteBuffer b = ByteBuffer.wrap(file).order(ByteOrder.LITTLE_ENDIAN);
        if (b.getInt(0) != 0x464C457F) {
            throw new ElfFormatException("not an ELF file: the first bytes are "
                    + HexFormat.ofDelimiter(" ").formatHex(file, 0, 4) + ", not 7f 45 4c 46");
        }
        if (file[4] != 2) {
            throw new ElfFormatException("unsupported ELF class " + file[4]
                    + " (EI_CLASS): Memscope runs 64-bit (ELFCLASS64) guests");
        }
        if (file[5] != 1) {
            throw new ElfFormatException("unsupported data encoding " + file[5]
                    + " (EI_DATA): x86-64 guests are little-endian (ELFDATA2LSB)");
        }
        int type = Short.toUnsignedInt(b.getShort(16));
        int machine = Short.toUnsignedInt(b.getShort(18));
        if (machine != EM_X86_64) {
            throw new ElfFormatException("unsupported machine " + machine + " (e_machine): Memscope runs x86-64 "
                    + "(EM_X86_64 = 62) guests");
        }
        if (type == ET_DYN) {
            throw new ElfFormatException("position-independent executable (e_type ET_DYN): link the guest with "
                    + "-static -no-pie so it loads at fixed physical addresses (ET_EXEC)");
        }
        if (type != ET_EXEC) {
            throw new ElfFormatException("unsupported ELF type " + type + " (e_type): a guest is an ET_EXEC "
                    + "executable");
        }
        long entry = b.getLong(24);
        long phoff = b.getLong(32);
        long shoff = b.getLong(40);
        int phentsize = Short.toUnsignedInt(b.getShort(54));
        int phnum = Short.toUnsignedInt(b.getShort(56));
        int shentsize = Short.toUnsignedInt(b.getShort(58));
        int shnum = Short.toUnsignedInt(b.getShort(60));
        if (phnum == 0) {
            throw new ElfFormatException("no program headers (e_phnum = 0): nothing to load");
        }
        if (phentsize != PHDR_SIZE) {
            throw new ElfFormatException("program header size " + phentsize + " (e_phentsize) is not 56");
        }
        checkRange(file, phoff, (long) phnum * PHDR_SIZE, "program header table (e_phoff/e_phnum)");

        List<Segment> segments = new ArrayList<>();
        for (int i = 0; i < phnum; i++) {
            int at = (int) (phoff + (long) i * PHDR_SIZE);
            int ptype = b.getInt(at);
            if (ptype == PT_INTERP || ptype == PT_DYNAMIC) {
                throw new ElfFormatException("program header " + i + " is " + (ptype == PT_INTERP ? "PT_INTERP"
                        : "PT_DYNAMIC") + ": the guest is dynamically linked; link it with -static -nostdlib");
            }
            if (ptype != PT_LOAD) {
                continue;
            }
            int pflags = b.getInt(at + 4);
            long offset = b.getLong(at + 8);
            long paddr = b.getLong(at + 24);
            long filesz = b.getLong(at + 32);
            long memsz = b.getLong(at + 40);
            String what = "PT_LOAD segment " + i;
            if (memsz == 0) {
                continue; // an empty segment loads nothing (the linker emits one for an empty data PHDR)
            }
            if (Long.compareUnsigned(filesz, memsz) > 0) {
                throw new ElfFormatException(what + ": p_filesz 0x" + Long.toHexString(filesz)
                        + " is larger than p_memsz 0x" + Long.toHexString(memsz));
            }
            checkRange(file, offset, filesz, what + " file data (p_offset/p_filesz)");
            if (Long.compareUnsigned(paddr, GuestAbi.IMAGE_MIN_GPA) < 0) {
                throw new ElfFormatException(String.format("%s loads at 0x%x, below 1 MiB (0x100000), where the "
                        + "VMM keeps its boot structures: link the guest at 0x100000 or above", what, paddr));
            }
            if (Long.compareUnsigned(paddr + memsz, paddr) < 0 || (paddr + memsz) < 0) {
                throw new ElfFormatException(String.format("%s at 0x%x with size 0x%x wraps the address space",
                        what, paddr, memsz));
            }
            byte[] data = new byte[(int) filesz];
            System.arraycopy(file, (int) offset, data, 0, (int) filesz);
            segments.add(new Segment(paddr, memsz, data, (pflags & 4) != 0, (pflags & 2) != 0,
                    (pflags & 1) != 0));
        }
        if (segments.isEmpty()) {
            throw new ElfFormatException("no PT_LOAD segment with content: nothing to load");
        }
        segments.sort(Comparator.comparingLong(Segment::gpa));
        for (int i = 1; i < segments.size(); i++) {
            Segment prev = segments.get(i - 1);
            Segment cur = segments.get(i);
            if (Long.compareUnsigned(cur.gpa(), prev.end()) < 0) {
                throw new ElfFormatException(String.format("PT_LOAD segments overlap: 0x%x..0x%x and 0x%x..0x%x",
                        prev.gpa(), prev.end(), cur.gpa(), cur.end()));
            }
        }
        if (segments.stream().noneMatch(s -> s.contains(entry))) {
            throw new ElfFormatException(String.format("entry point 0x%x (e_entry) is outside every loaded segment",
                    entry));
        }
        List<Symbol> symbols = readSymbols(file, b, shoff, shentsize, shnum);
        return new ElfImage(entry, segments, symbols, sha256(file), file.length);
    }

    private static void checkRange(byte[] file, long offset, long length, String what) throws ElfFormatException {
        if (offset < 0 || length < 0 || offset > file.length || length > file.length - offset) {
            throw new ElfFormatException(String.format("%s at offset 0x%x, length 0x%x, runs past the end of the "
                    + "file (%d bytes): the file is truncated or corrupt", what, offset, length, file.length));
        }
    }

    /** Symbols are optional: a missing or malformed symbol table yields none rather than refusing the image. */
    private static List<Symbol> readSymbols(byte[] file, ByteBuffer b, long shoff, int shentsize, int shnum) {
        List<Symbol> out = new ArrayList<>();
        if (shoff <= 0 || shnum == 0 || shentsize != SHDR_SIZE
                || shoff > file.length || (long) shnum * SHDR_SIZE > file.length - shoff) {
            return out;
        }
        for (int i = 0; i < shnum; i++) {
            int at = (int) (shoff + (long) i * SHDR_SIZE);
            if (b.getInt(at + 4) != SHT_SYMTAB) {
                continue;
            }
            long symOff = b.getLong(at + 24);
            long symSize = b.getLong(at + 32);
            int link = b.getInt(at + 40);
            if (link < 0 || link >= shnum || symOff < 0 || symOff > file.length || symSize > file.length - symOff) {
                return out;
            }
            int strAt = (int) (shoff + (long) link * SHDR_SIZE);
            long strOff = b.getLong(strAt + 24);
            long strSize = b.getLong(strAt + 32);
            if (strOff < 0 || strOff > file.length || strSize > file.length - strOff) {
                return out;
            }
            for (long s = symOff; s + 24 <= symOff + symSize; s += 24) {
                int name = b.getInt((int) s);
                int info = file[(int) s + 4] & 0xFF;
                long value = b.getLong((int) s + 8);
                long size = b.getLong((int) s + 16);
                int symType = info & 0xF;
                if ((symType != 1 && symType != 2) || name <= 0 || name >= strSize) {
                    continue; // only STT_OBJECT and STT_FUNC with a name
                }
                int start = (int) (strOff + name);
                int end = start;
                while (end < strOff + strSize && file[end] != 0) {
                    end++;
                }
                out.add(new Symbol(new String(file, start, end - start, StandardCharsets.UTF_8), value, size,
                        symType == 2));
            }
        }
        out.sort(Comparator.comparingLong(Symbol::value));
        return out;
    }

    private static String sha256(byte[] file) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(file));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK has no SHA-256", e);
        }
    }
}
