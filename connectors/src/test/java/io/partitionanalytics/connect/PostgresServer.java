package io.partitionanalytics.connect;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A real PostgreSQL server from the machine's installation ({@code /usr/lib/postgresql/<v>/bin}: initdb, pg_ctl,
 * psql) on a free port of 127.0.0.1, with a database, user and password all {@code analytics} as in docker-compose.
 * initdb refuses to run as root: then every server command runs as the {@code postgres} user on a data directory it
 * owns.
 */
final class PostgresServer implements AutoCloseable {

    static final String DATABASE = "analytics";
    static final String USER = "analytics";
    static final String PASSWORD = "analytics";

    private final Path bin;
    private final Path dir;
    private final int port;
    private final boolean asPostgresUser;
    private boolean running;

    private PostgresServer(Path bin, Path dir, int port, boolean asPostgresUser) {
        this.bin = bin;
        this.dir = dir;
        this.port = port;
        this.asPostgresUser = asPostgresUser;
    }

    static PostgresServer start(Path parent) throws IOException, InterruptedException {
        Path bin = findBin();
        boolean root = "root".equals(System.getProperty("user.name"));
        Path dir = Files.createTempDirectory(parent, "postgres-");
        PostgresServer server = new PostgresServer(bin, dir, freePort(), root);
        if (root) {
            run(List.of("chown", "-R", "postgres", dir.toString()), dir.resolve("chown.log"));
        }
        server.serverCommand(
                List.of(
                        bin.resolve("initdb").toString(),
                        "-D",
                        dir.resolve("data").toString(),
                        "-U",
                        "postgres",
                        "--auth=trust",
                        "--encoding=UTF8",
                        "--no-sync"),
                "initdb.log");
        server.serverCommand(
                List.of(
                        bin.resolve("pg_ctl").toString(),
                        "-D",
                        dir.resolve("data").toString(),
                        "-l",
                        dir.resolve("postgres.log").toString(),
                        "-o",
                        // TCP only: a Unix socket path under target/ can exceed the 107-byte limit.
                        "-p " + server.port
                                + " -c unix_socket_directories='' -c listen_addresses=127.0.0.1 -c fsync=off",
                        "-w",
                        "start"),
                "pg_ctl-start.log");
        server.running = true;
        server.psql("postgres", "postgres", "CREATE ROLE " + USER + " LOGIN PASSWORD '" + PASSWORD + "'");
        server.psql("postgres", "postgres", "CREATE DATABASE " + DATABASE + " OWNER " + USER);
        return server;
    }

    private static Path findBin() {
        Path root = Path.of("/usr/lib/postgresql");
        try (var versions = Files.list(root)) {
            return versions.map(v -> v.resolve("bin"))
                    .filter(b -> Files.isExecutable(b.resolve("initdb")))
                    .max(Path::compareTo)
                    .orElseThrow();
        } catch (IOException | RuntimeException e) {
            throw new IllegalStateException(
                    "PostgreSQL is not installed (no /usr/lib/postgresql/<version>/bin/initdb); apt-get install "
                            + "postgresql",
                    e);
        }
    }

    int port() {
        return port;
    }

    /** The JDBC URL of the analytics database. */
    String jdbcUrl() {
        return "jdbc:postgresql://127.0.0.1:" + port + "/" + DATABASE;
    }

    Connection connect() throws SQLException {
        return DriverManager.getConnection(jdbcUrl(), USER, PASSWORD);
    }

    /** Runs a SQL file as the analytics user, as the postgres image runs /docker-entrypoint-initdb.d/*.sql. */
    String runFile(Path sql) throws IOException, InterruptedException {
        return run(
                List.of(
                        bin.resolve("psql").toString(),
                        "-v",
                        "ON_ERROR_STOP=1",
                        "-h",
                        "127.0.0.1",
                        "-p",
                        String.valueOf(port),
                        "-U",
                        USER,
                        "-d",
                        DATABASE,
                        "-f",
                        sql.toAbsolutePath().toString()),
                dir.resolve("psql-" + sql.getFileName() + ".log"));
    }

    private void psql(String user, String database, String command) throws IOException, InterruptedException {
        run(
                List.of(
                        bin.resolve("psql").toString(),
                        "-v",
                        "ON_ERROR_STOP=1",
                        "-h",
                        "127.0.0.1",
                        "-p",
                        String.valueOf(port),
                        "-U",
                        user,
                        "-d",
                        database,
                        "-c",
                        command),
                dir.resolve("psql.log"));
    }

    private void serverCommand(List<String> command, String log) throws IOException, InterruptedException {
        List<String> full = new ArrayList<>();
        if (asPostgresUser) {
            full.addAll(List.of("runuser", "-u", "postgres", "--"));
        }
        full.addAll(command);
        run(full, dir.resolve(log));
    }

    private static String run(List<String> command, Path log) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(log.toFile())
                .start();
        if (!process.waitFor(120, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new IllegalStateException(String.join(" ", command) + " did not finish; see " + log);
        }
        String output = Files.exists(log) ? Files.readString(log) : "";
        if (process.exitValue() != 0) {
            throw new IllegalStateException(
                    String.join(" ", command) + " failed (exit " + process.exitValue() + "):\n" + output);
        }
        return output;
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    @Override
    public void close() throws IOException, InterruptedException {
        if (running) {
            running = false;
            serverCommand(
                    List.of(
                            bin.resolve("pg_ctl").toString(),
                            "-D",
                            dir.resolve("data").toString(),
                            "-m",
                            "fast",
                            "-w",
                            "stop"),
                    "pg_ctl-stop.log");
        }
    }
}
