package org.valkeycache.testsupport.contract;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.valkeycache.BackendCommands;

/**
 * Two caches on one database whose prefixes nest ({@code shop} and {@code shop:sessions}): the
 * glob {@code shop:*:*} matches both, yet the pattern operations of {@code shop} must act only
 * on its own keys. Extended through {@link ValkeyCacheCompatibilityKit} or on its own.
 */
public abstract class PrefixIsolationContract extends ContractSupport {

    private BackendCommands shop;
    private BackendCommands sessions;

    /** Subclassed by topologies. */
    protected PrefixIsolationContract() {
    }

    @BeforeEach
    void openCaches() {
        shop = open(config().keyPrefix("shop"));
        sessions = open(config().keyPrefix("shop:sessions"));
        shop.clear();
        sessions.clear();
        shop.set("cart", 1);
        shop.withVersion(2).set("cart", 2);
        sessions.set("cart", "s1");
        sessions.set("1:user", "s2");
        settle();
    }

    @Test
    void clearLeavesTheKeysOfANestedPrefixAlone() {
        assertThat(shop.clear()).isEqualTo(2);
        settle();
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
        settle();
        assertThat(shop.withVersion(2).get("cart", Long.class)).isEqualTo(2L);
        assertThat(sessions.keys("*")).hasSize(2);
        assertThat(sessions.get("cart", String.class)).isEqualTo("s1");
    }

    @Test
    void theNestedCacheClearsOnlyItsOwn() {
        assertThat(sessions.clear()).isEqualTo(2);
        settle();
        assertThat(shop.getMany(List.of("cart"))).containsEntry("cart", 1L);
    }
}
