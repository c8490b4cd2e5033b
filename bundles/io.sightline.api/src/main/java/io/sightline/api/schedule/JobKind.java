package io.sightline.api.schedule;

/** The kinds of scheduled job; each has one Camel route and one {@link JobHandler}. */
public enum JobKind {
    /** Read a data source's metadata again (DS-5); target: a data source. */
    SCHEMA_REFRESH,
    /** Run a dashboard's tiles so that viewers hit the cache; target: a dashboard. */
    DASHBOARD_REFRESH,
    /** Read a saved filter's values again; target: a saved filter. */
    FILTER_REFRESH,
    /** Run an SQL alert (S-2); target: an alert. */
    ALERT
}
