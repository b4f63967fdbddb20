package org.valkeycache.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.valkeycache.ValkeyCache;
import org.valkeycache.config.CacheConfig;
import org.valkeycache.testsupport.ValkeyServerExtension;

/**
 * Two caches on one database whose prefixes nest ({@code shop} and {@code shop:sessions}): the
 * glob {@code shop:*:*} matches both, yet the pattern operations of {@code shop} must act only
 * on its own keys.
 */
class PrefixIsolationTest {

    @RegisterExtension
    static final ValkeyServerExtension VALKEY = new ValkeyServerExtension();

    private ValkeyCache shop;
    private ValkeyCache sessions;

    private ValkeyCache open(String prefix) {
        return ValkeyCache.open(CacheConfig.builder().location(VALKEY.server().url()).keyPrefix(prefix).build());
    }

    @BeforeEach
    void open() {
        shop = open("shop");
        sessions = open("shop:sessions");
        shop.clear();
        sessions.clear();
        shop.set("cart", 1);
        shop.withVersion(2).set("cart", 2);
        sessions.set("cart", "s1");
        sessions.set("1:user", "s2");
    }

    @AfterEach
    void close() {
        shop.close();
        sessions.close();
    }

    @Test
    void clearLeavesTheKeysOfANestedPrefixAlone() {
        assertThat(shop.clear()).isEqualTo(2);
        assertThat(sessions.get("cart", String.class)).isEqualTo("s1");
        assertThat(sessions.get("1:user", String.class)).isEqualTo("s2");
    }

    @Test
    void keysAndIterKeysListOnlyOwnKeys() {
        assertThat(shop.keys("*")).containsExactly("cart");
        assertThat(shop.iterKeys("*", 1).collect(Collectors.toList())).containsExactly("cart");
        assertThat(sessions.keys("*")).containsExactlyInAnyOrder("cart", "1:user");
    }

    @Test
    void deletePatternDeletesOnlyOwnKeys() {
        assertThat(shop.deletePattern("*")).isEqualTo(1);
        assertThat(shop.withVersion(2).get("cart", Long.class)).isEqualTo(2L);
        assertThat(sessions.keys("*")).hasSize(2);
        assertThat(sessions.get("cart", String.class)).isEqualTo("s1");
    }

    @Test
    void theNestedCacheClearsOnlyItsOwn() {
        assertThat(sessions.clear()).isEqualTo(2);
        assertThat(shop.getMany(List.of("cart"))).containsEntry("cart", 1L);
    }
}
