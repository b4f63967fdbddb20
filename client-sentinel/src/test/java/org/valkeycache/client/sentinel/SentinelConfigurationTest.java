package org.valkeycache.client.sentinel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.valkeycache.CacheConfigurationException;
import org.valkeycache.ValkeyCache;
import org.valkeycache.client.sentinel.SentinelSettings.HostPort;
import org.valkeycache.client.glide.DefaultValkeyClient;
import org.valkeycache.config.CacheConfig;
import org.valkeycache.config.internal.Plugins;

/** Every configuration mistake is a {@link CacheConfigurationException} naming the setting, before any connection. */
class SentinelConfigurationTest {

    static CacheConfig.Builder valid() {
        return CacheConfig.builder().location("valkey://mymaster/2").clientClass("sentinel")
                .option(SentinelValkeyClient.SENTINELS, "127.0.0.1:26379");
    }

    static void refused(CacheConfig.Builder config, String... fragments) {
        var thrown = assertThatThrownBy(() -> ValkeyCache.open(config.build())).isInstanceOf(CacheConfigurationException.class);
        for (String f : fragments) {
            thrown.hasMessageContaining(f);
        }
    }

    @Test
    void theLocationNamesTheServiceDatabaseAndDataNodeCredentials() {
        SentinelSettings s = SentinelSettings.from(CacheConfig.builder().location("valkeys://app:s3cret@mymaster/2")
                .option(SentinelValkeyClient.SENTINELS, " 10.0.0.1:26379 , 10.0.0.2 ,[::1]:26380,10.0.0.1:26379").build());
        assertThat(s.service).isEqualTo("mymaster");
        assertThat(s.sentinels).containsExactly(new HostPort("10.0.0.1", 26379), new HostPort("10.0.0.2", 26379),
                new HostPort("::1", 26380));
        var node = s.dataNode(new HostPort("10.0.0.9", 7000));
        assertThat(node.tls()).isTrue();
        assertThat(node.username()).isEqualTo("app");
        assertThat(node.password()).isEqualTo("s3cret");
        assertThat(node.database()).isEqualTo(2);
        assertThat(node.address()).isEqualTo("10.0.0.9:7000");
        assertThat(s.readFromReplicas).isFalse();
        assertThat(s.sentinelTls).isNull();
    }

    @Test
    void theSameSettingsComeFromAPropertiesFile() {
        Properties p = new Properties();
        p.putAll(Map.of("cache.default.location", "valkey://mymaster/0", "cache.default.clientClass", "sentinel",
                "cache.default.options.sentinels", "127.0.0.1:26379,127.0.0.1:26380",
                "cache.default.options.sentinel.password", "sentinel-secret",
                "cache.default.options.sentinel.read_from_replicas", "true"));
        SentinelSettings s = SentinelSettings.from(CacheConfig.fromProperties(p, "cache.default.", "default"));
        assertThat(s.sentinels).hasSize(2);
        assertThat(s.sentinelPassword).isEqualTo("sentinel-secret");
        assertThat(s.readFromReplicas).isTrue();
    }

    @Test
    void sentinelsAreRequired() {
        refused(CacheConfig.builder().location("valkey://mymaster").clientClass("sentinel"), "options.sentinels", "required", "mymaster");
        refused(valid().option(SentinelValkeyClient.SENTINELS, "  "), "options.sentinels", "required");
    }

    @Test
    void badSentinelAddressesAreNamed() {
        refused(valid().option(SentinelValkeyClient.SENTINELS, "127.0.0.1:26379,,127.0.0.1:26380"), "options.sentinels", "entry 2", "empty");
        refused(valid().option(SentinelValkeyClient.SENTINELS, "127.0.0.1:abc"), "options.sentinels", "'127.0.0.1:abc'", "not a number");
        refused(valid().option(SentinelValkeyClient.SENTINELS, "127.0.0.1:70000"), "options.sentinels", "70000");
        refused(valid().option(SentinelValkeyClient.SENTINELS, ":26379"), "options.sentinels", "no valid host");
        refused(valid().option(SentinelValkeyClient.SENTINELS, "::1:26379"), "options.sentinels", "[addr]:port");
        refused(valid().option(SentinelValkeyClient.SENTINELS, "[::1"), "options.sentinels", "unclosed");
    }

