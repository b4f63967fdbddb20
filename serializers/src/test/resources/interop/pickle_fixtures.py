"""Pickle fixtures for org.valkeycache.serializers.PickleSerializer (see README.md beside this file).

Uses only python3's standard library, as django-valkey's default PickleSerializer does.

    python3 pickle_fixtures.py write            # (re)writes the python-*.pickle fixtures into this folder
    python3 pickle_fixtures.py dump PROTO COMP  # python_value() pickled with PROTO, compressed with COMP, to stdout
    python3 pickle_fixtures.py check COMP       # stdin: a pickle (compressed with COMP) that Java wrote of
                                                #   PickleInteropTest.javaValue(); exits 0 when it equals java_expected()

COMP is identity, zlib, gzip, lzma or bz2 (the standard library's compressors, with django-valkey's
settings); the tests pipe lz4, zstd and brotli through the reference command-line tools instead.
"""
import bz2
import collections
import datetime as dt
import decimal
import fractions
import gzip
import lzma
import math
import os
import pickle
import sys
import zlib
import zoneinfo

PARIS = zoneinfo.ZoneInfo("Europe/Paris")


def python_value():
    """What Python writes; PickleInteropTest.pythonValue(protocol) is the same value in Java."""
    return {
        "none": None, "true": True, "false": False,
        "small": 7, "byte": 255, "short": 65535, "neg": -1, "int32": -2**31, "int64": 2**63 - 1,
        "big": 2**100, "bigneg": -(3**200),
        "float": 2.5, "negzero": -0.0, "inf": float("inf"), "nan": float("nan"), "tiny": 5e-324,
        "str": "Zo\u00eb \u2615 \U0001F600", "long_str": "\u00fc" * 300, "empty_str": "",
        "bytes": b"\x00\xffab", "long_bytes": bytes(range(256)) * 2, "empty_bytes": b"",
        "bytearray": bytearray(b"\x01\x02"),
        "list": [1, "two", 3.0, None, [4, [5]]], "empty_list": [],
        "tuple": (1, "a"), "tuple1": ("x",), "tuple3": (1, 2, 3), "tuple5": (1, 2, 3, 4, 5), "empty_tuple": (),
        "dict": {"nested": {"k": [1, {"deep": True}]}}, "int_keys": {1: "one", -2: "minus two"},
        "tuple_keys": {(1, "a"): "pair"}, "empty_dict": {},
        "set": {1, 2, 3}, "empty_set": set(), "frozenset": frozenset({"a", "b"}),
        "set_of_tuples": {(1, 2)}, "set_of_frozensets": {frozenset({1})},
        "datetime": dt.datetime(2024, 2, 29, 13, 14, 15, 123456),
        "datetime_utc": dt.datetime(2024, 1, 2, 3, 4, 5, tzinfo=dt.timezone.utc),
        "datetime_offset": dt.datetime(2024, 1, 2, 3, 4, 5, 6, tzinfo=dt.timezone(dt.timedelta(hours=-5, minutes=-30))),
        "datetime_zone": dt.datetime(2024, 7, 1, 12, 0, tzinfo=PARIS),
        # the second 02:30 of the night clocks went back; protocols 2 and 3 do not store fold
        "datetime_fold": dt.datetime(2024, 10, 27, 2, 30, fold=1, tzinfo=PARIS),
        "date": dt.date(1, 1, 1), "date_max": dt.date(9999, 12, 31),
        "time": dt.time(23, 59, 59, 999999), "time_tz": dt.time(1, 2, 3, tzinfo=dt.timezone(dt.timedelta(hours=9))),
        "timedelta": dt.timedelta(days=-1, seconds=5, microseconds=7), "timedelta_max": dt.timedelta.max,
        "decimal": decimal.Decimal("1.50"), "decimal_exp": decimal.Decimal("-1.2E+5"),
        "ordered": collections.OrderedDict([("b", 1), ("a", 2)]),
    }


