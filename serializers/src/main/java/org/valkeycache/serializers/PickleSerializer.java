package org.valkeycache.serializers;

import java.util.Objects;
import org.valkeycache.CacheSerializationException;
import org.valkeycache.spi.Serializer;

/**
 * Python's pickle format for Python's built-in types, alias {@code pickle}: django-valkey's
 * default serializer, so a Java application can share a cache with a Django application that
 * uses the defaults.
 *
 * <p>Reads pickle protocols 2 to 5; writes protocol {@value #PROTOCOL}, django-valkey's default
 * ({@code pickle.DEFAULT_PROTOCOL} on Python 3.8 to 3.13). The type mapping:
 *
 * <table>
 * <caption>Python and Java types</caption>
 * <tr><th>Python</th><th>Java read</th><th>Java written as it</th></tr>
 * <tr><td>{@code None}, {@code bool}</td><td>{@code null}, {@code Boolean}</td><td>same</td></tr>
 * <tr><td>{@code int}</td><td>{@code Long}, {@code BigInteger} beyond 64 bits</td>
 *     <td>{@code Byte}, {@code Short}, {@code Integer}, {@code Long}, {@code BigInteger}</td></tr>
 * <tr><td>{@code float}</td><td>{@code Double}</td><td>{@code Double}, {@code Float}</td></tr>
 * <tr><td>{@code str}</td><td>{@code String}</td><td>{@code String}, {@code Character}</td></tr>
 * <tr><td>{@code bytes}, {@code bytearray}</td><td>{@code byte[]}</td><td>{@code byte[]} (as bytes)</td></tr>
 * <tr><td>{@code list}</td><td>{@code ArrayList}</td><td>any {@code List}</td></tr>
 * <tr><td>{@code tuple}</td><td>{@code Object[]}; as a dict key or set element an unmodifiable
 *     {@code List}</td><td>{@code Object[]}; a {@code List} that is a dict key or set element</td></tr>
 * <tr><td>{@code dict}, {@code OrderedDict}</td><td>{@code LinkedHashMap} (Python's order)</td>
 *     <td>any {@code Map} (as dict)</td></tr>
 * <tr><td>{@code set}</td><td>{@code LinkedHashSet}</td><td>any {@code Set}</td></tr>
 * <tr><td>{@code frozenset}</td><td>unmodifiable {@code Set}</td><td>a {@code Set} that is a dict key
 *     or set element</td></tr>
 * <tr><td>{@code datetime} naive / with {@code timezone} / with {@code ZoneInfo}</td>
 *     <td>{@code LocalDateTime} / {@code OffsetDateTime} / {@code ZonedDateTime} ({@code fold}
 *     picks the later offset)</td><td>same, and {@code Instant} as an aware UTC datetime</td></tr>
 * <tr><td>{@code date}</td><td>{@code LocalDate}</td><td>same</td></tr>
 * <tr><td>{@code time} naive / with {@code timezone}</td><td>{@code LocalTime} / {@code OffsetTime}</td>
 *     <td>same</td></tr>
 * <tr><td>{@code timedelta}</td><td>{@code Duration}</td><td>same</td></tr>
 * <tr><td>{@code timezone} / {@code ZoneInfo}</td><td>{@code ZoneOffset} / {@code ZoneId}</td><td>same</td></tr>
 * <tr><td>{@code Decimal}</td><td>{@code BigDecimal} (NaN and Infinity refused)</td><td>same</td></tr>
 * </table>
 *
 * <p>Security: unpickling never instantiates a class named by the data. The reader is a closed
 * interpreter of the data opcodes; a global ({@code GLOBAL}/{@code STACK_GLOBAL}) is looked up
 * in a fixed allow-list of the Python callables above, and any other (a Django model,
 * {@code os.system}) is a {@link CacheSerializationException} naming it. Object-building opcodes
 * ({@code BUILD}, {@code NEWOBJ}, {@code INST}, {@code OBJ}), persistent ids, extension codes and
 * out-of-band buffers are refused. Lengths are checked against the stored bytes before anything
 * is allocated.
 *
 * <p>Writing refuses, with a {@link CacheSerializationException}: any other type, time values with
 * sub-microsecond precision (Python keeps microseconds), years outside 1-9999, strings with
 * unpaired surrogates, a {@code Map} as a dict key, and nesting deeper than
 * {@value PickleWriter#MAX_DEPTH} levels (a cycle). Shared sub-values are written once per use.
 *
 * <p>Stateless and thread-safe.
 */
public final class PickleSerializer implements Serializer {

    /** The pickle protocol written: django-valkey's default. */
    public static final int PROTOCOL = PickleWriter.PROTOCOL;

    /** Creates the serializer; it has no options. */
    public PickleSerializer() {
    }

    @Override
    public byte[] serialize(Object value) {
        return PickleWriter.write(value);
    }

    @Override
    public Object deserialize(byte[] bytes) {
        Objects.requireNonNull(bytes, "bytes");
        return PickleReader.read(bytes);
    }

    @Override
    public String toString() {
        return "PickleSerializer[protocol " + PROTOCOL + "]";
    }
}
