package org.valkeycache.codec;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InvalidClassException;
import java.io.NotSerializableException;
import java.io.ObjectInputFilter;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.ObjectStreamClass;
import java.io.ObjectStreamException;
import java.util.ArrayList;
import java.util.List;
import org.valkeycache.CacheConfigurationException;
import org.valkeycache.SerializationException;
import org.valkeycache.config.CacheConfig;
import org.valkeycache.spi.PluginOptions;
import org.valkeycache.spi.Serializer;

/**
 * Java serialization restricted to an allow-list of classes: the default serializer.
 *
 * <p>Deserialization goes through an {@link ObjectInputFilter} that refuses every class not on
 * the list before it is instantiated, and bounds graph depth, references and array sizes, so a
 * crafted value in the cache cannot run gadget chains or exhaust memory. Serialization checks
 * the same list, so a value that could not be read back is refused before anything is written.
 *
 * <p>Allowed by default: {@code String}, boxed primitives, {@code BigInteger}/{@code BigDecimal},
 * {@code java.time} values, {@code UUID}, {@code Date}, primitive arrays, and the JDK's common
 * collections ({@code ArrayList}, {@code HashMap}, {@code LinkedHashMap}, {@code TreeMap},
 * {@code HashSet}, {@code List.of(...)}, {@code Collections.unmodifiable*}, ...). Add your own
 * classes or packages with the option {@code serializer.allowlist}, a comma- or
 * semicolon-separated list in {@link ObjectInputFilter.Config#createFilter} pattern syntax:
 * {@code com.example.User} (one class), {@code com.example.model.*} (a package),
 * {@code com.example.**} (a package and its sub-packages).
 *
 * <pre>{@code cache.default.options.serializer.allowlist=com.example.model.**}</pre>
 *
 * <p>Limits can be tuned with {@code serializer.maxdepth} (default 64), {@code serializer.maxrefs}
 * (default 1,000,000) and {@code serializer.maxarray} (default 100,000,000 elements).
 */
@PluginOptions({JavaSerializer.ALLOWLIST_OPTION, "serializer.maxdepth", "serializer.maxrefs", "serializer.maxarray"})
public final class JavaSerializer implements Serializer {

    /** The option holding extra allowed classes and packages. */
    public static final String ALLOWLIST_OPTION = "serializer.allowlist";

    /** Classes allowed without configuration. */
    public static final List<String> DEFAULT_ALLOWLIST = List.of(
            "java.lang.String", "java.lang.Boolean", "java.lang.Character", "java.lang.Number",
            "java.lang.Byte", "java.lang.Short", "java.lang.Integer", "java.lang.Long", "java.lang.Float",
            "java.lang.Double", "java.lang.Enum",
            "java.math.BigInteger", "java.math.BigDecimal",
            "java.time.*",
            "java.util.UUID", "java.util.Date", "java.util.Locale", "java.util.Currency",
            "java.util.ArrayList", "java.util.LinkedList", "java.util.ArrayDeque", "java.util.Arrays$ArrayList",
            "java.util.HashMap", "java.util.LinkedHashMap", "java.util.TreeMap", "java.util.EnumMap",
            "java.util.HashSet", "java.util.LinkedHashSet", "java.util.TreeSet",
            "java.util.CollSer", "java.util.ImmutableCollections$*", "java.lang.Object", "java.util.Collections$*",
            "java.util.Map$Entry", "java.util.AbstractMap$SimpleEntry", "java.util.AbstractMap$SimpleImmutableEntry",
            "java.util.concurrent.ConcurrentHashMap", "java.util.concurrent.ConcurrentHashMap$Segment",
            "java.util.concurrent.CopyOnWriteArrayList");

    private final ObjectInputFilter filter;
    private final String allowlistDescription;

    /** A serializer allowing only {@link #DEFAULT_ALLOWLIST}. */
    public JavaSerializer() {
        this(List.of(), 64, 1_000_000, 100_000_000);
    }

