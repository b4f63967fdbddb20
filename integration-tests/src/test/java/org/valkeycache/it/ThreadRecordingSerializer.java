package org.valkeycache.it;

import java.nio.charset.StandardCharsets;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.valkeycache.spi.Serializer;

/** A UTF-8 string serializer that records the name of every thread that decodes a value. */
public final class ThreadRecordingSerializer implements Serializer {

    /** Names of the threads that ran {@link #deserialize}, in order. */
    static final Queue<String> DECODED_ON = new ConcurrentLinkedQueue<>();

    @Override
    public byte[] serialize(Object value) {
        return ((String) value).getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public Object deserialize(byte[] bytes) {
        DECODED_ON.add(Thread.currentThread().getName());
        return new String(bytes, StandardCharsets.UTF_8);
    }
}
