package org.valkeycache.config;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;
import org.valkeycache.CacheConfigurationException;

/**
 * One server address parsed from a URL:
 * <ul>
 *   <li>{@code valkey://[[user]:[password]@]host[:port][/db][?db=N]} plain TCP
 *       ({@code redis://} is accepted too);</li>
 *   <li>{@code valkeys://...} the same over TLS ({@code rediss://} too);</li>
 *   <li>{@code unix://[[user]:[password]@]/path/to/socket[?db=N]} a Unix socket.</li>
 * </ul>
 * The default port is 6379 and the default database 0; a {@code ?db=} query wins over the path.
 * The user-info ends at the last {@code @} of the URL, so a password may hold any character
 * (see {@link #parse}); user and password are percent-decoded. {@link #toString()} and every
 * error message mask the password. Immutable.
 */
public final class ValkeyLocation {

    /** The port used when a URL names none. */
    public static final int DEFAULT_PORT = 6379;

    private static final Pattern SCHEME = Pattern.compile("[A-Za-z][A-Za-z0-9+.-]*");
    /** A comma (with any whitespace and empty entries) that the next URL's scheme follows. */
    private static final Pattern LIST_SEPARATOR = Pattern.compile("\\s*,[\\s,]*(?=[A-Za-z][A-Za-z0-9+.-]*://)");
    private static final Pattern PASSWORD_QUERY = Pattern.compile("([?&]password=)[^&]*", Pattern.CASE_INSENSITIVE);

    private final String scheme;
    private final String host;
    private final int port;
    private final String socketPath;
    private final String username;
    private final String password;
    private final int database;
    private final Map<String, String> query;
    private final String url;

    private ValkeyLocation(String url, String scheme, String host, int port, String socketPath, String username,
            String password, int database, Map<String, String> query) {
        this.url = url;
        this.scheme = scheme;
        this.host = host;
        this.port = port;
        this.socketPath = socketPath;
        this.username = username;
        this.password = password;
        this.database = database;
        this.query = Collections.unmodifiableMap(query);
    }

