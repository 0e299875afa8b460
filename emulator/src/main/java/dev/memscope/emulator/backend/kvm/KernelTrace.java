package dev.memscope.emulator.backend.kvm;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The kernel's own tracepoints, recorded while this process runs a guest on {@code /dev/kvm}: the ground truth the
 * model's event log mirrors. A private tracefs instance ({@code instances/memscope-PID-N}) so that nothing else that
 * traces on the machine is disturbed; whole event systems ({@code kvm}, {@code kvmmmu}) are enabled there, and the
 * lines of this process's threads are kept (the {@code record-tgid} column). Needs root and a mounted tracefs
 * ({@code mount -t tracefs nodev /sys/kernel/tracing}); {@link #unavailableReason()} says what is missing.
 */
public final class KernelTrace implements AutoCloseable {
    private static final List<Path> ROOTS = List.of(Path.of("/sys/kernel/tracing"),
            Path.of("/sys/kernel/debug/tracing"));
    private static final AtomicInteger INSTANCES = new AtomicInteger();
    // "  java-9772    (   9767) [001] ..... 14956.710338: kvm_pio: pio_write at 0xe9 size 1 count 1 val 0x48"
    private static final Pattern LINE = Pattern.compile(
            "^\\s*(.*)-(\\d+)\\s+\\(\\s*(\\d+|-+)\\)\\s+\\[(\\d+)]\\s+(?:\\S+\\s+)?(\\d+\\.\\d+): (\\w+): ?(.*)$");
    private static final Pattern WRITTEN = Pattern.compile("entries-in-buffer/entries-written: (\\d+)/(\\d+)");
    private static final Pattern STALE = Pattern.compile("memscope-(\\d+)-\\d+");

    /** One tracepoint hit, as the trace file printed it. */
    public record Line(String task, int tid, int cpu, double seconds, String event, String text) {
        /** trace-cmd's layout: task-tid [cpu] timestamp: event: text. */
        public String line() {
            return String.format("%16s-%-7d [%03d] %12.6f: %s: %s", task, tid, cpu, seconds, event, text);
        }
    }

    /**
     * What {@link #stop()} read.
     *
     * @param lines this process's tracepoints, oldest first
     * @param lost events the kernel's buffer dropped (it was too small for the run): the oldest are missing
     */
    public record Capture(List<Line> lines, long lost) {
    }

    private final Path instance;
    private final List<String> systems;
    private boolean open = true;

    private KernelTrace(Path instance, List<String> systems) {
        this.instance = instance;
        this.systems = systems;
    }

    /** Empty when tracing can be started here; otherwise why not, in a sentence. */
    public static Optional<String> unavailableReason() {
        Path root = root();
        if (root == null) {
            return Optional.of("tracefs is not mounted (mount -t tracefs nodev /sys/kernel/tracing)");
        }
        if (!Files.isWritable(root.resolve("instances"))) {
            return Optional.of("tracefs at " + root + " is not writable by this user (tracing needs root)");
        }
        if (!Files.isDirectory(root.resolve("events").resolve("kvm"))) {
            return Optional.of("this kernel has no kvm tracepoints under " + root.resolve("events"));
        }
        return Optional.empty();
    }

    private static Path root() {
        for (Path p : ROOTS) {
            if (Files.isDirectory(p.resolve("instances"))) {
                return p;
            }
        }
        return null;
    }

    /**
     * Starts recording every event of the given systems (e.g. {@code kvm}, {@code kvmmmu}) or single events
     * ({@code kvm/kvm_pio}) into a new instance with {@code bufferKb} per CPU.
     *
     * @throws IOException naming the file that could not be written, or why tracing is unavailable
     */
    public static KernelTrace start(List<String> systems, int bufferKb) throws IOException {
        Optional<String> why = unavailableReason();
        if (why.isPresent()) {
            throw new IOException("cannot trace the kernel: " + why.get());
        }
        Path instances = root().resolve("instances");
        removeStale(instances);
        Path instance = instances.resolve("memscope-" + ProcessHandle.current().pid() + "-"
                + INSTANCES.incrementAndGet());
        Files.createDirectory(instance); // tracefs makes the instance's files
        KernelTrace t = new KernelTrace(instance, List.copyOf(systems));
        try {
            write(instance.resolve("buffer_size_kb"), Integer.toString(bufferKb));
            write(instance.resolve("options").resolve("record-tgid"), "1");
            for (String s : systems) {
                Path enable = instance.resolve("events").resolve(s).resolve("enable");
                if (!Files.exists(enable)) {
                    throw new IOException("this kernel has no tracepoint " + (s.contains("/") ? "" : "system ")
                            + "'" + s + "'");
                }
                write(enable, "1");
            }
            return t;
        } catch (IOException | RuntimeException e) {
            t.close();
            throw e;
        }
    }

    /**
     * Removes the instances of Memscope processes that are gone (killed before they could clean up): each holds a
     * buffer of kernel memory until it is removed.
     */
    static void removeStale(Path instances) {
        try (var dirs = Files.list(instances)) {
            for (Path d : (Iterable<Path>) dirs::iterator) {
                Matcher m = STALE.matcher(d.getFileName().toString());
                if (m.matches() && ProcessHandle.of(Long.parseLong(m.group(1))).isEmpty()) {
                    try {
                        Files.deleteIfExists(d); // tracefs turns its events off and frees the buffer
                    } catch (IOException ignored) {
                        // in use after all, or not ours to remove: leave it
                    }
                }
            }
        } catch (IOException | RuntimeException ignored) {
            // nothing to clean, or not allowed to look
        }
    }

    /** Stops recording and returns this process's lines; the instance is removed. */
    public Capture stop() throws IOException {
        for (String s : systems) {
            write(instance.resolve("events").resolve(s).resolve("enable"), "0");
        }
        List<String> raw = Files.readAllLines(instance.resolve("trace"), StandardCharsets.UTF_8);
        close();
        return parse(raw, ProcessHandle.current().pid());
    }

    /** The lines of process {@code tgid} in a trace file's text (header lines say how many events were lost). */
    static Capture parse(List<String> raw, long tgid) {
        List<Line> out = new ArrayList<>();
        long lost = 0;
        for (String s : raw) {
            if (s.startsWith("#")) {
                Matcher w = WRITTEN.matcher(s);
                if (w.find()) {
                    lost = Long.parseLong(w.group(2)) - Long.parseLong(w.group(1));
                }
                continue;
            }
            Matcher m = LINE.matcher(s);
            if (!m.matches() || m.group(3).startsWith("-") || Long.parseLong(m.group(3)) != tgid) {
                continue;
            }
            out.add(new Line(m.group(1).strip(), Integer.parseInt(m.group(2)), Integer.parseInt(m.group(4)),
                    Double.parseDouble(m.group(5)), m.group(6), m.group(7).stripTrailing()));
        }
        return new Capture(List.copyOf(out), Math.max(0, lost));
    }

    private static void write(Path file, String value) throws IOException {
        try {
            Files.writeString(file, value + "\n", StandardCharsets.US_ASCII);
        } catch (IOException e) {
            throw new IOException("cannot write '" + value + "' to " + file + ": " + e.getMessage(), e);
        }
    }

    /** Removes the instance (tracefs turns its events off and frees its buffer); safe to call twice. */
    @Override
    public void close() {
        if (!open) {
            return;
        }
        open = false;
        try {
            Files.deleteIfExists(instance);
        } catch (IOException ignored) {
            // tracefs refuses rmdir while the instance is in use; it goes with the next reboot at worst
        }
    }
}
