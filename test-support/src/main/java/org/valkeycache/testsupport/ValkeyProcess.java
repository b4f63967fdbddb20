package org.valkeycache.testsupport;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * What {@link ValkeyServer} and {@link ValkeySentinel} share: a child process bound to a free
 * loopback port, in a private temporary directory, probed until it answers PING, stopped (and its
 * directory removed) on {@link #close()} or, at the latest, when the JVM exits.
 */
public abstract class ValkeyProcess implements AutoCloseable {

    /** The loopback address every fixture process binds to. */
    public static final String HOST = "127.0.0.1";

    private static final Set<ValkeyProcess> RUNNING = ConcurrentHashMap.newKeySet();

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            for (ValkeyProcess p : RUNNING) {
                p.destroyQuietly();
            }
        }, "valkey-fixture-cleanup"));
    }

    private final String name;
    private final Path dir;
    private final Duration startTimeout;
    private volatile int port;
    private volatile Process process;
    private volatile boolean paused;
    /** The ports {@link #reserve} took for this process, released on {@link #close()}. */
    private final List<Integer> reserved = new CopyOnWriteArrayList<>();

    ValkeyProcess(String name, Duration startTimeout) {
        this.name = name;
        this.startTimeout = startTimeout;
        try {
            this.dir = Files.createTempDirectory("valkey-fixture-" + name + "-");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create a temporary directory for " + name, e);
        }
    }

    /** @return the executable to run, e.g. {@code valkey-server} */
    abstract String executable();

    /** @return the full command line for a start on {@code port} */
    abstract List<String> command(String executable, int port) throws IOException;

    /** @return a password to authenticate the fixture's own probe connection with, or null */
    String probePassword() {
        return null;
    }

    /** @return a user name for the probe connection, or null for the default user */
    String probeUser() {
        return null;
    }

    /**
     * Runs once the process answers PING after each start and restart, for settings a process
     * does not keep in its configuration file; a failure stops the process and fails the start.
     */
    void afterStart() {
    }

    /** Starts on a free port, retrying with another port if the chosen one was taken meanwhile. */
    final void startOnFreePort() {
        ValkeyServerException last = null;
        for (int attempt = 0; attempt < 5; attempt++) {
            try {
                launch(pickPort());
                return;
            } catch (ValkeyServerException e) {
                last = e;
                if (!String.valueOf(e.getMessage()).contains("Address already in use")) {
                    break;
                }
            }
        }
        throw last;
    }

    /**
     * @return the port for the next start on a free port, reserved for this process (see
     *     {@link PortReservations}); a process that needs more than one port overrides it
     */
    int pickPort() {
        for (int attempt = 0; attempt < 100; attempt++) {
            int candidate = kernelPort();
            if (reserve(candidate)) {
                return candidate;
            }
        }
        throw new ValkeyServerException("no loopback port outside other fixtures' reservations in 100 tries");
    }

    /**
     * Reserves {@code port} for this process until {@link #close()}, against every fixture in this
     * JVM and in other JVMs on the machine.
     *
     * @param port the port
     * @return false if someone else holds it
     */
    final boolean reserve(int port) {
        if (!PortReservations.reserve(port)) {
            return false;
        }
        reserved.add(port);
        return true;
    }

    /** @param port a port {@link #reserve} took for this process, given back at once */
    final void unreserve(int port) {
        if (reserved.remove(Integer.valueOf(port))) {
            PortReservations.release(port);
        }
    }

    /** Starts again on the same port after {@link #stop()} or {@link #kill()}. */
    public final void restart() {
        if (isRunning()) {
            throw new IllegalStateException(name + " is still running");
        }
        launch(port);
    }

    private void launch(int newPort) {
        this.port = newPort;
        String exe = locate(executable());
        List<String> cmd;
        try {
            cmd = command(exe, newPort);
        } catch (IOException e) {
            throw new ValkeyServerException("cannot write the configuration of " + name, e);
        }
        ProcessBuilder pb = new ProcessBuilder(cmd).directory(dir.toFile())
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(logFile().toFile()));
        try {
            process = pb.start();
        } catch (IOException e) {
            throw new ValkeyServerException("cannot run " + exe + ": " + e.getMessage(), e);
        }
        RUNNING.add(this);
        long deadline = System.nanoTime() + startTimeout.toNanos();
        Exception lastProbe = null;
        boolean answered = false;
        while (!answered && System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                RUNNING.remove(this);
                throw new ValkeyServerException(name + " exited at start with code " + process.exitValue()
                        + "; its log:\n" + log());
            }
            try (Resp resp = new Resp(HOST, newPort, 1000)) {
                authenticate(resp);
                answered = "PONG".equals(resp.call("PING"));
            } catch (IOException | ValkeyServerException e) {
                lastProbe = e;
            }
            if (!answered) {
                sleep(20);
            }
        }
        if (answered) {
            started();
            return;
        }
        destroyQuietly();
        throw new ValkeyServerException(name + " did not answer PING on port " + newPort + " within "
                + startTimeout + " (last probe: " + lastProbe + "); its log:\n" + log(), lastProbe);
    }

    private void started() {
        try {
            afterStart();
        } catch (RuntimeException e) {
            destroyQuietly();
            throw e;
        }
    }

    private void authenticate(Resp resp) throws IOException {
        String password = probePassword();
        if (password != null) {
            if (probeUser() != null) {
                resp.call("AUTH", probeUser(), password);
            } else {
                resp.call("AUTH", password);
            }
        }
    }

    /**
     * Sends one command over a fresh fixture connection (authenticated like the fixture) and
     * returns the reply: {@code String}, {@code Long}, {@code List} or {@code null}.
     *
     * @param args the command and its arguments
     * @return the decoded reply
     * @throws ValkeyServerException if the server replies with an error or cannot be reached
     */
    public Object call(String... args) {
        return send(args[0], args);
    }

    /**
     * Like {@link #call(String...)}, for arguments that are not text (e.g. bytes no codec writes).
     *
     * @param args the command and its arguments, as bytes
     * @return the decoded reply
     * @throws ValkeyServerException if the server replies with an error or cannot be reached
     */
    public Object callBinary(byte[]... args) {
        return send(new String(args[0], StandardCharsets.UTF_8), args);
    }

    private Object send(String command, Object[] args) {
        try (Resp resp = new Resp(HOST, port, 10_000)) {
            authenticate(resp);
            return resp.call(args);
        } catch (IOException e) {
            throw new ValkeyServerException(name + " on port " + port + " did not answer " + command + ": " + e, e);
        }
    }

    /** @return the loopback port this process listens on */
    public final int port() {
        return port;
    }

    /** @return {@value #HOST} */
    public final String host() {
        return HOST;
    }

    /** @return the private working directory of this process */
    public final Path dir() {
        return dir;
    }

    /** @return whether the process is alive */
    public final boolean isRunning() {
        Process p = process;
        return p != null && p.isAlive();
    }

    /** @return the log written so far (stdout, stderr and the log file) */
    public final String log() {
        try {
            return Files.exists(logFile()) ? Files.readString(logFile(), StandardCharsets.UTF_8) : "";
        } catch (IOException e) {
            return "(log unreadable: " + e + ")";
        }
    }

    final Path logFile() {
        return dir.resolve(name + ".log");
    }

    /** Stops the process gracefully (SHUTDOWN NOSAVE), falling back to SIGTERM and SIGKILL. */
    public void stop() {
        Process p = process;
        if (p == null || !p.isAlive()) {
            return;
        }
        if (paused) {
            resume();
        }
        try {
            call("SHUTDOWN", "NOSAVE");
        } catch (ValkeyServerException expected) {
            // the connection drops when the server exits, which is the normal outcome
        }
        waitFor(p, 5);
        if (p.isAlive()) {
            p.destroy();
            waitFor(p, 5);
        }
        destroyQuietly();
    }

    /**
     * Freezes the process with SIGSTOP: it keeps its port and connections but answers nothing, as
     * a hung machine or a long pause would. {@link #resume()} lets it continue where it stopped.
     */
    public void pause() {
        signal("STOP");
        paused = true;
    }

    /** Lets a process frozen by {@link #pause()} continue (SIGCONT). */
    public void resume() {
        signal("CONT");
        paused = false;
    }

    /** @return whether the process is frozen by {@link #pause()} */
    public boolean isPaused() {
        return paused;
    }

    private void signal(String name) {
        Process p = process;
        if (p == null || !p.isAlive()) {
            throw new IllegalStateException(this.name + " is not running");
        }
        try {
            Process kill = new ProcessBuilder("kill", "-" + name, Long.toString(p.pid())).redirectErrorStream(true).start();
            if (!kill.waitFor(10, TimeUnit.SECONDS) || kill.exitValue() != 0) {
                throw new ValkeyServerException("kill -" + name + " " + p.pid() + " failed: "
                        + new String(kill.getInputStream().readAllBytes(), StandardCharsets.UTF_8));
            }
        } catch (IOException e) {
            throw new ValkeyServerException("cannot send SIG" + name + " to " + this.name + ": " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ValkeyServerException("interrupted while sending SIG" + name + " to " + this.name, e);
        }
    }

    /** Kills the process with SIGKILL, as a crash or power loss would; {@link #restart()} revives it. */
    public void kill() {
        Process p = process;
        if (p != null) {
            p.destroyForcibly();
            waitFor(p, 10);
        }
        paused = false;
        RUNNING.remove(this);
    }

    /** Stops the process, removes its directory and gives its ports back to other fixtures. */
    @Override
    public void close() {
        stop();
        deleteDir();
        for (Integer p : reserved) {
            PortReservations.release(p);
        }
        reserved.clear();
    }

    private void destroyQuietly() {
        Process p = process;
        if (p != null && p.isAlive()) {
            p.destroyForcibly();
            waitFor(p, 10);
        }
        RUNNING.remove(this);
    }

    private void deleteDir() {
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).map(Path::toFile).forEach(File::delete);
        } catch (IOException ignored) {
            // best effort: a leftover temp directory is harmless
        }
    }

    private static void waitFor(Process p, int seconds) {
        try {
            p.waitFor(seconds, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ValkeyServerException("interrupted while waiting", e);
        }
    }

    /**
     * A port that was free a moment ago on the loopback interface and that no other fixture (in
     * this JVM or another one on the machine) will hand out until this JVM exits: for a TLS port,
     * or for an address where nothing listens.
     *
     * @return the port
     */
    public static int freePort() {
        for (int attempt = 0; attempt < 100; attempt++) {
            int candidate = kernelPort();
            if (PortReservations.reserve(candidate)) {
                return candidate;
            }
        }
        throw new ValkeyServerException("no loopback port outside other fixtures' reservations in 100 tries");
    }

    private static int kernelPort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName(HOST))) {
            socket.setReuseAddress(true);
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("no free loopback port", e);
        }
    }

    /**
     * Finds an executable: the environment variable {@code VALKEY_SERVER} / {@code VALKEY_SENTINEL}
     * (upper-cased, dashes as underscores) if set, otherwise the PATH, then {@code /usr/bin} and
     * {@code /usr/local/bin}.
     */
    static String locate(String executable) {
        String env = System.getenv(executable.toUpperCase(Locale.ROOT).replace('-', '_'));
        if (env != null && !env.isBlank()) {
            return env;
        }
        List<String> dirs = new ArrayList<>();
        String path = System.getenv("PATH");
        if (path != null) {
            dirs.addAll(List.of(path.split(File.pathSeparator)));
        }
        dirs.add("/usr/bin");
        dirs.add("/usr/local/bin");
        dirs.add("/usr/sbin");
        for (String d : dirs) {
            File f = new File(d, executable);
            if (f.canExecute()) {
                return f.getAbsolutePath();
            }
        }
        throw new ValkeyServerException(executable + " was not found on the PATH (nor in /usr/bin, /usr/local/bin). "
                + "Install it (scripts/install-valkey.sh does, from Debian bookworm-backports) or set "
                + executable.toUpperCase(Locale.ROOT).replace('-', '_') + " to the binary.");
    }

    @Override
    public String toString() {
        return name + "@" + HOST + ":" + port;
    }
}
