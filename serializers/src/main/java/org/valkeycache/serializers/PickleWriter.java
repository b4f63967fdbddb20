package org.valkeycache.serializers;

import static org.valkeycache.serializers.PickleOps.*;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.OffsetTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.valkeycache.CacheSerializationException;
import org.valkeycache.serializers.PickleOps.Callable;

/**
 * Writes one value as a protocol 4 pickle, the protocol django-valkey writes by default
 * ({@code pickle.DEFAULT_PROTOCOL} on Python 3.8 to 3.13; readable by Python 3.4 and later).
 * Only the Java types of {@link PickleSerializer}'s mapping are written; anything else is refused
 * before a byte is returned. No memo and no frames (both optional for a reader): shared
 * sub-values are written once per use, and a cyclic value fails at {@link #MAX_DEPTH}.
 * Not thread-safe: one writer per call.
 */
final class PickleWriter {

    /** The protocol written. */
    static final int PROTOCOL = 4;

    /** Deepest nesting written; deeper (or cyclic) values are refused. */
    static final int MAX_DEPTH = 1000;

    private byte[] out = new byte[64];
    private int size;

    private PickleWriter() {
    }

    /**
     * Pickles a value.
     *
     * @param value a value of the mapped types
     * @return the pickle
     * @throws CacheSerializationException when the value (or something inside it) has no Python equivalent
     */
    static byte[] write(Object value) {
        PickleWriter w = new PickleWriter();
        w.op(PROTO);
        w.op(PROTOCOL);
        w.save(value, false, 0);
        w.op(STOP);
        return Arrays.copyOf(w.out, w.size);
    }

    /**
     * @param hashable whether Python needs a hashable value here (a dict key or a set element):
     *     a {@code List} is written as a tuple and a {@code Set} as a frozenset there
     */
    private void save(Object v, boolean hashable, int depth) {
        if (depth > MAX_DEPTH) {
            throw new CacheSerializationException("value cannot be pickled: it is nested deeper than " + MAX_DEPTH
                    + " levels, or cyclic");
        }
        if (v == null) {
            op(NONE);
        } else if (v instanceof Boolean b) {
            op(b ? NEWTRUE : NEWFALSE);
        } else if (v instanceof Long || v instanceof Integer || v instanceof Short || v instanceof Byte) {
            integer(((Number) v).longValue());
        } else if (v instanceof BigInteger big) {
            if (big.bitLength() < 64) {
                integer(big.longValue());
            } else {
                bigInteger(big);
            }
        } else if (v instanceof Double || v instanceof Float) {
            op(BINFLOAT);
            raw(ByteBuffer.allocate(8).putDouble(((Number) v).doubleValue()).array());
        } else if (v instanceof String || v instanceof Character) {
            string(v.toString());
        } else if (v instanceof byte[] b) {
            bytes(b);
        } else if (v instanceof Object[] tuple) {
            tuple(Arrays.asList(tuple), depth);
        } else if (v instanceof List<?> list) {
            if (hashable) {
                tuple(list, depth);
            } else {
                list(list, depth);
            }
        } else if (v instanceof Set<?> set) {
            set(set, hashable, depth);
        } else if (v instanceof Map<?, ?> map) {
            if (hashable) {
                throw new CacheSerializationException("a Map cannot be pickled as a dict key or set element: Python dicts"
                        + " are not hashable");
            }
            dict(map, depth);
        } else if (v instanceof BigDecimal d) {
            reduce1(Callable.DECIMAL, () -> string(d.toString()));
        } else {
            temporal(v);
        }
    }