    /**
     * Parses a location URL.
     *
     * <p>The user-info is everything between {@code ://} and the <em>last</em> {@code @} of the
     * URL, so a password may contain any character, {@code @ / ? # , : ; % & = +} and spaces
     * included, raw or percent-encoded. The user name ends at the first {@code :} of the user-info
     * and must not contain a raw {@code / ? #} (percent-encode them). Consequently a raw
     * {@code @} may appear only in the user-info: write {@code %40} in a query value or socket
     * path; a user-info that looks like a query with a raw {@code @} ({@code ?password=p@ss}) is
     * refused, so a password holding {@code ?password=} or {@code &password=} must be
     * percent-encoded. {@code %XX} sequences are decoded as UTF-8; a {@code %} not followed by two
     * hex digits is kept as it is, and {@code +} is a plus sign.
     *
     * @param url the URL
     * @return the parsed location
     * @throws CacheConfigurationException when the URL is null, blank or malformed; the message
     *     shows the URL with its password masked
     */
    public static ValkeyLocation parse(String url) {
        if (url == null || url.isBlank()) {
            throw new CacheConfigurationException("location: a URL is required, got " + (url == null ? "null" : "a blank string"));
        }
        String text = url.trim();
        int schemeEnd = schemeEnd(text);
        if (schemeEnd <= 0) {
            throw bad(text, "missing scheme; expected valkey://, valkeys:// or unix://");
        }
        String scheme = text.substring(0, schemeEnd).toLowerCase(Locale.ROOT);
        switch (scheme) {
            case "valkey", "redis", "valkeys", "rediss", "unix" -> {}
            default -> throw bad(text, "unknown scheme '" + scheme + "'; expected valkey://, valkeys:// or unix://");
        }
        String rest = text.substring(schemeEnd + 3);
        String username = null;
        String password = null;
        // the user-info first, so that nothing in a password is taken for a query, path or port
        int at = rest.lastIndexOf('@');
        if (at >= 0) {
            String userInfo = rest.substring(0, at);
            rest = rest.substring(at + 1);
            int colon = userInfo.indexOf(':');
            String u = colon < 0 ? userInfo : userInfo.substring(0, colon);
            if (isSuspect(userInfo)) {
                throw bad(text, "a raw '@' after the user-info (write '@' in a query value or socket path as %40),"
                        + " or a user name with a raw '/', '?' or '#', or a password with a raw '?password='"
                        + " or '&password=' (percent-encode them)");
            }
            username = u.isEmpty() ? null : decode(u, text, "user name");
            if (colon >= 0) {
                String p = userInfo.substring(colon + 1);
                password = p.isEmpty() ? null : decode(p, text, "password");
            }
        }
        Map<String, String> query = new LinkedHashMap<>();
        int q = rest.indexOf('?');
        if (q >= 0) {
            for (String pair : rest.substring(q + 1).split("&")) {
                if (pair.isEmpty()) {
                    continue;
                }
                int eq = pair.indexOf('=');
                String k = decode(eq < 0 ? pair : pair.substring(0, eq), text, "query");
                String v = eq < 0 ? "" : decode(pair.substring(eq + 1), text, "query");
                query.put(k, v);
            }
            rest = rest.substring(0, q);
        }
        if (query.containsKey("password") && password == null) {
            password = query.remove("password");
        } else {
            query.remove("password");
        }
        if (query.containsKey("username") && username == null) {
            username = query.remove("username");
        } else {
            query.remove("username");
        }
        Integer dbFromQuery = null;
        if (query.containsKey("db")) {
            dbFromQuery = parseDb(query.remove("db"), text);
        }
        if (scheme.equals("unix")) {
            if (rest.isEmpty() || rest.equals("/")) {
                throw bad(text, "a unix:// location needs a socket path, e.g. unix:///run/valkey.sock");
            }
            int db = dbFromQuery == null ? 0 : dbFromQuery;
            return new ValkeyLocation(text, scheme, null, -1, rest, username, password, db, query);
        }
        String hostPort = rest;
        String path = "";
        int slash = rest.indexOf('/');
        if (slash >= 0) {
            hostPort = rest.substring(0, slash);
            path = rest.substring(slash + 1);
        }
        String host;
        int port = DEFAULT_PORT;
        if (hostPort.startsWith("[")) {
            int close = hostPort.indexOf(']');
            if (close < 0) {
                throw bad(text, "unclosed IPv6 address");
            }
            host = hostPort.substring(1, close);
            String after = hostPort.substring(close + 1);
            if (!after.isEmpty()) {
                if (!after.startsWith(":")) {
                    throw bad(text, "unexpected text after IPv6 address");
                }
                port = parsePort(after.substring(1), text);
            }
        } else {
            int colon = hostPort.lastIndexOf(':');
            host = colon < 0 ? hostPort : hostPort.substring(0, colon);
            if (colon >= 0) {
                port = parsePort(hostPort.substring(colon + 1), text);
            }
        }
        if (host.isEmpty()) {
            throw bad(text, "missing host");
        }
        if (!host.matches("[\\p{L}\\p{N}._:%-]+")) {
            throw bad(text, "host '" + host + "' is not a host name or address"
                    + (host.indexOf(',') >= 0 ? "; in a list of locations every URL starts with its scheme"
                            + " (valkey://h1,valkey://h2)" : ""));
        }
        int db = 0;
        if (dbFromQuery != null) {
            db = dbFromQuery;
        } else if (!path.isEmpty()) {
            db = parseDb(path, text);
        }
        return new ValkeyLocation(text, scheme, host, port, null, username, password, db, query);
    }

    /**
     * Builds a TCP location without parsing a URL.
     *
     * @param host host name or address
     * @param port TCP port
     * @return a plain (non-TLS) location on database 0 without credentials
     */
    public static ValkeyLocation of(String host, int port) {
        Settings.present(host, "location: host must not be null");
        if (port <= 0 || port > 65535) {
            throw new CacheConfigurationException("location: port " + port + " is out of range 1-65535");
        }
        String url = "valkey://" + (host.indexOf(':') >= 0 ? "[" + host + "]" : host) + ":" + port;
        return new ValkeyLocation(url, "valkey", host, port, null, null, null, 0, new LinkedHashMap<>());
    }

    /**
     * Parses a comma-separated list of location URLs. A comma separates two URLs only where the
     * next URL's scheme follows it ({@code ,valkey://}, {@code , rediss://}, ...); any other
     * comma belongs to the URL it is in, so a password may contain commas. Whitespace around the
     * separators and empty entries are ignored.
     *
     * @param urls one URL or a comma-separated list
     * @return the locations, in order; empty when {@code urls} holds no URL
     * @throws CacheConfigurationException when an entry is malformed (the message masks passwords)
     */
    public static List<ValkeyLocation> parseList(String urls) {
        List<ValkeyLocation> locations = new ArrayList<>();
        if (urls == null) {
            return locations;
        }
        for (String url : LIST_SEPARATOR.split(urls.replaceAll("^[\\s,]+|[\\s,]+$", ""))) {
            if (!url.isBlank()) {
                locations.add(parse(url));
            }
        }
        return locations;
    }

