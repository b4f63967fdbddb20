package org.valkeycache.serializers;

import static org.valkeycache.serializers.PickleOps.*;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.OffsetTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.valkeycache.CacheSerializationException;
import org.valkeycache.serializers.PickleOps.Callable;

/**
 * Reads one pickle (protocols 2-5) of Python built-in values. A stack machine over the opcodes of
 * {@link PickleOps}: no reflection, no class is ever looked up by a name from the data, and a
 * global outside {@link Callable} is refused. Every length is checked against the bytes that are
 * actually left before anything is allocated. Not thread-safe: one reader per call.
 */
final class PickleReader {

    /** Most items (counting repeats of shared ones) in one dict key or set element, whose hash walks them all. */
    static final int MAX_KEY_ITEMS = 10_000;

    /** Deepest nesting of one dict key or set element (a tuple of tuples), which hashing recurses through. */
    static final int MAX_KEY_DEPTH = 100;

    private final byte[] in;
    private int pos;
    private final ArrayList<Object> stack = new ArrayList<>();
    private int[] marks = new int[16];
    private int markCount;
    private final Map<Long, Object> memo = new HashMap<>();

    private PickleReader(byte[] in) {
        this.in = in;
    }

    /**
     * Reads the one value {@code bytes} hold.
     *
     * @param bytes a complete pickle, nothing after its STOP opcode
     * @return the value, with the Java types of {@link PickleSerializer}'s mapping
     * @throws CacheSerializationException when the bytes are truncated, corrupt, use an unsupported
     *     opcode or name a global outside the allow-list
     */
    static Object read(byte[] bytes) {
        if (bytes.length == 0) {
            throw new CacheSerializationException("stored bytes are empty, not a pickle");
        }
        return new PickleReader(bytes).run();
    }

