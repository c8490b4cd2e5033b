package io.sightline.datasource.internal;

import java.util.Optional;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

import io.sightline.api.datasource.DataSourceDefinition;
import io.sightline.api.datasource.DataSourceStore;
import io.sightline.api.schedule.JobHandler;
import io.sightline.api.schedule.JobKind;
import io.sightline.api.schedule.JobResult;
import io.sightline.api.schedule.RunOutcome;
import io.sightline.api.schedule.Schedule;

/**
 * The schema refresh schedule of a data source (DS-5): reads its metadata again as the Refresh
 * button does. Its target is the data source. A failure throws the message a connection test shows.
 */
@Component(service = JobHandler.class)
public class SchemaRefreshJob implements JobHandler {
    private final DataSourceStore store;
    private final DataSourceService service;

    @Activate
    public SchemaRefreshJob(@Reference DataSourceStore store, @Reference DataSourceService service) {
        this.store = store;
        this.service = service;
    }

    @Override
    public JobKind kind() {
        return JobKind.SCHEMA_REFRESH;
    }

    @Override
    public JobResult run(Schedule schedule) {
        Optional<DataSourceDefinition> d = store.find(schedule.organizationId(), schedule.targetId());
        if (d.isEmpty()) {
            return new JobResult(RunOutcome.SKIPPED, "The data source was deleted.");
        }
        Metadata.Schema read = service.refresh(d.get());
        int tables = read.schemas().stream().mapToInt(s -> s.tables().size()).sum();
        return JobResult.ok("Read " + tables + (tables == 1 ? " table" : " tables") + " in " + read.schemas().size()
                + (read.schemas().size() == 1 ? " schema." : " schemas."));
    }

    @Override
    public Optional<String> targetName(String organizationId, String targetId) {
        return store.find(organizationId, targetId).map(DataSourceDefinition::name);
    }

    @Override
    public Optional<String> dataSourceOf(String organizationId, String targetId) {
        return store.find(organizationId, targetId).map(DataSourceDefinition::id);
    }
}
