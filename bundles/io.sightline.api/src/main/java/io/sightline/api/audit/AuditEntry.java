package io.sightline.api.audit;

/**
 * An event as stored: its place in its organization's chain and the hashes that link it.
 *
 * @param chain the organization id, or {@link AuditStore#PLATFORM_CHAIN} for platform events
 * @param sequence 1, 2, 3, … within the chain, without gaps
 * @param event what happened
 * @param previousHash hash of the previous entry of the chain (64 zeros for the first)
 * @param hash SHA-256 over the previous hash and every field of this entry, hex
 */
public record AuditEntry(String chain, long sequence, AuditEvent event, String previousHash, String hash) {}