    /** Index of "://" when the text before it is a syntactically valid scheme, else -1. */
    private static int schemeEnd(String text) {
        int sep = text.indexOf("://");
        return sep > 0 && SCHEME.matcher(text.substring(0, sep)).matches() ? sep : -1;
    }

    /**
     * Whether a user-info (the text before the last '@') may really be a host, path or query
     * followed by a raw '@', for example {@code h?password=p@ss}: its user name holds a raw
     * '/', '?' or '#', or it holds a {@code ?password=} / {@code &password=} query.
     */
    private static boolean isSuspect(String userInfo) {
        int colon = userInfo.indexOf(':');
        String user = colon < 0 ? userInfo : userInfo.substring(0, colon);
        return user.indexOf('/') >= 0 || user.indexOf('?') >= 0 || user.indexOf('#') >= 0
                || PASSWORD_QUERY.matcher(userInfo).find();
    }

    private static int parsePort(String s, String url) {
        try {
            int p = Integer.parseInt(s);
            if (p <= 0 || p > 65535) {
                throw bad(url, "port " + p + " is out of range 1-65535");
            }
            return p;
        } catch (NumberFormatException e) {
            throw bad(url, "port '" + s + "' is not a number");
        }
    }

    private static int parseDb(String s, String url) {
        try {
            int db = Integer.parseInt(s);
            if (db < 0) {
                throw bad(url, "database " + db + " is negative");
            }
            return db;
        } catch (NumberFormatException e) {
            throw bad(url, "database '" + s + "' is not a number");
        }
    }

    /**
     * Percent-decodes {@code s}: each run of {@code %XX} is read as UTF-8 bytes; a {@code %} not
     * followed by two hex digits, {@code +} and every other character stay as they are.
     */
    private static String decode(String s, String url, String what) {
        if (s.indexOf('%') < 0) {
            return s;
        }
        StringBuilder out = new StringBuilder(s.length());
        byte[] run = new byte[s.length() / 3];
        int i = 0;
        while (i < s.length()) {
            int n = 0;
            while (isEscape(s, i)) {
                run[n++] = (byte) Integer.parseInt(s.substring(i + 1, i + 3), 16);
                i += 3;
            }
            if (n > 0) {
                try {
                    out.append(StandardCharsets.UTF_8.newDecoder()
                            .onMalformedInput(CodingErrorAction.REPORT)
                            .onUnmappableCharacter(CodingErrorAction.REPORT)
                            .decode(ByteBuffer.wrap(run, 0, n)));
                } catch (CharacterCodingException e) {
                    throw bad(url, "the " + what + " has a percent-encoding that is not UTF-8");
                }
            } else {
                out.append(s.charAt(i++));
            }
        }
        return out.toString();
    }

    private static boolean isEscape(String s, int i) {
        return i + 2 < s.length() && s.charAt(i) == '%' && isHex(s.charAt(i + 1)) && isHex(s.charAt(i + 2));
    }

    private static boolean isHex(char c) {
        return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
    }

    private static CacheConfigurationException bad(String url, String why) {
        return new CacheConfigurationException("location '" + mask(url) + "': " + why);
    }

    /**
     * Masks the credentials of a URL for messages and logs, by the rule {@link #parse} uses: the
     * user-info is everything between {@code ://} and the last {@code @}. Its user name is kept
     * and its password becomes {@code ***}; without a proper {@code scheme://} the whole
     * user-info becomes {@code ***}, and when the split is suspect (the user name holds a raw
     * {@code / ? #}, or the user-info a {@code ?password=} query) everything after {@code ://}
     * does. {@code password=} query values are masked too.
     *
     * @param url a location URL
     * @return the URL with the password part replaced by {@code ***}
     */
    public static String mask(String url) {
        if (url == null) {
            return "null";
        }
        String masked = url;
        int at = masked.lastIndexOf('@');
        if (at >= 0) {
            int sep = schemeEnd(masked);
            int start = sep >= 0 && sep < at ? sep + 3 : 0;
            String userInfo = masked.substring(start, at);
            int colon = userInfo.indexOf(':');
            String user = colon < 0 ? userInfo : userInfo.substring(0, colon);
            if (start > 0 && isSuspect(userInfo)) {
                // e.g. a raw '@' in a query password: nothing after "://" can be trusted
                return masked.substring(0, start) + "***";
            }
            // without a proper "scheme://" nothing tells a user name from a password
            String shown = start == 0 ? "***" : colon < 0 ? user : user + ":***";
            masked = masked.substring(0, start) + shown + masked.substring(at);
        }
        return PASSWORD_QUERY.matcher(masked).replaceAll("$1***");
    }

