package org.eusedge.publish;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A real Mosquitto broker (Debian package mosquitto) run as a child process on a free loopback port, with its
 * configuration, persistence and log in a test folder. Persistence is on so that a stop/start keeps the subscribers'
 * sessions, as a production broker does; {@code user root} keeps a root test run from dropping to the mosquitto user,
 * which could not write the test folder.
 */
final class MosquittoBroker implements AutoCloseable {

    private static final Duration WAIT = Duration.ofSeconds(10);

    private final Path dir;
    private final int port;
    private final Path config;
    private final Path log;
    private Process process;

    /** A broker that lets anyone in. */
    MosquittoBroker(Path dir) {
        this(dir, null, null);
    }

    /** A broker that admits only {@code user} with {@code password} (a password file made by mosquitto_passwd). */
    MosquittoBroker(Path dir, String user, String password) {
        this.dir = dir;
        this.port = freePort();
        this.config = dir.resolve("mosquitto.conf");
        this.log = dir.resolve("mosquitto.log");
        try {
            Files.createDirectories(dir);
            String access = "allow_anonymous true";
            if (user != null) {
                Path passwords = dir.resolve("passwords");
                run(find("mosquitto_passwd").toString(), "-b", "-c", passwords.toString(), user, password);
                access = "allow_anonymous false\npassword_file " + passwords.toAbsolutePath();
            }
            Files.writeString(config, String.join("\n",
                    "listener " + port + " 127.0.0.1",
                    access,
                    "persistence true",
                    "persistence_location " + dir.toAbsolutePath() + File.separator,
                    "user root",
                    "log_dest stderr",
                    "log_type error",
                    "log_type warning",
                    "log_type notice",
                    "log_type information",
                    ""));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Adds a TLS listener on a second free port with this certificate and key (takes effect on the next start).
     *
     * @return the TLS port
     */
    int addTlsListener(Path certPem, Path keyPem) {
        int tlsPort = freePort();
        try {
            Files.writeString(config, String.join("\n",
                    "listener " + tlsPort + " 127.0.0.1",
                    "certfile " + certPem.toAbsolutePath(),
                    "keyfile " + keyPem.toAbsolutePath(),
                    ""), java.nio.file.StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return tlsPort;
    }

    int port() {
        return port;
    }

    String uri() {
        return "tcp://127.0.0.1:" + port;
    }

    /** Starts the broker and returns once it accepts connections (at most 10 s). */
    void start() {
        if (process != null && process.isAlive()) throw new IllegalStateException("broker already running");
        try {
            process = new ProcessBuilder(executable().toString(), "-c", config.toString())
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
                    .start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot run mosquitto: " + e.getMessage(), e);
        }
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) throw new IllegalStateException("mosquitto exited at start:\n" + logText());
            try (Socket s = new Socket()) {
                s.connect(new InetSocketAddress("127.0.0.1", port), 200);
                return;
            } catch (IOException notYet) {
                sleep(50);
            }
        }
        stop();
        throw new IllegalStateException("mosquitto did not open port " + port + " within " + WAIT + ":\n" + logText());
    }

    /** Stops the broker as an administrator would (SIGTERM: it saves its sessions and exits). */
    void stop() {
        if (process == null) return;
        process.destroy();
        try {
            if (!process.waitFor(WAIT.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly().waitFor(WAIT.toMillis(), TimeUnit.MILLISECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        process = null;
    }

    String logText() {
        try {
            return Files.exists(log) ? Files.readString(log) : "(no log)";
        } catch (IOException e) {
            return "(log unreadable: " + e.getMessage() + ")";
        }
    }

    @Override
    public void close() {
        stop();
    }

    static Path executable() {
        return find("mosquitto");
    }

    private static void run(String... command) throws IOException {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        try {
            String out = new String(p.getInputStream().readAllBytes());
            if (!p.waitFor(WAIT.toMillis(), TimeUnit.MILLISECONDS) || p.exitValue() != 0) {
                throw new IllegalStateException(String.join(" ", command) + " failed: " + out);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted running " + command[0], e);
        }
    }

    /** A Mosquitto tool from PATH, or from the sbin folders Debian installs the broker in (not on every user's PATH). */
    private static Path find(String tool) {
        List<String> dirs = new ArrayList<>(List.of(System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)));
        dirs.add("/usr/sbin");
        dirs.add("/usr/local/sbin");
        for (String d : dirs) {
            if (d.isEmpty()) continue;
            Path p = Path.of(d, tool);
            if (Files.isExecutable(p)) return p;
        }
        throw new IllegalStateException(tool + " not found on PATH or in /usr/sbin; install it: apt-get install mosquitto");
    }

    private static int freePort() {
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
