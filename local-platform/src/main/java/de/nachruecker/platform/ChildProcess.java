package de.nachruecker.platform;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.BiConsumer;

/**
 * A JVM the launcher (or a fault test) starts and owns: output appended to a log file, stopped gracefully (then
 * forcibly) with the platform, and open to the faults a real machine suffers: kill -9, kill -STOP / -CONT.
 */
public final class ChildProcess {

    /**
     * Hears of every long-running child that ends without being stopped or killed by its owner: the launcher's
     * supervision ({@link Supervision}). Null, as in the fault tests, which kill on purpose: nobody listens.
     */
    private static volatile BiConsumer<ChildProcess, Integer> unexpectedExit;

    private final String name;
    private final Process process;
    private final Path logFile;
    /** Set before the owner stops or kills it: its end is then expected. */
    private volatile boolean ending;
    private final CompletableFuture<Void> exitHandled;

    private ChildProcess(String name, Process process, Path logFile, boolean supervised) {
        this.name = name;
        this.process = process;
        this.logFile = logFile;
        this.exitHandled = supervised ? process.onExit().thenAccept(ended -> {
            BiConsumer<ChildProcess, Integer> listener = unexpectedExit;
            if (!ending && listener != null) {
                listener.accept(this, ended.exitValue());
            }
        }) : CompletableFuture.completedFuture(null);
    }

    static void onUnexpectedExit(BiConsumer<ChildProcess, Integer> listener) {
        unexpectedExit = listener;
    }

    /** Completes once the end of this process was reported to the supervision, or found to be expected. */
    CompletableFuture<Void> exitHandled() {
        return exitHandled;
    }

    /** Runs a main class from the caller's own class path (the launcher jar's manifest names the Kafka jars). */
    static ChildProcess java(String name, List<String> jvmOptions, List<String> mainAndArgs, Map<String, String> env,
                             Path logFile) throws IOException {
        return start(name, javaCommand(jvmOptions, mainAndArgs), env, logFile, true);
    }

    /** Like {@link #java}, for a child that is meant to end by itself (the owner waits for it), so not supervised. */
    static ChildProcess task(String name, List<String> jvmOptions, List<String> mainAndArgs, Map<String, String> env,
                             Path logFile) throws IOException {
        return start(name, javaCommand(jvmOptions, mainAndArgs), env, logFile, false);
    }

    /**
     * Every child JVM hands the C heap that glibc keeps after frees back to the system every 5 s. The JIT
     * compilers' arenas, class loading and start-up leave 15–30 MB per JVM free but resident otherwise (NMT and
     * {@code jcmd <pid> System.trim_native_heap} at rest with 100,000 candidates: about 160 MB over the platform's
     * children). The JVM's own trimmer thread does it (paused while the JVM cleans its tables); a trim every 5 s
     * costs little against the milliseconds of CPU an offer takes.
     */
    static final String TRIM_NATIVE_HEAP = "-XX:TrimNativeHeapInterval=5000";

    /**
     * Whether the JVM knows {@link #TRIM_NATIVE_HEAP} (JDK-8293114: 17.0.9, 21.0.1, 22): an older one would refuse
     * to start with it.
     */
    static boolean trimsNativeHeap(Runtime.Version version) {
        return switch (version.feature()) {
            case 17 -> version.update() >= 9;
            case 18, 19, 20 -> false;
            case 21 -> version.interim() > 0 || version.update() >= 1;
            default -> version.feature() > 21;
        };
    }

    /** The java executable and the options every child JVM of this {@code version} gets before its own. */
    static List<String> javaLauncher(Runtime.Version version) {
        List<String> command = new ArrayList<>();
        command.add(javaExecutable());
        if (trimsNativeHeap(version)) {
            command.add(TRIM_NATIVE_HEAP);
        }
        return command;
    }

    private static List<String> javaCommand(List<String> jvmOptions, List<String> mainAndArgs) {
        List<String> command = javaLauncher(Runtime.version());
        command.addAll(jvmOptions);
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.addAll(mainAndArgs);
        return command;
    }

    /** Runs an executable jar, e.g. a service. */
    static ChildProcess jar(String name, List<String> jvmOptions, Path jar, Map<String, String> env, Path logFile)
            throws IOException {
        List<String> command = javaLauncher(Runtime.version());
        command.addAll(jvmOptions);
        command.add("-jar");
        command.add(jar.toString());
        return start(name, command, env, logFile, true);
    }

    private static ChildProcess start(String name, List<String> command, Map<String, String> env, Path logFile,
                                      boolean supervised) throws IOException {
        Files.createDirectories(logFile.getParent());
        ProcessBuilder builder = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(logFile.toFile()));
        childEnvironment(builder.environment(), env);
        return new ChildProcess(name, builder.start(), logFile, supervised);
    }

    /** The launcher's environment with the child's own {@code env} over it, and the C heap's arenas bounded. */
    static void childEnvironment(Map<String, String> environment, Map<String, String> env) {
        // glibc gives every thread that mallocs its own arena; dozens of JVM threads then hold far more memory than
        // they use outside the Java heap. Two arenas keep a child's resident size close to what it needs.
        environment.putIfAbsent("MALLOC_ARENA_MAX", "2");
        environment.putAll(env);
    }

    private static String javaExecutable() {
        return Paths.get(System.getProperty("java.home"), "bin", "java").toString();
    }

    public String name() {
        return name;
    }

    public Path logFile() {
        return logFile;
    }

    public long pid() {
        return process.pid();
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    int waitFor(Duration timeout) throws InterruptedException {
        if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            ending = true;
            process.destroyForcibly();
            throw new IllegalStateException(name + " did not finish within " + timeout + ", see " + logFile);
        }
        return process.exitValue();
    }

    /** SIGTERM first so Spring and Kafka shut down cleanly; SIGKILL if that takes too long. */
    public void stop(Duration grace) {
        ending = true;
        resume(); // a stopped process cannot act on SIGTERM
        process.destroy();
        try {
            if (!process.waitFor(grace.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }

    /** kill -9: no shutdown hook runs, nothing is flushed, as when a machine loses power. Returns once it is gone. */
    public void kill() throws InterruptedException {
        ending = true;
        process.destroyForcibly();
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
            throw new IllegalStateException(name + " (pid " + pid() + ") survived SIGKILL");
        }
    }

    /** kill -STOP: the process freezes with its connections open, as in a long GC pause or a hung VM. */
    public void pause() {
        signal("STOP");
    }

    /** kill -CONT: a paused process carries on where it stopped. */
    public void resume() {
        if (process.isAlive()) {
            signal("CONT");
        }
    }

    private void signal(String signal) {
        try {
            Process kill = new ProcessBuilder("kill", "-" + signal, Long.toString(pid())).inheritIO().start();
            if (!kill.waitFor(10, TimeUnit.SECONDS) || kill.exitValue() != 0) {
                throw new IllegalStateException("kill -" + signal + " " + pid() + " (" + name + ") failed");
            }
        } catch (IOException e) {
            throw new IllegalStateException("cannot run kill -" + signal, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while sending " + signal + " to " + name, e);
        }
    }
}
