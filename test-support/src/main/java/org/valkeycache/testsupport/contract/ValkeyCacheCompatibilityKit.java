package org.valkeycache.testsupport.contract;

import org.junit.jupiter.api.Nested;
import org.valkeycache.BackendCommands;

/**
 * Every behaviour contract at once: a topology (or a user's own {@code ValkeyClient}) extends this
 * class, implements {@link #topology()}, and runs each contract as a nested test class against the
 * same servers. Servers are started once for the whole class (register the topology as a static
 * JUnit extension, e.g. {@link ServerTopology}).
 *
 * <pre>{@code
 * class MyClientCompatibilityTest extends ValkeyCacheCompatibilityKit {
 *     @RegisterExtension
 *     static final ServerTopology SERVERS = ServerTopology.single().clientClass("com.example.MyValkeyClient");
 *
 *     @Override
 *     protected Topology topology() {
 *         return SERVERS;
 *     }
 * }
 * }</pre>
 *
 * <p>The behaviour, data-structure and ignore-exceptions contracts run twice: through the blocking
 * facade and through the asynchronous one ({@link AsyncJoiningCommands}).
 *
 * <p>To leave a contract out or to replace one of its tests (say, a topology that cannot send
 * {@code MSET} as one command), extend the contract classes one by one instead and override the
 * test method with the topology's own version, saying why.
 */
public abstract class ValkeyCacheCompatibilityKit {

    /** Subclassed by topologies. */
    protected ValkeyCacheCompatibilityKit() {
    }

    /**
     * The hook: the servers under test and how a cache reaches them.
     *
     * @return the topology, running while the test class runs
     */
    protected abstract Topology topology();

    /** {@link BackendCommandsContract} on this topology. */
    @Nested
    class BackendCommandsTests extends BackendCommandsContract {
        @Override
        protected Topology topology() {
            return ValkeyCacheCompatibilityKit.this.topology();
        }
    }

    /** {@link DataStructuresContract} on this topology. */
    @Nested
    class DataStructuresTests extends DataStructuresContract {
        @Override
        protected Topology topology() {
            return ValkeyCacheCompatibilityKit.this.topology();
        }
    }

    /** {@link LockContract} on this topology. */
    @Nested
    class LockTests extends LockContract {
        @Override
        protected Topology topology() {
            return ValkeyCacheCompatibilityKit.this.topology();
        }
    }

    /** {@link IgnoreExceptionsContract} on this topology. */
    @Nested
    class IgnoreExceptionsTests extends IgnoreExceptionsContract {
        @Override
        protected Topology topology() {
            return ValkeyCacheCompatibilityKit.this.topology();
        }
    }

    /** {@link CodecContract} on this topology. */
    @Nested
    class CodecTests extends CodecContract {
        @Override
        protected Topology topology() {
            return ValkeyCacheCompatibilityKit.this.topology();
        }
    }

    /** {@link MetricsContract} on this topology. */
    @Nested
    class MetricsTests extends MetricsContract {
        @Override
        protected Topology topology() {
            return ValkeyCacheCompatibilityKit.this.topology();
        }
    }

    /** {@link BackendCommandsContract} on this topology, through the asynchronous facade. */
    @Nested
    class AsyncBackendCommandsTests extends BackendCommandsContract {
        @Override
        protected Topology topology() {
            return ValkeyCacheCompatibilityKit.this.topology();
        }

        @Override
        protected BackendCommands facade(BackendCommands cache) {
            return AsyncJoiningCommands.over(cache);
        }
    }

    /** {@link DataStructuresContract} on this topology, through the asynchronous facade. */
    @Nested
    class AsyncDataStructuresTests extends DataStructuresContract {
        @Override
        protected Topology topology() {
            return ValkeyCacheCompatibilityKit.this.topology();
        }

        @Override
        protected BackendCommands facade(BackendCommands cache) {
            return AsyncJoiningCommands.over(cache);
        }
    }

    /** {@link IgnoreExceptionsContract} on this topology, through the asynchronous facade. */
    @Nested
    class AsyncIgnoreExceptionsTests extends IgnoreExceptionsContract {
        @Override
        protected Topology topology() {
            return ValkeyCacheCompatibilityKit.this.topology();
        }

        @Override
        protected BackendCommands facade(BackendCommands cache) {
            return AsyncJoiningCommands.over(cache);
        }
    }

    /** {@link PrefixIsolationContract} on this topology. */
    @Nested
    class PrefixIsolationTests extends PrefixIsolationContract {
        @Override
        protected Topology topology() {
            return ValkeyCacheCompatibilityKit.this.topology();
        }
    }
}
