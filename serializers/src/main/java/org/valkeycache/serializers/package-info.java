/**
 * Optional serializers, named in configuration by alias: {@code json} and {@code msgpack}
 * (Jackson, no default typing) and {@code string} (UTF-8 text). Application code configures them
 * and does not call them; the shared Jackson base is package-private.
 */
package org.valkeycache.serializers;
