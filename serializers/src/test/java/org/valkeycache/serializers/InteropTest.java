package org.valkeycache.serializers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.valkeycache.serializers.MsgPackSerializerTest.hex;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Bytes exchanged with other languages: fixtures in src/test/resources/interop (see its README). */
class InteropTest {

    private final JsonSerializer json = new JsonSerializer();
    private final MsgPackSerializer msgpack = new MsgPackSerializer();

    private static Map<String, Object> fixtureValue() {
        Map<String, Object> value = new LinkedHashMap<>();
        value.put("name", "Zoë ☕ 😀");
        value.put("count", 3);
        value.put("ratio", 1.0);
        value.put("pi", 3.25);
        value.put("ok", true);
        value.put("nothing", null);
        value.put("tags", List.of("a", "b"));
        value.put("nested", Map.of("list", List.of(1, List.of(2, 3), Map.of("k", false))));
        return value;
    }

    private static byte[] resource(String name) throws IOException {
        try (InputStream in = InteropTest.class.getResourceAsStream("/interop/" + name)) {
            assertThat(in).as(name).isNotNull();
            return in.readAllBytes();
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"python-json-fixture.json", "python-json-fixture-utf8.json"})
    void javaReadsPythonJson(String file) throws IOException {
        Object value = json.deserialize(resource(file));
        assertThat(value).isEqualTo(fixtureValue());
        assertThat(((Map<?, ?>) value).get("ratio")).isInstanceOf(Double.class);
    }

    @Test
    void pythonReadsJavaJson() throws Exception {
        byte[] bytes = json.serialize(fixtureValue());
        String script = "import json,sys\n"
                + "v = json.loads(sys.stdin.buffer.read().decode('utf-8'))\n"
                + "expected = {'name': 'Zo\\u00eb \\u2615 \\U0001F600', 'count': 3, 'ratio': 1.0, 'pi': 3.25,"
                + " 'ok': True, 'nothing': None, 'tags': ['a', 'b'],"
                + " 'nested': {'list': [1, [2, 3], {'k': False}]}}\n"
                + "assert v == expected, v\n"
                + "assert isinstance(v['ratio'], float) and isinstance(v['count'], int)\n"
                + "sys.stdout.write(json.dumps(v, sort_keys=True, separators=(',', ':'), ensure_ascii=False))\n";
        String out = runPython(script, bytes);
        assertThat(out).startsWith("{\"count\":3,");
    }

    private static String runPython(String script, byte[] stdin) throws Exception {
        return new String(Processes.run(List.of("python3", "-c", script), stdin), StandardCharsets.UTF_8);
    }

    @Test
    void msgpackSmallMapMatchesTheSpecBothWays() {
        assertThat(msgpack.serialize(Map.of("a", 1))).isEqualTo(hex("81 A1 61 01"));
        assertThat(msgpack.deserialize(hex("81 A1 61 01"))).isEqualTo(Map.of("a", 1));
    }

    @Test
    void msgpackOtherHandWrittenValues() {
        List<Object> list = Arrays.asList("x", true, null);
        assertThat(msgpack.serialize(list)).isEqualTo(hex("93 A1 78 C3 C0"));
        assertThat(msgpack.deserialize(hex("93 A1 78 C3 C0"))).isEqualTo(list);
        assertThat(msgpack.serialize(1.5)).isEqualTo(hex("CB 3F F8 00 00 00 00 00 00"));
        assertThat(msgpack.deserialize(hex("CB 3F F8 00 00 00 00 00 00"))).isEqualTo(1.5);
        assertThat(msgpack.serialize(List.of(-1))).isEqualTo(hex("91 FF"));
        assertThat(msgpack.deserialize(hex("91 FF"))).isEqualTo(List.of(-1));
        // Python msgpack writes str8 (D9) for 32..255-byte strings with use_bin_type=True (the default)
        String s32 = "a".repeat(32);
        byte[] str8 = new byte[34];
        str8[0] = (byte) 0xD9;
        str8[1] = 32;
        Arrays.fill(str8, 2, 34, (byte) 'a');
        assertThat(msgpack.deserialize(str8)).isEqualTo(s32);
        assertThat(msgpack.serialize(s32)).isEqualTo(str8);
    }
}
