package org.valkeycache.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.assertj.core.api.Assertions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.valkeycache.CacheConfigurationException;

class ValkeyLocationTest {

    private static final String SECRET = "s3cr3tPw";

    @Test
    void plainHostGetsDefaults() {
        ValkeyLocation l = ValkeyLocation.parse("valkey://localhost");
        assertThat(l.scheme()).isEqualTo("valkey");
        assertThat(l.host()).isEqualTo("localhost");
        assertThat(l.port()).isEqualTo(ValkeyLocation.DEFAULT_PORT).isEqualTo(6379);
        assertThat(l.database()).isZero();
        assertThat(l.username()).isNull();
        assertThat(l.password()).isNull();
        assertThat(l.tls()).isFalse();
        assertThat(l.isUnixSocket()).isFalse();
        assertThat(l.socketPath()).isNull();
        assertThat(l.query()).isEmpty();
        assertThat(l.address()).isEqualTo("localhost:6379");
        assertThat(l).hasToString("valkey://localhost:6379");
    }

    @Test
    void hostPortAndDatabase() {
        ValkeyLocation l = ValkeyLocation.parse("valkey://10.0.0.1:6380/3");
        assertThat(l.host()).isEqualTo("10.0.0.1");
        assertThat(l.port()).isEqualTo(6380);
        assertThat(l.database()).isEqualTo(3);
        assertThat(l).hasToString("valkey://10.0.0.1:6380/3");
    }

    @Test
    void trailingSlashMeansDatabaseZero() {
        assertThat(ValkeyLocation.parse("valkey://h:1/").database()).isZero();
    }

    @ParameterizedTest
    @CsvSource({
            "valkey://h, valkey, false",
            "redis://h, redis, false",
            "valkeys://h, valkeys, true",
            "rediss://h, rediss, true",
            "VALKEY://h, valkey, false",
            "Rediss://h, rediss, true",
    })
    void schemes(String url, String scheme, boolean tls) {
        ValkeyLocation l = ValkeyLocation.parse(url);
        assertThat(l.scheme()).isEqualTo(scheme);
        assertThat(l.tls()).isEqualTo(tls);
        assertThat(l.port()).isEqualTo(6379);
        assertThat(l.isUnixSocket()).isFalse();
    }

    @Test
    void userPasswordAndDb() {
        ValkeyLocation l = ValkeyLocation.parse("valkeys://alice:" + SECRET + "@cache.example.com:6390/5");
        assertThat(l.username()).isEqualTo("alice");
        assertThat(l.password()).isEqualTo(SECRET);
        assertThat(l.host()).isEqualTo("cache.example.com");
        assertThat(l.port()).isEqualTo(6390);
        assertThat(l.database()).isEqualTo(5);
        assertThat(l.tls()).isTrue();
        assertThat(l.toString()).doesNotContain(SECRET).isEqualTo("valkeys://alice:***@cache.example.com:6390/5");
    }

    @Test
    void passwordOnly() {
        ValkeyLocation l = ValkeyLocation.parse("redis://:" + SECRET + "@h");
        assertThat(l.username()).isNull();
        assertThat(l.password()).isEqualTo(SECRET);
        assertThat(l.toString()).doesNotContain(SECRET).isEqualTo("redis://:***@h:6379");
    }

    @Test
    void userOnly() {
        ValkeyLocation l = ValkeyLocation.parse("valkey://bob@h");
        assertThat(l.username()).isEqualTo("bob");
        assertThat(l.password()).isNull();
        assertThat(l).hasToString("valkey://bob@h:6379");
    }

    @Test
    void credentialsArePercentDecodedAndPlusIsKept() {
        ValkeyLocation l = ValkeyLocation.parse("valkey://us%40er:p%3Aa%40ss+w%2Fd@h");
        assertThat(l.username()).isEqualTo("us@er");
        assertThat(l.password()).isEqualTo("p:a@ss+w/d");
        assertThat(l.host()).isEqualTo("h");
        assertThat(l.toString()).doesNotContain("p:a@ss").doesNotContain("ss+w");
    }

