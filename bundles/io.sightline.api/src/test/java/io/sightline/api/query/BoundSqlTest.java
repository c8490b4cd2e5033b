package io.sightline.api.query;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;

import org.junit.jupiter.api.Test;

class BoundSqlTest {

    @Test
    void displayShowsTheSqlThenOneCommentLinePerValue() {
        BoundSql bound = new BoundSql("SELECT * FROM t WHERE a = ? AND b = ? AND c IN (?, ?)", List.of(
                new BoundValue(1, "region", ParameterType.TEXT, "EU"),
                new BoundValue(2, "since", ParameterType.DATE, LocalDate.of(2024, 1, 31)),
                new BoundValue(3, "ids", ParameterType.LIST, new BigDecimal("1E+3")),
                new BoundValue(4, "ids", ParameterType.LIST, new BigDecimal("-0.50"))));
        assertEquals("""
                SELECT * FROM t WHERE a = ? AND b = ? AND c IN (?, ?)
                -- 1: region = 'EU'
                -- 2: since = DATE '2024-01-31'
                -- 3: ids = 1000
                -- 4: ids = -0.50
                """, bound.display());
    }

    @Test
    void displayKeepsEachValueOnItsLine() {
        BoundSql bound = new BoundSql("SELECT ?\n",
                List.of(new BoundValue(1, "t", ParameterType.TEXT, "it's\n1;\r\tDROP\0\u2028")));
        assertEquals("SELECT ?\n-- 1: t = 'it''s\\n1;\\r\\tDROP\\u0000\\u2028'\n", bound.display());
        assertEquals("SELECT 1", new BoundSql("SELECT 1", List.of()).display());
    }

    @Test
    void indexesRunFromOneInOrder() {
        BoundValue first = new BoundValue(1, "a", ParameterType.TEXT, "x");
        BoundValue second = new BoundValue(2, "a", ParameterType.TEXT, "x");
        assertEquals(2, new BoundSql("? ?", List.of(first, second)).values().size());
        assertThrows(IllegalArgumentException.class, () -> new BoundSql("? ?", List.of(second, first)));
        assertThrows(IllegalArgumentException.class, () -> new BoundValue(0, "a", ParameterType.TEXT, "x"));
        assertThrows(IllegalArgumentException.class, () -> new BoundValue(1, "a", ParameterType.NUMBER, 1));
        assertThrows(NullPointerException.class, () -> new BoundValue(1, "a", ParameterType.TEXT, null));
    }
}
