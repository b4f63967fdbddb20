package org.valkeycache.testsupport;

import java.time.Duration;

/**
 * One Valkey server a fixture started and controls, whatever runs it: a local process
 * ({@link ValkeyServer}) or a container (the {@code testcontainers} module). The behaviour
 * contracts inspect and disturb servers only through this interface, so one contract runs on
 * both.
 */
public interface ValkeyNode {

    /** @return the address clients connect to, e.g. {@code 127.0.0.1} */
    String host();

    /** @return the port clients connect to */
    int port();

    /**
     * Sends one command over a fresh fixture connection (authenticated as the fixture is) and
     * returns the reply: {@code String}, {@code Long}, {@code List} or {@code null}.
     *
     * @param args the command and its arguments
     * @return the decoded reply
     * @throws ValkeyServerException if the server replies with an error or cannot be reached
     */
    Object call(String... args);

    /**
     * Like {@link #call(String...)}, for arguments that are not text.
     *
     * @param args the command and its arguments, as bytes
     * @return the decoded reply
     * @throws ValkeyServerException if the server replies with an error or cannot be reached
     */
    Object callBinary(byte[]... args);

    /** @return whether the server runs (a killed one does not) */
    boolean isRunning();

    /** Kills the server at once, as a crash would; {@link #restart()} brings it back. */
    void kill();

    /**
     * Starts the server again on the same address with the same settings after {@link #kill()},
     * and returns once it answers PING.
     *
     * @throws IllegalStateException if it still runs
     */
    void restart();

    /** Deletes every key in every database. */
    default void flushAll() {
        call("FLUSHALL");
    }

    /**
     * Waits until this replica reports its link to its primary up.
     *
     * @param timeout how long to wait at most
     * @throws ValkeyServerException if the link is not up in time
     */
    default void awaitReplicaSync(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        String info = String.valueOf(call("INFO", "replication"));
        while (!info.contains("master_link_status:up")) {
            if (System.nanoTime() > deadline) {
                throw new ValkeyServerException(this + " did not sync with its primary within " + timeout
                        + "; INFO replication:\n" + info);
            }
            ValkeyProcess.sleep(20);
            info = String.valueOf(call("INFO", "replication"));
        }
    }

    /**
     * Waits until this replica has applied every write {@code primary} has made so far: its
     * processed offset ({@code slave_repl_offset}) reaches the primary's {@code master_repl_offset}.
     * (WAIT cannot do this for a fixture: it waits only for the writes of its own connection.)
     *
     * @param primary the node this one replicates
     * @param timeout how long to wait at most
     * @throws ValkeyServerException if it has not caught up in time
     */
    default void awaitCaughtUpWith(ValkeyNode primary, Duration timeout) {
        long target = primary.infoField("replication", "master_repl_offset");
        long deadline = System.nanoTime() + timeout.toNanos();
        long applied = infoField("replication", "slave_repl_offset");
        while (applied < target) {
            if (System.nanoTime() > deadline) {
                throw new ValkeyServerException(this + " applied its primary's writes up to offset " + applied
                        + ", not " + target + ", within " + timeout);
            }
            ValkeyProcess.sleep(1);
            applied = infoField("replication", "slave_repl_offset");
        }
    }

    /**
     * One numeric field of an {@code INFO} section, for example
     * {@code infoField("clients", "blocked_clients")}.
     *
     * @param section the section ({@code replication}, {@code clients}, ...)
     * @param field the field name, without the colon
     * @return its value, or -1 when the section has no such field
     */
    default long infoField(String section, String field) {
        String info = String.valueOf(call("INFO", section));
        for (String line : info.split("\r?\n")) {
            if (line.startsWith(field + ":")) {
                return Long.parseLong(line.substring(field.length() + 1).trim());
            }
        }
        return -1;
    }
}
