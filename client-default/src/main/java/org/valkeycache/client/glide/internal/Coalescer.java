package org.valkeycache.client.glide.internal;

import glide.api.models.GlideString;
import glide.api.models.exceptions.RequestException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Function;
import java.util.function.UnaryOperator;
import org.valkeycache.CacheException;
import org.valkeycache.CacheQueueFullException;
import org.valkeycache.metrics.Meter;

/**
 * Coalesces concurrent single commands to one connection into pipelined batches.
 *
 * <p>glide's cost is per call, not per command (see DESIGN.md), so when many threads issue small
 * commands at once it pays to send them together. A command is sent at once when fewer than
 * {@code maxInFlight} requests are on the wire; otherwise it waits in a queue, and when a request
 * completes, everything queued (up to {@code maxBatch}) goes out as one non-atomic pipeline.
 * An idle connection therefore adds no latency, and a busy one sends fewer, larger requests.
 * Commands keep their submission order on the wire; each keeps its own reply or error.
 *
 * <p>Backpressure: at most {@code maxQueued} commands wait in the queue. Past that a command is
 * refused at once with a {@link CacheQueueFullException} (its future fails; nothing is queued)
 * instead of a wait: submissions come from callers' threads, from event loops using the
 * asynchronous facade and from glide's callback threads (a replica read retried on the primary),
 * and none of them may block, least of all on the threads whose work would empty the queue.
 */
final class Coalescer {

    /**
     * How commands reach the server: one command alone, or a non-atomic pipeline (a standalone
     * batch to the one node, or a cluster batch glide splits per node).
     */
    interface Wire {
        /**
         * @param argv the command
         * @param routeKey on a cluster, the key to route by ({@code null}: from the arguments)
         * @param read whether the command only reads
         * @return glide's reply
         */
        CompletableFuture<Object> send(GlideString[] argv, byte[] routeKey, boolean read);

        /**
         * @param commands the commands, in order
         * @return the replies in the same order, an error reply as an exception element
         */
        CompletableFuture<Object[]> pipeline(List<GlideString[]> commands);
    }

    /** One queued command. */
    private static final class Op {
        final GlideString[] argv;
        final byte[] routeKey;
        final boolean read;
        final Function<Object, Object> mapper;
        final CompletableFuture<Object> result = new CompletableFuture<>();
        final String name;

        Op(String name, GlideString[] argv, byte[] routeKey, boolean read, Function<Object, Object> mapper) {
            this.name = name;
            this.argv = argv;
            this.routeKey = routeKey;
            this.read = read;
            this.mapper = mapper;
        }
    }

    private final Wire client;
    private final String node;
    private final UnaryOperator<CacheException> onFailure;
    private final int maxInFlight;
    private final int maxBatch;
    private final int maxQueued;
    /** Commands in {@link #queue}; its own size() walks the queue. */
    private final AtomicInteger queued = new AtomicInteger();
    private final ConcurrentLinkedQueue<Op> queue = new ConcurrentLinkedQueue<>();
    private final AtomicInteger inFlight = new AtomicInteger();
    private final LongAdder pipelines = new LongAdder();
    private final LongAdder pipelined = new LongAdder();
    /** Commands per request sent (1 alone, n pipelined); null until the cache binds its meters. */
    private volatile Meter.Summary sizes;

    Coalescer(Wire client, String node, int maxInFlight, int maxBatch, int maxQueued,
            UnaryOperator<CacheException> onFailure) {
        this.maxQueued = maxQueued;
        this.client = client;
        this.node = node;
        this.onFailure = onFailure;
        this.maxInFlight = maxInFlight;
        this.maxBatch = maxBatch;
    }

