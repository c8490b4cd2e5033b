package io.sightline.scheduler.internal;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;

/** The scheduler settings the REST resources check input against (same PID as {@link Scheduler}). */
@Component(service = SchedulerSettings.class, configurationPid = SchedulerConfig.PID)
public class SchedulerSettings {
    private final int minIntervalSeconds;
    private final String publicUrl;

    @Activate
    public SchedulerSettings(SchedulerConfig config) {
        this.minIntervalSeconds = Math.max(1, config.min_interval_seconds());
        String url = config.public_url() == null ? "" : config.public_url().strip();
        this.publicUrl = url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }

    public int minIntervalSeconds() {
        return minIntervalSeconds;
    }

    /** Without a trailing slash. */
    public String publicUrl() {
        return publicUrl;
    }
}
