package org.valkeycache.testsupport;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.LongFunction;

/**
 * One failure of a {@link SentinelTopology} while a {@link FailoverMeter} writes and reads through
 * the client under test, from steady state back to steady state. Shared by the failover tests and
 * the failover benchmark so both measure the same thing.
 *
 * <ol>
 *   <li>wait for {@value #WARM_UP} acknowledged writes;</li>
 *   <li>inflict the fault (and, for a primary, wait until every running sentinel names the new one);</li>
 *   <li>wait for {@value #RECOVERED} more acknowledged writes (the client has followed);</li>
 *   <li>repair: restart a killed primary or resume a paused one, and wait until it follows the new
 *       primary as a replica; then {@value #WARM_UP} more acknowledged writes.</li>
 * </ol>
 */
public final class FailoverDrill {

    static final int WARM_UP = 50;
    static final int RECOVERED = 100;

    /** What goes wrong. */
    public enum Fault {
        /** The primary is killed with SIGKILL (a crash), restarted after the failover. */
        KILL_PRIMARY,
        /** The primary is frozen with SIGSTOP (a hang), resumed after the failover. */
        PAUSE_PRIMARY,
        /** The first of the sentinels is killed with SIGKILL; there is no failover. */
        KILL_SENTINEL
    }

    /**
     * What a drill saw.
     *
     * @param fault the fault
     * @param report what the writer and reader saw
     * @param primary the primary at the end
     * @param sentinelsSwitched from the fault until every running sentinel named the new primary (zero without failover)
     */
    public record Outcome(Fault fault, FailoverMeter.Report report, ValkeyServer primary, Duration sentinelsSwitched) {

        /**
         * The writes acknowledged after the outage that the final primary does not hold.
         *
         * @param storedKey the key a sequence number was written under, as stored on the server
         * @param storedValue the value as stored on the server
         * @return the missing or wrong sequence numbers; empty when nothing acknowledged was lost
         */
        public List<Long> lostAfterOutage(LongFunction<String> storedKey, LongFunction<String> storedValue) {
            return lost(report.acknowledgedAfterOutage(), storedKey, storedValue);
        }

        /**
         * The given acknowledged writes that the final primary does not hold.
         *
         * @param seqs sequence numbers of acknowledged writes
         * @param storedKey the key a sequence number was written under, as stored on the server
         * @param storedValue the value as stored on the server
         * @return the missing or wrong sequence numbers
         */
        public List<Long> lost(List<Long> seqs, LongFunction<String> storedKey, LongFunction<String> storedValue) {
            List<Long> lost = new ArrayList<>();
            for (int from = 0; from < seqs.size(); from += 500) {
                List<Long> chunk = seqs.subList(from, Math.min(seqs.size(), from + 500));
                String[] args = new String[chunk.size() + 1];
                args[0] = "MGET";
                for (int i = 0; i < chunk.size(); i++) {
                    args[i + 1] = storedKey.apply(chunk.get(i));
                }
                List<?> values = (List<?>) primary.call(args);
                for (int i = 0; i < chunk.size(); i++) {
                    if (!storedValue.apply(chunk.get(i)).equals(values.get(i))) {
                        lost.add(chunk.get(i));
                    }
                }
            }
            return lost;
        }

        @Override
        public String toString() {
            return fault + ": sentinels switched after " + sentinelsSwitched.toMillis() + " ms; " + report;
        }
    }

    private FailoverDrill() {
    }

    /**
     * Runs one drill.
     *
     * @param topology the running topology (its roles change)
     * @param fault what to break
     * @param write the client's write of one sequence number
     * @param read the client's read of one sequence number
     * @param timeout how long each wait may take at most
     * @return what happened
     * @throws ValkeyServerException when a step does not complete within {@code timeout}
     */
    public static Outcome run(SentinelTopology topology, Fault fault, FailoverMeter.Write write, FailoverMeter.Read read,
            Duration timeout) {
        ValkeyServer old = topology.primary();
        try (FailoverMeter meter = FailoverMeter.start(write, read)) {
            await(topology, meter, WARM_UP, timeout, "before the fault");
            long t0 = System.nanoTime();
            ValkeyServer now = old;
            Duration switched = Duration.ZERO;
            switch (fault) {
                case KILL_PRIMARY -> old.kill();
                case PAUSE_PRIMARY -> old.pause();
                case KILL_SENTINEL -> topology.sentinels().get(0).kill();
                default -> throw new IllegalArgumentException(String.valueOf(fault));
            }
            if (fault != Fault.KILL_SENTINEL) {
                now = topology.awaitNewPrimary(old, timeout);
                switched = Duration.ofNanos(System.nanoTime() - t0);
            }
            await(topology, meter, RECOVERED, timeout, "after the fault");
            if (fault == Fault.KILL_PRIMARY) {
                old.restart();
            } else if (fault == Fault.PAUSE_PRIMARY) {
                old.resume();
            }
            if (fault != Fault.KILL_SENTINEL) {
                topology.awaitReplicaOf(old, now, timeout);
            }
            await(topology, meter, WARM_UP, timeout, "after the repair");
            return new Outcome(fault, meter.stop(), now, switched);
        } finally {
            if (old.isPaused()) {
                old.resume();
            }
        }
    }

    private static void await(SentinelTopology topology, FailoverMeter meter, int writes, Duration timeout, String when) {
        if (!meter.awaitMoreAcknowledged(writes, timeout)) {
            throw new ValkeyServerException("the client did not acknowledge " + writes + " writes " + when
                    + " within " + timeout + "; so far " + meter.acknowledged() + "; the sentinels' events:\n"
                    + topology.sentinelEvents());
        }
    }
}
