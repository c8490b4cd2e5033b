package io.sightline.store.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;

import org.apache.derby.jdbc.EmbeddedDataSource;

/**
 * The embedded Derby platform database, encrypted at rest with AES-256 (SPEC P-2; Derby's default
 * would be 56-bit DES). Everything Derby-specific lives in this class.
 */
final class DerbyDatabase implements AutoCloseable {
    static final String ENCRYPTION =
            "dataEncryption=true;encryptionAlgorithm=AES/CBC/NoPadding;encryptionKeyLength=256";

    private final EmbeddedDataSource dataSource = new EmbeddedDataSource();
    private final Path directory;

    /**
     * Boots (and on first start creates and encrypts) the database in {@code directory} with the
     * boot password held in {@code keyFile}.
     */
    DerbyDatabase(Path directory, Path keyFile) throws IOException, SQLException {
        this.directory = directory.toAbsolutePath();
        String bootPassword = KeyFile.readOrCreate(keyFile);
        boolean exists = Files.exists(this.directory.resolve("service.properties"));
        Files.createDirectories(this.directory.getParent());
        dataSource.setDatabaseName(this.directory.toString());
        // Encryption attributes only at creation; later boots need only the boot password.
        dataSource.setConnectionAttributes(
                (exists ? "" : "create=true;" + ENCRYPTION + ";") + "bootPassword=" + bootPassword);
        try (Connection first = dataSource.getConnection()) {
            first.isValid(1);
        }
        if (!exists) {
            // Later connections must never try to create a second, unencrypted database.
            dataSource.setConnectionAttributes("bootPassword=" + bootPassword);
        }
    }

    EmbeddedDataSource dataSource() {
        return dataSource;
    }

    Path directory() {
        return directory;
    }

    /** Shuts the database down cleanly so its files are consistent on disk. */
    @Override
    public void close() {
        EmbeddedDataSource shutdown = new EmbeddedDataSource();
        shutdown.setDatabaseName(directory.toString());
        shutdown.setShutdownDatabase("shutdown");
        try (Connection ignored = shutdown.getConnection()) {
            // a successful shutdown is reported as SQLException 08006
        } catch (SQLException expected) {
            // 08006: database shut down
        }
    }
}
