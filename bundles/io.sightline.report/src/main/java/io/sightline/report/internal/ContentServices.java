package io.sightline.report.internal;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;

import io.sightline.api.account.AccountStore;
import io.sightline.api.account.User;
import io.sightline.api.audit.AuditLog;
import io.sightline.api.auth.Caller;
import io.sightline.api.datasource.DataSourceConnections;
import io.sightline.api.datasource.DataSourceStore;
import io.sightline.api.model.ModelPorter;
import io.sightline.api.model.SemanticModels;
import io.sightline.api.query.QueryException;
import io.sightline.api.query.QueryJson;
import io.sightline.api.query.QueryRequest;
import io.sightline.api.query.QueryResult;
import io.sightline.api.query.QueryService;
import io.sightline.api.report.ContentTypes;
import io.sightline.api.report.Dashboard;
import io.sightline.api.report.DashboardStore;
import io.sightline.api.report.Report;
import io.sightline.api.report.ReportStore;
import io.sightline.api.report.SavedFilter;
import io.sightline.api.report.SavedFilterStore;
import io.sightline.api.sharing.Access;
import io.sightline.api.sharing.SharingStore;
import io.sightline.report.internal.ContentJson.Tile;
import io.sightline.report.internal.ContentJson.Where;

/**
 * What the content resources and scheduled jobs share: the stores, access rules, the report
 * runner, the porter, tile runs and filter refreshes. The semantic models module and the audit log are optional and may come and go: model
 * reports and model export answer 503 while the models module is missing.
 */
@Component(service = ContentServices.class)
public class ContentServices {
    final ReportStore reports;
    final DashboardStore dashboards;
    final SavedFilterStore filters;
    final SharingStore sharing;
    final QueryService queries;
    final DataSourceStore dataSources;
    final AccountStore accounts;
    final ContentAccess access;
    final ReportRunner runner;
    final Reports reportLogic;
    final Audit audit;
    final Porter porter;

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC, policyOption = ReferencePolicyOption.GREEDY)
    volatile SemanticModels models;

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC, policyOption = ReferencePolicyOption.GREEDY)
    volatile ModelPorter modelPorter;

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC, policyOption = ReferencePolicyOption.GREEDY)
    volatile AuditLog auditLog;

    @Activate
    public ContentServices(@Reference ReportStore reports, @Reference DashboardStore dashboards,
            @Reference SavedFilterStore filters, @Reference SharingStore sharing, @Reference QueryService queries,
            @Reference DataSourceStore dataSources, @Reference DataSourceConnections connections,
            @Reference AccountStore accounts) {
        this.reports = reports;
        this.dashboards = dashboards;
        this.filters = filters;
        this.sharing = sharing;
        this.queries = queries;
        this.dataSources = dataSources;
        this.accounts = accounts;
        this.access = new ContentAccess(sharing);
        this.runner = new ReportRunner(queries, dataSources, connections, () -> models);
        this.reportLogic = new Reports(dataSources, runner);
        this.audit = new Audit(() -> auditLog);
        this.porter = new Porter(this, () -> modelPorter);
    }

    /** Deletes an object of the caller's (OWNER only) with its shares, and audits it. */
    <T extends io.sightline.api.report.Content> void delete(io.sightline.api.auth.Caller caller, String type,
            io.sightline.api.report.ContentStore<T> store, String id) {
        access.require(caller, type, store.find(caller.organizationId(), id), io.sightline.api.sharing.Access.OWNER);
        store.delete(caller.organizationId(), id);
        access.forget(caller, type, id);
        audit.record(caller, type + ".delete", type, id, null);
    }

    /**
     * Runs a saved filter's SQL as {@code caller} and keeps its first column's distinct values
     * the Refresh button and the filter refresh schedule.
     *
     * @throws ApiException the query service's answer; 404 when the filter went meanwhile
     */
    SavedFilter refreshValues(Caller caller, SavedFilter filter) {
        QueryResult result;
        try {
            result = queries.run(caller, new QueryRequest(filter.dataSourceId(), filter.sql(), List.of(), null, 0, false, null));
        } catch (QueryException e) {
            throw QueryJson.error(e);
        }
        Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        return filters.update(new SavedFilter(filter.id(), filter.organizationId(), filter.name(), filter.dataSourceId(),
                filter.sql(), Json.write(SavedFilterResource.firstColumn(result)), now, filter.refreshIntervalSeconds(),
                filter.createdBy(), filter.createdAt(), filter.updatedAt()))
                .orElseThrow(() -> ContentAccess.notFound(ContentTypes.FILTER));
    }

    /** The report of a dashboard's report tile, if {@code caller} may read it. */
    Optional<Report> tileReport(Caller caller, Tile tile) {
        return reports.find(caller.organizationId(), tile.reportId())
                .filter(r -> access.of(caller, ContentTypes.REPORT, r) != Access.NONE);
    }

    /**
     * Runs a report tile as a dashboard does: the dashboard's filter values ({@code given},
     * their defaults where missing) mapped to the report's parameters, the report's model read as
     * its owner, cross-filters in {@code where}.
     */
    QueryResult runTile(Caller caller, Dashboard dashboard, Tile tile, Report report, Map<String, Object> given,
            List<Where> where, boolean refresh, int maxRows, ZoneId zone) {
        Map<String, Object> values = Dashboards.tileValues(tile, Dashboards.filters(dashboard), given);
        return runner.run(caller, Reports.owner(caller, report), Reports.spec(report), values, where, refresh, maxRows, zone);
    }

    /**
     * Whom a scheduled job of an object runs as: its creator, with their current role.
     *
     * @throws IllegalStateException when the creator is no longer a member of the organization
     */
    Caller scheduledAs(String organizationId, String creatorId, String type) {
        return accounts.membershipOf(organizationId, creatorId)
                .map(m -> new Caller(creatorId, organizationId, m.role(), "scheduler"))
                .orElseThrow(() -> new IllegalStateException("The creator of this " + type
                        + " is no longer a member of the organization; its owner must be changed or it deleted."));
    }

    /** A user's own time zone, UTC when they have none (or an unknown one). */
    ZoneId timeZoneOf(String userId) {
        try {
            return accounts.findUser(userId).map(User::timeZone).map(ZoneId::of).orElse(ZoneOffset.UTC);
        } catch (DateTimeException e) {
            return ZoneOffset.UTC;
        }
    }
}
