package io.sightline.model.internal;

import java.util.Locale;

import io.sightline.api.model.ModelException;
import io.sightline.api.model.TimeGrain;

/**
 * What the driver SPI does not say about a dialect and the compiler needs: truncating a date or
 * timestamp to a time grain (always answered as a DATE), a date from a timestamp, and an average
 * that does not truncate integers. Keyed by driver id; identifiers come already quoted.
 */
final class Dialect {
    private final String driverId;

    Dialect(String driverId) {
        this.driverId = driverId.toLowerCase(Locale.ROOT);
    }

    /** The first day of {@code grain} containing {@code column}; weeks start on Monday. */
    String truncate(TimeGrain grain, String column) {
        return switch (driverId) {
            case "postgresql" -> "CAST(date_trunc('" + grain.name().toLowerCase(Locale.ROOT) + "', CAST(" + column
                    + " AS TIMESTAMP)) AS DATE)";
            // H2's WEEK follows the JVM's locale; ISO_WEEK always starts on Monday.
            case "h2" -> "CAST(DATE_TRUNC('" + (grain == TimeGrain.WEEK ? "ISO_WEEK" : grain.name()) + "', " + column
                    + ") AS DATE)";
            case "mariadb", "mysql" -> switch (grain) {
                case DAY -> "CAST(" + column + " AS DATE)";
                case WEEK -> "DATE_SUB(CAST(" + column + " AS DATE), INTERVAL WEEKDAY(" + column + ") DAY)";
                case MONTH -> "DATE_SUB(CAST(" + column + " AS DATE), INTERVAL DAYOFMONTH(" + column + ") - 1 DAY)";
                case QUARTER -> "(MAKEDATE(YEAR(" + column + "), 1) + INTERVAL (QUARTER(" + column + ") - 1) QUARTER)";
                case YEAR -> "MAKEDATE(YEAR(" + column + "), 1)";
            };
            case "derby" -> derby(grain, column);
            default -> throw new ModelException("invalid", "Time grains are not supported for data sources of driver '"
                    + driverId + "'.");
        };
    }

    // Derby has no date_trunc: move a midnight timestamp back with the JDBC escape functions.
    private static String derby(TimeGrain grain, String column) {
        String midnight = "TIMESTAMP(DATE(" + column + "), TIME('00:00:00'))";
        String firstOfMonth = "{fn TIMESTAMPADD(SQL_TSI_DAY, 1 - DAY(" + column + "), " + midnight + ")}";
        return switch (grain) {
            case DAY -> "DATE(" + column + ")";
            // 2000-01-03 was a Monday; MOD twice keeps earlier dates right.
            case WEEK -> "DATE({fn TIMESTAMPADD(SQL_TSI_DAY, -MOD(MOD({fn TIMESTAMPDIFF(SQL_TSI_DAY, "
                    + "TIMESTAMP('2000-01-03 00:00:00'), " + midnight + ")}, 7) + 7, 7), " + midnight + ")})";
            case MONTH -> "DATE(" + firstOfMonth + ")";
            case QUARTER -> "DATE({fn TIMESTAMPADD(SQL_TSI_MONTH, -MOD(MONTH(" + column + ") - 1, 3), " + firstOfMonth
                    + ")})";
            case YEAR -> "DATE({fn TIMESTAMPADD(SQL_TSI_MONTH, 1 - MONTH(" + column + "), " + firstOfMonth + ")})";
        };
    }

    /** The calendar date of a timestamp, for comparing it with date values. */
    String date(String column) {
        return "CAST(" + column + " AS DATE)";
    }

    /** AVG that gives fractions for integer columns too (Derby and H2 keep the column's type). */
    String average(String column) {
        return switch (driverId) {
            case "h2", "derby" -> "AVG(CAST(" + column + " AS DOUBLE PRECISION))";
            default -> "AVG(" + column + ")";
        };
    }
}
