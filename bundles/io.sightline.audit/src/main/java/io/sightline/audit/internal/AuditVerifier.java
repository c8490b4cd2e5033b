package io.sightline.audit.internal;

import java.util.List;

import io.sightline.api.audit.AuditEntry;
import io.sightline.api.audit.AuditStore;

/**
 * Walks a chain from its first entry and reports the first broken link (SPEC AU-2): an entry whose
 * stored hash does not match its content, whose previous hash is not its predecessor's, or a gap
 * in the sequence (a deleted entry).
 */
public final class AuditVerifier {
    private static final int PAGE = 1000;

    /**
     * @param entries how many entries were checked
     * @param brokenAt sequence number of the first bad entry, or null when the chain is whole
     * @param problem what is wrong with it, or null
     * @param lastHash the hash of the last entry checked: note it down to detect later truncation
     */
    public record Verification(String chain, long entries, Long brokenAt, String problem, String lastHash) {
        public boolean intact() {
            return brokenAt == null;
        }
    }

    private AuditVerifier() {}

    public static Verification verify(AuditStore store, String chain) {
        String previous = ChainHash.GENESIS;
        long expected = 1;
        long checked = 0;
        List<AuditEntry> page;
        while (!(page = store.range(chain, expected - 1, PAGE)).isEmpty()) {
            for (AuditEntry entry : page) {
                checked++;
                if (entry.sequence() != expected) {
                    return new Verification(chain, checked, expected, "entry " + expected + " is missing", previous);
                }
                if (!entry.previousHash().equals(previous)) {
                    return new Verification(chain, checked, entry.sequence(),
                            "does not link to entry " + (expected - 1) + " (previous hash differs)", previous);
                }
                String actual = ChainHash.of(chain, entry.sequence(), entry.event(), entry.previousHash());
                if (!actual.equals(entry.hash())) {
                    return new Verification(chain, checked, entry.sequence(),
                            "content was changed after it was written (hash differs)", previous);
                }
                previous = entry.hash();
                expected++;
            }
        }
        return new Verification(chain, checked, null, null, previous);
    }

    /** One line for operators: OK with the count and last hash, or BROKEN with the first bad entry. */
    public static String report(AuditStore store, String chain) {
        Verification v = verify(store, chain);
        return v.intact()
                ? "OK      " + chain + ": " + v.entries() + " entries, last hash " + v.lastHash()
                : "BROKEN  " + chain + ": entry " + v.brokenAt() + " " + v.problem() + " (" + v.entries() + " entries checked)";
    }
}
