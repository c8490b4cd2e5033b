package io.sightline.report.internal;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Set;

import io.sightline.api.rest.ApiException;

/** Field checks shared by reports, dashboards and filters; each failure is a 400 naming the field. */
final class Validation {
    static final int MAX_NAME = 200;
    static final int MAX_DESCRIPTION = 2000;
    static final int MAX_SQL = 100_000;
    static final int MAX_SETTINGS_BYTES = 64 * 1024;
    static final Set<String> VISUALIZATIONS = Set.of("table", "number", "line", "bar", "area", "pie", "scatter", "pivot");

    private Validation() {}

    static String name(String name, String field) {
        if (name == null || name.isBlank()) {
            throw ApiException.badRequest(field, "Give it a name.");
        }
        if (name.strip().length() > MAX_NAME) {
            throw ApiException.badRequest(field, "At most " + MAX_NAME + " characters.");
        }
        return name.strip();
    }

    static String description(String description, String field) {
        if (description == null || description.isBlank()) {
            return null;
        }
        if (description.length() > MAX_DESCRIPTION) {
            throw ApiException.badRequest(field, "At most " + MAX_DESCRIPTION + " characters.");
        }
        return description.strip();
    }

    static String sql(String sql, String field) {
        if (sql == null || sql.isBlank()) {
            throw ApiException.badRequest(field, "Write the SQL.");
        }
        if (sql.length() > MAX_SQL) {
            throw ApiException.badRequest(field, "At most 100,000 characters.");
        }
        return sql;
    }

    static String required(String value, String field, String message) {
        if (value == null || value.isBlank()) {
            throw ApiException.badRequest(field, message);
        }
        return value;
    }

    static String visualizationType(String type, String field) {
        if (type == null || !VISUALIZATIONS.contains(type)) {
            throw ApiException.badRequest(field, "Use table, number, line, bar, area, pie, scatter or pivot.");
        }
        return type;
    }

    /** The settings as JSON text, at most 64 KB; null is an empty object. */
    static String settings(Map<String, Object> settings, String field) {
        String json = Json.write(settings == null ? Map.of() : settings);
        if (json.getBytes(StandardCharsets.UTF_8).length > MAX_SETTINGS_BYTES) {
            throw ApiException.badRequest(field, "The settings are larger than 64 KB.");
        }
        return json;
    }

    static int autoRefresh(Integer seconds, String field) {
        int s = seconds == null ? 0 : seconds;
        if (s != 0 && (s < 60 || s > 86_400)) {
            throw ApiException.badRequest(field, "0 (off), or from 60 seconds to 86,400 seconds (24 hours).");
        }
        return s;
    }

    static int between(Integer value, int min, int max, String field, String message) {
        if (value == null || value < min || value > max) {
            throw ApiException.badRequest(field, message);
        }
        return value;
    }
}
