package org.valkeycache.testsupport.contract;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.util.List;
import org.slf4j.LoggerFactory;

/** {@link LogCapture} through a Logback list appender; loaded only when a contract asks for it. */
final class LogbackCapture implements LogCapture {

    private final Logger logger;
    private final ListAppender<ILoggingEvent> appender = new ListAppender<>();

    LogbackCapture(Class<?> loggerOf) {
        if (!(LoggerFactory.getLogger(loggerOf) instanceof Logger logbackLogger)) {
            throw new IllegalStateException("Logback is not the SLF4J backend here; override "
                    + "IgnoreExceptionsContract.captureLogs() for " + LoggerFactory.getILoggerFactory().getClass().getName());
        }
        this.logger = logbackLogger;
        appender.start();
        logger.addAppender(appender);
    }

    @Override
    public List<Event> events() {
        return appender.list.stream().map(e -> new Event(e.getFormattedMessage(),
                e.getThrowableProxy() == null ? null : e.getThrowableProxy().getMessage())).toList();
    }

    @Override
    public void close() {
        logger.detachAppender(appender);
    }
}
