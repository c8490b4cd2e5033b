package io.sightline.api.model;

/** How a time dimension is truncated when it is grouped by. */
public enum TimeGrain {
    DAY,
    WEEK,
    MONTH,
    QUARTER,
    YEAR
}
