package org.valkeycache.testcontainers;

import java.util.Objects;
import java.util.function.Supplier;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.testcontainers.lifecycle.Startable;

/**
 * JUnit 5 extension that starts a container (or a topology of containers) before the tests of a
 * class and removes it after them, like {@code ValkeyServerExtension} does with local processes.
 *
 * <pre>{@code
 * class MyTest {
 *     @RegisterExtension
 *     static final ValkeyContainerExtension<ValkeyContainer> VALKEY = ValkeyContainerExtension.server();
 *
 *     @Test
 *     void works(ValkeyContainer valkey) { ... }      // or VALKEY.get()
 * }
 *
 * @RegisterExtension
 * static final ValkeyContainerExtension<SentinelContainers> SENTINEL =
 *         ValkeyContainerExtension.of(() -> new SentinelContainers().withPassword("s3cret"));
 * }</pre>
 *
 * <p>Test methods and constructors may declare a parameter of the started object's type. Data is
 * not flushed between tests. Nested test classes share the outer class's containers.
 *
 * @param <T> what is started: a {@link ValkeyContainer} or a {@link ContainerGroup}
 */
public final class ValkeyContainerExtension<T extends Startable>
        implements BeforeAllCallback, AfterAllCallback, ParameterResolver {

    private final Supplier<T> factory;
    private volatile T started;
    /** Nested test classes inherit the extension, so its callbacks nest: start once, stop at the end. */
    private int depth;

    private ValkeyContainerExtension(Supplier<T> factory) {
        this.factory = Objects.requireNonNull(factory, "factory");
    }

    /** @return an extension that starts a plain {@link ValkeyContainer} from {@value ValkeyContainer#DEFAULT_IMAGE} */
    public static ValkeyContainerExtension<ValkeyContainer> server() {
        return of(ValkeyContainer::new);
    }

    /**
     * @param image the image to run
     * @return an extension that starts a plain {@link ValkeyContainer} from {@code image}
     */
    public static ValkeyContainerExtension<ValkeyContainer> server(String image) {
        return of(() -> new ValkeyContainer(image));
    }

    /**
     * @param factory makes the (unstarted) container or topology, e.g.
     *     {@code () -> new ValkeyContainer().withPassword("s3cret")}
     * @param <T> its type
     * @return an extension that starts what {@code factory} makes
     */
    public static <T extends Startable> ValkeyContainerExtension<T> of(Supplier<T> factory) {
        return new ValkeyContainerExtension<>(factory);
    }

    @Override
    public synchronized void beforeAll(ExtensionContext context) {
        if (depth++ > 0) {
            return;
        }
        T made = Objects.requireNonNull(factory.get(), "the factory made null");
        made.start();
        started = made;
    }

    @Override
    public synchronized void afterAll(ExtensionContext context) {
        if (--depth > 0) {
            return;
        }
        T s = started;
        started = null;
        if (s != null) {
            s.stop();
        }
    }

    /**
     * @return the started container or topology
     * @throws IllegalStateException outside the lifetime of the test class
     */
    public T get() {
        T s = started;
        if (s == null) {
            throw new IllegalStateException("the containers run only while the test class runs");
        }
        return s;
    }

    @Override
    public boolean supportsParameter(ParameterContext parameterContext, ExtensionContext extensionContext) {
        T s = started;
        return s != null && parameterContext.getParameter().getType().isInstance(s);
    }

    @Override
    public Object resolveParameter(ParameterContext parameterContext, ExtensionContext extensionContext) {
        return get();
    }
}
