package io.sightline.scheduler.internal.alert;

import java.util.Optional;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

import io.sightline.api.schedule.Alert;
import io.sightline.api.schedule.JobHandler;
import io.sightline.api.schedule.JobKind;
import io.sightline.api.schedule.JobResult;
import io.sightline.api.schedule.RunOutcome;
import io.sightline.api.schedule.Schedule;

/** The ALERT jobs of the scheduler's routes. */
@Component(service = JobHandler.class)
public class AlertJob implements JobHandler {
    private final Alerts alerts;

    @Activate
    public AlertJob(@Reference Alerts alerts) {
        this.alerts = alerts;
    }

    @Override
    public JobKind kind() {
        return JobKind.ALERT;
    }

    @Override
    public JobResult run(Schedule schedule) {
        Optional<Alert> alert = alerts.store.find(schedule.organizationId(), schedule.targetId());
        return alert.map(alerts::run).orElse(new JobResult(RunOutcome.SKIPPED, "The alert was deleted."));
    }

    @Override
    public Optional<String> targetName(String organizationId, String targetId) {
        return alerts.store.find(organizationId, targetId).map(Alert::name);
    }

    @Override
    public Optional<String> dataSourceOf(String organizationId, String targetId) {
        return alerts.store.find(organizationId, targetId).map(Alert::dataSourceId);
    }
}
