package io.sightline.report.internal;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;

import io.sightline.api.account.AccountStore;
import io.sightline.api.audit.AuditLog;
import io.sightline.api.datasource.DataSourceConnections;
import io.sightline.api.datasource.DataSourceStore;
import io.sightline.api.model.ModelPorter;
import io.sightline.api.model.SemanticModels;
import io.sightline.api.query.QueryService;
import io.sightline.api.report.DashboardStore;
import io.sightline.api.report.ReportStore;
import io.sightline.api.report.SavedFilterStore;
import io.sightline.api.sharing.SharingStore;

/**
 * What the content resources share: the stores, access rules, the report runner and the
 * porter. The semantic models module and the audit log are optional and may come and go: model
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
}
