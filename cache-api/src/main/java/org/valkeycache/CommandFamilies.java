package org.valkeycache;

/**
 * The command families of one cache view, each written once on its {@link CacheCore} and shared
 * by the blocking facade ({@link ValkeyCache}) and the asynchronous one ({@link AsyncValkeyCache}).
 */
final class CommandFamilies {

    final ValueOps values;
    final BulkOps bulk;
    final KeyspaceOps keyspace;
    final ExpiryOps expiry;
    final HashOps hashes;
    final SetOps sets;
    final SortedSetOps sortedSets;
    final ListOps lists;

    CommandFamilies(CacheCore core) {
        this.values = new ValueOps(core);
        this.bulk = new BulkOps(core);
        this.keyspace = new KeyspaceOps(core);
        this.expiry = new ExpiryOps(core);
        this.hashes = new HashOps(core);
        this.sets = new SetOps(core);
        this.sortedSets = new SortedSetOps(core);
        this.lists = new ListOps(core);
    }
}
