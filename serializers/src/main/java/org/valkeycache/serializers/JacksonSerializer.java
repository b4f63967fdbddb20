package org.valkeycache.serializers;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.io.IOException;
import java.util.Objects;
import org.valkeycache.CacheConfigurationException;
import org.valkeycache.CacheSerializationException;
import org.valkeycache.config.CacheConfig;
import org.valkeycache.spi.PluginOptions;
import org.valkeycache.spi.Serializer;

/**
 * Shared machinery of the Jackson-based serializers ({@link JsonSerializer},
 * {@link MsgPackSerializer}): one configured, thread-safe {@link ObjectMapper} per instance,
 * error translation into {@link CacheSerializationException}, and the common options.
 *
 * <p>The mapper never uses default typing (no class names in the stored bytes), so stored data
 * cannot make the reader instantiate arbitrary classes; untyped reads produce only maps, lists,
 * strings, numbers, booleans and null.
 */
@PluginOptions(JacksonSerializer.FAIL_ON_UNKNOWN_OPTION)
abstract class JacksonSerializer implements Serializer {

    /** Option: whether typed reads fail on properties the target class does not have. */
    static final String FAIL_ON_UNKNOWN_OPTION = "serializer.failonunknownproperties";

    private static final int MAX_PATH_CHARS = 300;

    private final ObjectMapper mapper;
    private final String format;
    private final boolean failOnUnknown;

    /**
     * Creates the serializer around a mapper builder for the concrete format.
     *
     * @param mapper a fresh mapper for the format; configured here and owned by this instance
     * @param format the format's name, for messages ("JSON", "MessagePack")
     * @param failOnUnknown whether typed reads fail on unknown properties
     */
    JacksonSerializer(ObjectMapper mapper, String format, boolean failOnUnknown) {
        this.format = format;
        this.failOnUnknown = failOnUnknown;
        mapper.registerModule(new JavaTimeModule());
        mapper.disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);
        mapper.disable(SerializationFeature.WRITE_DURATIONS_AS_TIMESTAMPS);
        mapper.enable(SerializationFeature.FAIL_ON_EMPTY_BEANS);
        mapper.enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
        mapper.configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, failOnUnknown);
        // typed reads are strict: "12" is not an Integer, 1.5 is not an int
        mapper.disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT);
        mapper.configure(MapperFeature.ALLOW_COERCION_OF_SCALARS, false);
        this.mapper = mapper;
    }

    /**
     * Reads the boolean option {@link #FAIL_ON_UNKNOWN_OPTION} (default {@code true}).
     *
     * @param config the cache configuration
     * @return the option's value
     * @throws CacheConfigurationException when the option is neither {@code true} nor {@code false}
     */
    static boolean failOnUnknown(CacheConfig config) {
        return config.booleanOption(FAIL_ON_UNKNOWN_OPTION, true);
    }

    /**
     * The mapper, shared by all calls; do not reconfigure it.
     *
     * @return the mapper
     */
    ObjectMapper mapper() {
        return mapper;
    }

    @Override
    public byte[] serialize(Object value) {
        try {
            return mapper.writeValueAsBytes(value);
        } catch (JsonMappingException e) {
            if (e.getCause() instanceof StreamConstraintsException limit) {
                throw new CacheSerializationException(typeName(value) + " cannot be serialized to " + format
                        + ": the object graph is too deep or cyclic (" + limit.getOriginalMessage() + ")", e);
            }
            throw new CacheSerializationException(typeName(value) + " cannot be serialized to " + format + ": "
                    + e.getOriginalMessage() + path(e), e);
        } catch (StreamConstraintsException e) {
            throw new CacheSerializationException(typeName(value) + " cannot be serialized to " + format
                    + ": the object graph is too deep or cyclic (" + e.getOriginalMessage() + ")", e);
        } catch (IOException | RuntimeException e) {
            throw new CacheSerializationException(typeName(value) + " cannot be serialized to " + format + ": " + e, e);
        } catch (StackOverflowError e) {
            throw new CacheSerializationException(typeName(value) + " cannot be serialized to " + format
                    + ": the object graph is too deep or cyclic", e);
        }
    }

    @Override
    public Object deserialize(byte[] bytes) {
        return deserialize(bytes, Object.class);
    }

    /**
     * Decodes bytes into {@code type} with Jackson data binding: a record, a POJO, a collection,
     * or {@code Object} for the natural types (maps, lists, strings, numbers, booleans).
     *
     * @param bytes the stored bytes
     * @param type the expected type
     * @param <T> the expected type
     * @return the value
     * @throws CacheSerializationException when the bytes are corrupt or truncated, or do not fit the type
     */
    @Override
    public <T> T deserialize(byte[] bytes, Class<T> type) {
        Objects.requireNonNull(bytes, "bytes");
        Objects.requireNonNull(type, "type");
        if (bytes.length == 0) {
            throw new CacheSerializationException("stored bytes are empty, not " + format);
        }
        checkFraming(bytes);
        try {
            return mapper.readValue(bytes, type);
        } catch (JsonMappingException e) {
            String what = type == Object.class ? "a value" : "a " + type.getName();
            throw new CacheSerializationException("stored " + format + " cannot be read as " + what + ": "
                    + e.getOriginalMessage() + position(e) + path(e), e);
        } catch (JsonProcessingException e) {
            throw new CacheSerializationException("stored bytes are corrupt or truncated " + format + ": "
                    + e.getOriginalMessage() + position(e), e);
        } catch (IOException | RuntimeException e) {
            // e.g. msgpack-core's MessageInsufficientBufferException for truncated input
            throw new CacheSerializationException("stored bytes are corrupt or truncated " + format + " (" + bytes.length
                    + " bytes): " + e, e);
        }
    }

    /**
     * Checks, before data binding, that {@code bytes} hold exactly one complete value, for formats
     * whose parser cannot report truncation or trailing data itself. The default does nothing: the
     * JSON parser reports both.
     *
     * @param bytes the stored bytes
     * @throws CacheSerializationException when the bytes are truncated, corrupt or have trailing data
     */
    void checkFraming(byte[] bytes) {
        // JSON: FAIL_ON_TRAILING_TOKENS and the parser's end-of-input checks suffice
    }

    /**
     * The format's name, for messages.
     *
     * @return "JSON" or "MessagePack"
     */
    String format() {
        return format;
    }

    private static String typeName(Object value) {
        return value == null ? "null" : "value of type " + value.getClass().getName();
    }

    private static String position(JsonProcessingException e) {
        JsonLocation loc = e.getLocation();
        if (loc == null) {
            return "";
        }
        long offset = loc.getByteOffset() >= 0 ? loc.getByteOffset() : loc.getCharOffset();
        return offset >= 0 ? " (at byte " + offset + ")" : "";
    }

    private static String path(JsonMappingException e) {
        String ref = e.getPathReference();
        if (ref == null || ref.isEmpty()) {
            return "";
        }
        if (ref.length() > MAX_PATH_CHARS) { // e.g. a cycle: the path repeats until the depth limit
            ref = ref.substring(0, MAX_PATH_CHARS / 2) + "..." + ref.substring(ref.length() - MAX_PATH_CHARS / 2);
        }
        return " (path " + ref + ")";
    }

    @Override
    public String toString() {
        return getClass().getSimpleName() + "[" + FAIL_ON_UNKNOWN_OPTION.substring("serializer.".length())
                + "=" + failOnUnknown + "]";
    }
}
