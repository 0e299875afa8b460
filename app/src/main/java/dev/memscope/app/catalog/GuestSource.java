package dev.memscope.app.catalog;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A guest named on the command line or picked in the app: a catalog name, or the path of an ELF file.
 *
 * @param name the catalog name, or the file name
 * @param origin {@code catalog} or the file's absolute path
 */
public record GuestSource(String name, String origin, byte[] image) {

    /** Thrown when neither a catalog guest nor a readable file has this name. */
    public static final class NotFoundException extends Exception {
        private static final long serialVersionUID = 1L;

        NotFoundException(String message) {
            super(message);
        }
    }

    public boolean fromCatalog() {
        return "catalog".equals(origin);
    }

    public static GuestSource resolve(String nameOrPath, GuestCatalog catalog) throws NotFoundException {
        var entry = catalog.find(nameOrPath);
        if (entry.isPresent()) {
            return new GuestSource(nameOrPath, "catalog", catalog.image(entry.get()));
        }
        Path path = Path.of(nameOrPath);
        if (Files.isRegularFile(path)) {
            try {
                return new GuestSource(path.getFileName().toString(), path.toAbsolutePath().toString(),
                        Files.readAllBytes(path));
            } catch (IOException e) {
                throw new NotFoundException("cannot read guest image " + path + ": " + e.getMessage());
            }
        }
        if (Files.isDirectory(path)) {
            throw new NotFoundException(nameOrPath + " is a directory, not a guest image");
        }
        throw new NotFoundException("no sample guest or file named '" + nameOrPath
                + "' (`memscope list` shows the sample guests)");
    }
}
