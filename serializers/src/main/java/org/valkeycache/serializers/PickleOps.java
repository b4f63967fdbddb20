package org.valkeycache.serializers;

/**
 * The pickle opcodes the {@link PickleSerializer} reads and writes (protocols 2-5, as defined in
 * CPython's {@code Lib/pickle.py} and documented by {@code pickletools}), and the Python
 * callables on its allow-list.
 */
final class PickleOps {

    static final int MARK = '(';
    static final int STOP = '.';
    static final int POP = '0';
    static final int POP_MARK = '1';
    static final int DUP = '2';
    static final int BINFLOAT = 'G';
    static final int BININT = 'J';
    static final int BININT1 = 'K';
    static final int BININT2 = 'M';
    static final int NONE = 'N';
    static final int REDUCE = 'R';
    static final int BINUNICODE = 'X';
    static final int APPEND = 'a';
    static final int GLOBAL = 'c';
    static final int APPENDS = 'e';
    static final int BINGET = 'h';
    static final int LONG_BINGET = 'j';
    static final int EMPTY_LIST = ']';
    static final int BINPUT = 'q';
    static final int LONG_BINPUT = 'r';
    static final int SETITEM = 's';
    static final int TUPLE = 't';
    static final int EMPTY_TUPLE = ')';
    static final int SETITEMS = 'u';
    static final int EMPTY_DICT = '}';
    static final int BINBYTES = 'B';
    static final int SHORT_BINBYTES = 'C';
    static final int PROTO = 0x80;
    static final int TUPLE1 = 0x85;
    static final int TUPLE2 = 0x86;
    static final int TUPLE3 = 0x87;
    static final int NEWTRUE = 0x88;
    static final int NEWFALSE = 0x89;
    static final int LONG1 = 0x8a;
    static final int LONG4 = 0x8b;
    static final int SHORT_BINUNICODE = 0x8c;
    static final int BINUNICODE8 = 0x8d;
    static final int BINBYTES8 = 0x8e;
    static final int EMPTY_SET = 0x8f;
    static final int ADDITEMS = 0x90;
    static final int FROZENSET = 0x91;
    static final int STACK_GLOBAL = 0x93;
    static final int MEMOIZE = 0x94;
    static final int FRAME = 0x95;
    static final int BYTEARRAY8 = 0x96;

    /** The highest protocol read. */
    static final int HIGHEST_PROTOCOL = 5;

    /**
     * The Python callables a pickle may name (with {@code GLOBAL} or {@code STACK_GLOBAL}) and
     * call (with {@code REDUCE}); every other global is refused. Python 2 module names are the
     * ones CPython writes for protocol 2 ({@code __builtin__}).
     */
    enum Callable {
        SET("builtins", "set"),
        FROZENSET("builtins", "frozenset"),
        BYTES("builtins", "bytes"),
        BYTEARRAY("builtins", "bytearray"),
        GETATTR("builtins", "getattr"),
        CODECS_ENCODE("_codecs", "encode"),
        DATETIME("datetime", "datetime"),
        DATE("datetime", "date"),
        TIME("datetime", "time"),
        TIMEDELTA("datetime", "timedelta"),
        TIMEZONE("datetime", "timezone"),
        DECIMAL("decimal", "Decimal"),
        ORDERED_DICT("collections", "OrderedDict"),
        ZONEINFO("zoneinfo", "ZoneInfo"),
        /** {@code getattr(zoneinfo.ZoneInfo, "_unpickle")}: how a ZoneInfo pickles itself. */
        ZONEINFO_UNPICKLE("zoneinfo", "ZoneInfo._unpickle");

        final String module;
        final String name;

        Callable(String module, String name) {
            this.module = module;
            this.name = name;
        }

        /** The dotted name, as Python spells it. */
        String qualified() {
            return module + "." + name;
        }

        /**
         * The allowed callable a global names.
         *
         * @return the callable, or null when the global is not on the allow-list
         */
        static Callable find(String module, String name) {
            String m = module.equals("__builtin__") ? "builtins" : module;
            for (Callable c : values()) {
                if (c.module.equals(m) && c.name.equals(name)) {
                    return c;
                }
            }
            return null;
        }
    }

    private PickleOps() {
    }
}
