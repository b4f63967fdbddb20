package org.valkeycache.serializers;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/** Runs the reference tools (python3, lz4, zstd, brotli) that the interop tests compare against. */
final class Processes {

    private Processes() {
    }

    /**
     * Runs a command with {@code stdin} as its input and returns its standard output; fails the
     * test when it cannot start, does not finish within a minute, or exits non-zero.
     */
    static byte[] run(List<String> command, byte[] stdin) throws Exception {
        Process p;
        try {
            p = new ProcessBuilder(command).start();
        } catch (IOException e) {
            throw new AssertionError(command.get(0) + " is needed for this interop test and is not installed; "
                    + "run scripts/install-valkey.sh (it installs python3, lz4, zstd and brotli with the other test tools)", e);
        }
        CompletableFuture<byte[]> out = CompletableFuture.supplyAsync(() -> readAll(p.getInputStream()));
        CompletableFuture<byte[]> err = CompletableFuture.supplyAsync(() -> readAll(p.getErrorStream()));
        try (OutputStream in = p.getOutputStream()) {
            in.write(stdin);
        }
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).as(command + " finished").isTrue();
        assertThat(p.exitValue()).as(command + ": " + new String(err.get(), StandardCharsets.UTF_8)
                + new String(out.get(), StandardCharsets.UTF_8)).isZero();
        return out.get();
    }

    private static byte[] readAll(InputStream in) {
        try {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
