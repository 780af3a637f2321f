package org.eusedge.deploy;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The systemd units of systemd/ verify with {@code systemd-analyze verify}, laid out exactly as device/install.sh
 * installs them.
 *
 * <p>How: {@code install.sh --root DIR --no-jar} installs into a staging root (units, helpers under /opt/eus-edge,
 * the service user through systemd-sysusers, folders through systemd-tmpfiles, enablement through systemctl), the
 * host's unit library is copied into DIR/usr/lib/systemd/system (so graphical.target, timers.target ... resolve),
 * and {@code systemd-analyze verify --root=DIR} checks each unit there.
 *
 * <p>What it proves: every unit parses; every directive is known to this systemd (an unknown one only prints a
 * warning and exits 0, so any output at all counts as a finding); every Exec* program exists and is executable in
 * the installed layout; every dependency the units name can be loaded; the [Install] sections enable the units into
 * their targets; the sysusers/tmpfiles snippets produce the user, group membership and owned folders the units rely
 * on. The broken-unit tests show that this check does fail.
 *
 * <p>What it does not prove: that the service starts (the jar is not installed here, and no systemd runs as PID 1),
 * that the hardening leaves the GPU usable, or that the directives exist in the target's older systemd (JetPack 6 has
 * 249; this machine has a newer one): those are checked on the device with device/check.sh.
 */
class SystemdUnitsTest {

    private static final List<String> UNITS =
            List.of("eus-edge.service", "eus-edge-watchdog.service", "eus-edge-watchdog.timer", "eus-edge-kiosk.service");
    private static final List<String> SYSTEMD_TOOLS =
            List.of("systemd-analyze", "systemctl", "systemd-sysusers", "systemd-tmpfiles");

    private static Path project;

    @TempDir Path root;

    /** What a command printed (stdout and stderr together) and its exit status. */
    private record Run(int exit, String output) {
        boolean clean() {
            return exit == 0 && output.isBlank();
        }
    }

    @BeforeAll
    static void requireSystemd() {
        for (String tool : SYSTEMD_TOOLS) {
            assumeTrue(onPath(tool).isPresent(), tool + " is not installed: the systemd unit checks need systemd's tools"
                    + " (Debian/Ubuntu: apt-get install systemd)");
        }
        project = Path.of("").toAbsolutePath();
        assertTrue(Files.isRegularFile(project.resolve("device/install.sh")),
                "run from the project root: device/install.sh not found under " + project);
    }

    @BeforeEach
    void installIntoStagingRoot() throws IOException {
        Run install = install("--root", root.toString(), "--no-jar");
        assertEquals(0, install.exit(), "install.sh --root failed:\n" + install.output());
        copyHostUnitLibrary();
    }

    @Test
    void everyUnitVerifiesWithoutAnyFinding() {
        for (String unit : UNITS) {
            Run v = verify(unit);
            assertTrue(v.clean(), unit + " does not verify cleanly (exit " + v.exit() + "):\n" + v.output());
        }
    }

    @Test
    void anUnknownDirectiveIsReported() throws IOException {
        // a plausible typo: systemd ignores unknown keys with a warning and still exits 0
        String broken = Files.readString(root.resolve("etc/systemd/system/eus-edge.service"))
                .replace("MemoryMax=1536M", "MemoryMaximum=1536M");
        Run v = verifyText("eus-broken.service", broken);
        assertFalse(v.clean(), "the typo MemoryMaximum= went unnoticed");
        assertTrue(v.output().contains("Unknown key") && v.output().contains("MemoryMaximum"), v.output());
    }

    @Test
    void aLineWithoutAssignmentIsReported() throws IOException {
        Run v = verifyText("eus-broken.service", """
                [Unit]
                Description=broken
                [Service]
                Restart on-failure
                ExecStart=/opt/eus-edge/eus-edge serve
                """);
        assertFalse(v.clean(), "a line without '=' went unnoticed");
        assertTrue(v.output().contains("eus-broken.service:4"), "the finding should name line 4:\n" + v.output());
    }

    @Test
    void aMissingProgramIsReported() throws IOException {
        Run v = verifyText("eus-broken.service", """
                [Unit]
                Description=broken
                [Service]
                ExecStart=/opt/eus-edge/bin/eus-edge-absent --flag
                """);
        assertNotEquals(0, v.exit(), "a missing ExecStart program should fail verification:\n" + v.output());
        assertTrue(v.output().contains("/opt/eus-edge/bin/eus-edge-absent"), v.output());
    }

    @Test
    void installEnablesEachUnitIntoItsTarget() throws IOException {
        assertEnabled("multi-user.target.wants", "eus-edge.service");
        assertEnabled("timers.target.wants", "eus-edge-watchdog.timer");
        assertEnabled("graphical.target.wants", "eus-edge-kiosk.service");
    }

