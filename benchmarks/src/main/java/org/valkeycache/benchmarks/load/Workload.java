package org.valkeycache.benchmarks.load;

/** The timed workloads. {@code sized} ones run once per value size; the others once, at 100 B. */
enum Workload {
    GET_HIT("get_hit", "GET of an existing key", true, 1),
    GET_MISS("get_miss", "GET of a missing key", false, 1),
    SET_TTL("set_ttl", "SET with a 300 s timeout", true, 1),
    MGET_100("mget_100", "one MGET of 100 existing keys", true, 100),
    GET_MANY_100("getmany_100", "100 GETs pipelined in one round trip (getMany)", true, 100),
    SET_MANY_100("setmany_100", "100 SETs with timeout pipelined in one round trip (setMany)", true, 100),
    INCR("incr", "INCR of one shared counter", false, 1);

    final String id;
    final String description;
    final boolean sized;
    final int keysPerCall;

    Workload(String id, String description, boolean sized, int keysPerCall) {
        this.id = id;
        this.description = description;
        this.sized = sized;
        this.keysPerCall = keysPerCall;
    }

    static Workload byId(String id) {
        for (Workload w : values()) {
            if (w.id.equalsIgnoreCase(id) || w.name().equalsIgnoreCase(id)) {
                return w;
            }
        }
        throw new IllegalArgumentException("unknown workload " + id);
    }
}
