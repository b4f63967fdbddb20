package org.valkeycache.codec;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InvalidClassException;
import java.io.NotSerializableException;
import java.io.ObjectInputFilter;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.ObjectStreamClass;
import java.io.ObjectStreamException;
import java.lang.reflect.Array;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import org.valkeycache.CacheConfigurationException;
import org.valkeycache.CacheSerializationException;
import org.valkeycache.config.CacheConfig;
import org.valkeycache.spi.PluginOptions;
import org.valkeycache.spi.Serializer;

/**
 * Java serialization restricted to an allow-list of classes: the default serializer.
 *
 * <p>Deserialization goes through an {@link ObjectInputFilter} that refuses every class not on
 * the list before it is instantiated, and bounds graph depth, references and array sizes, so a
 * crafted value in the cache cannot run gadget chains or exhaust memory. Serialization checks
 * the same list and the same limits, so a value that could not be read back is refused before
 * anything is written.
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
 * <p><b>Arrays are bounded by the bytes of the stored value.</b> An array header in the stream
 * states a length, and the reader allocates that length before it reads a single element. Every
 * array is therefore checked against what the stored value can actually hold before it is
 * allocated: a primitive array needs its length times the element's width in the bytes that
 * follow (1 for {@code boolean}/{@code byte}, 2 for {@code char}/{@code short}, 4 for
 * {@code int}/{@code float}, 8 for {@code long}/{@code double}), an object array (and the
 * element array an {@code ArrayList}, {@code ArrayDeque}, {@code List.of(...)} or
 * {@code CopyOnWriteArrayList} pre-sizes) one byte per element, a hash table pre-sized by
 * {@code HashMap}/{@code HashSet} one byte per eight slots beyond sixteen (the JDK never sizes one
 * above eight slots per entry). The claims of all arrays together may not exceed the value's
 * length either, so nested arrays cannot count the same bytes twice; {@code Collections.nCopies}
 * lists, which allocate nothing when read, are exempt. Data written by {@code ObjectOutputStream}
 * always satisfies these rules, so they have no setting; a value that breaks them is corrupt or
 * forged and is refused without allocating (a 27-byte value claiming a {@code long[]} of 10^8
 * elements costs nothing). The arrays of one read thus never hold more than a few times the
 * value's own size.
 *
 * <p>Further limits, each checked on write as well as on read: {@code serializer.maxdepth}
 * (default 64) nesting of the object graph, {@code serializer.maxrefs} (default 1,000,000)
 * objects and references read, {@code serializer.maxarray} (default {@value #DEFAULT_MAX_ARRAY},
 * i.e. no limit beyond the byte rule) elements of one array or collection. Writing checks
 * arrays and collections as they are written; depth and references are bounded from what was
 * written (a value cannot hold more objects and references than it has bytes besides string
 * characters and primitive array elements; the depth is bounded from the classes
 * and JDK collections written, see {@code DepthBound}), and only a value those bounds cannot
 * clear is read back once through the reader's filter before it is stored.
 */
@PluginOptions({JavaSerializer.ALLOWLIST_OPTION, JavaSerializer.MAX_DEPTH_OPTION, JavaSerializer.MAX_REFS_OPTION,
        JavaSerializer.MAX_ARRAY_OPTION})
public final class JavaSerializer implements Serializer {