    @Test
    void passwordContainingAtSignUsesLastAt() {
        ValkeyLocation l = ValkeyLocation.parse("valkey://u:p@ss@h:7000");
        assertThat(l.password()).isEqualTo("p@ss");
        assertThat(l.host()).isEqualTo("h");
        assertThat(l.port()).isEqualTo(7000);
    }

    @Test
    void queryDbWinsOverPath() {
        ValkeyLocation l = ValkeyLocation.parse("valkey://h:6379/2?db=7");
        assertThat(l.database()).isEqualTo(7);
        assertThat(l.query()).doesNotContainKey("db");
    }

    @Test
    void queryCredentialsAreUsedAndRemovedFromQuery() {
        ValkeyLocation l = ValkeyLocation.parse("valkey://h?username=carol&password=" + SECRET + "&foo=bar&flag");
        assertThat(l.username()).isEqualTo("carol");
        assertThat(l.password()).isEqualTo(SECRET);
        assertThat(l.query()).containsOnlyKeys("foo", "flag");
        assertThat(l.query()).containsEntry("foo", "bar").containsEntry("flag", "");
        assertThat(l.toString()).doesNotContain(SECRET);
    }

    @Test
    void userInfoPasswordWinsOverQueryPassword() {
        ValkeyLocation l = ValkeyLocation.parse("valkey://u:first@h?password=second");
        assertThat(l.password()).isEqualTo("first");
        assertThat(l.query()).doesNotContainKey("password");
    }

