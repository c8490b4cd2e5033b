package io.sightline.scheduler.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Instant;

import org.junit.jupiter.api.Test;

import io.sightline.api.rest.ApiException;
import io.sightline.api.schedule.JobKind;
import io.sightline.api.schedule.Schedule;

class TimingTest {
    private static final Instant T = Instant.parse("2026-11-23T15:00:00Z"); // a Monday

    private static Schedule s(String cron, Integer interval, String zone) {
        return new Schedule("s", "o", JobKind.ALERT, "t", cron, interval, zone, true, T, null, null, "u", T, T);
    }

    @Test
    void intervalsAddUpAndCronFollowsItsTimeZone() {
        assertEquals(T.plusSeconds(300), Timing.next(s(null, 300, "UTC"), T));
        // 07:00 on weekdays in Berlin (UTC+1 in November) is 06:00 UTC, the next day
        assertEquals(Instant.parse("2026-11-24T06:00:00Z"), Timing.next(s("0 7 * * 1-5", null, "Europe/Berlin"), T));
        // Friday 07:00 Berlin → the next is Monday
        assertEquals(Instant.parse("2026-11-30T06:00:00Z"),
                Timing.next(s("0 7 * * 1-5", null, "Europe/Berlin"), Instant.parse("2026-11-27T06:00:00Z")));
    }

    @Test
    void badInputNamesItsField() {
        ApiException e = assertThrows(ApiException.class, () -> Timing.cron("0 7 * *", "schedule.cron"));
        assertEquals("schedule.cron", e.field());
        assertEquals("cron", assertThrows(ApiException.class, () -> Timing.cron("61 * * * *", "cron")).field());
        assertEquals("intervalSeconds", assertThrows(ApiException.class, () -> Timing.interval(59, 60, "intervalSeconds")).field());
        assertEquals("intervalSeconds", assertThrows(ApiException.class, () -> Timing.interval(2_592_001, 60, "intervalSeconds")).field());
        assertEquals("timeZone", assertThrows(ApiException.class, () -> Timing.zone("Mars/Olympus", "timeZone")).field());
        assertEquals("0 7 * * 1-5", Timing.cron("  0 7  * * 1-5 ", "cron"));
        assertEquals("UTC", Timing.zone(null, "timeZone"));
    }

    @Test
    void describesForPeople() {
        assertEquals("every 5 minutes", Timing.describe(s(null, 300, "UTC")));
        assertEquals("every 1 day", Timing.describe(s(null, 86_400, "UTC")));
        assertEquals("every 90 seconds", Timing.describe(s(null, 90, "UTC")));
        String cron = Timing.describe(s("0 7 * * 1-5", null, "Europe/Berlin"));
        assertEquals(true, cron.startsWith("cron 0 7 * * 1-5 (") && cron.endsWith("Europe/Berlin)"), cron);
    }
}
