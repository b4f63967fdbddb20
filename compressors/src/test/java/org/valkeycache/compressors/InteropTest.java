package org.valkeycache.compressors;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.valkeycache.spi.Compressor;

/** Decodes checked-in fixtures made by CPython and the reference tools; see src/test/resources/interop/README.md. */
class InteropTest {

    static byte[] resource(String name) throws IOException {
        try (InputStream in = InteropTest.class.getResourceAsStream("/interop/" + name)) {
            assertThat(in).as(name).isNotNull();
            return in.readAllBytes();
        }
    }

    @ParameterizedTest
    @CsvSource({"zlib, payload.zlib", "gzip, payload.gz", "lzma, payload.xz", "bz2, payload.bz2",
            "lz4, payload.lz4", "zstd, payload.zst", "brotli, payload.br"})
    void decodesWhatPythonWrote(String name, String fixture) throws IOException {
        byte[] expected = resource("payload.bin");
        assertThat(new String(expected, StandardCharsets.UTF_8))
                .isEqualTo("{\"hello\": \"world\", \"n\": [1, 2, 3]}".repeat(20));
        Compressor c = CompressorsTest.create(name);
        assertThat(c.decompress(resource(fixture))).isEqualTo(expected);
    }
}
