package io.sightline.api.query;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

class ParameterDefinitionTest {

    @Test
    void acceptsSqlFriendlyNames() {
        for (String name : new String[] {"a", "_", "region", "Region_2", "x".repeat(63)}) {
            assertEquals(name, ParameterDefinition.of(name, ParameterType.TEXT, false).name());
        }
    }

    @Test
    void refusesOtherNames() {
        for (String name : new String[] {"", "1a", "a-b", "a.b", "a b", "snippet:x", "é", "x".repeat(64)}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> ParameterDefinition.of(name, ParameterType.TEXT, false), name);
            assertEquals("Invalid parameter name '" + name
                    + "': use a letter or _ first, then only letters, digits and _ (at most 63 characters)", e.getMessage());
        }
        assertThrows(NullPointerException.class, () -> ParameterDefinition.of(null, ParameterType.TEXT, false));
        assertThrows(NullPointerException.class, () -> ParameterDefinition.of("a", null, false));
    }

    @Test
    void theDefaultHasTheJavaTypeOfTheParameterType() {
        new ParameterDefinition("a", ParameterType.TEXT, false, "EU", null);
        new ParameterDefinition("a", ParameterType.NUMBER, false, BigDecimal.TEN, null);
        new ParameterDefinition("a", ParameterType.DATE, false, LocalDate.EPOCH, null);
        new ParameterDefinition("a", ParameterType.DATE_RANGE, false, new DateRange(LocalDate.EPOCH, LocalDate.EPOCH), null);
        new ParameterDefinition("a", ParameterType.LIST, false, List.of("a"), null);
        new ParameterDefinition("a", ParameterType.LIST, false, List.of(BigDecimal.ONE), null);
        for (Object bad : new Object[] {1, "2024-01-01", List.of(), List.of("a", BigDecimal.ONE), List.of(1)}) {
            ParameterType type = bad instanceof List ? ParameterType.LIST : ParameterType.NUMBER;
            assertThrows(IllegalArgumentException.class, () -> new ParameterDefinition("a", type, false, bad, null),
                    String.valueOf(bad));
        }
        assertThrows(IllegalArgumentException.class,
                () -> new ParameterDefinition("a", ParameterType.DATE, false, "2024-01-01", null));
    }

    @Test
    void aListDefaultIsCopied() {
        List<String> values = new ArrayList<>(List.of("a"));
        ParameterDefinition definition = new ParameterDefinition("a", ParameterType.LIST, false, values, null);
        values.add("b");
        assertEquals(List.of("a"), definition.defaultValue());
        assertThrows(UnsupportedOperationException.class, () -> ((List<?>) definition.defaultValue()).clear());
    }

    @Test
    void theLabelDefaultsToTheName() {
        assertEquals("region", ParameterDefinition.of("region", ParameterType.TEXT, false).label());
        assertEquals("region", new ParameterDefinition("region", ParameterType.TEXT, false, null, " ").label());
        assertEquals("Region", new ParameterDefinition("region", ParameterType.TEXT, false, null, "Region").label());
        assertNull(ParameterDefinition.of("region", ParameterType.TEXT, false).defaultValue());
    }

    @Test
    void aDateRangeRunsForward() {
        LocalDate day = LocalDate.of(2024, 1, 31);
        assertEquals(day, new DateRange(day, day).end());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new DateRange(day.plusDays(1), day));
        assertEquals("The start date 2024-02-01 is after the end date 2024-01-31", e.getMessage());
        assertThrows(NullPointerException.class, () -> new DateRange(null, day));
    }
}