    private Object run() {
        while (true) {
            int at = pos;
            int op = u8();
            switch (op) {
                case PROTO -> {
                    int protocol = u8();
                    if (protocol > HIGHEST_PROTOCOL) {
                        throw corrupt("pickle protocol " + protocol + " is newer than the highest known, "
                                + HIGHEST_PROTOCOL, at);
                    }
                }
                case FRAME -> length(8, at); // frames only group opcodes; the whole value is in memory anyway
                case STOP -> {
                    return finish(at);
                }
                case NONE -> push(null);
                case NEWTRUE -> push(Boolean.TRUE);
                case NEWFALSE -> push(Boolean.FALSE);
                case BININT1 -> push((long) u8());
                case BININT2 -> push((long) (u8() | u8() << 8));
                case BININT -> push((long) (int) littleEndian(4));
                case LONG1 -> push(longFrom(bytes(u8(), at)));
                case LONG4 -> push(longFrom(bytes(int32Length(at), at)));
                case BINFLOAT -> push(ByteBuffer.wrap(bytes(8, at)).getDouble());
                case SHORT_BINUNICODE -> push(utf8(bytes(u8(), at), at));
                case BINUNICODE -> push(utf8(bytes(length(4, at), at), at));
                case BINUNICODE8 -> push(utf8(bytes(length(8, at), at), at));
                case SHORT_BINBYTES -> push(bytes(u8(), at));
                case BINBYTES -> push(bytes(length(4, at), at));
                case BINBYTES8, BYTEARRAY8 -> push(bytes(length(8, at), at));
                case EMPTY_LIST -> push(new ArrayList<>());
                case EMPTY_DICT -> push(new LinkedHashMap<>());
                case EMPTY_SET -> push(new LinkedHashSet<>());
                case EMPTY_TUPLE -> push(new Object[0]);
                case TUPLE1 -> push(new Object[] {pop(at)});
                case TUPLE2 -> {
                    Object b = pop(at);
                    push(new Object[] {pop(at), b});
                }
                case TUPLE3 -> {
                    Object c = pop(at);
                    Object b = pop(at);
                    push(new Object[] {pop(at), b, c});
                }
                case MARK -> mark();
                case TUPLE -> push(popMark(at).toArray());
                case FROZENSET -> push(Collections.unmodifiableSet(toSet(popMark(at), at)));
                case APPEND -> {
                    Object item = pop(at);
                    target(List.class, "APPEND", at).add(item);
                }
                case APPENDS -> {
                    List<Object> items = popMark(at);
                    target(List.class, "APPENDS", at).addAll(items);
                }
                case SETITEM -> {
                    Object value = pop(at);
                    Object key = pop(at);
                    target(Map.class, "SETITEM", at).put(hashable(key, at), value);
                }
                case SETITEMS -> {
                    List<Object> items = popMark(at);
                    if (items.size() % 2 != 0) {
                        throw corrupt("SETITEMS with an odd number of items", at);
                    }
                    Map<Object, Object> map = target(Map.class, "SETITEMS", at);
                    for (int i = 0; i < items.size(); i += 2) {
                        map.put(hashable(items.get(i), at), items.get(i + 1));
                    }
                }
                case ADDITEMS -> {
                    List<Object> items = popMark(at);
                    target(LinkedHashSet.class, "ADDITEMS", at).addAll(toSet(items, at));
                }
                case BINPUT -> memo.put((long) u8(), top(at));
                case LONG_BINPUT -> memo.put(littleEndian(4), top(at));
                case MEMOIZE -> memo.put((long) memo.size(), top(at));
                case BINGET -> push(memo(u8(), at));
                case LONG_BINGET -> push(memo(littleEndian(4), at));
                case POP -> {
                    if (markCount > 0 && stack.size() == marks[markCount - 1]) {
                        markCount--; // Python pops the mark when nothing was pushed after it
                    } else {
                        pop(at);
                    }
                }
                case POP_MARK -> popMark(at);
                case DUP -> push(top(at));
                case GLOBAL -> push(global(line(at), line(at), at));
                case STACK_GLOBAL -> {
                    Object name = pop(at);
                    Object module = pop(at);
                    if (!(module instanceof String m) || !(name instanceof String n)) {
                        throw corrupt("STACK_GLOBAL needs two strings", at);
                    }
                    push(global(m, n, at));
                }
                case REDUCE -> {
                    Object args = pop(at);
                    Object callable = pop(at);
                    if (!(callable instanceof Callable c) || !(args instanceof Object[] a)) {
                        throw corrupt("REDUCE needs an allowed callable and a tuple of arguments", at);
                    }
                    push(call(c, a, at));
                }
                default -> throw unsupported(op, at);
            }
        }
    }

    // ---- the stack --------------------------------------------------------------------------

    private void push(Object o) {
        stack.add(o);
    }

    private Object pop(int at) {
        int floor = markCount == 0 ? 0 : marks[markCount - 1];
        if (stack.size() <= floor) {
            throw corrupt("an opcode needs a value but the stack is empty", at);
        }
        return stack.remove(stack.size() - 1);
    }

    private Object top(int at) {
        int floor = markCount == 0 ? 0 : marks[markCount - 1];
        if (stack.size() <= floor) {
            throw corrupt("an opcode needs a value but the stack is empty", at);
        }
        return stack.get(stack.size() - 1);
    }

    private void mark() {
        if (markCount == marks.length) {
            marks = Arrays.copyOf(marks, markCount * 2);
        }
        marks[markCount++] = stack.size();
    }

    private List<Object> popMark(int at) {
        if (markCount == 0) {
            throw corrupt("an opcode needs a MARK but there is none", at);
        }
        int from = marks[--markCount];
        List<Object> items = new ArrayList<>(stack.subList(from, stack.size()));
        stack.subList(from, stack.size()).clear();
        return items;
    }

    private <T> T target(Class<T> type, String opcode, int at) {
        Object t = top(at);
        if (!type.isInstance(t)) {
            throw corrupt(opcode + " on a " + describe(t), at);
        }
        return type.cast(t);
    }

    private Object memo(long index, int at) {
        if (!memo.containsKey(index)) {
            throw corrupt("memo entry " + index + " is read before it is written", at);
        }
        return memo.get(index);
    }

