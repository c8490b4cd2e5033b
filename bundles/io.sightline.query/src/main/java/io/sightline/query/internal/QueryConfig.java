package io.sightline.query.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

@ObjectClassDefinition(name = "Sightline queries", description = "Row limits, streaming and history of queries (SPEC Q-3, Q-5)")
@interface QueryConfig {
    @AttributeDefinition(name = "Default row limit", description = "Rows a query returns in the UI when it asks for no limit (Q-3).")
    int max_rows_default() default 10_000;

    @AttributeDefinition(name = "Highest row limit", description = "The most rows a client may ask for in one interactive result; exports have no limit.")
    int max_rows_limit() default 100_000;

    @AttributeDefinition(name = "Fetch size", description = "Rows fetched from the database per round trip, so results and exports stream instead of loading whole.")
    int fetch_size() default 1000;

    @AttributeDefinition(name = "Queries at once per user", description = "A user's further queries wait for a turn (a dashboard opens many tiles at once).")
    int running_per_user() default 8;

    @AttributeDefinition(name = "Wait for a turn (seconds)", description = "How long a query waits for one of the user's turns before it answers 429.")
    int queue_wait_seconds() default 60;

    @AttributeDefinition(name = "History retention (days)", description = "Query history entries older than this are deleted by the scheduler's clean-up (Q-5).")
    int history_retention_days() default 90;
}
