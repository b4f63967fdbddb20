package org.valkeycache.serializers;

import com.fasterxml.jackson.core.json.JsonWriteFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import org.valkeycache.CacheConfigurationException;
import org.valkeycache.config.CacheConfig;

/**
 * JSON (UTF-8 text) via Jackson databind, alias {@code json}.
 *
 * <p>Plain data is stored as natural JSON that other languages read directly: the bytes are
 * UTF-8 JSON text like that of Python's {@code json.dumps(value).encode()} (and so
 * django-valkey's JSON serializer); Python's defaults differ only in whitespace
 * ({@code ", "}, {@code ": "}) and in escaping non-ASCII characters, and each side reads the
 * other's output. {@code "abc"} is stored as {@code "abc"} with the
 * quotes, {@code Map.of("a", List.of(true))} as {@code {"a":[true]}}, {@code null} as
 * {@code null}. {@code java.time} values are written as ISO-8601 strings
 * ({@code "2024-05-01T12:00:00Z"}), records and POJOs as objects of their properties,
 * {@code byte[]} as a base64 string. Non-ASCII text is written as raw UTF-8 (Python's
 * {@code ensure_ascii=True} output, with {@code &#92;uXXXX} escapes, reads back the same). Double
 * {@code NaN} and infinities, which JSON lacks, are written as the strings {@code "NaN"},
 * {@code "Infinity"}, {@code "-Infinity"}.
 *
 * <p>{@link #deserialize(byte[])} returns Jackson's natural types: {@code LinkedHashMap},
 * {@code ArrayList}, {@code String}, {@code Boolean}, {@code null}, {@code Integer} /
 * {@code Long} / {@code BigInteger} for whole numbers (the smallest that fits) and
 * {@code Double} for numbers with a fraction or exponent; {@code 1.0} is written as {@code 1.0}
 * and reads back as the {@code Double} 1.0. A {@code Float} or {@code BigDecimal} therefore reads
 * back as a {@code Double}, and an {@code Instant} as its ISO string.
 *
 * <p>No type information is stored (Jackson's default typing is deliberately off: it would let
 * stored data choose classes to instantiate). To get a record, POJO or {@code java.time} value
 * back, read with the type: {@code cache.get(key, User.class)}, which binds with
 * {@link ObjectMapper#readValue(byte[], Class)}. Typed reads are strict: no string-to-number
 * coercion, no truncation of fractions, and, unless the option
 * {@code serializer.failonunknownproperties} is {@code false}, no unknown properties.
 *
 * <pre>{@code cache.default.serializer=json
 * cache.default.options.serializer.failonunknownproperties=false}</pre>
 *
 * <p>Values with no serializable properties, cyclic graphs and other values Jackson cannot write
 * are refused by {@link #serialize(Object)} with a
 * {@link org.valkeycache.CacheSerializationException}; corrupt, truncated or mismatching bytes by the
 * {@code deserialize} methods. Thread-safe: one {@link ObjectMapper} is shared by all calls.
 */
public final class JsonSerializer extends JacksonSerializer {

    /** A JSON serializer with the default options. */
    public JsonSerializer() {
        this(true);
    }

    /**
     * A JSON serializer configured from {@code options.serializer.*} of a cache config.
     *
     * @param config the cache configuration
     * @throws CacheConfigurationException if {@code options.serializer.failonunknownproperties}
     *     is neither {@code true} nor {@code false}
     */
    public JsonSerializer(CacheConfig config) {
        this(failOnUnknown(config));
    }

    /**
     * A JSON serializer.
     *
     * @param failOnUnknownProperties whether typed reads fail on properties the target class lacks
     */
    public JsonSerializer(boolean failOnUnknownProperties) {
        super(JsonMapper.builder()
                // emoji and other non-BMP characters as 4-byte UTF-8, not as escaped surrogate pairs
                .enable(JsonWriteFeature.COMBINE_UNICODE_SURROGATES_IN_UTF8)
                .build(), "JSON", failOnUnknownProperties);
    }
}
