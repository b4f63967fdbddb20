package org.valkeycache.spring;

import java.time.Duration;
import java.util.Objects;
import org.valkeycache.CacheConfigurationException;
import org.valkeycache.Timeout;

/**
 * What a Spring cache adds to the valkey-cache cache under it: lifetimes (ttl, time-to-idle,
 * jitter, a {@link TtlPolicy}), null values, what an undecodable stored value does, cross-JVM
 * load leases and key conversion. Immutable; {@link #builder()} starts from {@link #defaults()},
 * {@link #mutate()} from this.
 *
 * <p>Lifetimes follow Spring's rule, not Django's: a ttl of {@link Duration#ZERO} means "never
 * expires" (the facade itself keeps Django's "expire at once"). The lifetime of a write is the
 * policy's answer, else {@link #ttl()}, else {@link #timeToIdle()}, else the cache's configured
 * {@code timeout} (zero and {@code none} both meaning "never" here); a positive lifetime then gets
 * a random extra of up to {@link #ttlJitter()}.
 */
public final class SpringCacheSettings {

    /** How long a load waits for another JVM's lease before it loads anyway, unless set: 5 seconds. */
    public static final Duration DEFAULT_LEASE_WAIT = Duration.ofSeconds(5);

    private static final SpringCacheSettings DEFAULTS = new Builder().build();

    private final Duration ttl;
    private final Duration timeToIdle;
    private final Duration ttlJitter;
    private final TtlPolicy ttlPolicy;
    private final boolean allowNullValues;
    private final boolean evictUndecodable;
    private final Duration leaseTimeout;
    private final Duration leaseWait;
    private final KeyConverter keyConverter;

    private SpringCacheSettings(Builder b) {
        this.ttl = b.ttl;
        this.timeToIdle = b.timeToIdle;
        this.ttlJitter = b.ttlJitter;
        this.ttlPolicy = b.ttlPolicy;
        this.allowNullValues = b.allowNullValues;
        this.evictUndecodable = b.evictUndecodable;
        this.leaseTimeout = b.leaseTimeout;
        this.leaseWait = b.leaseWait;
        this.keyConverter = b.keyConverter;
    }

    /**
     * The defaults: the cache's own timeout, no time-to-idle, no jitter, no policy, null values
     * allowed, undecodable values evicted, no cross-JVM lease, {@link KeyConverter#DEFAULT}.
     *
     * @return the defaults
     */
    public static SpringCacheSettings defaults() {
        return DEFAULTS;
    }

    /**
     * A builder holding the defaults.
     *
     * @return the builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * A builder holding these settings.
     *
     * @return the builder
     */
    public Builder mutate() {
        Builder b = new Builder();
        b.ttl = ttl;
        b.timeToIdle = timeToIdle;
        b.ttlJitter = ttlJitter;
        b.ttlPolicy = ttlPolicy;
        b.allowNullValues = allowNullValues;
        b.evictUndecodable = evictUndecodable;
        b.leaseTimeout = leaseTimeout;
        b.leaseWait = leaseWait;
        b.keyConverter = keyConverter;
        return b;
    }

    /**
     * These settings with the cache's configured timeout as the ttl when neither a ttl nor a
     * time-to-idle is set, translated to Spring's rule (zero and {@code none} mean "never").
     *
     * @param cacheTimeout the cache's {@code timeout} setting
     * @return settings whose {@link #ttl()} or {@link #timeToIdle()} is set
     */
    SpringCacheSettings withCacheTimeout(Timeout cacheTimeout) {
        if (ttl != null || timeToIdle != null) {
            return this;
        }
        return mutate().ttl(cacheTimeout.isNever() ? Duration.ZERO : cacheTimeout.duration()).build();
    }

    /** @return the lifetime of writes the policy does not decide; ZERO = never; null = the cache's timeout */
    public Duration ttl() { return ttl; }

    /** @return the idle lifetime every read hit renews, or null for none */
    public Duration timeToIdle() { return timeToIdle; }

    /** @return the largest random extra added to a positive lifetime ({@link Duration#ZERO}: none) */
    public Duration ttlJitter() { return ttlJitter; }

    /** @return the ttl policy, or null */
    public TtlPolicy ttlPolicy() { return ttlPolicy; }

    /** @return whether null values are cached (stored through the serializer's own null) */
    public boolean allowNullValues() { return allowNullValues; }

    /** @return whether an undecodable stored value is deleted, counted and read as a miss (else the read fails) */
    public boolean evictUndecodable() { return evictUndecodable; }

    /** @return the lifetime of a cross-JVM load lease, or null when loads coalesce only within a JVM */
    public Duration leaseTimeout() { return leaseTimeout; }

    /** @return how long a load waits for another JVM's lease before it loads anyway */
    public Duration leaseWait() { return leaseWait; }

    /** @return the key converter */
    public KeyConverter keyConverter() { return keyConverter; }