    /**
     * Whether the connection uses TLS ({@code valkeys://} or {@code rediss://}).
     *
     * @return true for TLS
     */
    public boolean tls() {
        return scheme.equals("valkeys") || scheme.equals("rediss");
    }

    /**
     * Whether this is a Unix socket location.
     *
     * @return true for {@code unix://}
     */
    public boolean isUnixSocket() {
        return socketPath != null;
    }

    /**
     * The URL scheme, lower-cased.
     *
     * @return the scheme
     */
    public String scheme() {
        return scheme;
    }

    /**
     * The host name or address.
     *
     * @return the host, or {@code null} for a Unix socket
     */
    public String host() {
        return host;
    }

    /**
     * The TCP port.
     *
     * @return the port, or {@code -1} for a Unix socket
     */
    public int port() {
        return port;
    }

    /**
     * The Unix socket path.
     *
     * @return the path, or {@code null} for TCP locations
     */
    public String socketPath() {
        return socketPath;
    }

    /**
     * The ACL user name.
     *
     * @return the user, or {@code null} for the default user
     */
    public String username() {
        return username;
    }

    /**
     * The password. Handle with care: never log it.
     *
     * @return the password, or {@code null} when none is set
     */
    public String password() {
        return password;
    }

    /**
     * The logical database number.
     *
     * @return the database, 0 by default
     */
    public int database() {
        return database;
    }

    /**
     * Query parameters other than {@code db}, {@code username} and {@code password}.
     *
     * @return an unmodifiable map
     */
    public Map<String, String> query() {
        return query;
    }

    /**
     * A copy of this location with another host and port, keeping scheme, credentials and
     * database (used when a topology discovers addresses, e.g. through Sentinel).
     *
     * @param newHost host
     * @param newPort port
     * @return the new location
     */
    public ValkeyLocation withAddress(String newHost, int newPort) {
        String newScheme = scheme.equals("unix") ? "valkey" : scheme;
        return new ValkeyLocation(null, newScheme, newHost, newPort, null,
                username, password, database, new LinkedHashMap<>(query));
    }

    /**
     * The URL exactly as it was written (trimmed), for uses that must agree with other programs
     * reading the same settings, such as the node names of a shard ring. It may contain the
     * password: never log or show it; use {@link #toString()} for messages. A location made by
     * {@link #of} or {@link #withAddress} has no written form and answers a URL built from its
     * parts.
     *
     * @return the URL as written
     */
    public String url() {
        if (url != null) {
            return url;
        }
        StringBuilder sb = new StringBuilder(scheme).append("://");
        if (username != null || password != null) {
            sb.append(username == null ? "" : username);
            if (password != null) {
                sb.append(':').append(password);
            }
            sb.append('@');
        }
        sb.append(address());
        if (database != 0) {
            sb.append('/').append(database);
        }
        return sb.toString();
    }

    /**
     * The address as {@code host:port} (or the socket path), for messages.
     *
     * @return the address
     */
    public String address() {
        if (socketPath != null) {
            return "unix:" + socketPath;
        }
        return (host.indexOf(':') >= 0 ? "[" + host + "]" : host) + ":" + port;
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof ValkeyLocation other)) {
            return false;
        }
        return scheme.equals(other.scheme) && Objects.equals(host, other.host) && port == other.port
                && Objects.equals(socketPath, other.socketPath) && Objects.equals(username, other.username)
                && Objects.equals(password, other.password) && database == other.database
                && query.equals(other.query);
    }

    @Override
    public int hashCode() {
        return Objects.hash(scheme, host, port, socketPath, username, database);
    }

    /** The URL with the password masked as {@code ***}. */
    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder(scheme).append("://");
        if (username != null || password != null) {
            if (username != null) {
                sb.append(username);
            }
            if (password != null) {
                sb.append(":***");
            }
            sb.append('@');
        }
        if (socketPath != null) {
            sb.append(socketPath);
            if (database != 0) {
                sb.append("?db=").append(database);
            }
        } else {
            sb.append(address());
            if (database != 0) {
                sb.append('/').append(database);
            }
        }
        return sb.toString();
    }
}
