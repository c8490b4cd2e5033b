package io.sightline.report.internal;

import java.time.ZoneId;
import java.util.Map;
import java.util.Optional;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

import io.sightline.api.auth.Caller;
import io.sightline.api.report.ContentTypes;
import io.sightline.api.report.Dashboard;
import io.sightline.api.report.Report;
import io.sightline.api.rest.ApiException;
import io.sightline.api.schedule.JobHandler;
import io.sightline.api.schedule.JobKind;
import io.sightline.api.schedule.JobResult;
import io.sightline.api.schedule.RunOutcome;
import io.sightline.api.schedule.Schedule;
import io.sightline.report.internal.ContentJson.Tile;

/**
 * The auto-refresh schedule of a dashboard: pre-warms the cache by running each report tile
 * as the dashboard does with its filters' defaults, as the dashboard's creator in their time zone,
 * so that viewers opening it hit the cache (C-1). Tiles whose report the creator cannot read are
 * skipped. Its target is the dashboard; it has no single data source.
 */
@Component(service = JobHandler.class)
public class DashboardRefreshJob implements JobHandler {
    private final ContentServices services;

    @Activate
    public DashboardRefreshJob(@Reference ContentServices services) {
        this.services = services;
    }

    @Override
    public JobKind kind() {
        return JobKind.DASHBOARD_REFRESH;
    }

    @Override
    public JobResult run(Schedule schedule) throws InterruptedException {
        Optional<Dashboard> found = services.dashboards.find(schedule.organizationId(), schedule.targetId());
        if (found.isEmpty()) {
            return new JobResult(RunOutcome.SKIPPED, "The dashboard was deleted.");
        }
        Dashboard d = found.get();
        Caller creator = services.scheduledAs(d.organizationId(), d.createdBy(), ContentTypes.DASHBOARD);
        ZoneId zone = services.timeZoneOf(d.createdBy());
        int warmed = 0;
        int failed = 0;
        String firstError = null;
        for (Tile tile : Dashboards.tiles(d)) {
            if (Thread.interrupted()) {
                throw new InterruptedException("stopped after the job timeout");
            }
            if (!"report".equals(tile.kind())) {
                continue;
            }
            Optional<Report> report = services.tileReport(creator, tile);
            if (report.isEmpty()) {
                continue;
            }
            try {
                // Not a refresh: the cache is used and filled, as when the creator opens the dashboard.
                services.runTile(creator, d, tile, report.get(), Map.of(), null, false, 0, zone);
                warmed++;
            } catch (RuntimeException e) {
                failed++;
                if (firstError == null) {
                    firstError = safeMessage(e);
                }
            }
        }
        if (warmed == 0 && failed > 0) {
            throw new IllegalStateException(firstError);
        }
        return JobResult.ok(warmed + (warmed == 1 ? " tile" : " tiles") + " warmed, " + failed + " failed");
    }

    // ApiException messages are written for people; anything else may carry internals.
    private static String safeMessage(RuntimeException e) {
        return e instanceof ApiException && e.getMessage() != null ? e.getMessage()
                : "A tile failed unexpectedly (" + e.getClass().getSimpleName() + ").";
    }

    @Override
    public Optional<String> targetName(String organizationId, String targetId) {
        return services.dashboards.find(organizationId, targetId).map(Dashboard::name);
    }

    @Override
    public Optional<String> dataSourceOf(String organizationId, String targetId) {
        return Optional.empty();
    }
}
