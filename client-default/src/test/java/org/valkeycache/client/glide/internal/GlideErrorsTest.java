package org.valkeycache.client.glide.internal;

import static org.assertj.core.api.Assertions.assertThat;

import glide.api.models.exceptions.ClosingException;
import glide.api.models.exceptions.ConfigurationError;
import glide.api.models.exceptions.ConnectionException;
import glide.api.models.exceptions.ExecAbortException;
import glide.api.models.exceptions.RequestException;
import glide.api.models.exceptions.TimeoutException;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.valkeycache.CacheAuthenticationException;
import org.valkeycache.CacheCommandException;
import org.valkeycache.CacheConfigurationException;
import org.valkeycache.CacheConnectionException;
import org.valkeycache.CacheException;
import org.valkeycache.CachePermissionException;
import org.valkeycache.CacheTimeoutException;

/**
 * Server-free table of glide failures to the exceptions they become. The messages are the ones
 * glide 2.3.1 produces (taken from real runs): server errors of a kind its Rust core knows come
 * as {@code An error was signalled by the server: - <Kind>: <detail>}, others as
 * {@code <CODE>: <detail>}, and failed lazy connects wrap either in {@code Standalone connect failed}.
 */
class GlideErrorsTest {

    private static final String SIGNALLED = "An error was signalled by the server: - ";
    private static final String CONNECT = "Standalone connect failed - IoError: Received error for address `127.0.0.1:6379`: ";

    static Stream<Arguments> serverErrors() {
        return Stream.of(
                // generic errors and data problems: the caller's bug, never an outage
                row(SIGNALLED + "ResponseError: value is not an integer or out of range", "ERR", CacheCommandException.class),
                row(SIGNALLED + "ResponseError: unknown command 'FOO', with args beginning with: ", "ERR", CacheCommandException.class),
                row("WRONGTYPE: Operation against a key holding the wrong kind of value", "WRONGTYPE", CacheCommandException.class),
                row(SIGNALLED + "NoScriptError: No matching script.", "NOSCRIPT", CacheCommandException.class),
                row(SIGNALLED + "ReadOnly: You can't write against a read only replica.", "READONLY", CacheCommandException.class),
                row("OOM: command not allowed when used memory > 'maxmemory'.", "OOM", CacheCommandException.class),
                row(SIGNALLED + "ExecAbortError: Transaction discarded because of previous errors.", "EXECABORT", CacheCommandException.class),
                row(SIGNALLED + "CrossSlot: Keys in request don't hash to the same slot", "CROSSSLOT", CacheCommandException.class),
                row(SIGNALLED + "NotBusy: No scripts in execution right now.", "NOTBUSY", CacheCommandException.class),
                row("BUSYKEY: Target key name already exists.", "BUSYKEY", CacheCommandException.class),
                row("BUSYGROUP: Consumer Group name already exists", "BUSYGROUP", CacheCommandException.class),
                row("MISCONF: Errors writing to the AOF file", "MISCONF", CacheCommandException.class),
                row("NOREPLICAS: Not enough good replicas to write.", "NOREPLICAS", CacheCommandException.class),
                row("Client reached maximum inflight requests", "", CacheCommandException.class),
                // the server cannot serve now: an outage, swallowed under ignoreExceptions
                row(SIGNALLED + "BusyLoadingError: Valkey is loading the dataset in memory", "LOADING", CacheConnectionException.class),
                row("BUSY: Valkey is busy running a script.", "BUSY", CacheConnectionException.class),
                row(SIGNALLED + "MasterDown: Link with MASTER is down", "MASTERDOWN", CacheConnectionException.class),
                row(SIGNALLED + "ClusterDown: The cluster is down", "CLUSTERDOWN", CacheConnectionException.class),
                row(SIGNALLED + "TryAgain: Multiple keys request during rehashing of slot", "TRYAGAIN", CacheConnectionException.class),
                row("Connection refused (os error 111)", "", CacheConnectionException.class),
                row("Broken pipe (os error 32)", "", CacheConnectionException.class),
                row(CONNECT + "timed out", "", CacheConnectionException.class),
                // credentials and permissions: settings to fix, never swallowed
                row(CONNECT + "WRONGPASS: invalid username-password pair or user is disabled.", "WRONGPASS",
                        CacheAuthenticationException.class),
                row("WRONGPASS: invalid username-password pair or user is disabled.", "WRONGPASS",
                        CacheAuthenticationException.class),
                row(CONNECT + "NOAUTH: HELLO must be called with the client already authenticated", "NOAUTH",
                        CacheAuthenticationException.class),
                row("NOAUTH: Authentication required.", "NOAUTH", CacheAuthenticationException.class),
                row(SIGNALLED + "AuthenticationFailed: Password authentication failed", "WRONGPASS",
                        CacheAuthenticationException.class),
                row(SIGNALLED + "PermissionDenied: User limited has no permissions to run the 'set' command", "NOPERM",
                        CachePermissionException.class),
                row(CONNECT + "An error was signalled by the server: - PermissionDenied: User limited has no permissions"
                        + " to run the 'info' command", "NOPERM", CachePermissionException.class),
                // settings only the server can judge
                row(SIGNALLED + "ResponseError: DB index is out of range", "ERR", CacheConfigurationException.class),
                row("ERR invalid DB index", "ERR", CacheConfigurationException.class),
                row(SIGNALLED + "Moved: 3999 127.0.0.1:6381", "MOVED", CacheConfigurationException.class),
                row(SIGNALLED + "Ask: 3999 127.0.0.1:6381", "ASK", CacheConfigurationException.class));
    }

