package dev.vedit.server;

import dev.vedit.server.db.Database;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/**
 * The database options of {@code vedit serve}, with the same names and environment variables, for the operator's
 * commands ({@code vedit keys}, {@code vedit workflows}) that work on the service's database, running or not.
 */
final class DatabaseOptions {
    @Option(names = "--data-dir", defaultValue = "${env:VEDIT_DATA_DIR:-./vedit-data}",
            description = "The service's data dir; its embedded database is used unless --db-url is given (default ${DEFAULT-VALUE}).")
    Path dataDir;
    @Option(names = "--db-url", defaultValue = "${env:VEDIT_DB_URL}", description = "JDBC URL, e.g. jdbc:postgresql://db/vedit.")
    String dbUrl;
    @Option(names = "--db-user", defaultValue = "${env:VEDIT_DB_USER}", description = "Database user.")
    String dbUser;
    @Option(names = "--db-password", defaultValue = "${env:VEDIT_DB_PASSWORD}", description = "Database password.")
    String dbPassword;
    @Option(names = "--json", description = "Print JSON instead of text.")
    boolean json;

    /** The service's database: PostgreSQL by URL, or the data dir's embedded file (reached even while the service runs). */
    Database open() {
        String url = dbUrl != null && !dbUrl.isBlank() ? dbUrl : Database.h2Url(dataDir.toAbsolutePath().normalize());
        if (url.startsWith("jdbc:h2:file:")) {
            try {
                Files.createDirectories(dataDir);
            } catch (IOException e) {
                throw new IllegalArgumentException("cannot create the data dir " + dataDir + ": " + e.getMessage());
            }
        }
        return Database.open(url, dbUser, dbPassword, 2);
    }
}
