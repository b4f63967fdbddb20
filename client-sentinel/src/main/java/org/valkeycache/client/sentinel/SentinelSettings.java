package org.valkeycache.client.sentinel;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import javax.net.ssl.SSLSocketFactory;
import org.valkeycache.CacheConfigurationException;
import org.valkeycache.config.CacheConfig;
import org.valkeycache.config.ValkeyLocation;
import org.valkeycache.internal.TlsTrust;

/**
 * The sentinel client's reading of a {@link CacheConfig}: the service (and the data nodes'
 * scheme, credentials and database) from the location, the sentinels and their credentials and
 * TLS from the options. Every mistake is a {@link CacheConfigurationException} naming the setting.
 */
final class SentinelSettings {

    /** The port of a sentinel listed without one, as Valkey Sentinel's own default. */
    static final int DEFAULT_SENTINEL_PORT = 26379;
    static final Duration DEFAULT_REDISCOVER_INTERVAL = Duration.ofMillis(500);

    final String service;
    /** Scheme, credentials and database of the data nodes; the address is replaced by discovery. */
    final ValkeyLocation dataTemplate;
    final List<HostPort> sentinels;
    final String sentinelUser;
    final String sentinelPassword;
    /** null when sentinels are reached without TLS. */
    final SSLSocketFactory sentinelTls;
    final boolean sentinelTlsVerifyHost;
    final boolean readFromReplicas;
    final Duration rediscoverInterval;
    final int connectMillis;
    final int requestMillis;

    /** A sentinel's or data node's address. */
    record HostPort(String host, int port) {
        @Override
        public String toString() {
            return (host.indexOf(':') >= 0 ? "[" + host + "]" : host) + ":" + port;
        }
    }

    private SentinelSettings(CacheConfig config) {
        List<ValkeyLocation> locations = config.locations();
        if (locations.size() != 1) {
            throw new CacheConfigurationException("location: the sentinel client takes one location naming the service, "
                    + "valkey://[user:password@]<service>[/db], got " + locations.size() + ": " + locations);
        }
        ValkeyLocation location = locations.get(0);
        if (location.isUnixSocket()) {
            throw new CacheConfigurationException("location " + location + ": the sentinel client names a service, "
                    + "valkey://<service>[/db], not a unix socket");
        }
        if (location.port() != ValkeyLocation.DEFAULT_PORT) {
            throw new CacheConfigurationException("location " + location + ": with the sentinel client the location "
                    + "names the service ('" + location.host() + "') and has no port; list the sentinels in options."
                    + SentinelValkeyClient.SENTINELS);
        }
        this.service = location.host();
        this.dataTemplate = location;
        this.sentinels = parseSentinels(config.option(SentinelValkeyClient.SENTINELS, null), service);
        this.sentinelUser = blankToNull(config.option(SentinelValkeyClient.SENTINEL_USERNAME, null));
        this.sentinelPassword = blankToNull(config.option(SentinelValkeyClient.SENTINEL_PASSWORD, null));
        if (sentinelUser != null && sentinelPassword == null) {
            throw new CacheConfigurationException("options." + SentinelValkeyClient.SENTINEL_USERNAME
                    + ": a sentinel user needs options." + SentinelValkeyClient.SENTINEL_PASSWORD);
        }
        boolean tls = config.booleanOption(SentinelValkeyClient.SENTINEL_TLS, false);
        boolean insecure = config.booleanOption(SentinelValkeyClient.SENTINEL_TLS_INSECURE, false);
        String caFile = config.option(SentinelValkeyClient.SENTINEL_TLS_CA_FILE, null);
        if (!tls && (insecure || caFile != null)) {
            throw new CacheConfigurationException("options." + (caFile != null ? SentinelValkeyClient.SENTINEL_TLS_CA_FILE
                    : SentinelValkeyClient.SENTINEL_TLS_INSECURE) + ": set options." + SentinelValkeyClient.SENTINEL_TLS
                    + "=true to reach the sentinels over TLS");
        }
        this.sentinelTls = tls ? tlsFactory(caFile, insecure) : null;
        this.sentinelTlsVerifyHost = !insecure;
        this.readFromReplicas = config.booleanOption(SentinelValkeyClient.READ_FROM_REPLICAS, false);
        this.rediscoverInterval = config.durationOption(SentinelValkeyClient.REDISCOVER_INTERVAL, DEFAULT_REDISCOVER_INTERVAL);
        this.connectMillis = (int) Math.min(Integer.MAX_VALUE, config.connectTimeout().toMillis());
        this.requestMillis = (int) Math.min(Integer.MAX_VALUE, config.requestTimeout().toMillis());
    }