    @Test
    void aUrlWithCredentialsAsASentinelIsRefusedWithoutEchoingThePassword() {
        assertThatThrownBy(() -> ValkeyCache.open(valid().option(SentinelValkeyClient.SENTINELS,
                "valkey://user:topsecret@10.0.0.1:26379").build()))
                .isInstanceOf(CacheConfigurationException.class)
                .hasMessageContaining("options.sentinels").hasMessageContaining("options.sentinel.password")
                .hasMessageNotContaining("topsecret");
    }

    @Test
    void theLocationMustNameOneServiceWithoutAPort() {
        refused(valid().location("valkey://other"), "location", "one location", "got 2");
        refused(CacheConfig.builder().location("valkey://mymaster:7000").clientClass("sentinel")
                .option(SentinelValkeyClient.SENTINELS, "127.0.0.1:26379"), "location", "'mymaster'", "options.sentinels");
        refused(CacheConfig.builder().location("unix:///run/valkey.sock").clientClass("sentinel")
                .option(SentinelValkeyClient.SENTINELS, "127.0.0.1:26379"), "location", "unix socket");
    }

    @Test
    void anEmptyServiceNameIsRefusedByTheLocation() {
        assertThatThrownBy(() -> CacheConfig.builder().location("valkey:///0").clientClass("sentinel").build())
                .isInstanceOf(CacheConfigurationException.class).hasMessageContaining("location").hasMessageContaining("missing host");
    }

    @Test
    void badOptionValuesAreNamed() {
        refused(valid().option(SentinelValkeyClient.READ_FROM_REPLICAS, "sometimes"), "options.sentinel.read_from_replicas");
        refused(valid().option(SentinelValkeyClient.SENTINEL_TLS, "yes please"), "options.sentinel.tls");
        refused(valid().option(SentinelValkeyClient.REDISCOVER_INTERVAL, "0"), "options.sentinel.rediscover_interval");
        refused(valid().option(SentinelValkeyClient.SENTINEL_USERNAME, "watcher"), "options.sentinel.username", "options.sentinel.password");
        refused(valid().option(SentinelValkeyClient.SENTINEL_TLS_CA_FILE, "/tmp/ca.pem"), "options.sentinel.tls.ca_file", "options.sentinel.tls=true");
        refused(valid().option(SentinelValkeyClient.SENTINEL_TLS, "true")
                .option(SentinelValkeyClient.SENTINEL_TLS_CA_FILE, "/no/such/ca.pem"), "options.sentinel.tls.ca_file", "/no/such/ca.pem");
    }

    @Test
    void theSentinelStrategyDeclaresItsOptionsAndThoseOfItsDataNodeConnections() {
        assertThat(Plugins.declaredOptions(SentinelValkeyClient.class)).contains(SentinelValkeyClient.SENTINELS,
                SentinelValkeyClient.SENTINEL_USERNAME, SentinelValkeyClient.SENTINEL_PASSWORD,
                SentinelValkeyClient.SENTINEL_TLS, SentinelValkeyClient.SENTINEL_TLS_CA_FILE,
                SentinelValkeyClient.SENTINEL_TLS_INSECURE, SentinelValkeyClient.READ_FROM_REPLICAS,
                SentinelValkeyClient.REDISCOVER_INTERVAL)
                .containsAll(Plugins.declaredOptions(DefaultValkeyClient.class));
        assertThatThrownBy(() -> ValkeyCache.open(valid().option("sentinel.read_from_replica", "true").build()))
                .isInstanceOf(CacheConfigurationException.class)
                .hasMessageContaining("options.sentinel.read_from_replica")
                .hasMessageContaining("options.sentinel.read_from_replicas");
    }

    @Test
    void switchMessagesAreParsedOnlyForTheService() {
        assertThat(SentinelWatcher.parseSwitch("mymaster 127.0.0.1 6379 127.0.0.1 6380", "mymaster"))
                .isEqualTo(new HostPort("127.0.0.1", 6380));
        assertThat(SentinelWatcher.parseSwitch("other 127.0.0.1 6379 127.0.0.1 6380", "mymaster")).isNull();
        assertThat(SentinelWatcher.parseSwitch("mymaster 127.0.0.1 6379", "mymaster")).isNull();
        assertThat(SentinelWatcher.parseInstance("slave 127.0.0.1:6380 127.0.0.1 6380 @ mymaster 127.0.0.1 6379", "mymaster"))
                .isEqualTo(new HostPort("127.0.0.1", 6380));
        assertThat(SentinelWatcher.parseInstance("slave 127.0.0.1:6380 127.0.0.1 6380 @ other 127.0.0.1 6379", "mymaster")).isNull();
    }
}
