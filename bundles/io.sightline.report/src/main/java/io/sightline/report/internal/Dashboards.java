package io.sightline.report.internal;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import java.util.regex.Pattern;

import com.fasterxml.jackson.core.type.TypeReference;

import io.sightline.api.auth.Caller;
import io.sightline.api.query.ParameterDefinition;
import io.sightline.api.query.ParameterType;
import io.sightline.api.query.ParameterValues;
import io.sightline.api.report.Dashboard;
import io.sightline.api.rest.ApiException;
import io.sightline.report.internal.ContentJson.DashboardFilter;
import io.sightline.report.internal.ContentJson.DashboardJson;
import io.sightline.report.internal.ContentJson.Tile;

/**
 * Dashboards: validation of filters and tiles on a 12-column grid, and the mapping of
 * dashboard filter values to a tile's report parameters. Stateless.
 */
final class Dashboards {
    static final int COLUMNS = 12;
    static final int MAX_TILES = 100;
    static final int MAX_FILTERS = 50;
    static final int MAX_TEXT = 10_000;
    static final Pattern TILE_ID = Pattern.compile("[A-Za-z0-9_-]{1,64}");
    private static final TypeReference<List<Tile>> TILES = new TypeReference<>() {};
    private static final TypeReference<List<DashboardFilter>> FILTERS = new TypeReference<>() {};

    /** What validation needs to know of a tile's report: its parameters, if the caller may read it. */
    interface ReportLookup extends Function<String, Optional<List<ParameterDefinition>>> {}

    private Dashboards() {}

    /**
     * A checked dashboard from JSON.
     *
     * @param reports finds a readable report's parameters by id (empty: missing or not readable)
     * @param savedFilterReadable whether the caller may read a saved filter
     * @param kept tiles of the stored dashboard the caller cannot see, kept as they are
     * @param old the stored dashboard for an update, or null
     */
    static Dashboard validated(Caller caller, DashboardJson in, String id, Dashboard old, ReportLookup reports,
            Function<String, Boolean> savedFilterReadable, List<Tile> kept) {
        if (in == null) {
            throw ApiException.badRequest(null, "Send the dashboard as JSON.");
        }
        String name = Validation.name(in.name(), "name");
        String description = Validation.description(in.description(), "description");
        int autoRefresh = Validation.autoRefresh(in.autoRefreshSeconds(), "autoRefreshSeconds");
        List<DashboardFilter> filters = filters(in.filters(), savedFilterReadable);
        Set<String> filterNames = new HashSet<>();
        filters.forEach(f -> filterNames.add(f.name()));
        List<Tile> tiles = tiles(in.tiles(), filterNames, reports, kept);
        Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        return new Dashboard(id, caller.organizationId(), name, description, Json.write(filters), Json.write(tiles),
                autoRefresh, old == null ? caller.userId() : old.createdBy(), old == null ? now : old.createdAt(), now);
    }

    static List<DashboardFilter> filters(List<DashboardFilter> in, Function<String, Boolean> savedFilterReadable) {
        if (in == null) {
            return List.of();
        }
        if (in.size() > MAX_FILTERS) {
            throw ApiException.badRequest("filters", "At most " + MAX_FILTERS + " filters.");
        }
        List<DashboardFilter> out = new ArrayList<>();
        Set<String> names = new HashSet<>();
        for (int i = 0; i < in.size(); i++) {
            DashboardFilter f = in.get(i);
            String field = "filters[" + i + "]";
            if (f == null || f.name() == null || !ParameterDefinition.NAME.matcher(f.name()).matches()) {
                throw ApiException.badRequest(field + ".name", "A filter name starts with a letter or _ and has up to 63 "
                        + "letters, digits and _.");
            }
            if (!names.add(f.name())) {
                throw ApiException.badRequest(field + ".name", "Another filter has this name.");
            }
            ParameterType type = type(f.type(), field + ".type");
            if (f.label() != null && f.label().length() > Validation.MAX_NAME) {
                throw ApiException.badRequest(field + ".label", "At most " + Validation.MAX_NAME + " characters.");
            }
            Object defaultValue;
            try {
                defaultValue = ParameterValues.convert(f.name(), type, f.defaultValue());
            } catch (IllegalArgumentException e) {
                throw ApiException.badRequest(field + ".defaultValue", e.getMessage());
            }
            String savedFilterId = Reports.blankToNull(f.savedFilterId());
            if (savedFilterId != null && !savedFilterReadable.apply(savedFilterId)) {
                throw ApiException.badRequest(field + ".savedFilterId", "No saved filter with this id.");
            }
            out.add(new DashboardFilter(f.name(), f.label() == null || f.label().isBlank() ? null : f.label().strip(),
                    type.name(), defaultValue, savedFilterId, null));
        }
        return out;
    }

