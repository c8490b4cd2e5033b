package io.sightline.datasource.internal;

import java.time.Instant;
import java.util.List;

import io.sightline.api.driver.SchemaInfo;
import io.sightline.api.driver.ServerInfo;
import io.sightline.api.driver.WriteAccess;

/** What Sightline read from a data source (DS-5), as stored in JSON. */
final class Metadata {
    private Metadata() {}

    /** Shown with the data source in lists. */
    record Summary(ServerInfo server, WriteAccess writeAccess) {}

    /** A summary and when it was read (the summary is null if it could not be parsed). */
    record Read(Instant readAt, Summary summary) {}

    /** The schema browser's content. */
    record Schema(Instant readAt, List<SchemaInfo> schemas) {}
}