    private void temporal(Object v) {
        if (v instanceof LocalDateTime t) {
            dateTime(t, 0, null);
        } else if (v instanceof OffsetDateTime t) {
            dateTime(t.toLocalDateTime(), 0, t.getOffset());
        } else if (v instanceof ZonedDateTime t) {
            boolean later = !t.withEarlierOffsetAtOverlap().equals(t);
            dateTime(t.toLocalDateTime(), later ? 1 : 0, t.getZone());
        } else if (v instanceof Instant t) {
            dateTime(LocalDateTime.ofInstant(t, ZoneOffset.UTC), 0, ZoneOffset.UTC);
        } else if (v instanceof LocalDate d) {
            checkYear(d.getYear(), v);
            reduce1(Callable.DATE, () -> bytes(new byte[] {(byte) (d.getYear() >> 8), (byte) d.getYear(),
                    (byte) d.getMonthValue(), (byte) d.getDayOfMonth()}));
        } else if (v instanceof LocalTime t) {
            time(t, null);
        } else if (v instanceof OffsetTime t) {
            time(t.toLocalTime(), t.getOffset());
        } else if (v instanceof Duration d) {
            timedelta(d);
        } else if (v instanceof ZoneId zone) {
            tzinfo(zone);
        } else {
            throw new CacheSerializationException("value of type " + v.getClass().getName() + " cannot be pickled: the "
                    + "pickle serializer writes Python built-in values only (null, Boolean, integers, Double/Float, "
                    + "String, byte[], List, Object[] as tuple, Map, Set, BigDecimal, java.time dates, times and "
                    + "Duration); use the java, json or msgpack serializer for other types");
        }
    }

    // ---- scalars ----------------------------------------------------------------------------

    private void integer(long n) {
        if (n >= 0 && n <= 0xFF) {
            op(BININT1);
            op((int) n);
        } else if (n >= 0 && n <= 0xFFFF) {
            op(BININT2);
            op((int) n & 0xFF);
            op((int) (n >>> 8));
        } else if (n == (int) n) {
            op(BININT);
            littleEndian(n, 4);
        } else {
            bigInteger(BigInteger.valueOf(n));
        }
    }

    private void bigInteger(BigInteger n) {
        byte[] big = n.toByteArray(); // minimal two's complement, big-endian
        if (big.length < 256) {
            op(LONG1);
            op(big.length);
        } else {
            op(LONG4);
            littleEndian(big.length, 4);
        }
        for (int i = big.length - 1; i >= 0; i--) {
            op(big[i] & 0xFF);
        }
    }

    private void string(String s) {
        byte[] utf8;
        try {
            ByteBuffer b = StandardCharsets.UTF_8.newEncoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .encode(CharBuffer.wrap(s));
            utf8 = Arrays.copyOf(b.array(), b.limit());
        } catch (CharacterCodingException e) {
            throw new CacheSerializationException("a string with an unpaired surrogate cannot be pickled as UTF-8", e);
        }
        if (utf8.length < 256) {
            op(SHORT_BINUNICODE);
            op(utf8.length);
        } else { // a Java array stays below 4 GiB, so BINUNICODE8 is never needed
            op(BINUNICODE);
            littleEndian(utf8.length, 4);
        }
        raw(utf8);
    }

    private void bytes(byte[] b) {
        if (b.length < 256) {
            op(SHORT_BINBYTES);
            op(b.length);
        } else {
            op(BINBYTES);
            littleEndian(b.length, 4);
        }
        raw(b);
    }

    // ---- containers -------------------------------------------------------------------------

    private void tuple(List<?> items, int depth) {
        int n = items.size();
        if (n == 0) {
            op(EMPTY_TUPLE);
            return;
        }
        if (n > 3) {
            op(MARK);
        }
        for (Object item : items) {
            save(item, true, depth + 1);
        }
        op(n == 1 ? TUPLE1 : n == 2 ? TUPLE2 : n == 3 ? TUPLE3 : TUPLE);
    }

    private void list(List<?> list, int depth) {
        op(EMPTY_LIST);
        if (!list.isEmpty()) {
            op(MARK);
            for (Object item : list) {
                save(item, false, depth + 1);
            }
            op(APPENDS);
        }
    }

    private void set(Collection<?> set, boolean frozen, int depth) {
        if (!frozen) {
            op(EMPTY_SET);
            if (set.isEmpty()) {
                return;
            }
        }
        op(MARK);
        for (Object item : set) {
            save(item, true, depth + 1);
        }
        op(frozen ? FROZENSET : ADDITEMS);
    }

    private void dict(Map<?, ?> map, int depth) {
        op(EMPTY_DICT);
        if (!map.isEmpty()) {
            op(MARK);
            for (Map.Entry<?, ?> e : map.entrySet()) {
                save(e.getKey(), true, depth + 1);
                save(e.getValue(), false, depth + 1);
            }
            op(SETITEMS);
        }
    }

