package io.sightline.cache.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

@ObjectClassDefinition(name = "Sightline result cache",
        description = "The embedded Hazelcast member that keeps query results in memory (SPEC C-1, C-2)")
public @interface CacheConfig {

    @AttributeDefinition(description = "Hazelcast cluster name: only members with the same name form a cluster.")
    String cluster_name() default "sightline";

    @AttributeDefinition(description = "The other Sightline nodes, as host or host:port, comma-separated; this node may "
            + "be listed too. Empty: a standalone node that joins nobody (no multicast, no auto-detection).")
    String[] members() default {};

    @AttributeDefinition(description = "The only address the member listens on: loopback or a private network "
            + "(Hazelcast's open edition has no TLS and no member authentication).")
    String bind_address() default "127.0.0.1";

    @AttributeDefinition(description = "Member port; when taken, the next free one above it is used.", min = "1", max = "65535")
    int port() default 5701;

    @AttributeDefinition(description = "Heap the cached results may use on this node, in MB (backups of other nodes' "
            + "entries included); beyond it the least recently used entries are dropped.", min = "1")
    int max_size_per_node_mb() default 256;

    @AttributeDefinition(description = "Longest time a result is kept, in hours (1 to 24); a longer TTL asked for "
            + "by a data source is shortened to this.", min = "1", max = "24")
    int max_ttl_hours() default 24;

    @AttributeDefinition(description = "Allow bind.address to be a public address. Only behind a firewall that lets "
            + "no one but the other Sightline nodes reach the port: anyone who reaches it can read the cache.")
    boolean allow_public_address() default false;
}