    @SuppressWarnings("unchecked")
    <T> CompletableFuture<T> submit(String name, GlideString[] argv, byte[] routeKey, boolean read,
            Function<Object, T> mapper) {
        if (queued.incrementAndGet() > maxQueued) {
            queued.decrementAndGet();
            // not through onFailure: a full queue says the node is slow, not that it is down
            return CompletableFuture.failedFuture(new CacheQueueFullException(name + " on " + node + ": " + maxQueued
                    + " commands are already waiting to be sent (options." + GlideClients.DISPATCH_MAX_QUEUED + "="
                    + maxQueued + "); the node is not keeping up"));
        }
        Op op = new Op(name, argv, routeKey, read, (Function<Object, Object>) mapper);
        queue.add(op);
        dispatch();
        return (CompletableFuture<T>) op.result;
    }

    private void dispatch() {
        while (true) {
            int n = inFlight.get();
            if (n >= maxInFlight || queue.isEmpty()) {
                return;
            }
            if (!inFlight.compareAndSet(n, n + 1)) {
                continue;
            }
            Op first = poll();
            if (first == null) {
                inFlight.decrementAndGet();
                continue;
            }
            Op second = poll();
            if (second == null) {
                sendOne(first);
            } else {
                List<Op> batch = new ArrayList<>();
                batch.add(first);
                batch.add(second);
                Op next;
                while (batch.size() < maxBatch && (next = poll()) != null) {
                    batch.add(next);
                }
                sendBatch(batch);
            }
        }
    }

    /** Records every later request's size (commands in it) into {@code sizes}. */
    void bindMetrics(Meter.Summary sizes) {
        this.sizes = sizes;
    }

    private void recordSize(int commands) {
        Meter.Summary s = sizes;
        if (s != null) {
            s.record(commands);
        }
    }

    private Op poll() {
        Op op = queue.poll();
        if (op != null) {
            queued.decrementAndGet();
        }
        return op;
    }

    /** @return how many commands wait to be sent now */
    int queued() {
        return queued.get();
    }

    private void sendOne(Op op) {
        recordSize(1);
        CompletableFuture<Object> reply;
        try {
            reply = client.send(op.argv, op.routeKey, op.read);
        } catch (RuntimeException e) {
            reply = CompletableFuture.failedFuture(e);
        }
        reply.whenComplete((value, failure) -> {
            inFlight.decrementAndGet();
            complete(op, value, failure);
            dispatch();
        });
    }

    /** @return {@code [pipelines sent, commands sent in them]}, for tests and diagnostics */
    long[] stats() {
        return new long[] {pipelines.sum(), pipelined.sum()};
    }

    private void sendBatch(List<Op> ops) {
        pipelines.increment();
        pipelined.add(ops.size());
        recordSize(ops.size());
        List<GlideString[]> commands = new ArrayList<>(ops.size());
        for (Op op : ops) {
            commands.add(op.argv);
        }
        CompletableFuture<Object[]> reply;
        try {
            reply = client.pipeline(commands);
        } catch (RuntimeException e) {
            reply = CompletableFuture.failedFuture(e);
        }
        reply.whenComplete((values, failure) -> {
            inFlight.decrementAndGet();
            if (failure != null || values == null || values.length != ops.size()) {
                Throwable why = failure != null ? failure
                        : new RequestException("pipeline returned "
                                + (values == null ? "nothing" : values.length + " replies for " + ops.size() + " commands"));
                for (Op op : ops) {
                    complete(op, null, why);
                }
            } else {
                for (int i = 0; i < values.length; i++) {
                    Object v = values[i];
                    if (v instanceof Throwable t) {
                        complete(ops.get(i), null, t);
                    } else {
                        complete(ops.get(i), v, null);
                    }
                }
            }
            dispatch();
        });
    }

    private void complete(Op op, Object value, Throwable failure) {
        if (failure != null) {
            op.result.completeExceptionally(onFailure.apply(GlideErrors.translate(failure, op.name, node)));
            return;
        }
        try {
            op.result.complete(op.mapper.apply(value));
        } catch (RuntimeException e) {
            op.result.completeExceptionally(GlideErrors.translate(e, op.name, node));
        }
    }
}
