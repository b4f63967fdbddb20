package org.valkeycache.testcontainers;

import java.nio.charset.StandardCharsets;

/** Percent-encoding of URL user-info, so any user name or password round-trips through a location. */
final class Urls {

    private Urls() {
    }

    /** @return {@code text} with every byte but the unreserved characters as {@code %XX} (UTF-8) */
    static String encode(String text) {
        StringBuilder sb = new StringBuilder();
        for (byte b : text.getBytes(StandardCharsets.UTF_8)) {
            char c = (char) (b & 0xff);
            if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || "-._~".indexOf(c) >= 0) {
                sb.append(c);
            } else {
                sb.append('%').append(String.format("%02X", b & 0xff));
            }
        }
        return sb.toString();
    }
}
