package org.valkeycache.testsupport.contract;

import java.util.List;

/**
 * The log events one logger wrote while a test ran, for checking what the ignore-exceptions
 * policy logs (and that it never logs a password). {@link #logback(Class)} captures through
 * Logback; on another logging backend, override {@link IgnoreExceptionsContract#captureLogs()}
 * with an implementation of this interface.
 */
public interface LogCapture extends AutoCloseable {

    /**
     * One captured event.
     *
     * @param message the formatted message
     * @param thrownMessage the message of the attached throwable, or null if none is attached
     */
    record Event(String message, String thrownMessage) {
    }

    /** @return the events so far, oldest first */
    List<Event> events();

    /** Stops capturing. */
    @Override
    void close();

    /**
     * Captures the events of {@code loggerOf}'s logger through Logback (which must be the SLF4J
     * backend on the test classpath).
     *
     * @param loggerOf the class whose logger to capture
     * @return the running capture
     */
    static LogCapture logback(Class<?> loggerOf) {
        return new LogbackCapture(loggerOf);
    }
}
