package io.sightline.api.audit;

import java.util.List;
import java.util.Optional;

import org.osgi.annotation.versioning.ProviderType;

/**
 * Persistence of audit entries, one hash chain per organization (plus one for platform events).
 * Entries are only ever appended: there is no update or delete here. The audit module computes the
 * hashes; the store module implements this.
 */
@ProviderType
public interface AuditStore {

    /** The chain of events that belong to no organization. */
    String PLATFORM_CHAIN = "platform";

    /** The newest entry of a chain, if it has any. */
    Optional<AuditEntry> last(String chain);

    /**
     * Appends entries, in one transaction, whose sequence numbers continue the chain.
     *
     * @return false, writing nothing, when another writer has already taken one of those sequence
     *     numbers (the caller re-reads the chain's end and tries again)
     * @throws RuntimeException when the store is unavailable
     */
    boolean append(String chain, List<AuditEntry> entries);

    /** Entries of a chain that match the query, newest first. */
    AuditPage find(String chain, AuditQuery query);

    /** Up to {@code limit} entries of a chain with sequence numbers above {@code afterSequence}, in order. */
    List<AuditEntry> range(String chain, long afterSequence, int limit);

    /** Every chain that has entries. */
    List<String> chains();
}