    @Override
    public String toString() {
        return "SpringCacheSettings[ttl=" + ttl + ", timeToIdle=" + timeToIdle + ", ttlJitter=" + ttlJitter
                + ", ttlPolicy=" + ttlPolicy + ", allowNullValues=" + allowNullValues + ", evictUndecodable="
                + evictUndecodable + ", leaseTimeout=" + leaseTimeout + ", leaseWait=" + leaseWait
                + ", keyConverter=" + keyConverter + "]";
    }

    /** Builds {@link SpringCacheSettings}; each setter checks its argument at once. Not thread-safe. */
    public static final class Builder {
        private Duration ttl;
        private Duration timeToIdle;
        private Duration ttlJitter = Duration.ZERO;
        private TtlPolicy ttlPolicy;
        private boolean allowNullValues = true;
        private boolean evictUndecodable = true;
        private Duration leaseTimeout;
        private Duration leaseWait = DEFAULT_LEASE_WAIT;
        private KeyConverter keyConverter = KeyConverter.DEFAULT;

        private Builder() {
        }

        /**
         * The lifetime of writes.
         *
         * @param ttl zero for "never expires", positive, or null for the cache's {@code timeout}
         * @return this builder
         * @throws CacheConfigurationException when negative
         */
        public Builder ttl(Duration ttl) {
            this.ttl = notNegative(ttl, "ttl");
            return this;
        }

        /**
         * Time-to-idle: every read hit renews the entry's lifetime to this; also the lifetime of
         * writes when no ttl is set.
         *
         * @param timeToIdle positive, or null for none
         * @return this builder
         * @throws CacheConfigurationException when zero or negative
         */
        public Builder timeToIdle(Duration timeToIdle) {
            this.timeToIdle = positiveOrNull(timeToIdle, "time-to-idle");
            return this;
        }

        /**
         * A random extra of up to this much added to every positive lifetime, so that entries
         * written together do not expire together.
         *
         * @param jitter zero or more
         * @return this builder
         */
        public Builder ttlJitter(Duration jitter) {
            this.ttlJitter = Objects.requireNonNullElse(notNegative(jitter, "ttl-jitter"), Duration.ZERO);
            return this;
        }

        /**
         * The ttl policy, asked on every write.
         *
         * @param policy the policy, or null for none
         * @return this builder
         */
        public Builder ttlPolicy(TtlPolicy policy) {
            this.ttlPolicy = policy;
            return this;
        }

        /**
         * Whether null values are cached.
         *
         * @param allow true (the default) to store nulls through the serializer's own null
         * @return this builder
         */
        public Builder allowNullValues(boolean allow) {
            this.allowNullValues = allow;
            return this;
        }

        /**
         * Whether a stored value that cannot be decoded (corrupt, of a class no longer allowed,
         * written by an incompatible codec) is deleted, counted in {@code cache.undecodable} and
         * read as a miss (the default), or fails the read.
         *
         * @param evict true to evict
         * @return this builder
         */
        public Builder evictUndecodable(boolean evict) {
            this.evictUndecodable = evict;
            return this;
        }

        /**
         * Coalesces loads of one key across JVMs too: the loading JVM holds an owned lease (a
         * lock key next to the entry) for at most this long; others wait for it up to
         * {@link #leaseWait(Duration)}, then read the value it stored, or load themselves.
         *
         * @param leaseTimeout positive, or null for in-JVM coalescing only (the default)
         * @return this builder
         */
        public Builder leaseTimeout(Duration leaseTimeout) {
            this.leaseTimeout = positiveOrNull(leaseTimeout, "lease-timeout");
            return this;
        }

        /**
         * How long a load waits for another JVM's lease before it loads anyway.
         *
         * @param leaseWait positive; defaults to {@link #DEFAULT_LEASE_WAIT}
         * @return this builder
         */
        public Builder leaseWait(Duration leaseWait) {
            if (leaseWait == null) {
                throw new CacheConfigurationException("lease-wait: must not be null");
            }
            this.leaseWait = positiveOrNull(leaseWait, "lease-wait");
            return this;
        }

        /**
         * How Spring keys become cache keys.
         *
         * @param converter not null
         * @return this builder
         */
        public Builder keyConverter(KeyConverter converter) {
            if (converter == null) {
                throw new CacheConfigurationException("keyConverter: must not be null");
            }
            this.keyConverter = converter;
            return this;
        }

        /**
         * Builds the settings.
         *
         * @return the settings
         */
        public SpringCacheSettings build() {
            return new SpringCacheSettings(this);
        }

        private static Duration notNegative(Duration d, String setting) {
            if (d != null && d.isNegative()) {
                throw new CacheConfigurationException(setting + ": must not be negative, got " + d
                        + " (use 0 for entries that never expire)");
            }
            return d;
        }

        private static Duration positiveOrNull(Duration d, String setting) {
            if (d != null && (d.isNegative() || d.isZero())) {
                throw new CacheConfigurationException(setting + ": must be positive, got " + d);
            }
            return d;
        }
    }
}
