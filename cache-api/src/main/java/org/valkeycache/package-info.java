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
 */
package org.valkeycache;
