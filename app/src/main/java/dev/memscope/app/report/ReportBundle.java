package dev.memscope.app.report;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * The files of a bug report by relative path, written as a directory or as one zip (whose entries sit in a folder
 * named after the zip, so that unzipping makes one directory).
 */
public final class ReportBundle {
    private final Map<String, byte[]> files = new LinkedHashMap<>();

    public void add(String path, byte[] bytes) {
        if (files.putIfAbsent(path, bytes.clone()) != null) {
            throw new IllegalArgumentException("the report already has a file " + path);
        }
    }

    public void addText(String path, String text) {
        add(path, text.getBytes(StandardCharsets.UTF_8));
    }

    /** Adds text at the end of a text file of the report (made if missing). */
    public void appendText(String path, String text) {
        byte[] more = text.getBytes(StandardCharsets.UTF_8);
        files.merge(path, more, (a, b) -> {
            byte[] both = java.util.Arrays.copyOf(a, a.length + b.length);
            System.arraycopy(b, 0, both, a.length, b.length);
            return both;
        });
    }

    public Map<String, byte[]> files() {
        return Collections.unmodifiableMap(files);
    }

    /** Refuses, before any work, a target that {@link #write} would refuse: a file, or a directory that is not empty. */
    public static void checkTarget(Path out) throws IOException {
        if (out.getFileName().toString().endsWith(".zip")) {
            if (Files.isDirectory(out)) {
                throw new IOException(out + " is a directory");
            }
            return;
        }
        if (Files.exists(out) && !Files.isDirectory(out)) {
            throw new IOException(out + " is a file, not a directory (name a .zip to write one file)");
        }
        if (Files.isDirectory(out)) {
            try (Stream<Path> entries = Files.list(out)) {
                if (entries.findAny().isPresent()) {
                    throw new IOException(out + " is not empty; name a new directory or a .zip");
                }
            }
        }
    }

    /**
     * Writes a zip when {@code out} ends in {@code .zip} (replacing the file, through a temporary file beside it),
     * else a directory, which must be new or empty so that nothing of the user's is overwritten.
     */
    public void write(Path out) throws IOException {
        checkTarget(out);
        if (out.getFileName().toString().endsWith(".zip")) {
            writeZip(out);
            return;
        }
        for (Map.Entry<String, byte[]> f : files.entrySet()) {
            Path p = out.resolve(f.getKey());
            Files.createDirectories(p.getParent());
            Files.write(p, f.getValue());
        }
    }

    private void writeZip(Path zip) throws IOException {
        Path dir = zip.toAbsolutePath().getParent();
        Files.createDirectories(dir);
        String folder = zip.getFileName().toString().replaceFirst("\\.zip$", "");
        Path tmp = Files.createTempFile(dir, folder, ".zip.part");
        try {
            try (OutputStream os = Files.newOutputStream(tmp); ZipOutputStream z = new ZipOutputStream(os)) {
                for (Map.Entry<String, byte[]> f : files.entrySet()) {
                    z.putNextEntry(new ZipEntry(folder + "/" + f.getKey()));
                    z.write(f.getValue());
                    z.closeEntry();
                }
            }
            Files.move(tmp, zip, StandardCopyOption.REPLACE_EXISTING);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }
}
