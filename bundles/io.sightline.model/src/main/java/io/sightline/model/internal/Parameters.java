package io.sightline.model.internal;

import java.math.BigDecimal;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import io.sightline.api.query.ParameterValues;
import io.sightline.api.query.ParameterDefinition;
import io.sightline.api.query.ParameterType;
import io.sightline.api.rest.ApiException;

/**
 * Report parameter declarations as JSON sends them to the compile endpoint (the same shape as
 * {@code POST /api/queries}), turned into {@link ParameterDefinition}s with a 400 naming the
 * field when they do not fit.
 */
public final class Parameters {
    private Parameters() {}

    /** One declaration; {@code type} is text, number, date, date_range or list (any case). */
    public record Input(String name, String type, Boolean required, Object defaultValue, String label) {}

    static List<ParameterDefinition> definitions(List<Input> inputs) {
        List<ParameterDefinition> out = new ArrayList<>();
        if (inputs == null) {
            return out;
        }
        for (int i = 0; i < inputs.size(); i++) {
            Input p = inputs.get(i);
            String at = "parameters[" + i + "]";
            if (p == null || p.name() == null || !ParameterDefinition.NAME.matcher(p.name()).matches()) {
                throw ApiException.badRequest(at + ".name", "A parameter name starts with a letter or _ and has up to 63 "
                        + "letters, digits and _.");
            }
            ParameterType type;
            try {
                type = ParameterType.valueOf((p.type() == null ? "text" : p.type()).toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw ApiException.badRequest(at + ".type", "Use text, number, date, date_range or list.");
            }
            try {
                out.add(new ParameterDefinition(p.name(), type, p.required() != null && p.required(),
                        defaultValue(type, p.defaultValue()), p.label()));
            } catch (RuntimeException e) {
                throw ApiException.badRequest(at + ".defaultValue", "The default value does not fit the type " + type + ".");
            }
        }
        return out;
    }

    // The compiled SQL does not depend on defaults; they travel with the parameters to the query API.
    private static Object defaultValue(ParameterType type, Object raw) {
        if (raw == null || raw instanceof String s && s.isBlank() && type != ParameterType.TEXT) {
            return null;
        }
        return switch (type) {
            case TEXT -> raw.toString();
            case NUMBER -> new BigDecimal(raw.toString().strip());
            // Relative text ("last 7 days") stays text: the query service resolves it in the user's zone.
            case DATE, DATE_RANGE -> ParameterValues.convert("", type, raw);
            case LIST -> raw instanceof List<?> l && !l.isEmpty() ? l.stream()
                    .map(x -> x instanceof Number n ? (Object) new BigDecimal(n.toString()) : String.valueOf(x)).toList()
                    : fail();
        };
    }

    private static Object fail() {
        throw new DateTimeParseException("does not fit", "", 0);
    }
}
