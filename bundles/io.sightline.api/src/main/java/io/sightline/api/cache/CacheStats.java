package io.sightline.api.cache;

/**
 * Counters of the result cache as seen by one node. In a cluster each node owns a share of the
 * entries; add the nodes' figures for the whole.
 *
 * @param entries entries this node owns (backups of other nodes' entries not counted)
 * @param hits {@link ResultCache#get} calls on this node that found an entry, since the cache started
 * @param misses {@link ResultCache#get} calls on this node that found none (faults included)
 * @param ownedBytes heap used by the entries this node owns
 */
public record CacheStats(long entries, long hits, long misses, long ownedBytes) {}
