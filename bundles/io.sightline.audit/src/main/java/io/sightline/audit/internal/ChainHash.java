package io.sightline.audit.internal;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

import io.sightline.api.audit.AuditEntry;
import io.sightline.api.audit.AuditEvent;

/**
 * The hash that links audit entries (SPEC AU-2): SHA-256 over the previous entry's hash and every
 * field of this one, each length-prefixed so that no two different entries encode alike. Changing,
 * removing or reordering any stored entry breaks the link to the next one.
 */
final class ChainHash {
    /** The "previous hash" of a chain's first entry. */
    static final String GENESIS = "0".repeat(64);

    private ChainHash() {}

    static AuditEntry link(String chain, long sequence, AuditEvent event, String previousHash) {
        return new AuditEntry(chain, sequence, event, previousHash, of(chain, sequence, event, previousHash));
    }

    static String of(String chain, long sequence, AuditEvent e, String previousHash) {
        StringBuilder text = new StringBuilder(256).append("sightline-audit-v1");
        for (String field : new String[] {previousHash, chain, Long.toString(sequence),
                Long.toString(e.at().getEpochSecond()), Integer.toString(e.at().getNano()),
                e.actorId(), e.actorEmail(), e.sourceAddress(), e.action(), e.objectType(), e.objectId(), e.details()}) {
            // -1 marks null, which must differ from the empty string.
            text.append('|').append(field == null ? -1 : field.length()).append(':').append(field == null ? "" : field);
        }
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.toString().getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e1) {
            throw new IllegalStateException(e1);
        }
    }
}