    // ---- datetime ---------------------------------------------------------------------------

    private void dateTime(LocalDateTime t, int fold, ZoneId zone) {
        checkYear(t.getYear(), t);
        int micros = micros(t.getNano(), t);
        byte[] state = {(byte) (t.getYear() >> 8), (byte) t.getYear(), (byte) (t.getMonthValue() | fold << 7),
            (byte) t.getDayOfMonth(), (byte) t.getHour(), (byte) t.getMinute(), (byte) t.getSecond(),
            (byte) (micros >> 16), (byte) (micros >> 8), (byte) micros};
        fromState(Callable.DATETIME, state, zone);
    }

    private void time(LocalTime t, ZoneOffset offset) {
        int micros = micros(t.getNano(), t);
        byte[] state = {(byte) t.getHour(), (byte) t.getMinute(), (byte) t.getSecond(),
            (byte) (micros >> 16), (byte) (micros >> 8), (byte) micros};
        fromState(Callable.TIME, state, offset);
    }

    /** {@code c(state)} or {@code c(state, tzinfo)}: how datetime and time pickle themselves. */
    private void fromState(Callable c, byte[] state, ZoneId zone) {
        global(c);
        bytes(state);
        if (zone == null) {
            op(TUPLE1);
        } else {
            tzinfo(zone);
            op(TUPLE2);
        }
        op(REDUCE);
    }

    private void tzinfo(ZoneId zone) {
        if (zone instanceof ZoneOffset offset) {
            reduce1(Callable.TIMEZONE, () -> timedelta(Duration.ofSeconds(offset.getTotalSeconds())));
            return;
        }
        // what ZoneInfo.__reduce__ gives: getattr(ZoneInfo, "_unpickle")(key, 1)
        global(Callable.GETATTR);
        global(Callable.ZONEINFO);
        string("_unpickle");
        op(TUPLE2);
        op(REDUCE);
        string(zone.getId());
        integer(1);
        op(TUPLE2);
        op(REDUCE);
    }

    private void timedelta(Duration d) {
        long seconds = d.getSeconds();
        long days = Math.floorDiv(seconds, 86_400L);
        if (Math.abs(days) > 999_999_999L) {
            throw new CacheSerializationException("Duration " + d + " cannot be pickled: Python's timedelta holds at most"
                    + " 999999999 days");
        }
        int micros = micros(d.getNano(), d);
        global(Callable.TIMEDELTA);
        integer(days);
        integer(Math.floorMod(seconds, 86_400L));
        integer(micros);
        op(TUPLE3);
        op(REDUCE);
    }

    private static int micros(int nanos, Object value) {
        if (nanos % 1000 != 0) {
            throw new CacheSerializationException(value.getClass().getSimpleName() + " " + value + " cannot be pickled:"
                    + " Python keeps microseconds, and it has nanoseconds (truncate it first, e.g."
                    + " truncatedTo(ChronoUnit.MICROS))");
        }
        return nanos / 1000;
    }

    private static void checkYear(int year, Object value) {
        if (year < 1 || year > 9999) {
            throw new CacheSerializationException(value.getClass().getSimpleName() + " " + value + " cannot be pickled:"
                    + " Python's dates go from year 1 to 9999");
        }
    }

    // ---- output -----------------------------------------------------------------------------

    private void global(Callable c) {
        string(c.module);
        string(c.name);
        op(STACK_GLOBAL);
    }

    private void reduce1(Callable c, Runnable argument) {
        global(c);
        argument.run();
        op(TUPLE1);
        op(REDUCE);
    }

    private void op(int b) {
        ensure(1);
        out[size++] = (byte) b;
    }

    private void littleEndian(long v, int n) {
        ensure(n);
        for (int i = 0; i < n; i++) {
            out[size++] = (byte) (v >>> (8 * i));
        }
    }

    private void raw(byte[] b) {
        ensure(b.length);
        System.arraycopy(b, 0, out, size, b.length);
        size += b.length;
    }

    private void ensure(int n) {
        if (out.length - size < n) {
            out = Arrays.copyOf(out, Math.max(out.length * 2, size + n));
        }
    }
}
