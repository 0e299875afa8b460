package dev.memscope.emulator.x86;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The disassembler against GNU objdump, the real oracle: every instruction of every sample guest's .text must print
 * as {@code objdump -d} prints it (ignoring objdump's {@code <symbol>} and {@code # comment} annotations).
 */
class DisassemblerObjdumpTest {
    private static final Pattern LINE = Pattern.compile("^\\s*([0-9a-f]+):\\t([0-9a-f ]+?)\\s*\\t(.*)$");

    @ParameterizedTest
    @ValueSource(strings = {"hello", "sieve", "crc", "memtouch", "pagewalk", "bench"})
    void matches_objdump_on_every_instruction_of(String guest) throws Exception {
        compareWithObjdump(guest, Guests.image(guest), false, Long.MAX_VALUE);
    }

    /** The differential suite's batch image: every ALU, shift, bit, multiply form in every size, 4,000 of them. */
    @org.junit.jupiter.api.Test
    void matches_objdump_on_the_differential_cases() throws Exception {
        var cases = new dev.memscope.emulator.x86.diff.CaseGenerator(7).generate(4000,
                dev.memscope.emulator.x86.diff.BatchImage.memBaseFor(4000));
        var batch = dev.memscope.emulator.x86.diff.BatchImage.build(cases);
        long base = dev.memscope.emulator.x86.diff.BatchImage.CODE;
        byte[] code = java.util.Arrays.copyOfRange(batch.elf, 0x1000, 0x1000 + (int) (batch.codeEnd - base));
        compareWithObjdump("diff-batch", code, true, batch.codeEnd);
    }

    /**
     * @param wholeImage {@code image} is raw code loaded at 0x100000 (objdump -D -b binary), not an ELF
     * @param limit compare only instructions below this address (the batch's data follows its code)
     */
    private static void compareWithObjdump(String guest, byte[] image, boolean wholeImage, long limit)
            throws Exception {
        Path elf = Files.createTempFile("memscope-" + guest, ".elf");
        try {
            Files.write(elf, image);
            List<String> lines = objdump(elf, wholeImage);
            assumeTrue(lines != null, "objdump is not installed, so there is no oracle to compare with");
            Map<Long, String> expected = new HashMap<>();
            Map<Long, byte[]> bytes = new HashMap<>();
            long lo = Long.MAX_VALUE;
            long hi = 0;
            for (String l : lines) {
                Matcher m = LINE.matcher(l);
                if (!m.matches()) {
                    continue;
                }
                long addr = Long.parseLong(m.group(1), 16);
                if (addr >= limit) {
                    continue;
                }
                String[] hex = m.group(2).trim().split(" ");
                byte[] b = new byte[hex.length];
                for (int i = 0; i < hex.length; i++) {
                    b[i] = (byte) Integer.parseInt(hex[i], 16);
                }
                expected.put(addr, normalize(m.group(3)));
                bytes.put(addr, b);
                lo = Math.min(lo, addr);
                hi = Math.max(hi, addr + b.length);
            }
            assertThat(expected).as("instructions objdump found").isNotEmpty();
            List<String> wrong = new ArrayList<>();
            for (Map.Entry<Long, String> e : expected.entrySet()) {
                byte[] b = bytes.get(e.getKey());
                List<Disassembler.Line> ours = Disassembler.disassemble(b, e.getKey());
                String text = ours.size() == 1 ? normalize(ours.get(0).text()) : "(split into " + ours.size() + ")";
                if (!text.equals(e.getValue())) {
                    wrong.add(String.format("%x: objdump '%s' ours '%s' %s", e.getKey(), e.getValue(), text,
                            hexOf(b)));
                }
            }
            assertThat(wrong).as("instructions of %s printed differently from objdump (of %d)", guest,
                    expected.size()).isEmpty();
        } finally {
            Files.deleteIfExists(elf);
        }
    }

    private static String hexOf(byte[] b) {
        StringBuilder s = new StringBuilder();
        for (byte x : b) {
            s.append(String.format("%02x ", x & 0xFF));
        }
        return s.toString().trim();
    }

    /** Drops objdump's annotations and trailing blanks. */
    static String normalize(String s) {
        String t = s.replaceAll("\\s*<[^>]*>", "").replaceAll("\\s*#.*$", "");
        return t.stripTrailing();
    }

    private static List<String> objdump(Path elf, boolean wholeImage) throws InterruptedException {
        try {
            List<String> cmd = wholeImage
                    ? List.of("objdump", "-D", "-w", "-b", "binary", "-m", "i386:x86-64", "--adjust-vma=0x100000",
                            elf.toString())
                    : List.of("objdump", "-d", "-w", elf.toString());
            Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes());
            return p.waitFor() == 0 ? out.lines().toList() : null;
        } catch (IOException e) {
            return null;
        }
    }
}
