package io.sightline.report.internal;

import java.lang.reflect.Proxy;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

import javax.servlet.http.HttpServletRequest;

import io.sightline.api.account.AccountStore;
import io.sightline.api.account.Membership;
import io.sightline.api.account.Role;
import io.sightline.api.account.User;
import io.sightline.api.auth.Caller;
import io.sightline.api.datasource.DataSourceConnections;
import io.sightline.api.datasource.DataSourceDefinition;
import io.sightline.api.datasource.DataSourceStore;
import io.sightline.api.driver.DatabaseDriver;
import io.sightline.api.query.BoundSql;
import io.sightline.api.query.QueryColumn;
import io.sightline.api.query.QueryRequest;
import io.sightline.api.query.QueryResult;
import io.sightline.api.query.QueryService;
import io.sightline.api.report.Content;
import io.sightline.api.report.ContentStore;
import io.sightline.api.report.Dashboard;
import io.sightline.api.report.DashboardStore;
import io.sightline.api.report.Report;
import io.sightline.api.report.ReportStore;
import io.sightline.api.report.SavedFilter;
import io.sightline.api.report.SavedFilterStore;
import io.sightline.api.sharing.Access;
import io.sightline.api.sharing.Share;
import io.sightline.api.sharing.SharingStore;

/** Small in-memory fakes of the services the content resources cross to. */
final class Fakes {
    private Fakes() {}

    /** Only the methods a test calls; anything else fails the test loudly. */
    @SuppressWarnings("unchecked")
    static <T> T proxy(Class<T> type, Map<String, java.util.function.Function<Object[], Object>> methods) {
        return (T) Proxy.newProxyInstance(Fakes.class.getClassLoader(), new Class<?>[] {type}, (p, m, args) -> {
            var f = methods.get(m.getName());
            if (f == null) {
                throw new UnsupportedOperationException(m.getName());
            }
            return f.apply(args);
        });
    }

    static HttpServletRequest request(Caller caller) {
        return proxy(HttpServletRequest.class, Map.of("getAttribute", a -> Caller.PROPERTY.equals(a[0]) ? caller : null));
    }

    static class MemoryStore<T extends Content> implements ContentStore<T> {
        final Map<String, T> items = new ConcurrentHashMap<>();

        @Override
        public T create(T content) {
            items.put(content.organizationId() + "/" + content.id(), content);
            return content;
        }

        @Override
        public Optional<T> update(T content) {
            String key = content.organizationId() + "/" + content.id();
            return items.containsKey(key) ? Optional.of(create(content)) : Optional.empty();
        }

        @Override
        public Optional<T> find(String organizationId, String id) {
            return Optional.ofNullable(items.get(organizationId + "/" + id));
        }

        @Override
        public List<T> visibleTo(String organizationId, String userId, Collection<String> sharedIds) {
            return items.values().stream().filter(c -> c.organizationId().equals(organizationId))
                    .filter(c -> c.createdBy().equals(userId) || sharedIds.contains(c.id()))
                    .sorted(Comparator.comparing(Content::name)).toList();
        }

        @Override
        public boolean delete(String organizationId, String id) {
            return items.remove(organizationId + "/" + id) != null;
        }
    }

    static final class Reports extends MemoryStore<Report> implements ReportStore {}

    static final class Dashboards extends MemoryStore<Dashboard> implements DashboardStore {}

    static final class Filters extends MemoryStore<SavedFilter> implements SavedFilterStore {}

    static final class Sharing implements SharingStore {
        final List<Share> shares = new ArrayList<>();
        final List<String> unsharedAll = new ArrayList<>();

        @Override
        public synchronized Share share(String org, String type, String objectId, String userId, Access access, String by) {
            shares.removeIf(s -> s.organizationId().equals(org) && s.objectId().equals(objectId)
                    && java.util.Objects.equals(s.userId(), userId));
            Share s = new Share(UUID.randomUUID().toString(), org, type, objectId, userId, access, by, Instant.now());
            shares.add(s);
            return s;
        }

        @Override
        public synchronized boolean unshare(String org, String shareId) {
            return shares.removeIf(s -> s.organizationId().equals(org) && s.id().equals(shareId));
        }

        @Override
        public synchronized Optional<Share> find(String org, String shareId) {
            return shares.stream().filter(s -> s.organizationId().equals(org) && s.id().equals(shareId)).findFirst();
        }

