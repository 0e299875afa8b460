package dev.memscope.views.cpu;

import dev.memscope.emulator.api.DisasmLine;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A disassembly laid out as text paragraphs, objdump style: a {@code <symbol>:} header where the function changes,
 * then one paragraph per instruction ({@code address  [bytes]  mnemonic operands}), each with its colour spans.
 * Immutable and free of JavaFX, so that the layout is unit-tested without a window.
 */
public final class DisasmListing {
    /** {@code [start, end)} of a paragraph has this style class. */
    public record Span(int start, int end, String styleClass) {
    }

    /**
     * One paragraph.
     *
     * @param line the instruction shown here, or null for a header or a blank separator
     */
    public record Paragraph(String text, DisasmLine line, List<Span> spans) {
    }

    public static final DisasmListing EMPTY = new DisasmListing(List.of(), false);
    private static final int MAX_BYTES_CHARS = 20;

    private final List<DisasmLine> lines;
    private final List<Paragraph> paragraphs = new ArrayList<>();
    private final Map<Long, Integer> paragraphOfAddress = new HashMap<>();
    private final boolean showBytes;

    public DisasmListing(List<DisasmLine> lines, boolean showBytes) {
        this.lines = List.copyOf(lines);
        this.showBytes = showBytes;
        int addressDigits = 6;
        int bytesChars = 0;
        for (DisasmLine l : this.lines) {
            addressDigits = Math.max(addressDigits, Long.toHexString(l.address()).length());
            bytesChars = Math.max(bytesChars, Math.min(MAX_BYTES_CHARS, l.bytes().length()));
        }
        String previousSymbol = null;
        for (DisasmLine l : this.lines) {
            String symbol = symbolName(l.symbol());
            if (!symbol.isEmpty() && !symbol.equals(previousSymbol)) {
                if (!paragraphs.isEmpty()) {
                    paragraphs.add(new Paragraph("", null, List.of()));
                }
                String header = "<" + symbol + ">:";
                paragraphs.add(new Paragraph(header, null,
                        List.of(new Span(0, header.length(), CpuStyles.ASM_HEADER))));
            }
            previousSymbol = symbol;
            paragraphOfAddress.putIfAbsent(l.address(), paragraphs.size());
            paragraphs.add(instruction(l, addressDigits, showBytes ? bytesChars : -1));
        }
    }

    public List<DisasmLine> lines() {
        return lines;
    }

    public List<Paragraph> paragraphs() {
        return paragraphs;
    }

    public boolean showBytes() {
        return showBytes;
    }

    /** All paragraphs joined with newlines, for the text area. */
    public String text() {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < paragraphs.size(); i++) {
            sb.append(i == 0 ? "" : "\n").append(paragraphs.get(i).text());
        }
        return sb.toString();
    }

    /** The paragraph showing the instruction at {@code address}, or -1. */
    public int paragraphOf(long address) {
        return paragraphOfAddress.getOrDefault(address, -1);
    }

    /** The instruction shown in paragraph {@code index}, or null (a header, a blank line, out of range). */
    public DisasmLine lineAt(int index) {
        return index >= 0 && index < paragraphs.size() ? paragraphs.get(index).line() : null;
    }

    /** Whether {@code address} is listed with at least {@code margin} instructions after it. */
    public boolean coversWithMargin(long address, int margin) {
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).address() == address) {
                return lines.size() - 1 - i >= margin;
            }
        }
        return false;
    }

    /** {@code scan_bus} from {@code scan_bus+0x53}. */
    static String symbolName(String symbolPlusOffset) {
        int plus = symbolPlusOffset.indexOf('+');
        return (plus < 0 ? symbolPlusOffset : symbolPlusOffset.substring(0, plus)).strip();
    }

    /** objdump pads the mnemonic to six columns and a space; the machine's text may use a single space. */
    static String normalize(String text) {
        String t = text.strip();
        List<DisasmSyntax.Token> tokens = DisasmSyntax.tokens(t);
        int mnemonicEnd = 0;
        boolean prefixed = false;
        for (DisasmSyntax.Token tok : tokens) {
            if (tok.kind() != DisasmSyntax.Kind.MNEMONIC) {
                break;
            }
            prefixed = mnemonicEnd > 0;
            mnemonicEnd = tok.end();
        }
        String rest = t.substring(mnemonicEnd).strip();
        if (rest.isEmpty()) {
            return t;
        }
        String mnemonic = t.substring(0, mnemonicEnd);
        return prefixed ? mnemonic + " " + rest : String.format("%-6s %s", mnemonic, rest);
    }

    private static Paragraph instruction(DisasmLine l, int addressDigits, int bytesChars) {
        StringBuilder sb = new StringBuilder();
        List<Span> spans = new ArrayList<>();
        String address = Registers.hex(l.address(), addressDigits);
        sb.append(address).append(':');
        spans.add(new Span(0, address.length() + 1, CpuStyles.ASM_LINE_ADDRESS));
        sb.append("  ");
        if (bytesChars >= 0) {
            String bytes = l.bytes().length() > MAX_BYTES_CHARS
                    ? l.bytes().substring(0, MAX_BYTES_CHARS - 1) + "\u2026" : l.bytes();
            int start = sb.length();
            sb.append(bytes);
            spans.add(new Span(start, sb.length(), CpuStyles.ASM_BYTES));
            sb.append(" ".repeat(bytesChars - bytes.length() + 2));
        }
        int textStart = sb.length();
        String text = normalize(l.text());
        sb.append(text);
        for (DisasmSyntax.Token t : DisasmSyntax.tokens(text)) {
            spans.add(new Span(textStart + t.start(), textStart + t.end(), CpuStyles.of(t.kind())));
        }
        return new Paragraph(sb.toString(), l, List.copyOf(spans));
    }
}
