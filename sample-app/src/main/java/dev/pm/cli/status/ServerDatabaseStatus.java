package dev.pm.cli.status;

/**
 * The state of a server database (PostgreSQL), for {@code pm db status}.
 *
 * @param database the kind of database, {@code postgresql}
 * @param server where it is: host, port and database name, without credentials
 * @param version the server's product name and version
 * @param schemaVersion the schema version, from Flyway's history
 */
public record ServerDatabaseStatus(String database, String server, String version, String schemaVersion) {
}