        @Override
        public synchronized List<Share> sharesOf(String org, String type, String objectId) {
            return shares.stream().filter(s -> s.organizationId().equals(org) && s.objectType().equals(type)
                    && s.objectId().equals(objectId)).toList();
        }

        @Override
        public synchronized Access accessOf(String org, String type, String objectId, String creatorId, String userId) {
            if (userId.equals(creatorId)) {
                return Access.OWNER;
            }
            return sharesOf(org, type, objectId).stream().filter(s -> s.userId() == null || s.userId().equals(userId))
                    .map(Share::access).max(Enum::compareTo).orElse(Access.NONE);
        }

        @Override
        public synchronized Set<String> sharedWith(String org, String type, String userId) {
            return shares.stream().filter(s -> s.organizationId().equals(org) && s.objectType().equals(type)
                    && (s.userId() == null || s.userId().equals(userId))).map(Share::objectId).collect(Collectors.toSet());
        }

        @Override
        public synchronized void unshareAll(String org, String type, String objectId) {
            unsharedAll.add(type + ":" + objectId);
            shares.removeIf(s -> s.organizationId().equals(org) && s.objectType().equals(type) && s.objectId().equals(objectId));
        }
    }

    /** Answers every run with one row that names the SQL (or with {@code failure}), and remembers the requests and callers. */
    static final class Queries implements QueryService {
        final List<QueryRequest> requests = new ArrayList<>();
        final List<Caller> callers = new ArrayList<>();
        List<List<Object>> rows = List.of(List.of("EMEA"), List.of("APAC"), List.of("EMEA"));
        RuntimeException failure;

        @Override
        public BoundSql check(Caller caller, QueryRequest request) {
            throw new UnsupportedOperationException();
        }

        @Override
        public synchronized QueryResult run(Caller caller, QueryRequest request) {
            requests.add(request);
            callers.add(caller);
            if (failure != null) {
                throw failure;
            }
            return new QueryResult("run", request.dataSourceId(), new BoundSql(request.sql(), List.of()),
                    List.of(new QueryColumn("REGION", "VARCHAR", QueryColumn.Kind.TEXT)), rows, false, 100, 1,
                    Instant.now(), false);
        }

        @Override
        public void export(Caller caller, QueryRequest request, io.sightline.api.query.ExportFormat format,
                java.io.OutputStream out) {
            throw new UnsupportedOperationException();
        }

        @Override
        public boolean cancel(Caller caller, String queryId) {
            return false;
        }

        @Override
        public List<io.sightline.api.query.RunningQuery> running(Caller caller) {
            return List.of();
        }
    }

    static DataSourceDefinition dataSource(String org, String id, String name) {
        return new DataSourceDefinition(id, org, name, "h2", "localhost", 0, "demo", "sa", Map.of(), null, null, false, 120,
                3600, true, "ops", Instant.EPOCH, Instant.EPOCH);
    }

    static DataSourceStore dataSources(List<DataSourceDefinition> all) {
        return proxy(DataSourceStore.class, Map.of(
                "find", a -> all.stream().filter(d -> d.organizationId().equals(a[0]) && d.id().equals(a[1])).findFirst(),
                "list", a -> all.stream().filter(d -> d.organizationId().equals(a[0])).toList()));
    }

    /** A driver that quotes with brackets, so a test sees that the driver's quoting is used. */
    static DataSourceConnections connections() {
        DatabaseDriver driver = proxy(DatabaseDriver.class, Map.of("quoteIdentifier", a -> "[" + a[0] + "]"));
        return proxy(DataSourceConnections.class, Map.of("driver", a -> Optional.of(driver)));
    }

    static AccountStore accounts(Map<String, Set<String>> membersByOrg) {
        return accounts(membersByOrg, Map.of());
    }

    /** Members (by organization, each a MEMBER) and users with their time zones (null: none). */
    static AccountStore accounts(Map<String, Set<String>> membersByOrg, Map<String, Optional<String>> timeZones) {
        return proxy(AccountStore.class, Map.of("membershipOf", a -> membersByOrg.getOrDefault((String) a[0], Set.of())
                .contains((String) a[1]) ? Optional.of(new Membership("m", (String) a[0], (String) a[1], Role.MEMBER,
                        Instant.EPOCH)) : Optional.empty(),
                "findUser", a -> Optional.ofNullable(timeZones.get((String) a[0])).map(zone -> new User(
                        (String) a[0], a[0] + "@example.com", (String) a[0], Instant.EPOCH, zone.orElse(null)))));
    }
}
