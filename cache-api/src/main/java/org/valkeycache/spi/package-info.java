/**
 * The service-provider interfaces, for authors of plug-ins rather than application code:
 * {@link org.valkeycache.spi.ValkeyClient} (a topology strategy: where each byte-level command
 * runs), {@link org.valkeycache.spi.Serializer} and {@link org.valkeycache.spi.Compressor} (the
 * value codec), and the values they exchange ({@link org.valkeycache.spi.ScanCursor},
 * {@link org.valkeycache.spi.ScanPage}, {@link org.valkeycache.spi.LuaScript}, and
 * {@link org.valkeycache.spi.Lookup}, what the read of {@code getOrSet} found: the hooks
 * {@code lookup}/{@code storeComputed}/{@code abandonComputed} let a client that keeps stale values
 * readable, such as the herd client, choose which caller recomputes).
 *
 * <p>Implementations are named in {@link org.valkeycache.config.CacheConfig} by class name or
 * alias and need a public constructor (see each interface); each declares the
 * {@code options.<name>} settings it reads with {@link org.valkeycache.spi.PluginOptions}, so an
 * option no plugin of a cache reads fails at start-up. A cache calls them with keys already
 * made and values already encoded; they never serialize.
 */
package org.valkeycache.spi;
