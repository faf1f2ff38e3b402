package de.nachruecker.platform;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;

/** Waiting for listeners, and free ports for a platform that must not collide with one a developer runs. */
public final class Ports {

    private Ports() {
    }

    /** Waits until something accepts connections on the port, failing early if the owning process died. */
    static void awaitListening(String what, int port, ChildProcess owner, Duration timeout)
            throws InterruptedException {
        Instant deadline = Instant.now().plus(timeout);
        while (Instant.now().isBefore(deadline)) {
            if (owner != null && !owner.isAlive()) {
                throw new IllegalStateException(what + " exited during start-up, see " + owner.logFile());
            }
            if (isListening(port)) {
                return;
            }
            Thread.sleep(100);
        }
        throw new IllegalStateException(what + " did not listen on port " + port + " within " + timeout);
    }

    /** A port nothing listens on right now (the operating system's choice). */
    public static int free() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("no free port", e);
        }
    }

    /** A free port that is none of the ports already handed out for the same platform. */
    static int freeOtherThan(Set<Integer> taken) {
        for (int attempt = 0; attempt < 100; attempt++) {
            int port = free();
            if (!taken.contains(port)) {
                return port;
            }
        }
        throw new IllegalStateException("no free port other than " + taken);
    }

    /** Nothing is bound to the port on this machine (a bind succeeds). */
    static boolean isFree(int port) {
        try (ServerSocket probe = new ServerSocket(port)) {
            return probe.getLocalPort() == port;
        } catch (IOException taken) {
            return false;
        }
    }

    public static boolean isListening(int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("localhost", port), 200);
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
