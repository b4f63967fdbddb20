package org.valkeycache.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.OptionalInt;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class DefaultKeyFunctionTest {

    private final KeyFunction kf = KeyFunction.DEFAULT;

    @Test
    void defaultIsTheDefaultKeyFunction() {
        assertThat(kf).isInstanceOf(DefaultKeyFunction.class);
        assertThat(kf).hasToString("prefix:version:key");
    }

    @ParameterizedTest
    @CsvSource({
            "key, shop, 1, shop:1:key",
            "key, '', 1, :1:key",
            "user:42, shop, 3, shop:3:user:42",
            "k, a:b, 2, a:b:2:k",
            "k, p, -1, p:-1:k",
            "k, p, 0, p:0:k",
            "*weird?, p[1], 5, p[1]:5:*weird?",
    })
    void makeKeyIsPrefixVersionKey(String key, String prefix, int version, String expected) {
        assertThat(kf.makeKey(key, prefix, version)).isEqualTo(expected);
    }

    @ParameterizedTest
    @CsvSource({
            "key, shop, 1",
            "key, '', 1",
            "user:42, shop, 3",
            "k, a:b, 2",
            "a:b:c, x:y:z, 10",
            "::, ::, 1",
            "k, p, -7",
            "1:2:3, '', 99",
            "with space, pre fix, 1",
    })
    void reverseKeyRoundTrips(String key, String prefix, int version) {
        String stored = kf.makeKey(key, prefix, version);
        assertThat(kf.reverseKey(stored, prefix)).isEqualTo(key);
    }

    @Test
    void makePatternJoinsPartsVerbatim() {
        assertThat(kf.makePattern("user:*", "shop", "1")).isEqualTo("shop:1:user:*");
        assertThat(kf.makePattern("*", "shop", "*")).isEqualTo("shop:*:*");
        assertThat(kf.makePattern("a?[bc]", "", "2")).isEqualTo(":2:a?[bc]");
        // the prefix arrives escaped already; the function must not unescape or re-escape it
        assertThat(kf.makePattern("k*", "p\\*", "1")).isEqualTo("p\\*:1:k*");
    }

    @Test
    void madeKeyHasTheShapeOfItsPattern() {
        String key = kf.makeKey("user:1", "shop", 4);
        String pattern = kf.makePattern("user:*", "shop", "4");
        assertThat(key).matches(globToRegex(pattern));
        assertThat(kf.makeKey("user:1", "shop", 5)).doesNotMatch(globToRegex(pattern));
        assertThat(key).matches(globToRegex(kf.makePattern("user:*", "shop", "*")));
    }

    private static String globToRegex(String glob) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < glob.length(); i++) {
            char c = glob.charAt(i);
            switch (c) {
                case '*': sb.append(".*"); break;
                case '?': sb.append('.'); break;
                case '\\': sb.append(Pattern.quote(String.valueOf(glob.charAt(++i)))); break;
                default: sb.append(Pattern.quote(String.valueOf(c)));
            }
        }
        return sb.toString();
    }

    @ParameterizedTest(name = "{0} of prefix ''{1}'' at any version: {2}")
    @CsvSource(delimiter = '|', value = {
        "shop:1:cart|shop|true",
        "shop:-7:cart|shop|true",
        "shop:0:|shop|true",
        "shop:sessions:1:cart|shop|false",
        "shop:01:cart|shop|false",
        "shop:+1:cart|shop|false",
        "shop:-0:cart|shop|false",
        "shop:99999999999:cart|shop|false",
        "shop:1|shop|false",
        "shopx:1:cart|shop|false",
        "shop|shop|false",
        "shop:sessions:1:cart|shop:sessions|true",
        ":1:k||true",
        "a:b:1:k|a:b|true",
    })
    void isOwnKeyAtAnyVersionNeedsAVersionAfterThePrefix(String stored, String prefix, boolean own) {
        assertThat(kf.isOwnKey(stored, prefix == null ? "" : prefix, OptionalInt.empty())).isEqualTo(own);
    }

    @ParameterizedTest(name = "{0} at version {1}: {2}")
    @CsvSource({"shop:2:k,2,true", "shop:2:k,1,false", "shop:-2:k,-2,true", "shop:22:k,2,false"})
    void isOwnKeyAtAVersionNeedsThatVersion(String stored, int version, boolean own) {
        assertThat(kf.isOwnKey(stored, "shop", OptionalInt.of(version))).isEqualTo(own);
    }

    @Test
    void everyMadeKeyIsOwn() {
        for (String prefix : new String[] {"", "p", "a:b", "x:1"}) {
            for (int version : new int[] {Integer.MIN_VALUE, -1, 0, 1, 42, Integer.MAX_VALUE}) {
                String made = kf.makeKey("k:1:z", prefix, version);
                assertThat(kf.isOwnKey(made, prefix, OptionalInt.of(version))).as(made).isTrue();
                assertThat(kf.isOwnKey(made, prefix, OptionalInt.empty())).as(made).isTrue();
            }
        }
    }
}