    private Object finish(int at) {
        if (markCount != 0 || stack.size() != 1) {
            throw corrupt("STOP with " + stack.size() + " values and " + markCount + " marks on the stack", at);
        }
        if (pos != in.length) {
            throw new CacheSerializationException("stored pickle has " + (in.length - pos)
                    + " byte(s) of trailing data after its STOP opcode (at byte " + at + ")");
        }
        Object value = stack.get(0);
        checkNoCallables(value);
        return value;
    }

    /** A global may only be an argument of REDUCE; a value holding one (pickle.dumps(set)) is refused. */
    private static void checkNoCallables(Object root) {
        Map<Object, Boolean> seen = new IdentityHashMap<>();
        ArrayList<Object> todo = new ArrayList<>();
        todo.add(root);
        while (!todo.isEmpty()) {
            Object o = todo.remove(todo.size() - 1);
            if (o instanceof Callable c) {
                throw new CacheSerializationException("stored pickle holds the Python callable " + c.qualified()
                        + " itself as a value; only data is read");
            }
            if (o == null || seen.put(o, Boolean.TRUE) != null) {
                continue;
            }
            if (o instanceof Object[] a) {
                todo.addAll(Arrays.asList(a));
            } else if (o instanceof Collection<?> c) {
                todo.addAll(c);
            } else if (o instanceof Map<?, ?> m) {
                todo.addAll(m.keySet());
                todo.addAll(m.values());
            }
        }
    }

    // ---- reading bytes ----------------------------------------------------------------------

    private int u8() {
        if (pos >= in.length) {
            throw truncated(1, pos);
        }
        return in[pos++] & 0xFF;
    }

    private long littleEndian(int n) {
        if (in.length - pos < n) {
            throw truncated(n, pos);
        }
        long v = 0;
        for (int i = n - 1; i >= 0; i--) {
            v = v << 8 | (in[pos + i] & 0xFF);
        }
        pos += n;
        return v;
    }

    /** An unsigned length of {@code n} bytes, which must fit in what is left of the input. */
    private int length(int n, int at) {
        long len = littleEndian(n);
        if (len < 0 || len > in.length - pos) {
            throw new CacheSerializationException("stored bytes are truncated pickle: the opcode at byte " + at
                    + " announces " + Long.toUnsignedString(len) + " bytes but only " + (in.length - pos) + " follow");
        }
        return (int) len;
    }

    private int int32Length(int at) {
        long len = (int) littleEndian(4);
        if (len < 0) {
            throw corrupt("LONG4 with a negative length", at);
        }
        if (len > in.length - pos) {
            throw truncated((int) len, pos);
        }
        return (int) len;
    }

    private byte[] bytes(int n, int at) {
        if (in.length - pos < n) {
            throw new CacheSerializationException("stored bytes are truncated pickle: the opcode at byte " + at
                    + " needs " + n + " bytes but only " + (in.length - pos) + " follow");
        }
        byte[] out = Arrays.copyOfRange(in, pos, pos + n);
        pos += n;
        return out;
    }

    private String line(int at) {
        int start = pos;
        while (pos < in.length && in[pos] != '\n') {
            pos++;
        }
        if (pos == in.length) {
            throw new CacheSerializationException("stored bytes are truncated pickle: GLOBAL at byte " + at
                    + " has no end of line");
        }
        String s = utf8(Arrays.copyOfRange(in, start, pos), at);
        pos++;
        return s;
    }

    private static Object longFrom(byte[] littleEndianTwosComplement) {
        if (littleEndianTwosComplement.length == 0) {
            return 0L;
        }
        byte[] big = new byte[littleEndianTwosComplement.length];
        for (int i = 0; i < big.length; i++) {
            big[i] = littleEndianTwosComplement[big.length - 1 - i];
        }
        BigInteger v = new BigInteger(big);
        return v.bitLength() < 64 ? (Object) v.longValue() : v;
    }

