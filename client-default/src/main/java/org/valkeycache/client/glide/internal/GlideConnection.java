package org.valkeycache.client.glide.internal;

import glide.api.BaseClient;
import glide.api.GlideClient;
import glide.api.GlideClusterClient;
import glide.api.models.BaseBatch;
import glide.api.models.Batch;
import glide.api.models.ClusterBatch;
import glide.api.models.ClusterValue;
import glide.api.models.GlideString;
import glide.api.models.configuration.RequestRoutingConfiguration.Route;
import glide.api.models.configuration.RequestRoutingConfiguration.SimpleMultiNodeRoute;
import glide.api.models.configuration.RequestRoutingConfiguration.SimpleSingleNodeRoute;
import glide.api.models.configuration.RequestRoutingConfiguration.SlotIdRoute;
import glide.api.models.configuration.RequestRoutingConfiguration.SlotType;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.valkeycache.CacheException;
import org.valkeycache.metrics.CacheMetrics;

/**
 * One glide client (one multiplexed connection to one node) and the single point through which
 * every command to it is issued. Keeping dispatch in one class is deliberate: error translation,
 * request coalescing and the {@link CircuitBreaker} (calls fail at once while the node is known
 * to be down) live here, and metrics can be added here without touching commands.
 *
 * <p>Both glide client types are served. On a standalone {@link GlideClient} a command goes to
 * its one node. On a {@link GlideClusterClient} (one client for the whole cluster) a single
 * command is routed to the primary of its key's hash slot (or to one of its replicas for a read,
 * when the connection reads from replicas); coalesced pipelines are non-atomic cluster batches,
 * which glide splits per node and answers in submission order.
 *
 * @param <C> the glide client type
 */