    /**
     * A serializer configured from {@code options.serializer.*} of a cache config.
     *
     * @param config the cache configuration
     * @throws CacheConfigurationException if an option is malformed
     */
    public JavaSerializer(CacheConfig config) {
        this(splitList(config.option(ALLOWLIST_OPTION, "")),
                config.positiveOption("serializer.maxdepth", 64),
                config.positiveOption("serializer.maxrefs", 1_000_000),
                config.positiveOption("serializer.maxarray", 100_000_000));
    }

    /**
     * A serializer allowing the defaults plus {@code extraAllowed}.
     *
     * @param extraAllowed class names or package patterns ({@code com.example.*}, {@code com.example.**})
     * @param maxDepth deepest object graph accepted when reading
     * @param maxRefs most object references accepted when reading
     * @param maxArray longest array accepted when reading
     * @throws CacheConfigurationException if a pattern is malformed
     */
    public JavaSerializer(List<String> extraAllowed, long maxDepth, long maxRefs, long maxArray) {
        List<String> patterns = new ArrayList<>(DEFAULT_ALLOWLIST);
        for (String p : extraAllowed) {
            String trimmed = p.trim();
            if (trimmed.isEmpty()) {
                continue;
            }
            if (trimmed.startsWith("!") || trimmed.contains("=") || trimmed.contains(";")
                    || !trimmed.matches("[\\p{L}\\p{N}_$.*]+")) {
                throw new CacheConfigurationException("options." + ALLOWLIST_OPTION + ": '" + trimmed
                        + "' is not a class name or package pattern (com.example.Type, com.example.*, com.example.**)");
            }
            patterns.add(trimmed);
        }
        this.allowlistDescription = String.join(",", patterns);
        String spec = "maxdepth=" + maxDepth + ";maxrefs=" + maxRefs + ";maxarray=" + maxArray + ";"
                + String.join(";", patterns) + ";!*";
        try {
            this.filter = ObjectInputFilter.Config.createFilter(spec);
        } catch (IllegalArgumentException e) {
            throw new CacheConfigurationException("options." + ALLOWLIST_OPTION + ": " + e.getMessage(), e);
        }
    }

