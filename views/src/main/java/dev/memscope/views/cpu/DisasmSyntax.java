package dev.memscope.views.cpu;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Splits one AT&T instruction, as objdump prints it ({@code mov    0x1469(%rip),%rax        # 102000 <boot_info>}),
 * into coloured tokens. Pure and allocation-light: it runs once per listed instruction, never per frame.
 */
public final class DisasmSyntax {
    /** What a token is; each has a style class in {@link CpuStyles}. */
    public enum Kind {
        MNEMONIC, REGISTER, IMMEDIATE, ADDRESS, SYMBOL, COMMENT
    }

    /** Characters {@code [start, end)} of the text are of this kind. */
    public record Token(int start, int end, Kind kind) {
    }

    /** Prefixes objdump prints before the mnemonic, which belong to it. */
    private static final Set<String> PREFIXES = Set.of("cs", "ds", "es", "fs", "gs", "ss", "rep", "repz", "repe",
            "repnz", "repne", "lock", "data16", "addr32", "notrack", "bnd", "xacquire", "xrelease", "rex", "rex.w",
            "rex.b", "rex.r", "rex.x", "rex.wb", "rex.wr", "rex.wx", "rex.rb", "rex.rx", "rex.xb", "rex.wrb",
            "rex.wrx", "rex.wxb", "rex.rxb", "rex.wrxb");

    private DisasmSyntax() {
    }

    public static List<Token> tokens(String text) {
        List<Token> out = new ArrayList<>();
        int n = text.length();
        int i = skipSpaces(text, 0);
        // the mnemonic, with any prefixes before it
        while (i < n) {
            int end = wordEnd(text, i);
            out.add(new Token(i, end, Kind.MNEMONIC));
            boolean prefix = PREFIXES.contains(text.substring(i, end));
            i = skipSpaces(text, end);
            if (!prefix) {
                break;
            }
        }
        while (i < n) {
            char c = text.charAt(i);
            int end;
            Kind kind;
            if (c == '#') {
                addComment(text, i, out);
                break;
            } else if (c == '%') {
                end = wordEnd(text, i + 1);
                kind = Kind.REGISTER;
            } else if (c == '$') {
                end = numberEnd(text, i + 1);
                kind = Kind.IMMEDIATE;
            } else if (c == '<') {
                int close = text.indexOf('>', i);
                end = close < 0 ? n : close + 1;
                kind = Kind.SYMBOL;
            } else if (isHexDigit(c) || c == '-' && i + 1 < n && isHexDigit(text.charAt(i + 1))) {
                end = numberEnd(text, i);
                kind = Kind.ADDRESS;
            } else {
                i++;
                continue;
            }
            if (end > i) {
                out.add(new Token(i, end, kind));
            }
            i = Math.max(end, i + 1);
        }
        return out;
    }

    /** objdump's {@code # 102000 <boot_info>}: comment text, with the symbols in it kept apart (tokens never overlap). */
    private static void addComment(String text, int from, List<Token> out) {
        int i = from;
        while (i < text.length()) {
            int open = text.indexOf('<', i);
            if (open < 0) {
                out.add(new Token(i, text.length(), Kind.COMMENT));
                return;
            }
            if (open > i) {
                out.add(new Token(i, open, Kind.COMMENT));
            }
            int close = text.indexOf('>', open);
            int end = close < 0 ? text.length() : close + 1;
            out.add(new Token(open, end, Kind.SYMBOL));
            i = end;
        }
    }

    private static int skipSpaces(String s, int i) {
        while (i < s.length() && Character.isWhitespace(s.charAt(i))) {
            i++;
        }
        return i;
    }

    private static int wordEnd(String s, int i) {
        while (i < s.length() && !Character.isWhitespace(s.charAt(i)) && s.charAt(i) != ','
                && s.charAt(i) != ')' && s.charAt(i) != '(') {
            i++;
        }
        return i;
    }

    private static int numberEnd(String s, int i) {
        if (i < s.length() && s.charAt(i) == '-') {
            i++;
        }
        while (i < s.length() && (isHexDigit(s.charAt(i)) || s.charAt(i) == 'x')) {
            i++;
        }
        return i;
    }

    private static boolean isHexDigit(char c) {
        return c >= '0' && c <= '9' || c >= 'a' && c <= 'f' || c >= 'A' && c <= 'F';
    }
}
