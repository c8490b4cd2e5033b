package io.sightline.driver.support;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

import io.sightline.driver.support.Sql.RowLimit;

/** Quoting and row limits of every dialect (the SPI's quoteIdentifier and limitRows). */
class SqlTest {

    @Test
    void identifiersAreQuotedByDoublingTheQuote() {
        assertEquals("\"orders\"", Sql.quote("orders", '"'));
        assertEquals("\"a\"\"b\"", Sql.quote("a\"b", '"'));
        assertEquals("\"\"\"\"", Sql.quote("\"", '"'));
        assertEquals("\"ORDERS\"", Sql.quote("ORDERS", '"'));
        assertEquals("`orders`", Sql.quote("orders", '`'));
        assertEquals("`a``b`", Sql.quote("a`b", '`'));
        assertEquals("`it's \"x\"`", Sql.quote("it's \"x\"", '`'));
    }

    @Test
    void emptyIdentifiersAndNulAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> Sql.quote("", '"'));
        assertThrows(IllegalArgumentException.class, () -> Sql.quote(null, '"'));
        assertThrows(IllegalArgumentException.class, () -> Sql.quote("a\u0000b", '`'));
    }

    @Test
    void limitWrapsTheQueryAsADerivedTable() {
        assertEquals("SELECT * FROM (\nSELECT 1\n) AS sightline_limited LIMIT 10", Sql.limitRows("SELECT 1", 10, RowLimit.LIMIT));
        assertEquals("SELECT * FROM (\nSELECT 1\n) AS sightline_limited LIMIT 0", Sql.limitRows("SELECT 1", 0, RowLimit.LIMIT));
        assertEquals("SELECT * FROM (\nSELECT 1 FROM T\n) AS sightline_limited FETCH FIRST 5 ROWS ONLY",
                Sql.limitRows("SELECT 1 FROM T", 5, RowLimit.FETCH_FIRST));
    }

    @Test
    void trailingSemicolonsGoAndATrailingCommentCannotSwallowTheParenthesis() {
        assertEquals("SELECT * FROM (\nSELECT 1\n) AS sightline_limited LIMIT 5", Sql.limitRows("SELECT 1 ;\n \t", 5, RowLimit.LIMIT));
        assertEquals("SELECT * FROM (\nSELECT 1\n) AS sightline_limited LIMIT 3", Sql.limitRows("SELECT 1;;  ", 3, RowLimit.LIMIT));
        assertEquals("SELECT * FROM (\nSELECT 1 FROM T\n) AS sightline_limited FETCH FIRST 5 ROWS ONLY",
                Sql.limitRows("SELECT 1 FROM T ; ; \n", 5, RowLimit.FETCH_FIRST));
        assertEquals("SELECT * FROM (\nSELECT 1 -- the end\n) AS sightline_limited LIMIT 5",
                Sql.limitRows("SELECT 1 -- the end\n", 5, RowLimit.LIMIT));
        assertEquals("SELECT 1", Sql.stripTrailingSemicolons("SELECT 1; ;\n"));
        assertEquals("SELECT ';'", Sql.stripTrailingSemicolons("SELECT ';'"));
    }

    @Test
    void emptyQueriesAndRowCountsBelowTheClausesMinimumAreRefused() {
        for (RowLimit syntax : RowLimit.values()) {
            assertThrows(IllegalArgumentException.class, () -> Sql.limitRows(" ; ", 5, syntax));
            assertThrows(IllegalArgumentException.class, () -> Sql.limitRows("", 5, syntax));
            assertThrows(IllegalArgumentException.class, () -> Sql.limitRows(null, 5, syntax));
            assertThrows(IllegalArgumentException.class, () -> Sql.limitRows("SELECT 1", -1, syntax));
        }
        assertThrows(IllegalArgumentException.class, () -> Sql.limitRows("SELECT 1", 0, RowLimit.FETCH_FIRST));
        assertEquals(0, RowLimit.LIMIT.minRows());
        assertEquals(1, RowLimit.FETCH_FIRST.minRows());
    }

    @Test
    void firstLine() {
        assertEquals("ERROR: x", Sql.firstLine("  ERROR: x  \n  Position: 15\n\tat y"));
        assertEquals("one", Sql.firstLine("one"));
        assertEquals("", Sql.firstLine(null));
        assertEquals("", Sql.firstLine(" \n "));
    }
}
