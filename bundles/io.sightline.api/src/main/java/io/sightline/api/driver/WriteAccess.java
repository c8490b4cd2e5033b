package io.sightline.api.driver;

/**
 * Whether a data source's user can change data or schema (DS-6), so the UI can recommend a
 * read-only user.
 *
 * @param canWrite true when the user holds any privilege that changes data or schema
 * @param detail why, in plain words, e.g. "superuser" or "INSERT, UPDATE on 12 tables"
 */
public record WriteAccess(boolean canWrite, String detail) {}
