package io.sightline.report.internal;

import java.util.Optional;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

import io.sightline.api.report.ContentTypes;
import io.sightline.api.report.SavedFilter;
import io.sightline.api.schedule.JobHandler;
import io.sightline.api.schedule.JobKind;
import io.sightline.api.schedule.JobResult;
import io.sightline.api.schedule.RunOutcome;
import io.sightline.api.schedule.Schedule;

/**
 * The refresh schedule of a saved filter: reads its values again as the Refresh button does,
 * as the filter's creator. Its target is the saved filter.
 */
@Component(service = JobHandler.class)
public class FilterRefreshJob implements JobHandler {
    private final ContentServices services;

    @Activate
    public FilterRefreshJob(@Reference ContentServices services) {
        this.services = services;
    }

    @Override
    public JobKind kind() {
        return JobKind.FILTER_REFRESH;
    }

    @Override
    public JobResult run(Schedule schedule) {
        Optional<SavedFilter> filter = services.filters.find(schedule.organizationId(), schedule.targetId());
        if (filter.isEmpty()) {
            return new JobResult(RunOutcome.SKIPPED, "The saved filter was deleted.");
        }
        SavedFilter f = filter.get();
        SavedFilter refreshed = services.refreshValues(
                services.scheduledAs(f.organizationId(), f.createdBy(), ContentTypes.FILTER), f);
        int values = SavedFilterResource.values(refreshed).size();
        return JobResult.ok(values + (values == 1 ? " value" : " values"));
    }

    @Override
    public Optional<String> targetName(String organizationId, String targetId) {
        return services.filters.find(organizationId, targetId).map(SavedFilter::name);
    }

    @Override
    public Optional<String> dataSourceOf(String organizationId, String targetId) {
        return services.filters.find(organizationId, targetId).map(SavedFilter::dataSourceId);
    }
}
