/**
 * Optional serializers, named in configuration by alias: {@code json} and {@code msgpack}
 * (Jackson, no default typing), {@code pickle} (Python's pickle for Python's built-in types,
 * django-valkey's default) and {@code string} (UTF-8 text). Application code configures them
 * and does not call them; the shared Jackson base and the pickle reader and writer are
 * package-private.
 */
package org.valkeycache.serializers;
