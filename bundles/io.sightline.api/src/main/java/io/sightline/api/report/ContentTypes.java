package io.sightline.api.report;

/**
 * The object types of content, as used with {@link io.sightline.api.sharing.SharingStore}, the
 * audit log and {@code /api/shares?objectType=…}.
 */
public final class ContentTypes {
    /** A report ({@link Report}). */
    public static final String REPORT = "report";
    /** A dashboard ({@link Dashboard}). */
    public static final String DASHBOARD = "dashboard";
    /** A saved filter ({@link SavedFilter}). */
    public static final String FILTER = "filter";
    /** A semantic model ({@code io.sightline.api.model}). */
    public static final String MODEL = "model";

    private ContentTypes() {}
}
