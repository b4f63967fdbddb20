package org.valkeycache.testsupport;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.ThrowableProxyUtil;
import ch.qos.logback.core.read.ListAppender;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.slf4j.LoggerFactory;

/**
 * Checks that a secret shows nowhere, whole or in part. A test makes its secret with
 * {@link #secret(String)}, which puts the three {@link #MARKERS} at its start, middle and end, so
 * a leak of any part of it shows up as a marker in a message, a stack trace or a log line.
 *
 * <p>{@link #captureLogs()} records every log line of the process (all levels) until closed.
 */
public final class SecretLeaks implements AutoCloseable {

    /** Marker strings, one of which appears in any part of a {@link #secret(String)} longer than a few characters. */
    public static final List<String> MARKERS = List.of("Xq7", "Zk9", "Wm2");

    private final Logger root;
    private final Level rootLevel;
    private final ListAppender<ILoggingEvent> appender = new ListAppender<>();

    private SecretLeaks() {
        root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        rootLevel = root.getLevel();
        root.setLevel(Level.ALL);
        appender.start();
        root.addAppender(appender);
    }

    /**
     * Starts recording every log line.
     *
     * @return the recorder; close it to stop
     */
    public static SecretLeaks captureLogs() {
        return new SecretLeaks();
    }

    /**
     * The log lines recorded so far.
     *
     * @return the events
     */
    public List<ILoggingEvent> events() {
        return List.copyOf(appender.list);
    }

    /**
     * Fails when a recorded log line or the stack trace logged with it holds a marker.
     *
     * @throws AssertionError naming the line
     */
    public void assertNoLogLineLeaks() {
        for (ILoggingEvent event : events()) {
            assertNoLeak(event.getFormattedMessage());
            if (event.getThrowableProxy() != null) {
                assertNoLeak(ThrowableProxyUtil.asString(event.getThrowableProxy()));
            }
        }
    }

    @Override
    public void close() {
        root.detachAppender(appender);
        root.setLevel(rootLevel);
    }

    /**
     * A secret built around {@code sample}: {@code Xq7 S Zk9 S S Wm2}.
     *
     * @param sample the characters under test
     * @return the secret
     */
    public static String secret(String sample) {
        return MARKERS.get(0) + sample + MARKERS.get(1) + sample + sample + MARKERS.get(2);
    }

    /**
     * Fails when {@code text} holds a marker.
     *
     * @param text any text shown to users or logs
     * @throws AssertionError quoting the text
     */
    public static void assertNoLeak(String text) {
        for (String marker : MARKERS) {
            if (text != null && text.contains(marker)) {
                throw new AssertionError("a part of the secret (" + marker + ") leaked into: " + text);
            }
        }
    }

    /**
     * Fails when the message, {@code toString()} or stack trace of {@code t}, of any of its
     * causes or of any suppressed exception holds a marker.
     *
     * @param t the throwable
     * @throws AssertionError quoting the trace
     */
    public static void assertNoLeak(Throwable t) {
        StringWriter trace = new StringWriter();
        t.printStackTrace(new PrintWriter(trace)); // prints toString() of t, its causes and suppressed
        assertNoLeak(trace.toString());
    }

    /**
     * Percent-encodes every UTF-8 byte of {@code s} except the URL-unreserved characters
     * ({@code A-Z a-z 0-9 - . _ ~}).
     *
     * @param s the text
     * @return the encoded text
     */
    public static String percentEncode(String s) {
        StringBuilder out = new StringBuilder();
        for (byte b : s.getBytes(StandardCharsets.UTF_8)) {
            char c = (char) (b & 0xff);
            if (c < 0x80 && (Character.isLetterOrDigit(c) || "-._~".indexOf(c) >= 0)) {
                out.append(c);
            } else {
                out.append('%').append(String.format("%02X", b & 0xff));
            }
        }
        return out.toString();
    }
}
