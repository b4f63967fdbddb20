package org.valkeycache.compressors;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.valkeycache.spi.Compressor;

/**
 * Byte compatibility with the reference implementations of each format, both ways, using their
 * command-line tools (the C libraries Python's bindings, and so django-valkey, use). The tools
 * are installed by {@code scripts/install-valkey.sh} and {@code .ci/run}; a missing tool fails
 * the test with a message saying so.
 */
class CommandLineInteropTest {

    private static final byte[] PAYLOAD = ("{\"hello\": \"world\", \"n\": [1, 2, 3], \"text\": \"ünïcødé\"}\n")
            .repeat(200).getBytes(StandardCharsets.UTF_8);

    private static final String PY_ZLIB_DECOMPRESS =
            "import sys, zlib; sys.stdout.buffer.write(zlib.decompress(sys.stdin.buffer.read()))";
    private static final String PY_ZLIB_COMPRESS =
            "import sys, zlib; sys.stdout.buffer.write(zlib.compress(sys.stdin.buffer.read()))";

    static byte[] run(List<String> command, byte[] input) throws Exception {
        Process p;
        try {
            p = new ProcessBuilder(command).start();
        } catch (IOException e) {
            throw new AssertionError(command.get(0) + " is needed for this interop test and is not installed; "
                    + "run scripts/install-valkey.sh (it installs lz4, zstd, brotli, bzip2, xz-utils and python3)", e);
        }
        CompletableFuture<byte[]> out = CompletableFuture.supplyAsync(() -> readAll(p.getInputStream()));
        CompletableFuture<byte[]> err = CompletableFuture.supplyAsync(() -> readAll(p.getErrorStream()));
        try (OutputStream in = p.getOutputStream()) {
            in.write(input);
        }
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).as(command + " finished").isTrue();
        assertThat(p.exitValue()).as(command + ": " + new String(err.get(), StandardCharsets.UTF_8)).isZero();
        return out.get();
    }

    private static byte[] readAll(InputStream in) {
        try {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static List<String> command(String spec) {
        List<String> cmd = new ArrayList<>();
        if (spec.startsWith("python3 ")) {
            cmd.add("python3");
            cmd.add("-c");
            cmd.add(spec.equals("python3 decompress") ? PY_ZLIB_DECOMPRESS : PY_ZLIB_COMPRESS);
            return cmd;
        }
        cmd.addAll(List.of(spec.split(" ")));
        return cmd;
    }

    @ParameterizedTest(name = "{0}: Java writes, {1} reads")
    @CsvSource({
            "zlib, python3 decompress",
            "gzip, gzip -d -c",
            "lzma, xz -d -c",
            "bz2, bzip2 -d -c",
            "lz4, lz4 -d -c",
            "zstd, zstd -d -c",
            "brotli, brotli -d -c"})
    void theReferenceToolDecodesWhatJavaWrites(String compressor, String decoder) throws Exception {
        Compressor c = CompressorsTest.create(compressor);
        byte[] compressed = c.compress(PAYLOAD);
        assertThat(compressed.length).isLessThan(PAYLOAD.length);
        assertThat(run(command(decoder), compressed)).isEqualTo(PAYLOAD);
    }

    @ParameterizedTest(name = "{0}: {1} writes, Java reads")
    @CsvSource({
            "zlib, python3 compress",
            "gzip, gzip -c",
            "lzma, xz -c",
            "bz2, bzip2 -c",
            "lz4, lz4 -c",
            "zstd, zstd -c",
            "brotli, brotli -c"})
    void javaDecodesWhatTheReferenceToolWrites(String compressor, String encoder) throws Exception {
        byte[] compressed = run(command(encoder), PAYLOAD);
        assertThat(CompressorsTest.create(compressor).decompress(compressed)).isEqualTo(PAYLOAD);
    }
}
