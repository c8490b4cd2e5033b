package io.sightline.api.query;

import java.io.IOException;
import java.io.OutputStream;
import java.util.List;

import org.osgi.annotation.versioning.ProviderType;

import io.sightline.api.auth.Caller;

/**
 * Runs SQL on data sources for a caller (SPEC Q-1 … Q-5, C-1): snippets expanded, parameters bound
 * as JDBC parameters, in a read-only transaction with the data source's timeout, answered from the
 * result cache when it may. Every run is audited and kept in the caller's history.
 *
 * <p>Failures are {@link QueryException}s whose message is meant for the user. Thread-safe.
 */
@ProviderType
public interface QueryService {

    /**
     * Checks the request as a run would (data source, snippets, parameters, statement) without
     * running it, and returns the SQL that would be sent.
     */
    BoundSql check(Caller caller, QueryRequest request);

    /** Runs (or answers from the cache) with the request's row limit. */
    QueryResult run(Caller caller, QueryRequest request);

    /**
     * Runs without row limit and streams every row to {@code out} as it arrives from the database,
     * in constant memory. Never cached.
     */
    void export(Caller caller, QueryRequest request, ExportFormat format, OutputStream out) throws IOException;

    /** Cancels one of the caller's running queries; false when there is none with that id. */
    boolean cancel(Caller caller, String queryId);

    /** The caller's running queries. */
    List<RunningQuery> running(Caller caller);
}
