package io.sightline.api.query;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;

class RelativeDatesTest {
    private static final ZoneId LOS_ANGELES = ZoneId.of("America/Los_Angeles");
    private static final ZoneId TOKYO = ZoneId.of("Asia/Tokyo");

    private static DateRange range(String start, String end) {
        return new DateRange(LocalDate.parse(start), LocalDate.parse(end));
    }

    private static DateRange resolve(String text, String today) {
        return RelativeDates.resolve(text, LocalDate.parse(today)).orElseThrow();
    }

    @Test
    void todayDependsOnTheZoneOnEitherSideOfTheDateLine() {
        Clock clock = Clock.fixed(Instant.parse("2026-03-01T02:00:00Z"), ZoneOffset.UTC);
        assertEquals(LocalDate.parse("2026-02-28"), RelativeDates.today(clock, LOS_ANGELES));
        assertEquals(LocalDate.parse("2026-03-01"), RelativeDates.today(clock, TOKYO));
        assertEquals(LocalDate.parse("2026-03-01"), RelativeDates.today(clock, ZoneId.of("UTC")));
        // and the other way round, late in the UTC day
        Clock late = Clock.fixed(Instant.parse("2026-02-28T20:00:00Z"), ZoneOffset.UTC);
        assertEquals(LocalDate.parse("2026-02-28"), RelativeDates.today(late, LOS_ANGELES));
        assertEquals(LocalDate.parse("2026-03-01"), RelativeDates.today(late, TOKYO));
        assertEquals(LocalDate.parse("2026-03-01"), RelativeDates.today(late, ZoneId.of("Pacific/Kiritimati")));
        assertEquals(LocalDate.parse("2026-02-28"), RelativeDates.today(late, ZoneId.of("Pacific/Pago_Pago")));
    }

    @Test
    void lastSevenDaysEndTodayInTheUsersZone() {
        Clock clock = Clock.fixed(Instant.parse("2026-03-01T02:00:00Z"), ZoneOffset.UTC);
        assertEquals(range("2026-02-22", "2026-02-28"), resolve("last 7 days", RelativeDates.today(clock, LOS_ANGELES).toString()));
        assertEquals(range("2026-02-23", "2026-03-01"), resolve("last 7 days", RelativeDates.today(clock, TOKYO).toString()));
    }

    @Test
    void singleDays() {
        assertEquals(range("2026-03-01", "2026-03-01"), resolve("today", "2026-03-01"));
        assertEquals(range("2026-02-28", "2026-02-28"), resolve("yesterday", "2026-03-01"));
        assertEquals(range("2024-02-29", "2024-02-29"), resolve("yesterday", "2024-03-01"), "leap day");
        assertEquals(range("2025-12-31", "2025-12-31"), resolve("yesterday", "2026-01-01"));
        assertEquals(range("2026-02-19", "2026-02-19"), resolve("10 days ago", "2026-03-01"));
        assertEquals(range("2026-02-28", "2026-02-28"), resolve("1 day ago", "2026-03-01"));
        assertEquals(range("2026-03-01", "2026-03-01"), resolve("0 days ago", "2026-03-01"));
    }

    @Test
    void lastNDaysIncludeToday() {
        assertEquals(range("2026-03-01", "2026-03-01"), resolve("last 1 day", "2026-03-01"));
        assertEquals(range("2024-02-01", "2024-03-01"), resolve("last 30 days", "2024-03-01"), "leap February");
        assertEquals(range("2025-01-31", "2025-03-01"), resolve("last 30 days", "2025-03-01"));
        assertEquals(range("2016-03-04", "2026-03-01"), resolve("last 3650 days", "2026-03-01"));
    }

    @Test
    void weeksStartOnMonday() {
        // 2026-03-01 is a Sunday, 2026-03-02 a Monday
        assertEquals(range("2026-02-23", "2026-03-01"), resolve("this week", "2026-03-01"));
        assertEquals(range("2026-03-02", "2026-03-02"), resolve("this week", "2026-03-02"));
        assertEquals(range("2026-02-16", "2026-02-22"), resolve("last week", "2026-03-01"));
        assertEquals(range("2026-02-23", "2026-03-01"), resolve("last week", "2026-03-02"));
        assertEquals(range("2025-12-29", "2026-01-04"), resolve("last week", "2026-01-08"), "across the new year");
    }

    @Test
    void monthsQuartersAndYears() {
        assertEquals(range("2026-03-01", "2026-03-01"), resolve("this month", "2026-03-01"));
        assertEquals(range("2026-02-01", "2026-02-28"), resolve("last month", "2026-03-31"));
        assertEquals(range("2024-02-01", "2024-02-29"), resolve("last month", "2024-03-15"), "leap year");
        assertEquals(range("2025-12-01", "2025-12-31"), resolve("last month", "2026-01-01"));
        assertEquals(range("2026-01-01", "2026-03-31"), resolve("this quarter", "2026-03-31"));
        assertEquals(range("2026-04-01", "2026-05-15"), resolve("this quarter", "2026-05-15"));
        assertEquals(range("2025-10-01", "2025-12-31"), resolve("last quarter", "2026-02-10"));
        assertEquals(range("2026-04-01", "2026-06-30"), resolve("last quarter", "2026-07-01"));
        assertEquals(range("2026-01-01", "2026-12-31"), resolve("this year", "2026-12-31"));
        assertEquals(range("2024-01-01", "2024-12-31"), resolve("last year", "2025-01-01"));
    }