    @Test
    void queryIsUnmodifiable() {
        ValkeyLocation l = ValkeyLocation.parse("valkey://h?a=1");
        assertThatThrownBy(() -> l.query().put("b", "2")).isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void unixSocket() {
        ValkeyLocation l = ValkeyLocation.parse("unix:///run/valkey.sock");
        assertThat(l.isUnixSocket()).isTrue();
        assertThat(l.socketPath()).isEqualTo("/run/valkey.sock");
        assertThat(l.host()).isNull();
        assertThat(l.port()).isEqualTo(-1);
        assertThat(l.database()).isZero();
        assertThat(l.tls()).isFalse();
        assertThat(l.address()).isEqualTo("unix:/run/valkey.sock");
        assertThat(l).hasToString("unix:///run/valkey.sock");
    }

    @Test
    void unixSocketWithCredentialsAndDb() {
        ValkeyLocation l = ValkeyLocation.parse("unix://dave:" + SECRET + "@/var/run/v.sock?db=4");
        assertThat(l.username()).isEqualTo("dave");
        assertThat(l.password()).isEqualTo(SECRET);
        assertThat(l.socketPath()).isEqualTo("/var/run/v.sock");
        assertThat(l.database()).isEqualTo(4);
        assertThat(l.toString()).doesNotContain(SECRET).isEqualTo("unix://dave:***@/var/run/v.sock?db=4");
    }

    @Test
    void ipv6WithAndWithoutPort() {
        ValkeyLocation a = ValkeyLocation.parse("valkey://[::1]:6380/1");
        assertThat(a.host()).isEqualTo("::1");
        assertThat(a.port()).isEqualTo(6380);
        assertThat(a.database()).isEqualTo(1);
        assertThat(a.address()).isEqualTo("[::1]:6380");
        assertThat(a).hasToString("valkey://[::1]:6380/1");

        ValkeyLocation b = ValkeyLocation.parse("valkey://[fe80::1]");
        assertThat(b.host()).isEqualTo("fe80::1");
        assertThat(b.port()).isEqualTo(6379);
    }

    @Test
    void surroundingWhitespaceIsIgnored() {
        assertThat(ValkeyLocation.parse("  valkey://h:1  ").host()).isEqualTo("h");
    }

    @Test
    void toStringRoundTrips() {
        ValkeyLocation l = ValkeyLocation.parse("valkey://u@h:7/2");
        assertThat(ValkeyLocation.parse(l.toString())).isEqualTo(l);
    }

    @Test
    void equalsAndHashCode() {
        ValkeyLocation a = ValkeyLocation.parse("valkey://u:p@h:1/2");
        ValkeyLocation b = ValkeyLocation.parse("valkey://u:p@h:1?db=2");
        assertThat(a).isEqualTo(b).hasSameHashCodeAs(b);
        assertThat(a).isNotEqualTo(ValkeyLocation.parse("valkey://u:other@h:1/2"));
        assertThat(a).isNotEqualTo(ValkeyLocation.parse("valkeys://u:p@h:1/2"));
    }

    @Test
    void ofBuildsPlainLocation() {
        ValkeyLocation l = ValkeyLocation.of("example", 1234);
        assertThat(l.scheme()).isEqualTo("valkey");
        assertThat(l.host()).isEqualTo("example");
        assertThat(l.port()).isEqualTo(1234);
        assertThat(l.database()).isZero();
        assertThat(l.username()).isNull();
        assertThat(l.password()).isNull();
        assertThat(l).isEqualTo(ValkeyLocation.parse("valkey://example:1234"));
    }

    @ParameterizedTest
    @ValueSource(ints = {0, -1, 65536})
    void ofRejectsBadPorts(int port) {
        assertThatThrownBy(() -> ValkeyLocation.of("h", port))
                .isInstanceOf(CacheConfigurationException.class)
                .hasMessageContaining("port " + port);
    }

    @Test
    void withAddressKeepsCredentialsAndDatabase() {
        ValkeyLocation l = ValkeyLocation.parse("valkeys://u:" + SECRET + "@h:1/3?x=y");
        ValkeyLocation m = l.withAddress("other", 26379);
        assertThat(m.host()).isEqualTo("other");
        assertThat(m.port()).isEqualTo(26379);
        assertThat(m.scheme()).isEqualTo("valkeys");
        assertThat(m.username()).isEqualTo("u");
        assertThat(m.password()).isEqualTo(SECRET);
        assertThat(m.database()).isEqualTo(3);
        assertThat(m.query()).containsEntry("x", "y");

        ValkeyLocation fromUnix = ValkeyLocation.parse("unix:///s.sock?db=2").withAddress("h", 6379);
        assertThat(fromUnix.scheme()).isEqualTo("valkey");
        assertThat(fromUnix.isUnixSocket()).isFalse();
        assertThat(fromUnix.database()).isEqualTo(2);
    }

    // ---- errors ------------------------------------------------------------------------------

    @Test
    void nullAndBlankAreRejected() {
        assertThatThrownBy(() -> ValkeyLocation.parse(null))
                .isInstanceOf(CacheConfigurationException.class).hasMessageContaining("location").hasMessageContaining("null");
        assertThatThrownBy(() -> ValkeyLocation.parse("   "))
                .isInstanceOf(CacheConfigurationException.class).hasMessageContaining("location").hasMessageContaining("blank");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "localhost:6379             | missing scheme",
            "://h                       | missing scheme",
            "http://h                   | unknown scheme 'http'",
            "tcp://h:6379               | unknown scheme 'tcp'",
            "valkey://                  | missing host",
            "valkey://:6379             | missing host",
            "valkey://u@                 | missing host",
            "valkey://h:abc             | port 'abc' is not a number",
            "valkey://h:                | port '' is not a number",
            "valkey://h:0               | port 0 is out of range",
            "valkey://h:65536           | port 65536 is out of range",
            "valkey://h:-1              | out of range",
            "valkey://h/x               | database 'x' is not a number",
            "valkey://h/-1              | database -1 is negative",
            "valkey://h?db=two          | database 'two' is not a number",
            "valkey://h/1/2             | is not a number",
            "valkey://[::1              | unclosed IPv6",
            "valkey://[::1]x            | unexpected text after IPv6",
            "valkey://[::1]:99999       | out of range",
            "unix://                    | socket path",
            "unix:///                   | socket path",
            "valkey://%C3%28@h          | percent-encoding that is not UTF-8",
            "valkey://h1,h2             | host 'h1,h2' is not a host name",
            "valkey://h:1,h2            | port '1,h2' is not a number",
    })
    void malformedUrlsAreRejected(String url, String why) {
        assertThatThrownBy(() -> ValkeyLocation.parse(url))
                .isInstanceOf(CacheConfigurationException.class)
                .hasMessageContaining("location '" + url + "'")
                .hasMessageContaining(why);
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "valkey://u:" + SECRET + "@h:notaport",
            "valkey://:" + SECRET + "@h/x",
            "valkey://h:bad?password=" + SECRET,
            "valkey://h:bad?a=1&password=" + SECRET + "&b=2",
            "unix://u:" + SECRET + "@",
            "ftp://u:" + SECRET + "@h",
    })
    void errorMessagesMaskThePassword(String url) {
        assertThatThrownBy(() -> ValkeyLocation.parse(url))
                .isInstanceOf(CacheConfigurationException.class)
                .hasMessageNotContaining(SECRET)
                .hasMessageContaining("***");
    }

    @Test
    void errorMessageForMissingSchemeMasksThePassword() {
        // "valkey:/" (one slash missing) is a plausible typo; the password must still be masked.
        assertThatThrownBy(() -> ValkeyLocation.parse("valkey:/u:" + SECRET + "@h"))
                .isInstanceOf(CacheConfigurationException.class)
                .hasMessageNotContaining(SECRET);
    }

    @Test
    void errorMessageMasksPasswordContainingSlash() {
        // parse() accepts a raw '/' in the password (the user info ends at the last '@'),
        // but mask() stops at '/', so the password leaks into the message.
        String url = "valkey://u:ab/" + SECRET + "@h:notaport";
        assertThatThrownBy(() -> ValkeyLocation.parse(url))
                .isInstanceOf(CacheConfigurationException.class)
                .hasMessageNotContaining(SECRET);
    }

    @Test
    void passwordWithQuestionMarkIsNotTakenForAQuery() {
        // issue 9.1: this URL used to fail with "port 'Pw' is not a number", echoing the password
        ValkeyLocation l = ValkeyLocation.parse("valkey://u:Pw?S3cr3t@127.0.0.1:6379");
        assertThat(l.username()).isEqualTo("u");
        assertThat(l.password()).isEqualTo("Pw?S3cr3t");
        assertThat(l.host()).isEqualTo("127.0.0.1");
        assertThat(l.port()).isEqualTo(6379);
        assertThat(l.query()).isEmpty();
    }

    @Test
    void passwordMayHoldEveryDelimiterRawAndTheRestStillParses() {
        ValkeyLocation l = ValkeyLocation.parse("valkeys://u:a?b#c/d@e,f:g;h&i=j+k l@h:7000/3?db=4&x=y");
        assertThat(l.password()).isEqualTo("a?b#c/d@e,f:g;h&i=j+k l");
        assertThat(l.host()).isEqualTo("h");
        assertThat(l.port()).isEqualTo(7000);
        assertThat(l.database()).isEqualTo(4);
        assertThat(l.query()).containsOnly(Assertions.entry("x", "y"));
        assertThat(l.toString()).isEqualTo("valkeys://u:***@h:7000/4");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "valkey://u:50%off@h       | 50%off",
            "valkey://u:%zz%@h         | %zz%",
            "valkey://u:%25zz@h        | %zz",
            "valkey://u:%E2%82%AC1@h   | \u20ac1",
            "valkey://u:%e2%82%ac1@h   | \u20ac1",
            "valkey://u:\u20ac%201@h  | \u20ac 1",
    })
    void percentDecodingIsLenientAboutRawPercentSigns(String url, String password) {
        assertThat(ValkeyLocation.parse(url).password()).isEqualTo(password);
    }

    @Test
    void aNonAsciiDigitIsNotAHexDigit() {
        assertThat(ValkeyLocation.parse("valkey://u:%\u0663\u0663@h").password()).isEqualTo("%\u0663\u0663");
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "valkey://h?password=" + SECRET + "@x",
            "valkey://h/0?client_name=" + SECRET + "@x",
            "unix:///tmp/" + SECRET + "@x.sock",
    })
    void aRawAtSignAfterTheUserInfoIsRejectedWithoutEchoingAnything(String url) {
        assertThatThrownBy(() -> ValkeyLocation.parse(url))
                .isInstanceOf(CacheConfigurationException.class)
                .hasMessageContaining("%40")
                .hasMessageNotContaining(SECRET)
                .hasMessageNotContaining("@x");
    }

    @Test
    void aListSplitsOnlyWhereTheNextSchemeFollows() {
        assertThat(ValkeyLocation.parseList("valkey://u:a,b@h1:1, valkeys://h2:2 ,, redis://:c,d,valkey:/@h3"))
                .extracting(ValkeyLocation::address, ValkeyLocation::password)
                .containsExactly(
                        Assertions.tuple("h1:1", "a,b"),
                        Assertions.tuple("h2:2", null),
                        Assertions.tuple("h3:6379", "c,d,valkey:/"));
        assertThat(ValkeyLocation.parseList(" ,valkey://h, ")).extracting(ValkeyLocation::host).containsExactly("h");
        assertThat(ValkeyLocation.parseList("")).isEmpty();
        assertThat(ValkeyLocation.parseList(null)).isEmpty();
    }

    @Test
    void aSchemeLikePrefixThatIsNotASchemeIsMasked() {
        assertThatThrownBy(() -> ValkeyLocation.parse("u:" + SECRET + "://x@h"))
                .isInstanceOf(CacheConfigurationException.class)
                .hasMessageContaining("missing scheme")
                .hasMessageNotContaining(SECRET);
    }

    // ---- mask --------------------------------------------------------------------------------

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "valkey://u:" + SECRET + "@h:1/2            | valkey://u:***@h:1/2",
            "valkey://:" + SECRET + "@h                 | valkey://:***@h",
            "rediss://h?password=" + SECRET + "&x=1     | rediss://h?password=***&x=1",
            "unix://u:" + SECRET + "@/s.sock            | unix://u:***@/s.sock",
            "valkey://u@h                               | valkey://u@h",
            "valkey://u:a/b?c@" + SECRET + "@h:1?x=1     | valkey://u:***@h:1?x=1",
            "valkey://a?b:" + SECRET + "@h               | valkey://***",
            "valkey:/u:" + SECRET + "@h                  | ***@h",
            "valkey://h?PassWord=" + SECRET + "         | valkey://h?PassWord=***",
            "valkey://h:6379                            | valkey://h:6379",
    })
    void maskHidesPasswords(String url, String masked) {
        assertThat(ValkeyLocation.mask(url)).isEqualTo(masked).doesNotContain(SECRET);
    }

    @Test
    void maskOfNull() {
        assertThat(ValkeyLocation.mask(null)).isEqualTo("null");
    }

    @Test
    void urlIsTheTextAsWrittenSoThatOtherProgramsAgreeOnNames() {
        String written = "redis://cache-a.internal:6379/0?db=0";
        assertThat(ValkeyLocation.parse("  " + written + " ").url()).isEqualTo(written);
        assertThat(ValkeyLocation.parse("valkey://:" + SECRET + "@h:1").url()).contains(SECRET);
        assertThat(ValkeyLocation.of("h", 7000).url()).isEqualTo("valkey://h:7000");
        assertThat(ValkeyLocation.parse("valkeys://u:" + SECRET + "@h/2").withAddress("10.0.0.9", 7001).url())
                .isEqualTo("valkeys://u:" + SECRET + "@10.0.0.9:7001/2");
    }
}