def java_expected():
    """What PickleInteropTest.javaValue() must read as in Python."""
    return {
        "none": None, "true": True, "int": 7, "short": -300, "byte": -1, "long": -2**63,
        "big": 2**100, "bigneg": -(3**200),
        "double": 2.5, "float": 0.10000000149011612, "negzero": -0.0, "inf": float("inf"),
        "str": "Zo\u00eb \u2615 \U0001F600", "long_str": "\u00fc" * 300, "char": "c",
        "bytes": b"\x00\xffab", "long_bytes": bytes(range(256)) * 2,
        "list": [1, "two", 3.0, [None, [4]]], "tuple": (1, "a"), "tuple5": (1, 2, 3, 4, 5), "empty_tuple": (),
        "dict": {"nested": {"k": [1]}}, "int_keys": {1: "one"}, "list_keys": {(1, "a"): "pair"},
        "set": {1, 2, 3}, "set_of_sets": {frozenset({1})}, "empty_set": set(),
        "local_date_time": dt.datetime(2024, 2, 29, 13, 14, 15, 123456),
        "offset_date_time": dt.datetime(2024, 1, 2, 3, 4, 5, 6, tzinfo=dt.timezone(dt.timedelta(hours=-5, minutes=-30))),
        "zoned": dt.datetime(2024, 10, 27, 2, 30, fold=1, tzinfo=PARIS),
        "instant": dt.datetime(2024, 1, 2, 3, 4, 5, 6, tzinfo=dt.timezone.utc),
        "date": dt.date(9999, 12, 31), "time": dt.time(23, 59, 59, 999999),
        "offset_time": dt.time(1, 2, 3, tzinfo=dt.timezone(dt.timedelta(hours=9))),
        "duration": dt.timedelta(days=-1, seconds=5, microseconds=7),
        "decimal": decimal.Decimal("1.50"), "decimal_exp": decimal.Decimal("-1.2E+5"),
        "zone": PARIS, "offset": dt.timezone(dt.timedelta(hours=2)),
    }


def same(a, b, path="value"):
    """Strict equality: same types all the way down (tuple is not list, frozenset is not set),
    floats by bits, datetimes with their fold, offset and kind of tzinfo."""
    assert type(a) is type(b), f"{path}: {type(a).__name__} {a!r} != {type(b).__name__} {b!r}"
    if isinstance(a, float):
        assert (math.isnan(a) and math.isnan(b)) or (a == b and math.copysign(1, a) == math.copysign(1, b)), \
            f"{path}: {a!r} != {b!r}"
    elif isinstance(a, dict):
        assert list(a) == list(b), f"{path}: keys {list(a)} != {list(b)}"
        for k in a:
            same(a[k], b[k], f"{path}[{k!r}]")
    elif isinstance(a, (list, tuple)):
        assert len(a) == len(b), f"{path}: {a!r} != {b!r}"
        for i, (x, y) in enumerate(zip(a, b)):
            same(x, y, f"{path}[{i}]")
    elif isinstance(a, (set, frozenset)):
        assert a == b, f"{path}: {a!r} != {b!r}"
        for x in a:
            same(x, next(y for y in b if y == x), f"{path}{{{x!r}}}")
    elif isinstance(a, (dt.datetime, dt.time)):
        assert a == b and a.fold == b.fold and type(a.tzinfo) is type(b.tzinfo), f"{path}: {a!r} != {b!r}"
        if isinstance(a, dt.datetime):
            assert a.utcoffset() == b.utcoffset(), f"{path}: {a!r} != {b!r}"
        assert a.tzinfo == b.tzinfo, f"{path}: {a!r} != {b!r}"
    elif isinstance(a, decimal.Decimal):
        assert a.as_tuple() == b.as_tuple(), f"{path}: {a!r} != {b!r}"
    else:
        assert a == b, f"{path}: {a!r} != {b!r}"


COMPRESS = {
    "identity": lambda b: b,
    "zlib": zlib.compress,
    "gzip": gzip.compress,
    "lzma": lzma.compress,
    "bz2": bz2.compress,
}
DECOMPRESS = {
    "identity": lambda b: b,
    "zlib": zlib.decompress,
    "gzip": gzip.decompress,
    "lzma": lzma.decompress,
    "bz2": bz2.decompress,
}


class Evil:
    """Pickles as a call of os.system: what an unpickler must never run."""

    def __reduce__(self):
        return os.system, ("echo pwned",)


def write_fixtures(folder):
    for proto in (2, 3, 4, 5):
        with open(os.path.join(folder, f"python-pickle-p{proto}.pickle"), "wb") as f:
            f.write(pickle.dumps(python_value(), proto))
    recursive = []
    recursive.append(recursive)
    refused = {
        "python-pickle-recursive.pickle": recursive,
        "python-pickle-os-system.pickle": Evil(),
        "python-pickle-fraction.pickle": {"ratio": fractions.Fraction(1, 3)},
        "python-pickle-type.pickle": [set],
    }
    for name, value in refused.items():
        with open(os.path.join(folder, name), "wb") as f:
            f.write(pickle.dumps(value, pickle.DEFAULT_PROTOCOL))


def main(argv):
    if argv[1] == "write":
        write_fixtures(os.path.dirname(os.path.abspath(__file__)))
    elif argv[1] == "dump":
        sys.stdout.buffer.write(COMPRESS[argv[3]](pickle.dumps(python_value(), int(argv[2]))))
    elif argv[1] == "check":
        got = pickle.loads(DECOMPRESS[argv[2]](sys.stdin.buffer.read()))
        same(got, java_expected())
        print("ok")
    else:
        raise SystemExit(__doc__)


if __name__ == "__main__":
    main(sys.argv)