    static SentinelSettings from(CacheConfig config) {
        return new SentinelSettings(config);
    }

    /** @return the data-node location at {@code address}, with the location's scheme, credentials and database */
    ValkeyLocation dataNode(HostPort address) {
        return dataTemplate.withAddress(address.host(), address.port());
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s;
    }

    static List<HostPort> parseSentinels(String raw, String service) {
        String setting = "options." + SentinelValkeyClient.SENTINELS;
        if (raw == null || raw.isBlank()) {
            throw new CacheConfigurationException(setting + ": required by the sentinel client: a comma-separated list "
                    + "of host:port of the sentinels that monitor '" + service + "', e.g. 10.0.0.1:26379,10.0.0.2:26379");
        }
        Set<HostPort> out = new LinkedHashSet<>();
        String[] entries = raw.split(",", -1);
        for (int i = 0; i < entries.length; i++) {
            String entry = entries[i].trim();
            if (entry.isEmpty()) {
                throw new CacheConfigurationException(setting + ": entry " + (i + 1) + " of '" + raw + "' is empty");
            }
            out.add(parseAddress(entry, setting));
        }
        return List.copyOf(new ArrayList<>(out));
    }

    private static HostPort parseAddress(String entry, String setting) {
        if (entry.contains("://") || entry.contains("@") || entry.contains("/")) {
            throw new CacheConfigurationException(setting + ": '" + ValkeyLocation.mask(entry)
                    + "' is not host:port (sentinel credentials go in options." + SentinelValkeyClient.SENTINEL_USERNAME
                    + " and options." + SentinelValkeyClient.SENTINEL_PASSWORD + ")");
        }
        String host;
        String port = null;
        if (entry.startsWith("[")) {
            int close = entry.indexOf(']');
            if (close < 0) {
                throw new CacheConfigurationException(setting + ": '" + entry + "' has an unclosed IPv6 address");
            }
            host = entry.substring(1, close);
            String rest = entry.substring(close + 1);
            if (!rest.isEmpty()) {
                if (!rest.startsWith(":")) {
                    throw new CacheConfigurationException(setting + ": '" + entry + "' is not [IPv6]:port");
                }
                port = rest.substring(1);
            }
        } else {
            int colon = entry.indexOf(':');
            if (colon != entry.lastIndexOf(':')) {
                throw new CacheConfigurationException(setting + ": '" + entry + "' is not host:port (write an IPv6 address as [addr]:port)");
            }
            host = colon < 0 ? entry : entry.substring(0, colon);
            port = colon < 0 ? null : entry.substring(colon + 1);
        }
        if (host.isBlank() || host.chars().anyMatch(Character::isWhitespace)) {
            throw new CacheConfigurationException(setting + ": '" + entry + "' has no valid host");
        }
        int p = DEFAULT_SENTINEL_PORT;
        if (port != null) {
            try {
                p = Integer.parseInt(port);
            } catch (NumberFormatException e) {
                throw new CacheConfigurationException(setting + ": '" + entry + "' has a port that is not a number");
            }
            if (p <= 0 || p > 65535) {
                throw new CacheConfigurationException(setting + ": '" + entry + "' has port " + p + ", outside 1-65535");
            }
        }
        return new HostPort(host.toLowerCase(Locale.ROOT), p);
    }

    private static SSLSocketFactory tlsFactory(String caFile, boolean insecure) {
        return TlsTrust.socketFactory(caFile, insecure, "options." + SentinelValkeyClient.SENTINEL_TLS_CA_FILE,
                "for TLS to the sentinels");
    }
}