public final class GlideConnection<C extends BaseClient> implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(GlideConnection.class);

    private static final GlideString EVALSHA = GlideString.of("EVALSHA");
    private static final GlideString EVAL = GlideString.of("EVAL");
    private static final GlideString SCRIPT = GlideString.of("SCRIPT");

    private final C client;
    /** The same client when it is a cluster client, else {@code null}: routing is needed then. */
    private final GlideClusterClient cluster;
    /** Where reads go on a cluster: {@code REPLICA} when reading from replicas, else {@code PRIMARY}. */
    private final SlotType readSlot;
    private final String node;
    private final Coalescer coalescer;
    /** Fails calls fast while the node is known to be down; {@code null} when not watched. */
    private final CircuitBreaker breaker;

    /**
     * Wraps a glide client.
     *
     * @param client the client, owned by this connection from now on
     * @param node a description of the node for messages: address only, never credentials
     */
    public GlideConnection(C client, String node) {
        this(client, node, 0, 0);
    }

    /**
     * Wraps a glide client, coalescing concurrent single commands into pipelines. The connection
     * is not watched by a circuit breaker; {@link GlideClients#open} makes watched ones.
     *
     * @param client the client, owned by this connection from now on
     * @param node a description of the node for messages: address only, never credentials
     * @param maxInFlight requests on the wire before commands queue up to be pipelined; 0 turns
     *     coalescing off (every command is its own request)
     * @param maxBatch the most commands in one pipeline
     */
    public GlideConnection(C client, String node, int maxInFlight, int maxBatch) {
        this(client, node, maxInFlight, maxBatch, null);
    }

    /**
     * Wraps a glide client watched by a circuit breaker (see {@link GlideClients#open}).
     *
     * @param client the client, owned by this connection from now on
     * @param node a description of the node for messages: address only, never credentials
     * @param maxInFlight requests on the wire before commands queue up; 0 turns coalescing off
     * @param maxBatch the most commands in one pipeline
     * @param breaker fails calls fast while the node is known to be down; {@code null} for none
     */
    GlideConnection(C client, String node, int maxInFlight, int maxBatch, CircuitBreaker breaker) {
        this(client, node, maxInFlight, maxBatch, breaker, false);
    }

    /**
     * Wraps a glide client watched by a circuit breaker.
     *
     * @param replicaReads on a cluster client, whether reads go to a replica of the key's slot
     *     (ignored for a standalone client: a standalone strategy picks its read node itself)
     */
    GlideConnection(C client, String node, int maxInFlight, int maxBatch, CircuitBreaker breaker,
            boolean replicaReads) {
        this(client, node, maxInFlight, maxBatch, GlideClients.DEFAULT_DISPATCH_MAX_QUEUED, breaker, replicaReads);
    }

    /**
     * Wraps a glide client watched by a circuit breaker, with a bound on the commands waiting to
     * be coalesced.
     *
     * @param maxQueued commands waiting to be sent before further ones are refused with a
     *     {@link org.valkeycache.CacheQueueFullException}
     */
    GlideConnection(C client, String node, int maxInFlight, int maxBatch, int maxQueued, CircuitBreaker breaker,
            boolean replicaReads) {
        this.client = client;
        this.cluster = client instanceof GlideClusterClient cc ? cc : null;
        this.readSlot = replicaReads ? SlotType.REPLICA : SlotType.PRIMARY;
        this.node = node;
        this.breaker = breaker;
        this.coalescer = maxInFlight > 0 && (client instanceof GlideClient || cluster != null)
                ? new Coalescer(wire(), node, maxInFlight, Math.max(2, maxBatch), maxQueued, this::failed) : null;
    }

    /** @return whether the client is a {@link GlideClusterClient} */
    public boolean isCluster() {
        return cluster != null;
    }

    /**
     * Issues one single command given as an argument vector, coalesced with concurrent ones into
     * a pipeline when the connection is busy (see {@link Coalescer}).
     *
     * @param command the command name for messages
     * @param argv the command and its arguments
     * @param mapper turns glide's reply into the result
     * @param <T> the result type
     * @return the translated future
     */
    public <T> CompletableFuture<T> submit(String command, GlideString[] argv, Function<Object, T> mapper) {
        return submit(command, argv, null, false, mapper);
    }

    /**
     * Issues one single command given as an argument vector, like {@link #submit(String,
     * GlideString[], Function)}, saying where it goes on a cluster.
     *
     * @param command the command name for messages
     * @param argv the command and its arguments
     * @param routeKey on a cluster, the key whose slot the command goes to; {@code null} to take
     *     it from the arguments (the fourth of {@code EVALSHA}/{@code EVAL}, else the second)
     * @param read whether the command only reads (on a cluster reading from replicas it may then
     *     go to a replica)
     * @param mapper turns glide's reply into the result
     * @param <T> the result type
     * @return the translated future
     */
    public <T> CompletableFuture<T> submit(String command, GlideString[] argv, byte[] routeKey, boolean read,
            Function<Object, T> mapper) {
        if (breaker != null && !breaker.isClosed()) {
            return breaker.admit(command, () -> send(command, argv, routeKey, read, mapper));
        }
        return send(command, argv, routeKey, read, mapper);
    }

    private <T> CompletableFuture<T> send(String command, GlideString[] argv, byte[] routeKey, boolean read,
            Function<Object, T> mapper) {
        if (coalescer != null) {
            return coalescer.submit(command, argv, routeKey, read, mapper);
        }
        return dispatch(command, () -> single(argv, routeKey, read).thenApply(mapper));
    }

    /** One command, unpipelined: to the standalone node, or routed on a cluster. */
    private CompletableFuture<Object> single(GlideString[] argv, byte[] routeKey, boolean read) {
        if (cluster == null) {
            if (client instanceof GlideClient g) {
                return g.customCommand(argv);
            }
            throw new UnsupportedOperationException("argument-vector commands need a GlideClient or a "
                    + "GlideClusterClient, not " + client.getClass().getSimpleName());
        }
        return cluster.customCommand(argv, route(argv, routeKey, read)).thenApply(GlideConnection::unwrap);
    }

    /**
     * A routed cluster reply: the one node's reply, or the per-node map of a multi-node route.
     * (An unrouted cluster call would mistake a map reply such as HGETALL's for per-node replies.)
     */
    private static Object unwrap(ClusterValue<Object> v) {
        return v.hasSingleData() ? v.getSingleValue() : v.getMultiValue();
    }

    /** The cluster route of a single command: its key's slot, or no key at all. */
    private Route route(GlideString[] argv, byte[] routeKey, boolean read) {
        byte[] key = routeKey;
        if (key == null) {
            GlideString name = argv[0];
            if (name.equals(EVALSHA) || name.equals(EVAL)) {
                key = argv.length > 3 && !"0".equals(argv[2].getString()) ? argv[3].getBytes() : null;
            } else if (name.equals(SCRIPT)) {
                // SCRIPT LOAD / FLUSH: every primary keeps its own script cache
                return SimpleMultiNodeRoute.ALL_PRIMARIES;
            } else if (argv.length > 1) {
                key = argv[1].getBytes();
            }
        }
        if (key == null) {
            return SimpleSingleNodeRoute.RANDOM;
        }
        return new SlotIdRoute(HashSlots.slot(key), read ? readSlot : SlotType.PRIMARY);
    }

    /** How the coalescer reaches the server through this connection's client. */
    private Coalescer.Wire wire() {
        return new Coalescer.Wire() {
            @Override
            public CompletableFuture<Object> send(GlideString[] argv, byte[] routeKey, boolean read) {
                return single(argv, routeKey, read);
            }

            @Override
            public CompletableFuture<Object[]> pipeline(List<GlideString[]> commands) {
                BaseBatch<?> batch = newBatch(false).withBinaryOutput();
                for (GlideString[] argv : commands) {
                    batch.customCommand(argv);
                }
                return exec(batch, false);
            }
        };
    }

    /**
     * A new batch of the client's kind: a {@link Batch} for a standalone client, a
     * {@link ClusterBatch} for a cluster client (glide splits a non-atomic one per node; an
     * atomic one must keep to one slot).
     *
     * @param atomic a MULTI/EXEC transaction, or a non-atomic pipeline
     * @return the empty batch
     */
    public BaseBatch<?> newBatch(boolean atomic) {
        return cluster != null ? new ClusterBatch(atomic) : new Batch(atomic);
    }

    /**
     * Runs a batch made by {@link #newBatch} on the client (untranslated: wrap it in
     * {@link #call} for the exception tree).
     *
     * @param batch the batch
     * @param raiseOnError whether an error reply fails the whole future (else it is an element)
     * @return the replies in command order; {@code null} for an aborted transaction
     */
    public CompletableFuture<Object[]> exec(BaseBatch<?> batch, boolean raiseOnError) {
        if (cluster != null) {
            return cluster.exec((ClusterBatch) batch, raiseOnError);
        }
        if (client instanceof GlideClient g) {
            return g.exec((Batch) batch, raiseOnError);
        }
        throw new UnsupportedOperationException("batches need a GlideClient or a GlideClusterClient, not "
                + client.getClass().getSimpleName());
    }

    /**
     * Issues one glide call; its failure (synchronous or asynchronous) is translated into the
     * valkey-cache exception tree.
     *
     * @param command the command name for messages
     * @param call the glide call
     * @param <T> the result type
     * @return the translated future
     */
    public <T> CompletableFuture<T> call(String command, Supplier<CompletableFuture<T>> call) {
        if (breaker != null && !breaker.isClosed()) {
            return breaker.admit(command, () -> dispatch(command, call));
        }
        return dispatch(command, call);
    }

    private <T> CompletableFuture<T> dispatch(String command, Supplier<CompletableFuture<T>> call) {
        CompletableFuture<T> raw;
        try {
            raw = call.get();
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(failed(GlideErrors.translate(e, command, node)));
        }
        CompletableFuture<T> out = new CompletableFuture<>();
        raw.whenComplete((value, failure) -> {
            if (failure == null) {
                out.complete(value);
            } else {
                out.completeExceptionally(failed(GlideErrors.translate(failure, command, node)));
            }
        });
        return out;
    }

    /**
     * Fails work bound for this connection's node that goes over another connection (a dedicated
     * one of the blocking pool) at once while the node is known to be down.
     *
     * @param command the command name for messages
     * @param <T> the result type
     * @return a failed future, or {@code null} when the work may go ahead
     */
    <T> CompletableFuture<T> failIfKnownDown(String command) {
        return breaker == null ? null : breaker.failIfKnownDown(command);
    }

    /** Lets the breaker learn from a failure; returns it. */
    private CacheException failed(CacheException e) {
        if (breaker != null) {
            breaker.onFailure(e);
        }
        return e;
    }

    /** The meter of the dispatch point's request sizes (see {@link #bindMetrics}). */
    public static final String DISPATCH_SIZES = "cache.dispatch.batch";

    /**
     * Registers {@value #DISPATCH_SIZES} (commands per request the dispatch point sent: 1 alone,
     * more in a pipeline) in a cache's meters and records into it from now on. Every connection
     * of one cache records into the same meter. Nothing is registered when coalescing is off.
     *
     * @param metrics the cache's meters
     */
    public void bindMetrics(CacheMetrics metrics) {
        if (coalescer != null) {
            coalescer.bindMetrics(metrics.summary(DISPATCH_SIZES,
                    "Commands per request sent by the dispatch point (more than one when pipelined)", "commands"));
        }
    }

    /** @return how many commands wait to be coalesced now; 0 when coalescing is off */
    int queued() {
        return coalescer == null ? 0 : coalescer.queued();
    }

    /** @return {@code [pipelines sent, commands sent in them]} by coalescing; zeros when it is off */
    long[] coalescingStats() {
        return coalescer == null ? new long[2] : coalescer.stats();
    }

    /** @return the glide client, for raw commands */
    public C client() {
        return client;
    }

    /** @return {@code host:port} of the node */
    public String node() {
        return node;
    }

    @Override
    public void close() {
        if (breaker != null) {
            breaker.close();
        }
        try {
            client.close();
        } catch (Exception e) {
            LOG.warn("closing the glide client for {} failed: {}", node, e.toString());
        }
    }

    @Override
    public String toString() {
        return node;
    }
}
