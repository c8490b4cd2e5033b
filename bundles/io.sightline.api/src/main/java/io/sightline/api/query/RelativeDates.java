package io.sightline.api.query;

import java.time.Clock;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.IsoFields;
import java.time.temporal.TemporalAdjusters;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Relative values of {@link ParameterType#DATE DATE} and {@link ParameterType#DATE_RANGE
 * DATE_RANGE} parameters, such as {@code last 7 days}, resolved against "today" in the user's time
 * zone. The one place that knows these forms; stateless and thread-safe.
 *
 * <p>Accepted forms ({@link #FORMS}), in any case and with any spacing:
 * <ul>
 * <li>{@code today}, {@code yesterday}, {@code N days ago} (N = 0 … 3650): one day;
 * <li>{@code last N days} (N = 1 … 3650): the N days that end today, both ends included;
 * <li>{@code this week|month|quarter|year}: from the first day of the period to today;
 * <li>{@code last week|month|quarter|year}: the whole previous period.
 * </ul>
 * Weeks start on Monday (ISO 8601).
 */
public final class RelativeDates {
    /** The accepted forms, as error messages list them. */
    public static final String FORMS = "today, yesterday, N days ago, last N days, this week|month|quarter|year or "
            + "last week|month|quarter|year";
    /** The largest N of {@code last N days} and {@code N days ago}: about ten years. */
    public static final int MAX_DAYS = 3650;

    private static final Pattern LAST_DAYS = Pattern.compile("last (\\d{1,9}) days?");
    private static final Pattern DAYS_AGO = Pattern.compile("(\\d{1,9}) days? ago");
    private static final Pattern PERIOD = Pattern.compile("(this|last) (week|month|quarter|year)");

    private RelativeDates() {}

    /** Today's date in {@code zone} at the clock's instant. */
    public static LocalDate today(Clock clock, ZoneId zone) {
        return LocalDate.ofInstant(clock.instant(), zone);
    }

    /**
     * The text in its usual form (lower case, single spaces) when it is a relative date form,
     * else empty. Says nothing about whether N is in range; {@link #resolve} does.
     */
    public static Optional<String> normalize(String text) {
        if (text == null) {
            return Optional.empty();
        }
        String t = text.strip().toLowerCase(Locale.ROOT).replaceAll("\\s+", " ");
        boolean relative = t.equals("today") || t.equals("yesterday") || LAST_DAYS.matcher(t).matches()
                || DAYS_AGO.matcher(t).matches() || PERIOD.matcher(t).matches();
        return relative ? Optional.of(t) : Optional.empty();
    }

    /** Whether the text names a single day ({@code today}, {@code yesterday}, {@code N days ago}). */
    public static boolean isSingleDay(String text) {
        return normalize(text).filter(t -> t.equals("today") || t.equals("yesterday") || DAYS_AGO.matcher(t).matches())
                .isPresent();
    }

    /**
     * The dates a relative form stands for, both included; a single day is a range of one day.
     *
     * @param text a relative form, in any case
     * @param today today in the user's time zone ({@link #today})
     * @return empty when the text is not a relative form
     * @throws IllegalArgumentException when N is out of range; the message is meant for the user
     */
    public static Optional<DateRange> resolve(String text, LocalDate today) {
        Optional<String> normal = normalize(text);
        if (normal.isEmpty()) {
            return Optional.empty();
        }
        String t = normal.get();
        if (t.equals("today")) {
            return Optional.of(new DateRange(today, today));
        }
        if (t.equals("yesterday")) {
            LocalDate day = today.minusDays(1);
            return Optional.of(new DateRange(day, day));
        }
        Matcher m = LAST_DAYS.matcher(t);
        if (m.matches()) {
            int n = days(m.group(1), 1);
            return Optional.of(new DateRange(today.minusDays(n - 1L), today));
        }
        m = DAYS_AGO.matcher(t);
        if (m.matches()) {
            LocalDate day = today.minusDays(days(m.group(1), 0));
            return Optional.of(new DateRange(day, day));
        }
        m = PERIOD.matcher(t);
        m.matches();
        boolean last = m.group(1).equals("last");
        LocalDate start = switch (m.group(2)) {
            case "week" -> today.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY)).minusWeeks(last ? 1 : 0);
            case "month" -> today.withDayOfMonth(1).minusMonths(last ? 1 : 0);
            case "quarter" -> today.with(IsoFields.DAY_OF_QUARTER, 1).minusMonths(last ? 3 : 0);
            default -> today.withDayOfYear(1).minusYears(last ? 1 : 0);
        };
        LocalDate end = !last ? today : switch (m.group(2)) {
            case "week" -> start.plusDays(6);
            case "month" -> start.with(TemporalAdjusters.lastDayOfMonth());
            case "quarter" -> start.plusMonths(3).minusDays(1);
            default -> start.with(TemporalAdjusters.lastDayOfYear());
        };
        return Optional.of(new DateRange(start, end));
    }

    private static int days(String digits, int min) {
        long n = Long.parseLong(digits);
        if (n < min || n > MAX_DAYS) {
            throw new IllegalArgumentException("the number of days must be from " + min + " to " + MAX_DAYS + ".");
        }
        return (int) n;
    }
}
