package org.valkeycache.testsupport;

import java.util.function.Supplier;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * JUnit 5 extension that starts one {@link ValkeyServer} before the tests of a class and stops
 * it after them.
 *
 * <pre>{@code
 * class MyTest {
 *     @RegisterExtension
 *     static final ValkeyServerExtension VALKEY = new ValkeyServerExtension();
 *
 *     @Test
 *     void works(ValkeyServer server) { ... }      // or VALKEY.server()
 * }
 * }</pre>
 *
 * <p>Used with {@code @ExtendWith(ValkeyServerExtension.class)} it starts a plain server and
 * injects it into test methods and constructors that declare a {@link ValkeyServer} parameter.
 * Data is not flushed between tests: tests should use keys of their own, or call
 * {@link ValkeyServer#flushAll()}.
 */
public class ValkeyServerExtension implements BeforeAllCallback, AfterAllCallback, ParameterResolver {

    private final Supplier<ValkeyServer> starter;
    private volatile ValkeyServer server;

    /** An extension that starts a plain server. */
    public ValkeyServerExtension() {
        this(ValkeyServer::start);
    }

    /**
     * An extension that starts a server of its own making, e.g.
     * {@code new ValkeyServerExtension(() -> ValkeyServer.builder().requirePass("s3cret").start())}.
     *
     * @param starter starts the server
     */
    public ValkeyServerExtension(Supplier<ValkeyServer> starter) {
        this.starter = starter;
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        if (server == null) {
            server = starter.get();
        }
    }

    @Override
    public void afterAll(ExtensionContext context) {
        ValkeyServer s = server;
        server = null;
        if (s != null) {
            s.close();
        }
    }

    /**
     * @return the running server
     * @throws IllegalStateException outside the lifetime of the test class
     */
    public ValkeyServer server() {
        ValkeyServer s = server;
        if (s == null) {
            throw new IllegalStateException("the server runs only while the test class runs");
        }
        return s;
    }

    @Override
    public boolean supportsParameter(ParameterContext parameterContext, ExtensionContext extensionContext) {
        return parameterContext.getParameter().getType() == ValkeyServer.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameterContext, ExtensionContext extensionContext) {
        return server();
    }
}