    @Override
    public byte[] serialize(Object value) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(128);
        try (CheckingOutputStream out = new CheckingOutputStream(bytes)) {
            out.writeObject(value);
        } catch (NotSerializableException e) {
            throw new SerializationException("value of type " + value.getClass().getName()
                    + " cannot be stored: " + e.getMessage() + " does not implement java.io.Serializable", e);
        } catch (RefusedClassException e) {
            throw new SerializationException("value of type " + value.getClass().getName()
                    + " cannot be stored: it contains a " + e.getMessage() + ", which is not on the allow-list;"
                    + " add it (or its package) to options." + ALLOWLIST_OPTION, e);
        } catch (IOException | RuntimeException e) {
            throw new SerializationException("value of type " + value.getClass().getName()
                    + " cannot be serialized: " + e, e);
        }
        return bytes.toByteArray();
    }

    @Override
    public Object deserialize(byte[] bytes) {
        if (bytes.length < 4 || (bytes[0] & 0xff) != 0xAC || (bytes[1] & 0xff) != 0xED) {
            throw new SerializationException("stored bytes are not Java-serialized data (no stream header); "
                    + "was the value written with another serializer?");
        }
        String[] rejected = new String[1];
        ByteArrayInputStream source = new ByteArrayInputStream(bytes);
        try (ObjectInputStream in = new ObjectInputStream(source)) {
            in.setObjectInputFilter(info -> {
                ObjectInputFilter.Status status = filter.checkInput(info);
                if (status == ObjectInputFilter.Status.REJECTED && rejected[0] == null) {
                    rejected[0] = describe(info);
                }
                return status;
            });
            Object value = in.readObject();
            if (source.available() > 0 || in.available() > 0) {
                throw new SerializationException("stored bytes have trailing data after the serialized value");
            }
            return value;
        } catch (InvalidClassException e) {
            if (rejected[0] != null) {
                throw new SerializationException("refused to deserialize " + rejected[0]
                        + "; allow trusted classes with options." + ALLOWLIST_OPTION, e);
            }
            throw new SerializationException("stored bytes could not be deserialized: " + e.getMessage(), e);
        } catch (ClassNotFoundException e) {
            throw new SerializationException("stored value needs class " + e.getMessage() + ", which is not on the classpath", e);
        } catch (ObjectStreamException | java.io.EOFException e) {
            throw new SerializationException("stored bytes are corrupt or truncated Java-serialized data: " + e, e);
        } catch (IOException | RuntimeException e) {
            if (e instanceof SerializationException se) {
                throw se;
            }
            throw new SerializationException("stored bytes could not be deserialized: " + e, e);
        }
    }

    @Override
    public String toString() {
        return "JavaSerializer[allowlist=" + allowlistDescription + "]";
    }

    private static String describe(ObjectInputFilter.FilterInfo info) {
        Class<?> type = info.serialClass();
        if (type != null) {
            Class<?> component = type;
            while (component.isArray()) {
                component = component.getComponentType();
            }
            if (!component.isPrimitive() && ObjectInputFilter.Config.createFilter(
                    "!" + component.getName()).checkInput(info) == ObjectInputFilter.Status.REJECTED) {
                return "class " + type.getName() + ": it is not on the allow-list";
            }
        }
        return "a value exceeding a limit (depth " + info.depth() + ", references " + info.references()
                + ", array length " + info.arrayLength() + ")";
    }

    private static List<String> splitList(String value) {
        List<String> out = new ArrayList<>();
        for (String part : value.split("[,;]")) {
            if (!part.isBlank()) {
                out.add(part.trim());
            }
        }
        return out;
    }

    /** Signals a class refused while writing (unchecked, so ObjectOutputStream does not try to write it). */
    private static final class RefusedClassException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        RefusedClassException(String className) {
            super(className, null, false, false);
        }
    }

    /** Runs every written object's class through the read filter, so nothing unreadable is stored. */
    private final class CheckingOutputStream extends ObjectOutputStream {

        CheckingOutputStream(ByteArrayOutputStream out) throws IOException {
            super(out);
            enableReplaceObject(true);
        }

        @Override
        protected Object replaceObject(Object obj) throws IOException {
            Class<?> type = obj.getClass();
            while (type.isArray()) {
                type = type.getComponentType();
            }
            if (!type.isPrimitive() && !isAllowed(type)) {
                throw new RefusedClassException(type.getName());
            }
            return obj;
        }

        @Override
        protected void annotateClass(Class<?> cl) {
            // nothing extra in the stream: readers use the plain ObjectInputStream format
        }
    }

    private boolean isAllowed(Class<?> type) {
        if (type.isEnum() || (type.getSuperclass() != null && type.getSuperclass().isEnum())) {
            Class<?> enumType = type.isEnum() ? type : type.getSuperclass();
            return check(enumType);
        }
        // serialization proxies (writeReplace) are checked with their own class when written
        if (ObjectStreamClass.lookup(type) == null) {
            return true; // not serializable at all: ObjectOutputStream reports that itself
        }
        return check(type);
    }

    private boolean check(Class<?> type) {
        ObjectInputFilter.Status status = filter.checkInput(new ObjectInputFilter.FilterInfo() {
            @Override public Class<?> serialClass() { return type; }
            @Override public long arrayLength() { return -1; }
            @Override public long depth() { return 1; }
            @Override public long references() { return 1; }
            @Override public long streamBytes() { return 0; }
        });
        return status != ObjectInputFilter.Status.REJECTED;
    }

}