    /** The option holding extra allowed classes and packages. */
    public static final String ALLOWLIST_OPTION = "serializer.allowlist";
    /** The option bounding the nesting depth of a value's object graph. */
    public static final String MAX_DEPTH_OPTION = "serializer.maxdepth";
    /** The option bounding the objects and references of one value. */
    public static final String MAX_REFS_OPTION = "serializer.maxrefs";
    /** The option bounding the elements of one array or collection. */
    public static final String MAX_ARRAY_OPTION = "serializer.maxarray";
    /** Default of {@value #MAX_DEPTH_OPTION}. */
    public static final long DEFAULT_MAX_DEPTH = 64;
    /** Default of {@value #MAX_REFS_OPTION}. */
    public static final long DEFAULT_MAX_REFS = 1_000_000;
    /**
     * Default of {@value #MAX_ARRAY_OPTION}: Java's largest array, so only the byte rule applies
     * (a value cannot claim more elements than it holds bytes for).
     */
    public static final long DEFAULT_MAX_ARRAY = Integer.MAX_VALUE;

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
            // the lock state a ConcurrentHashMap writes for compatibility (its Segments are ReentrantLocks)
            "java.util.concurrent.locks.ReentrantLock", "java.util.concurrent.locks.ReentrantLock$*",
            "java.util.concurrent.locks.AbstractQueuedSynchronizer",
            "java.util.concurrent.locks.AbstractOwnableSynchronizer",
            "java.util.concurrent.CopyOnWriteArrayList");

    /**
     * Bytes of tolerance in the byte rule, for a reader that has buffered a little of the block
     * data around a collection's size (the JDK's collections consume it exactly, so it costs
     * nothing in practice).
     */
    private static final int PEEK_SLACK = 8;
    /** Slots of a hash table that need no entries behind them (HashMap's smallest table). */
    private static final int FREE_TABLE_SLOTS = 16;
    /** The JDK sizes a hash table at most this many slots per entry (load factor clamped to 0.25). */
    private static final int TABLE_SLOTS_PER_BYTE = 8;
    private static final String COPIES_LIST = "java.util.Collections$CopiesList";

    private final ObjectInputFilter classFilter;
    private final String allowlistDescription;
    private final long maxDepth;
    private final long maxRefs;
    private final long maxArray;

    /** A serializer allowing only {@link #DEFAULT_ALLOWLIST}, with the default limits. */
    public JavaSerializer() {
        this(List.of(), DEFAULT_MAX_DEPTH, DEFAULT_MAX_REFS, DEFAULT_MAX_ARRAY);
    }

    /**
     * A serializer configured from {@code options.serializer.*} of a cache config.
     *
     * @param config the cache configuration
     * @throws CacheConfigurationException if an option is malformed
     */
    public JavaSerializer(CacheConfig config) {
        this(splitList(config.option(ALLOWLIST_OPTION, "")),
                config.positiveOption(MAX_DEPTH_OPTION, DEFAULT_MAX_DEPTH),
                config.positiveOption(MAX_REFS_OPTION, DEFAULT_MAX_REFS),
                config.positiveOption(MAX_ARRAY_OPTION, DEFAULT_MAX_ARRAY));
    }

    /**
     * A serializer allowing the defaults plus {@code extraAllowed}.
     *
     * @param extraAllowed class names or package patterns ({@code com.example.*}, {@code com.example.**})
     * @param maxDepth deepest object graph accepted ({@value #MAX_DEPTH_OPTION})
     * @param maxRefs most objects and references accepted ({@value #MAX_REFS_OPTION})
     * @param maxArray most elements of one array or collection accepted ({@value #MAX_ARRAY_OPTION})
     * @throws CacheConfigurationException if a pattern is malformed or a limit is not positive
     */
    public JavaSerializer(List<String> extraAllowed, long maxDepth, long maxRefs, long maxArray) {
        requirePositive(MAX_DEPTH_OPTION, maxDepth);
        requirePositive(MAX_REFS_OPTION, maxRefs);
        requirePositive(MAX_ARRAY_OPTION, maxArray);
        this.maxDepth = maxDepth;
        this.maxRefs = maxRefs;
        this.maxArray = maxArray;
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
        try {
            this.classFilter = ObjectInputFilter.Config.createFilter(String.join(";", patterns) + ";!*");
        } catch (IllegalArgumentException e) {
            throw new CacheConfigurationException("options." + ALLOWLIST_OPTION + ": " + e.getMessage(), e);
        }
    }

    private static void requirePositive(String option, long value) {
        if (value <= 0) {
            throw new CacheConfigurationException("options." + option + ": expected a positive whole number, got "
                    + value);
        }
    }

    @Override
    public byte[] serialize(Object value) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(128);
        CheckingOutputStream checked = null;
        try (CheckingOutputStream out = new CheckingOutputStream(bytes)) {
            checked = out;
            out.writeObject(value);
        } catch (NotSerializableException e) {
            throw new CacheSerializationException("value of type " + value.getClass().getName()
                    + " cannot be stored: " + e.getMessage() + " does not implement java.io.Serializable", e);
        } catch (RefusedClassException e) {
            throw new CacheSerializationException("value of type " + value.getClass().getName()
                    + " cannot be stored: it contains a " + e.getMessage() + ", which is not on the allow-list;"
                    + " add it (or its package) to options." + ALLOWLIST_OPTION, e);
        } catch (OverLimitException e) {
            throw new CacheSerializationException("value of type " + value.getClass().getName()
                    + " cannot be stored: " + e.getMessage(), e);
        } catch (IOException | RuntimeException e) {
            throw new CacheSerializationException("value of type " + value.getClass().getName()
                    + " cannot be serialized: " + e, e);
        }
        byte[] out = bytes.toByteArray();
        if (out.length - checked.payload > maxRefs || checked.depth.bound(maxDepth) > maxDepth) {
            // The cheap bounds cannot clear it: read it back once, as every reader will.
            String refused = read(out).refusal;
            if (refused != null) {
                throw new CacheSerializationException("value of type " + value.getClass().getName()
                        + " cannot be stored: it could not be read back, " + refused);
            }
        }
        return out;
    }

    @Override
    public Object deserialize(byte[] bytes) {
        Read read = read(bytes);
        if (read.refusal != null) {
            throw new CacheSerializationException("refused to deserialize " + read.refusal, read.failure);
        }
        if (read.failure != null) {
            throw read.failure;
        }
        return read.value;
    }

    /** Outcome of one read: a value, or the filter's refusal, or another failure. */
    private record Read(Object value, String refusal, CacheSerializationException failure) {
    }

    private Read read(byte[] bytes) {
        if (bytes.length < 4 || (bytes[0] & 0xff) != 0xAC || (bytes[1] & 0xff) != 0xED) {
            return new Read(null, null, new CacheSerializationException("stored bytes are not Java-serialized data"
                    + " (no stream header); was the value written with another serializer?"));
        }
        ReadFilter filter = new ReadFilter(bytes.length);
        ByteArrayInputStream source = new ByteArrayInputStream(bytes);
        try (ObjectInputStream in = new ObjectInputStream(source)) {
            in.setObjectInputFilter(filter);
            Object value = in.readObject();
            if (source.available() > 0 || in.available() > 0) {
                return new Read(null, null,
                        new CacheSerializationException("stored bytes have trailing data after the serialized value"));
            }
            return new Read(value, null, null);
        } catch (InvalidClassException e) {
            if (filter.refusal != null) {
                return new Read(null, filter.refusal, new CacheSerializationException(filter.refusal, e));
            }
            return new Read(null, null,
                    new CacheSerializationException("stored bytes could not be deserialized: " + e.getMessage(), e));
        } catch (ClassNotFoundException e) {
            return new Read(null, null, new CacheSerializationException("stored value needs class " + e.getMessage()
                    + ", which is not on the classpath", e));
        } catch (ObjectStreamException | EOFException e) {
            return new Read(null, null, new CacheSerializationException(
                    "stored bytes are corrupt or truncated Java-serialized data: " + e, e));
        } catch (IOException | RuntimeException e) {
            return new Read(null, null,
                    new CacheSerializationException("stored bytes could not be deserialized: " + e, e));
        }
    }

    /**
     * The filter of one read: the allow-list, the configured limits and the byte rule (see the
     * class comment). Remembers why it refused, for the message.
     */
    private final class ReadFilter implements ObjectInputFilter {
        private final long total;
        private long claimed;
        String refusal;

        ReadFilter(long total) {
            this.total = total;
        }

        @Override
        public Status checkInput(FilterInfo info) {
            if (info.depth() > maxDepth) {
                return refuse("an object graph nested " + info.depth() + " deep: deeper than options."
                        + MAX_DEPTH_OPTION + "=" + maxDepth);
            }
            if (info.references() > maxRefs) {
                return refuse("a value of more than " + maxRefs + " objects and references: more than options."
                        + MAX_REFS_OPTION + "=" + maxRefs);
            }
            Class<?> type = info.serialClass();
            if (type == null) {
                return Status.UNDECIDED;
            }
            Status status = classFilter.checkInput(info);
            if (status == Status.REJECTED) {
                Class<?> component = type;
                while (component.isArray()) {
                    component = component.getComponentType();
                }
                return refuse("class " + component.getName() + ": it is not on the allow-list; allow trusted"
                        + " classes with options." + ALLOWLIST_OPTION);
            }
            if (info.arrayLength() >= 0) {
                String why = checkArray(type, info.arrayLength(), info.streamBytes());
                if (why != null) {
                    return refuse(why);
                }
            }
            return status;
        }

        private String checkArray(Class<?> type, long length, long streamBytes) {
            Class<?> component = type.getComponentType();
            boolean table = type == Map.Entry[].class;
            // the least number of stream bytes the claimed elements occupy
            long bytesNeeded = component.isPrimitive() ? length * width(component)
                    : table ? Math.max(0, length - FREE_TABLE_SLOTS) / TABLE_SLOTS_PER_BYTE
                    : length;
            long elements = table ? bytesNeeded : length;
            if (elements > maxArray) {
                return describe(type, table, length) + ": more than options." + MAX_ARRAY_OPTION + "=" + maxArray;
            }
            long remaining = total - streamBytes;
            if ((bytesNeeded > remaining + PEEK_SLACK || claimed + bytesNeeded > total + PEEK_SLACK)
                    && !claimedByCopiesList()) {
                return describe(type, table, length) + " (" + bytesNeeded + " bytes) but only "
                        + Math.max(0, remaining) + " bytes of the " + total + "-byte value remain"
                        + (claimed > 0 ? " and earlier arrays claimed " + claimed : "")
                        + ": the value is corrupt or forged";
            }
            claimed += bytesNeeded;
            return null;
        }

        private static String describe(Class<?> type, boolean table, long length) {
            return table ? "a hash table of " + length + " slots" : "a " + type.getTypeName() + " of " + length
                    + " elements";
        }

        private Status refuse(String why) {
            if (refusal == null) {
                refusal = why;
            }
            return Status.REJECTED;
        }
    }

    private static long width(Class<?> primitive) {
        if (primitive == long.class || primitive == double.class) {
            return 8;
        }
        if (primitive == int.class || primitive == float.class) {
            return 4;
        }
        if (primitive == char.class || primitive == short.class) {
            return 2;
        }
        return 1;
    }

    /**
     * Whether the array being checked is {@code Collections.nCopies}'s: its reader checks its
     * length but allocates nothing, and its elements are not in the stream. Only asked when a
     * claim breaks the byte rule, so the stack walk is off the common path.
     */
    private static boolean claimedByCopiesList() {
        return StackWalker.getInstance().walk(frames -> frames
                .map(StackWalker.StackFrame::getClassName)
                .filter(name -> !name.startsWith("java.io.") && !name.startsWith(JavaSerializer.class.getName()))
                .findFirst()
                .map(COPIES_LIST::equals)
                .orElse(false));
    }

    @Override
    public String toString() {
        return "JavaSerializer[allowlist=" + allowlistDescription + "]";
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

    /** Signals an array or collection over {@value #MAX_ARRAY_OPTION} while writing. */
    private static final class OverLimitException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        OverLimitException(String message) {
            super(message, null, false, false);
        }
    }

    /**
     * Runs every written object's class through the read filter and every array and collection
     * through {@value #MAX_ARRAY_OPTION}, so nothing unreadable is stored; bounds the depth the
     * reader will see.
     */
    private final class CheckingOutputStream extends ObjectOutputStream {
        final DepthBound depth = new DepthBound();
        /**
         * Bytes of string characters and primitive array elements written: every object or
         * reference the reader counts takes at least one of the other bytes.
         */
        long payload;

        CheckingOutputStream(ByteArrayOutputStream out) throws IOException {
            super(out);
            enableReplaceObject(true);
        }

        @Override
        protected Object replaceObject(Object obj) throws IOException {
            depth.add(obj);
            Class<?> type = obj.getClass();
            if (obj instanceof String text) {
                payload += text.length();
            } else if (type.isArray()) {
                int length = Array.getLength(obj);
                checkLength(obj, length);
                if (type.getComponentType().isPrimitive()) {
                    payload += (long) length * width(type.getComponentType());
                }
                while (type.isArray()) {
                    type = type.getComponentType();
                }
            } else if (obj instanceof Collection<?> c) {
                checkLength(obj, c.size() + (obj instanceof ArrayDeque ? 1 : 0)); // ArrayDeque reads size + 1
            } else if (obj instanceof Map<?, ?> m) {
                checkLength(obj, m.size());
            }
            if (!type.isPrimitive() && !isAllowed(type)) {
                throw new RefusedClassException(type.getName());
            }
            return obj;
        }

        private void checkLength(Object obj, long length) {
            if (length > maxArray) {
                String what = obj.getClass().isArray() ? "a " + obj.getClass().getTypeName() + " of " + length
                        + " elements" : "a " + obj.getClass().getName() + " of " + length + " elements";
                throw new OverLimitException("it contains " + what + ", more than options." + MAX_ARRAY_OPTION
                        + "=" + maxArray);
            }
        }

        @Override
        protected void annotateClass(Class<?> cl) {
            // nothing extra in the stream: readers use the plain ObjectInputStream format
            depth.addDescriptor(cl);
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
        ObjectInputFilter.Status status = classFilter.checkInput(new ObjectInputFilter.FilterInfo() {
            @Override public Class<?> serialClass() { return type; }
            @Override public long arrayLength() { return -1; }
            @Override public long depth() { return 1; }
            @Override public long references() { return 1; }
            @Override public long streamBytes() { return 0; }
        });
        return status != ObjectInputFilter.Status.REJECTED;
    }

}