    private static String utf8(byte[] b, int at) {
        try {
            CharBuffer chars = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(b));
            return chars.toString();
        } catch (CharacterCodingException e) {
            throw new CacheSerializationException("stored pickle holds a string that is not valid UTF-8 (opcode at byte "
                    + at + "; Python strings with lone surrogates have no Java equivalent)", e);
        }
    }

    // ---- globals and calls ------------------------------------------------------------------

    private static Callable global(String module, String name, int at) {
        Callable c = Callable.find(module, name);
        if (c == null) {
            throw new CacheSerializationException("stored pickle refers to the Python global '" + module + "." + name
                    + "' (at byte " + at + "), which is not on the pickle serializer's allow-list: only Python "
                    + "built-in values are read (None, bool, int, float, str, bytes, bytearray, list, tuple, dict, "
                    + "set, frozenset, datetime, date, time, timedelta, timezone, zoneinfo.ZoneInfo, Decimal, "
                    + "OrderedDict)");
        }
        return c;
    }

    private Object call(Callable c, Object[] args, int at) {
        try {
            return switch (c) {
                case SET -> args.length == 0 ? new LinkedHashSet<>() : toSet(iterable(c, args, at), at);
                case FROZENSET -> Collections.unmodifiableSet(
                        args.length == 0 ? new LinkedHashSet<>() : toSet(iterable(c, args, at), at));
                case BYTES, BYTEARRAY -> bytesOf(c, args, at);
                case CODECS_ENCODE -> latin1(arg(c, args, 0, String.class, at), args, at);
                case GETATTR -> {
                    if (args.length == 2 && args[0] == Callable.ZONEINFO && "_unpickle".equals(args[1])) {
                        yield Callable.ZONEINFO_UNPICKLE;
                    }
                    throw new CacheSerializationException("stored pickle calls builtins.getattr with arguments other than "
                            + "(zoneinfo.ZoneInfo, '_unpickle') (at byte " + at + "); that is not allowed");
                }
                case ZONEINFO, ZONEINFO_UNPICKLE -> ZoneId.of(arg(c, args, 0, String.class, at));
                case DATETIME -> dateTime(args, at);
                case DATE -> date(args, at);
                case TIME -> time(args, at);
                case TIMEDELTA -> Duration.ofDays(integer(c, args, 0, at))
                        .plusSeconds(args.length > 1 ? integer(c, args, 1, at) : 0)
                        .plusNanos(args.length > 2 ? Math.multiplyExact(integer(c, args, 2, at), 1000L) : 0);
                case TIMEZONE -> {
                    Duration offset = arg(c, args, 0, Duration.class, at);
                    if (offset.getNano() != 0) {
                        throw new CacheSerializationException("stored pickle holds a timezone offset of " + offset
                                + " (at byte " + at + "); java.time offsets are whole seconds");
                    }
                    yield ZoneOffset.ofTotalSeconds(Math.toIntExact(offset.getSeconds()));
                }
                case DECIMAL -> decimal(arg(c, args, 0, String.class, at), at);
                case ORDERED_DICT -> {
                    if (args.length != 0) {
                        throw corrupt("collections.OrderedDict called with arguments", at);
                    }
                    yield new LinkedHashMap<>();
                }
            };
        } catch (DateTimeException | ArithmeticException e) {
            throw new CacheSerializationException("stored pickle holds a " + c.qualified() + " that java.time cannot represent"
                    + " (at byte " + at + "): " + e.getMessage(), e);
        }
    }

    private static <T> T arg(Callable c, Object[] args, int i, Class<T> type, int at) {
        if (args.length <= i || !type.isInstance(args[i])) {
            throw corrupt(c.qualified() + " called with " + describeArgs(args) + "; argument " + (i + 1) + " must be a "
                    + type.getSimpleName(), at);
        }
        return type.cast(args[i]);
    }

    private static long integer(Callable c, Object[] args, int i, int at) {
        return arg(c, args, i, Long.class, at);
    }

    /** An optional int argument of Python's int-argument constructors, 0 when absent. */
    private static int intArg(Callable c, Object[] args, int i, int at) {
        return args.length > i ? Math.toIntExact(integer(c, args, i, at)) : 0;
    }

    private static List<Object> iterable(Callable c, Object[] args, int at) {
        if (args.length == 1 && args[0] instanceof Object[] tuple) {
            return Arrays.asList(tuple);
        }
        @SuppressWarnings("unchecked")
        List<Object> list = arg(c, args, 0, List.class, at);
        return list;
    }

    private static byte[] bytesOf(Callable c, Object[] args, int at) {
        if (args.length == 0) {
            return new byte[0];
        }
        if (args.length == 1 && args[0] instanceof byte[] b) {
            return b;
        }
        return latin1(arg(c, args, 0, String.class, at), args, at);
    }

    /** Protocol 2 writes bytes as {@code _codecs.encode(text, 'latin1')}. */
    private static byte[] latin1(String text, Object[] args, int at) {
        Object encoding = args.length > 1 ? args[1] : null;
        if (!"latin1".equals(encoding) && !"latin-1".equals(encoding)) {
            throw corrupt("bytes encoded with " + encoding + " instead of latin1", at);
        }
        byte[] out = new byte[text.length()];
        for (int i = 0; i < out.length; i++) {
            char ch = text.charAt(i);
            if (ch > 0xFF) {
                throw corrupt("latin1-encoded bytes hold the character U+" + Integer.toHexString(ch), at);
            }
            out[i] = (byte) ch;
        }
        return out;
    }

    private static BigDecimal decimal(String text, int at) {
        try {
            return new BigDecimal(text.strip());
        } catch (NumberFormatException e) {
            throw new CacheSerializationException("stored pickle holds Decimal('" + text + "') (at byte " + at
                    + "), which has no java.math.BigDecimal equivalent (NaN and Infinity do not)", e);
        }
    }

    private Object dateTime(Object[] args, int at) {
        LocalDateTime local;
        int fold = 0;
        Object tz;
        if (args.length >= 1 && args[0] instanceof byte[] state) {
            if (state.length != 10) {
                throw corrupt("datetime state of " + state.length + " bytes, not 10", at);
            }
            fold = (state[2] & 0x80) >>> 7;
            local = LocalDateTime.of((state[0] & 0xFF) << 8 | (state[1] & 0xFF), state[2] & 0x7F, state[3] & 0xFF,
                    state[4] & 0xFF, state[5] & 0xFF, state[6] & 0xFF, micros(state, 7) * 1000);
            tz = args.length > 1 ? args[1] : null;
        } else {
            Callable c = Callable.DATETIME;
            local = LocalDateTime.of(intArg(c, args, 0, at), intArg(c, args, 1, at), intArg(c, args, 2, at),
                    intArg(c, args, 3, at), intArg(c, args, 4, at), intArg(c, args, 5, at),
                    Math.multiplyExact(intArg(c, args, 6, at), 1000));
            tz = args.length > 7 ? args[7] : null;
        }
        if (tz == null) {
            return local;
        }
        if (tz instanceof ZoneOffset offset) {
            return OffsetDateTime.of(local, offset);
        }
        if (tz instanceof ZoneId zone) {
            ZonedDateTime zoned = ZonedDateTime.of(local, zone);
            return fold == 1 ? zoned.withLaterOffsetAtOverlap() : zoned.withEarlierOffsetAtOverlap();
        }
        throw corrupt("datetime with a tzinfo that is a " + describe(tz), at);
    }

    private static Object date(Object[] args, int at) {
        if (args.length == 1 && args[0] instanceof byte[] state) {
            if (state.length != 4) {
                throw corrupt("date state of " + state.length + " bytes, not 4", at);
            }
            return LocalDate.of((state[0] & 0xFF) << 8 | (state[1] & 0xFF), state[2] & 0xFF, state[3] & 0xFF);
        }
        Callable c = Callable.DATE;
        return LocalDate.of(intArg(c, args, 0, at), intArg(c, args, 1, at), intArg(c, args, 2, at));
    }

    private static Object time(Object[] args, int at) {
        LocalTime local;
        Object tz;
        if (args.length >= 1 && args[0] instanceof byte[] state) {
            if (state.length != 6) {
                throw corrupt("time state of " + state.length + " bytes, not 6", at);
            }
            local = LocalTime.of(state[0] & 0x7F, state[1] & 0xFF, state[2] & 0xFF, micros(state, 3) * 1000);
            tz = args.length > 1 ? args[1] : null;
        } else {
            Callable c = Callable.TIME;
            local = LocalTime.of(intArg(c, args, 0, at), intArg(c, args, 1, at), intArg(c, args, 2, at),
                    Math.multiplyExact(intArg(c, args, 3, at), 1000));
            tz = args.length > 4 ? args[4] : null;
        }
        if (tz == null) {
            return local;
        }
        if (tz instanceof ZoneOffset offset) {
            return OffsetTime.of(local, offset);
        }
        throw corrupt("time with a tzinfo that is a " + describe(tz) + " (only fixed offsets have a Java equivalent)", at);
    }

    private static int micros(byte[] state, int from) {
        return (state[from] & 0xFF) << 16 | (state[from + 1] & 0xFF) << 8 | (state[from + 2] & 0xFF);
    }

    // ---- hashable values --------------------------------------------------------------------

    private static Set<Object> toSet(List<Object> items, int at) {
        Set<Object> set = new LinkedHashSet<>();
        for (Object item : items) {
            set.add(hashable(item, at));
        }
        return set;
    }

    /**
     * A dict key or set element as a Java value with value equality: a tuple becomes an
     * unmodifiable {@code List} (recursively). Its size is bounded, since hashing walks it.
     */
    private static Object hashable(Object key, int at) {
        int[] budget = {MAX_KEY_ITEMS};
        return hashable(key, budget, 0, at);
    }

    private static Object hashable(Object key, int[] budget, int depth, int at) {
        if (--budget[0] < 0 || depth > MAX_KEY_DEPTH) {
            throw new CacheSerializationException("stored pickle has a dict key or set element of more than " + MAX_KEY_ITEMS
                    + " nested items or " + MAX_KEY_DEPTH + " levels (at byte " + at + ")");
        }
        if (key instanceof Object[] tuple) {
            List<Object> items = new ArrayList<>(tuple.length);
            for (Object item : tuple) {
                items.add(hashable(item, budget, depth + 1, at));
            }
            return Collections.unmodifiableList(items);
        }
        if (key instanceof Set<?> set) {
            for (Object item : set) {
                hashable(item, budget, depth + 1, at);
            }
            return key;
        }
        if (key instanceof List || key instanceof Map || key instanceof Callable) {
            throw corrupt("a dict key or set element is a " + describe(key) + ", which Python cannot hash", at);
        }
        return key;
    }

    // ---- errors -----------------------------------------------------------------------------

    private static String describe(Object o) {
        if (o instanceof Callable c) {
            return "Python callable " + c.qualified();
        }
        return o == null ? "None" : o.getClass().getSimpleName();
    }

    private static String describeArgs(Object[] args) {
        StringBuilder s = new StringBuilder("(");
        for (int i = 0; i < args.length; i++) {
            s.append(i == 0 ? "" : ", ").append(describe(args[i]));
        }
        return s.append(')').toString();
    }

    private static CacheSerializationException corrupt(String what, int at) {
        return new CacheSerializationException("stored bytes are corrupt or unsupported pickle: " + what + " (at byte " + at + ")");
    }

    private static CacheSerializationException truncated(int needed, int at) {
        return new CacheSerializationException("stored bytes are truncated pickle: " + needed + " more byte(s) needed at byte "
                + at);
    }

    private static CacheSerializationException unsupported(int op, int at) {
        String name = switch (op) {
            case 'b' -> "BUILD";
            case 0x81 -> "NEWOBJ";
            case 0x92 -> "NEWOBJ_EX";
            case 'i' -> "INST";
            case 'o' -> "OBJ";
            case 'P', 'Q' -> "PERSID";
            case 0x82, 0x83, 0x84 -> "EXT";
            case 0x97, 0x98 -> "out-of-band buffer";
            case 'I', 'L', 'F', 'S', 'V', 'T', 'U', 'g', 'p', 'l', 'd' -> "a protocol 0/1 opcode";
            default -> null;
        };
        return new CacheSerializationException("stored bytes are corrupt or unsupported pickle: opcode 0x"
                + Integer.toHexString(op) + (name == null ? " is unknown" : " (" + name + ") is not supported")
                + " (at byte " + at + "); the pickle serializer reads protocols 2-5 of Python built-in values only");
    }
}