    @Test
    void formsAreReadInAnyCaseAndSpacing() {
        assertEquals(Optional.of("last 7 days"), RelativeDates.normalize("  Last\t7   DAYS "));
        assertEquals(Optional.of("this month"), RelativeDates.normalize("THIS MONTH"));
        assertEquals(range("2026-02-23", "2026-03-01"), resolve("LAST 7 Days", "2026-03-01"));
        assertTrue(RelativeDates.isSingleDay("Yesterday"));
        assertTrue(RelativeDates.isSingleDay("3 days ago"));
        assertFalse(RelativeDates.isSingleDay("last 3 days"));
        assertFalse(RelativeDates.isSingleDay("this week"));
        for (String text : new String[] {"", "2026-01-01", "last", "last days", "last -1 days", "next week", "tomorrow",
                "this decade", "7 days", "last 7 weeks", "todayy"}) {
            assertEquals(Optional.empty(), RelativeDates.normalize(text), text);
            assertEquals(Optional.empty(), RelativeDates.resolve(text, LocalDate.EPOCH), text);
        }
    }

    @Test
    void theNumberOfDaysIsBounded() {
        LocalDate today = LocalDate.parse("2026-03-01");
        assertThrows(IllegalArgumentException.class, () -> RelativeDates.resolve("last 0 days", today));
        assertThrows(IllegalArgumentException.class, () -> RelativeDates.resolve("last 3651 days", today));
        assertThrows(IllegalArgumentException.class, () -> RelativeDates.resolve("3651 days ago", today));
        assertThrows(IllegalArgumentException.class, () -> RelativeDates.resolve("last 999999999 days", today));
    }

    @Test
    void parameterValuesKeepRelativeTextUntilTodayIsKnown() {
        assertEquals("last 7 days", ParameterValues.convert("period", ParameterType.DATE_RANGE, "Last 7 Days"));
        assertEquals("today", ParameterValues.convert("day", ParameterType.DATE, "TODAY"));
        LocalDate today = LocalDate.parse("2026-03-01");
        assertEquals(range("2026-02-23", "2026-03-01"), ParameterValues.convert("period", ParameterType.DATE_RANGE,
                "last 7 days", today));
        assertEquals(LocalDate.parse("2026-02-26"), ParameterValues.convert("day", ParameterType.DATE, "3 days ago", today));
        assertEquals(range("2026-01-01", "2026-01-31"), ParameterValues.convert("period", ParameterType.DATE_RANGE,
                Map.of("start", "2026-01-01", "end", "2026-01-31"), today), "fixed ranges stay as they are");
        assertEquals(LocalDate.parse("2026-01-05"), ParameterValues.convert("day", ParameterType.DATE, "2026-01-05", today));
        assertEquals(range("2026-02-01", "2026-02-28"), ParameterValues.resolve("p", ParameterType.DATE_RANGE, "last month",
                today), "a saved relative default");
        // a relative default is a valid declaration, and keeps moving with time
        ParameterDefinition p = new ParameterDefinition("p", ParameterType.DATE_RANGE, false, "last month", null);
        assertEquals("last month", p.defaultValue());
        assertThrows(IllegalArgumentException.class,
                () -> new ParameterDefinition("d", ParameterType.DATE, false, "last month", null));
    }

    @Test
    void valuesThatAreNotDatesAreRefusedNamingTheParameterAndTheForms() {
        IllegalArgumentException range = assertThrows(IllegalArgumentException.class,
                () -> ParameterValues.convert("period", ParameterType.DATE_RANGE, "since spring"));
        assertTrue(range.getMessage().startsWith("Parameter 'period': 'since spring' is not a date range"), range.getMessage());
        assertTrue(range.getMessage().contains(RelativeDates.FORMS), range.getMessage());

        IllegalArgumentException notOneDay = assertThrows(IllegalArgumentException.class,
                () -> ParameterValues.convert("day", ParameterType.DATE, "last 7 days", LocalDate.EPOCH));
        assertTrue(notOneDay.getMessage().startsWith("Parameter 'day': 'last 7 days' is a range of days"),
                notOneDay.getMessage());

        IllegalArgumentException date = assertThrows(IllegalArgumentException.class,
                () -> ParameterValues.convert("day", ParameterType.DATE, "soon"));
        assertEquals("Parameter 'day': 'soon' is not a date (YYYY-MM-DD), today, yesterday or N days ago.", date.getMessage());

        IllegalArgumentException tooMany = assertThrows(IllegalArgumentException.class,
                () -> ParameterValues.convert("period", ParameterType.DATE_RANGE, "last 5000 days"));
        assertTrue(tooMany.getMessage().startsWith("Parameter 'period': 'last 5000 days': the number of days must be "
                + "from 1 to 3650"), tooMany.getMessage());
        assertEquals(null, ParameterValues.convert("period", ParameterType.DATE_RANGE, " ", LocalDate.EPOCH),
                "a cleared input is no value");
    }
}