    private static ParameterType type(String type, String field) {
        try {
            return ParameterType.valueOf((type == null ? "TEXT" : type).toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw ApiException.badRequest(field, "Use TEXT, NUMBER, DATE, DATE_RANGE or LIST.");
        }
    }

    static List<Tile> tiles(List<Tile> in, Set<String> filterNames, ReportLookup reports, List<Tile> kept) {
        List<Tile> tiles = in == null ? List.of() : in;
        if (tiles.size() + kept.size() > MAX_TILES) {
            throw ApiException.badRequest("tiles", "At most " + MAX_TILES + " tiles.");
        }
        Set<String> ids = new HashSet<>();
        kept.forEach(t -> ids.add(t.id()));
        List<Tile> out = new ArrayList<>();
        for (int i = 0; i < tiles.size(); i++) {
            Tile t = tiles.get(i);
            String field = "tiles[" + i + "]";
            if (t == null) {
                throw ApiException.badRequest(field, "A tile is missing.");
            }
            String id = t.id() == null || t.id().isBlank() ? UUID.randomUUID().toString() : t.id();
            if (!TILE_ID.matcher(id).matches()) {
                throw ApiException.badRequest(field + ".id", "1 to 64 letters, digits, _ and -.");
            }
            if (!ids.add(id)) {
                throw ApiException.badRequest(field + ".id", "Another tile has this id.");
            }
            int x = Validation.between(t.x(), 0, COLUMNS - 1, field + ".x", "A column from 0 to 11.");
            int w = Validation.between(t.w(), 1, COLUMNS - x, field + ".w", "From 1 to " + (COLUMNS - x)
                    + " columns, so that the tile ends within the 12-column grid.");
            int y = Validation.between(t.y(), 0, 10_000, field + ".y", "A row from 0 to 10,000.");
            int h = Validation.between(t.h(), 1, 100, field + ".h", "From 1 to 100 rows.");
            String kind = t.kind() == null ? "" : t.kind();
            switch (kind) {
                case "text" -> {
                    if (t.text() == null || t.text().isBlank()) {
                        throw ApiException.badRequest(field + ".text", "Write the text of the tile.");
                    }
                    if (t.text().length() > MAX_TEXT) {
                        throw ApiException.badRequest(field + ".text", "At most 10,000 characters.");
                    }
                    if (t.reportId() != null || (t.parameterMap() != null && !t.parameterMap().isEmpty())) {
                        throw ApiException.badRequest(field + ".reportId", "A text tile shows no report.");
                    }
                    out.add(new Tile(id, kind, null, t.text(), x, y, w, h, Map.of()));
                }
                case "report" -> {
                    String reportId = Validation.required(t.reportId(), field + ".reportId", "Choose the report to show.");
                    List<ParameterDefinition> parameters = reports.apply(reportId)
                            .orElseThrow(() -> ApiException.badRequest(field + ".reportId", "No report with this id."));
                    Map<String, String> map = parameterMap(t.parameterMap(), parameters, filterNames, field);
                    out.add(new Tile(id, kind, reportId, null, x, y, w, h, map));
                }
                default -> throw ApiException.badRequest(field + ".kind", "Use report or text.");
            }
        }
        out.addAll(kept);
        return out;
    }

    private static Map<String, String> parameterMap(Map<String, String> in, List<ParameterDefinition> parameters,
            Set<String> filterNames, String field) {
        Map<String, String> out = new LinkedHashMap<>();
        if (in == null) {
            return out;
        }
        for (Map.Entry<String, String> e : in.entrySet()) {
            String key = field + ".parameterMap." + e.getKey();
            if (parameters.stream().noneMatch(p -> p.name().equals(e.getKey()))) {
                throw ApiException.badRequest(key, "The report has no parameter '" + e.getKey() + "'.");
            }
            if (e.getValue() == null || !filterNames.contains(e.getValue())) {
                throw ApiException.badRequest(key, "The dashboard has no filter '" + e.getValue() + "'.");
            }
            out.put(e.getKey(), e.getValue());
        }
        return out;
    }

    /**
     * The values of a tile's report parameters: each mapped dashboard filter's value as given, or its
     * default when none is given; unmapped parameters keep the report's own defaults.
     *
     * @throws ApiException 400 naming {@code values.<name>} for a value of a filter the dashboard lacks
     */
    static Map<String, Object> tileValues(Tile tile, List<DashboardFilter> filters, Map<String, Object> given) {
        Map<String, DashboardFilter> byName = new LinkedHashMap<>();
        filters.forEach(f -> byName.put(f.name(), f));
        for (String name : given.keySet()) {
            if (!byName.containsKey(name)) {
                throw ApiException.badRequest("values." + name, "The dashboard has no filter '" + name + "'.");
            }
        }
        Map<String, Object> values = new LinkedHashMap<>();
        tile.parameterMap().forEach((parameter, filter) -> {
            Object value = given.containsKey(filter) ? given.get(filter) : byName.get(filter).defaultValue();
            if (value != null) {
                values.put(parameter, value);
            }
        });
        return values;
    }

    static List<Tile> tiles(Dashboard d) {
        return Json.read(d.tilesJson(), TILES);
    }

    static List<DashboardFilter> filters(Dashboard d) {
        return Json.read(d.filtersJson(), FILTERS);
    }
}