    @Test
    void serviceUserIsInVideoGroupAndOwnsItsState() throws IOException {
        // sysusers: "eusedge:x:UID:GID:gecos:/var/lib/eus-edge:/usr/sbin/nologin"
        String[] user = lineStartingWith(root.resolve("etc/passwd"), "eusedge:").split(":");
        assertEquals("/var/lib/eus-edge", user[5], "home of eusedge");
        String[] video = lineStartingWith(root.resolve("etc/group"), "video:").split(":");
        assertTrue(video.length == 4 && List.of(video[3].split(",")).contains("eusedge"), "video group: " + String.join(":", video));
        int uid = Integer.parseInt(user[2]);
        for (String dir : List.of("var/lib/eus-edge/trt-cache", "var/lib/eus-edge/bundles", "var/lib/eus-edge/cache", "var/cache/eus-edge")) {
            assertEquals(uid, (int) Files.getAttribute(root.resolve(dir), "unix:uid"), dir + " should belong to eusedge");
        }
        assertEquals(0, (int) Files.getAttribute(root.resolve("etc/eus-edge"), "unix:uid"), "/etc/eus-edge belongs to root");
    }

    @Test
    void installRunsAgainWithTheSameResultAndDryRunChangesNothing(@TempDir Path untouched) throws IOException {
        String passwdBefore = Files.readString(root.resolve("etc/passwd"));
        Run again = install("--root", root.toString(), "--no-jar");
        assertEquals(0, again.exit(), again.output());
        assertEquals(passwdBefore, Files.readString(root.resolve("etc/passwd")), "a second install must not add users");
        assertTrue(verify("eus-edge.service").clean());

        Run dry = install("--dry-run", "--root", untouched.toString(), "--no-jar");
        assertEquals(0, dry.exit(), dry.output());
        assertTrue(dry.output().contains("[dry-run] install -m 0644 " + project.resolve("systemd/eus-edge.service")), dry.output());
        try (Stream<Path> files = Files.list(untouched)) {
            assertEquals(List.of(), files.toList(), "--dry-run wrote into the root");
        }
    }

    private void assertEnabled(String wantsDir, String unit) throws IOException {
        Path link = root.resolve("etc/systemd/system").resolve(wantsDir).resolve(unit);
        assertTrue(Files.isSymbolicLink(link), link + " missing: [Install] WantedBy= did not enable " + unit);
        assertEquals(Path.of("/etc/systemd/system", unit), Files.readSymbolicLink(link));
    }

    private Run verifyText(String name, String unitText) throws IOException {
        Files.writeString(root.resolve("etc/systemd/system").resolve(name), unitText);
        return verify(name);
    }

    private Run verify(String unit) {
        return run(List.of("systemd-analyze", "verify", "--root=" + root, "--man=no", "--generators=no", unit));
    }

    private Run install(String... args) {
        List<String> cmd = new ArrayList<>(List.of("bash", project.resolve("device/install.sh").toString()));
        cmd.addAll(List.of(args));
        return run(cmd);
    }

    /** graphical.target, timers.target, network-online.target ... as real unit files inside the staging root. */
    private void copyHostUnitLibrary() throws IOException {
        Path host = Stream.of("/usr/lib/systemd/system", "/lib/systemd/system").map(Path::of)
                .filter(p -> Files.isRegularFile(p.resolve("graphical.target"))).findFirst()
                .orElseThrow(() -> new IllegalStateException("this machine has systemd-analyze but no unit library"
                        + " with graphical.target in /usr/lib/systemd/system"));
        Path target = root.resolve("usr/lib/systemd/system");
        try (Stream<Path> files = Files.walk(host)) {
            for (Path p : (Iterable<Path>) files::iterator) {
                Path dst = target.resolve(host.relativize(p).toString());
                // links stay links: systemd reads .wants/ entries and aliases only as symlinks
                if (Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS)) Files.createDirectories(dst);
                else Files.copy(p, dst, LinkOption.NOFOLLOW_LINKS);
            }
        }
    }

    private static String lineStartingWith(Path file, String prefix) throws IOException {
        return Files.readAllLines(file).stream().filter(l -> l.startsWith(prefix)).findFirst()
                .orElseThrow(() -> new AssertionError(file + " has no line starting " + prefix));
    }

    private static Run run(List<String> command) {
        try {
            Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!p.waitFor(2, TimeUnit.MINUTES)) {
                p.destroyForcibly();
                throw new AssertionError(command + " did not finish");
            }
            return new Run(p.exitValue(), out);
        } catch (IOException e) {
            throw new AssertionError("cannot run " + command + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted running " + command, e);
        }
    }

    private static Optional<Path> onPath(String tool) {
        return Stream.of(System.getenv().getOrDefault("PATH", "").split(":")).filter(s -> !s.isEmpty())
                .map(dir -> Path.of(dir, tool)).filter(Files::isExecutable).findFirst();
    }
}
