/**
 * The cache facade, for application code: {@link org.valkeycache.BackendCommands} (with its
 * command families {@link org.valkeycache.HashCommands}, {@link org.valkeycache.SetCommands},
 * {@link org.valkeycache.SortedSetCommands}, {@link org.valkeycache.ListCommands} and
 * {@link org.valkeycache.LockCommands}), its implementation {@link org.valkeycache.ValkeyCache},
 * the registry of named caches {@link org.valkeycache.Caches}, the argument and value types
 * ({@link org.valkeycache.Timeout}, {@link org.valkeycache.SetArgs},
 * {@link org.valkeycache.ZAddArgs}, {@link org.valkeycache.ScoredMember},
 * {@link org.valkeycache.LockOptions}, {@link org.valkeycache.CacheLock}) and the exception tree
 * under {@link org.valkeycache.CacheException}.
 *
 * <p>Every public type here is API. The package-private rest is how the facade works and may
 * change in any release: one {@code CacheCore} (key making, codec, the bounded wait and the
 * ignore-exceptions policy) and one collaborator per command family built on it.
 *
 * <h2>Arguments and exceptions</h2>
 * One rule for every public entry point of every module: a null or invalid argument is an
 * {@link java.lang.IllegalArgumentException} whose message names the argument ("key must not be
 * null", "itersize must be positive, got 0"), raised before anything reaches the server, through
 * the one helper {@code org.valkeycache.internal.Arguments}. Configuration is the one refinement:
 * {@link org.valkeycache.config.CacheConfig}, its builder and
 * {@link org.valkeycache.config.ValkeyLocation} raise
 * {@link org.valkeycache.CacheConfigurationException} naming the setting, whether the value came
 * from code or from a file. {@code Objects.requireNonNull} (a {@code NullPointerException}) is kept
 * for internal invariants only: inside the implementation, and for the arguments the cache itself
 * hands to plug-ins ({@code Serializer}, {@code Compressor}, {@code ValkeyClient}), where a null is
 * a bug of the library, not of the caller. Everything else that fails is a
 * {@link org.valkeycache.CacheException}, named {@code Cache<What>Exception}.
 */
package org.valkeycache;
