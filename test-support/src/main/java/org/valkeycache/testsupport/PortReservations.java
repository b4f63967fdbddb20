package org.valkeycache.testsupport;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.HashMap;
import java.util.Map;

/**
 * The ports the fixture hands out, reserved across the threads of this JVM and across JVMs on the
 * machine (surefire forks, other builds): a port is reserved by an exclusive lock on the file
 * {@code <java.io.tmpdir>/valkey-fixture-ports/<port>}, held until {@link #release} or the JVM's
 * exit (the operating system drops the lock with the process, even a killed one). A free-looking
 * port alone is not enough: a killed server's port is free until its restart binds it again, and
 * a second fixture picking it meanwhile would make that restart fail. The lock files are never
 * deleted: deleting a file another JVM is about to lock would let two JVMs hold "the" lock.
 */
final class PortReservations {

    private static final Path DIR = Path.of(System.getProperty("java.io.tmpdir"), "valkey-fixture-ports");
    /** Guarded by the class lock; a JVM must not lock a file twice (OverlappingFileLockException). */
    private static final Map<Integer, FileLock> HELD = new HashMap<>();

    private PortReservations() {
    }

    /**
     * @param port a port to reserve
     * @return true if this call reserved it, false if this JVM or another one holds it already
     */
    static synchronized boolean reserve(int port) {
        if (HELD.containsKey(port)) {
            return false;
        }
        FileChannel channel = null;
        try {
            Files.createDirectories(DIR);
            channel = FileChannel.open(DIR.resolve(Integer.toString(port)), StandardOpenOption.CREATE,
                    StandardOpenOption.WRITE);
            FileLock lock = channel.tryLock();
            if (lock == null) {
                channel.close();
                return false;
            }
            HELD.put(port, lock);
            return true;
        } catch (IOException e) {
            closeQuietly(channel);
            throw new ValkeyServerException("cannot reserve port " + port + " under " + DIR + ": " + e, e);
        }
    }

    /** @param port a port this JVM reserved; anything else is ignored */
    static synchronized void release(int port) {
        FileLock lock = HELD.remove(port);
        if (lock != null) {
            closeQuietly(lock.channel()); // closing the channel releases the lock
        }
    }

    private static void closeQuietly(FileChannel channel) {
        if (channel == null) {
            return;
        }
        try {
            channel.close();
        } catch (IOException ignored) {
            // the lock goes with the JVM at the latest
        }
    }
}
