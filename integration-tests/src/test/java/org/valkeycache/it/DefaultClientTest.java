package org.valkeycache.it;

import org.junit.jupiter.api.extension.RegisterExtension;
import org.valkeycache.config.CacheConfig;
import org.valkeycache.testsupport.ValkeyServer;
import org.valkeycache.testsupport.ValkeyServerExtension;

/** The behaviour contract on the {@code default} client with one server. */
class DefaultClientTest extends BackendCommandsContract {

    @RegisterExtension
    static final ValkeyServerExtension VALKEY = new ValkeyServerExtension();

    @Override
    ValkeyServer server() {
        return VALKEY.server();
    }

    @Override
    CacheConfig.Builder topology() {
        return CacheConfig.builder().location(server().url()).clientClass("default");
    }
}
