package org.treatyregistry.localrun;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import org.treatyregistry.transparency.NoteKeys;

/**
 * The local run's transparency-log keys: one signer key per service, made on the first run and kept with the data
 * ({@code log-keys/<service>.key}, readable by the owner only), so that checkpoints signed before a restart verify
 * after it. An operator's deployment brings its own (compose: a secret).
 */
public final class LogKeys {

    static final List<String> SERVICES = List.of("registry", "reporting", "indicators");

    private LogKeys() {
    }

    /** The service's signer key file under {@code data}, made if there is none yet. */
    public static Path keyFile(Path data, String service) {
        Path file = data.resolve("log-keys").resolve(service + ".key");
        try {
            if (!Files.exists(file)) {
                Files.createDirectories(file.getParent());
                Path temporary = file.resolveSibling(service + ".key.new");
                Files.deleteIfExists(temporary);
                try {
                    // Owner-only from its creation, never readable by others even for a moment.
                    Files.createFile(temporary, PosixFilePermissions.asFileAttribute(
                            PosixFilePermissions.fromString("rw-------")));
                } catch (UnsupportedOperationException e) {
                    // Not a POSIX file system: the key is as private as the data directory.
                    Files.createFile(temporary);
                }
                Files.writeString(temporary, NoteKeys.generate("treaty-registry.local/" + service) + "\n",
                        StandardCharsets.UTF_8);
                Files.move(temporary, file);
            }
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot keep the transparency log key in " + file, e);
        }
    }

    /** The verifier key of each service's log, as an auditor is given it. */
    public static String verifierKeys(Path data) {
        StringBuilder keys = new StringBuilder();
        for (String service : SERVICES) {
            try {
                String signer = Files.readString(keyFile(data, service), StandardCharsets.UTF_8).strip();
                keys.append(String.format("  %-14s %s%n", service, NoteKeys.signer(signer).verifier().encoded()));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return keys.toString();
    }
}
