package org.valkeycache.spi;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import org.valkeycache.internal.Arguments;

/**
 * A Lua script run with {@code EVALSHA} (loaded with {@code SCRIPT LOAD} on a {@code NOSCRIPT}
 * reply). Create each script once, as a constant: clients cache their driver handle by SHA-1.
 */
public final class LuaScript {

    private final String source;
    private final String sha1;

    private LuaScript(String source) {
        this.source = source;
        try {
            byte[] digest = MessageDigest.getInstance("SHA-1").digest(source.getBytes(StandardCharsets.UTF_8));
            this.sha1 = HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK has no SHA-1", e);
        }
    }

    /**
     * @param source the Lua source
     * @return the script
     */
    public static LuaScript of(String source) {
        Arguments.notNull(source, "source");
        if (source.isBlank()) {
            throw new IllegalArgumentException("a Lua script must not be blank");
        }
        return new LuaScript(source);
    }

    /** @return the Lua source */
    public String source() {
        return source;
    }

    /** @return the lower-case hex SHA-1 of the source, as the server names the script */
    public String sha1() {
        return sha1;
    }

    @Override
    public String toString() {
        return "LuaScript[" + sha1 + "]";
    }
}
