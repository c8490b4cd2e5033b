package io.sightline.scheduler.internal;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.Optional;

import com.cronutils.descriptor.CronDescriptor;
import com.cronutils.model.Cron;
import com.cronutils.model.CronType;
import com.cronutils.model.definition.CronDefinitionBuilder;
import com.cronutils.model.time.ExecutionTime;
import com.cronutils.parser.CronParser;

import io.sightline.api.rest.ApiException;
import io.sightline.api.schedule.Schedule;

/** When schedules fire: five-field UNIX cron in a time zone, or a fixed interval. Stateless. */
final class Timing {
    static final int MAX_INTERVAL_SECONDS = 2_592_000;
    private static final CronParser PARSER = new CronParser(CronDefinitionBuilder.instanceDefinitionFor(CronType.UNIX));

    private Timing() {}

    /** The run after {@code after}: a cron's next fire time, or {@code after} plus the interval. */
    static Instant next(Schedule s, Instant after) {
        if (s.intervalSeconds() != null) {
            return after.plusSeconds(s.intervalSeconds()).truncatedTo(ChronoUnit.MILLIS);
        }
        Cron cron = PARSER.parse(s.cron());
        Optional<ZonedDateTime> next = ExecutionTime.forCron(cron).nextExecution(after.atZone(ZoneId.of(s.timeZone())));
        // A cron that never fires again (e.g. 30 February) waits a year and is checked again.
        return next.map(ZonedDateTime::toInstant).orElse(after.plus(365, ChronoUnit.DAYS)).truncatedTo(ChronoUnit.MILLIS);
    }

    /** The cron expression, checked; 400 naming {@code field} when it is not one. */
    static String cron(String expression, String field) {
        if (expression == null || expression.isBlank() || expression.length() > 200) {
            throw ApiException.badRequest(field, "Give a cron expression of five fields: minute hour day-of-month month day-of-week.");
        }
        String trimmed = expression.trim().replaceAll("\\s+", " ");
        try {
            PARSER.parse(trimmed).validate();
        } catch (IllegalArgumentException e) {
            throw ApiException.badRequest(field, "Not a cron expression of five fields (minute hour day-of-month month "
                    + "day-of-week), e.g. \"0 7 * * 1-5\": " + trimmed);
        }
        return trimmed;
    }

    /** The interval, checked against {@code min}; 400 naming {@code field} otherwise. */
    static int interval(Integer seconds, int min, String field) {
        if (seconds == null || seconds < min || seconds > MAX_INTERVAL_SECONDS) {
            throw ApiException.badRequest(field, String.format("From %,d to %,d seconds.", min, MAX_INTERVAL_SECONDS));
        }
        return seconds;
    }

    /** The zone id, checked; UTC when absent. */
    static String zone(String id, String field) {
        if (id == null || id.isBlank()) {
            return "UTC";
        }
        try {
            return ZoneId.of(id).getId();
        } catch (DateTimeException e) {
            throw ApiException.badRequest(field, "Not a time zone id such as Europe/Paris: " + id);
        }
    }

    /** For people: "every 5 minutes", "cron 0 7 * * 1-5 (at 07:00 on Monday to Friday, Europe/Berlin)". */
    static String describe(Schedule s) {
        if (s.intervalSeconds() != null) {
            return "every " + duration(s.intervalSeconds());
        }
        String words;
        try {
            words = CronDescriptor.instance(java.util.Locale.ENGLISH).describe(PARSER.parse(s.cron()));
        } catch (RuntimeException e) {
            words = null;
        }
        return "cron " + s.cron() + " (" + (words == null ? "" : words + ", ") + s.timeZone() + ")";
    }

    static String duration(int seconds) {
        int[] sizes = {86_400, 3_600, 60, 1};
        String[] names = {"day", "hour", "minute", "second"};
        for (int i = 0; i < sizes.length; i++) {
            if (seconds % sizes[i] == 0) {
                int n = seconds / sizes[i];
                return n + " " + names[i] + (n == 1 ? "" : "s");
            }
        }
        return seconds + " seconds";
    }
}
