package io.sightline.api.audit;

import java.util.List;

/**
 * One page of a filtered audit log.
 *
 * @param entries newest first
 * @param total how many entries match the filter on all pages
 */
public record AuditPage(List<AuditEntry> entries, long total) {}