    private static Arguments row(String message, String code, Class<? extends CacheException> expected) {
        return Arguments.of(message, code, expected);
    }

    @ParameterizedTest(name = "{0} -> {2}")
    @MethodSource("serverErrors")
    void everyServerErrorCodeMapsToItsType(String message, String code, Class<? extends CacheException> expected) {
        assertThat(GlideErrors.errorCode(message)).isEqualTo(code);
        CacheException e = GlideErrors.translate(new RequestException(message), "SET", "127.0.0.1:6379");
        assertThat(e).isExactlyInstanceOf(expected);
        assertThat(e.getMessage()).startsWith("SET on 127.0.0.1:6379: ").contains(GlideErrors.ServerError.parse(message).text());
        assertThat(e.getCause()).isInstanceOf(RequestException.class);
    }

    static Stream<Arguments> serverWording() {
        return Stream.of(
                Arguments.of("WRONGTYPE: Operation against a key holding the wrong kind of value",
                        "WRONGTYPE Operation against a key holding the wrong kind of value"),
                Arguments.of(SIGNALLED + "PermissionDenied: User limited has no permissions to run the 'set' command",
                        "NOPERM User limited has no permissions to run the 'set' command"),
                Arguments.of(SIGNALLED + "ResponseError: DB index is out of range", "ERR DB index is out of range"),
                Arguments.of(CONNECT + "WRONGPASS: invalid username-password pair or user is disabled.",
                        "WRONGPASS invalid username-password pair or user is disabled."),
                Arguments.of("An error was signalled by the server:- ExecAbortError", "EXECABORT"),
                Arguments.of("Client reached maximum inflight requests", "Client reached maximum inflight requests"));
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @MethodSource("serverWording")
    void messagesCarryTheErrorAsTheServerWordedIt(String message, String text) {
        assertThat(GlideErrors.ServerError.parse(message).text()).isEqualTo(text);
    }

    static Stream<Arguments> glideTypes() {
        return Stream.of(
                Arguments.of(new TimeoutException("Request timed out"), CacheTimeoutException.class),
                Arguments.of(new ClosingException("Client closed: Unable to submit command."), CacheConnectionException.class),
                Arguments.of(new ConnectionException("Connection lost"), CacheConnectionException.class),
                // a cluster client's failed connect quotes each node's error: credentials are not an outage
                Arguments.of(new ConnectionException("Failed to create initial connections - IoError: Failed to refresh"
                        + " both connections - IoError: Node: \"127.0.0.1:12933\" received errors: `WRONGPASS: invalid"
                        + " username-password pair or user is disabled.`, `WRONGPASS: invalid username-password pair or"
                        + " user is disabled.`"), CacheAuthenticationException.class),
                Arguments.of(new RequestException("Failed to create initial connections - IoError: Failed to refresh"
                        + " both connections - IoError: Node: \"127.0.0.1:12933\" received errors: `WRONGPASS: invalid"
                        + " username-password pair or user is disabled.`"), CacheAuthenticationException.class),
                Arguments.of(new ConnectionException("Failed to create initial connections - IoError: Node:"
                        + " \"127.0.0.1:7000\" received errors: `Connection refused (os error 111)`"),
                        CacheConnectionException.class),
                Arguments.of(new ConfigurationError("bad address"), CacheConfigurationException.class),
                Arguments.of(new ExecAbortException("Transaction discarded"), CacheCommandException.class),
                Arguments.of(new RequestException("WRONGTYPE: wrong kind"), CacheCommandException.class),
                Arguments.of(new IllegalStateException("boom"), CacheException.class),
                Arguments.of(new CompletionException(new ExecutionException(new TimeoutException("late"))),
                        CacheTimeoutException.class));
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @MethodSource("glideTypes")
    void everyGlideExceptionTypeMapsToItsType(Throwable failure, Class<? extends CacheException> expected) {
        CacheException e = GlideErrors.translate(failure, "GET", "127.0.0.1:6379");
        assertThat(e).isExactlyInstanceOf(expected);
        assertThat(e.getMessage()).startsWith("GET on 127.0.0.1:6379: ");
    }

    @Test
    void ourOwnExceptionsPassThroughUnchanged() {
        CacheException own = new CacheAuthenticationException("already translated");
        assertThat(GlideErrors.translate(new CompletionException(own), "GET", "n")).isSameAs(own);
    }

    @ParameterizedTest
    @MethodSource("serverErrors")
    void onlyConnectFailuresCountAsSuch(String message) {
        assertThat(GlideErrors.isConnectFailure(new RequestException(message))).isEqualTo(message.startsWith(CONNECT));
    }
}
