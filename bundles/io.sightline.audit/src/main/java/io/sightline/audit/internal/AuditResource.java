package io.sightline.audit.internal;

import java.io.BufferedWriter;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.List;

import javax.servlet.http.HttpServletRequest;
import javax.ws.rs.DefaultValue;
import javax.ws.rs.GET;
import javax.ws.rs.Path;
import javax.ws.rs.Produces;
import javax.ws.rs.QueryParam;
import javax.ws.rs.core.Context;
import javax.ws.rs.core.MediaType;
import javax.ws.rs.core.Response;
import javax.ws.rs.core.StreamingOutput;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JSONRequired;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JaxrsApplicationSelect;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JaxrsResource;

import io.sightline.api.audit.AuditEntry;
import io.sightline.api.audit.AuditEvent;
import io.sightline.api.audit.AuditLog;
import io.sightline.api.audit.AuditPage;
import io.sightline.api.audit.AuditQuery;
import io.sightline.api.audit.AuditStore;
import io.sightline.api.auth.Caller;
import io.sightline.api.auth.Permissions;
import io.sightline.api.rest.ApiException;
import io.sightline.api.rest.RequiresPermission;
import io.sightline.api.rest.RestApplication;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;

/**
 * The organization's audit log for Admins and Owners (SPEC AU-3): filtered pages as JSON, the whole
 * filtered log as CSV, and verification of its hash chain (AU-2). Always the caller's organization.
 */
@Component(service = AuditResource.class)
@JaxrsResource
@JaxrsApplicationSelect(RestApplication.SELECT)
@JSONRequired
@Path("audit")
@RequiresPermission(Permissions.AUDIT_READ)
@Tag(name = "audit", description = "The organization's audit log (Admins and Owners)")
public class AuditResource {
    private static final int CSV_PAGE = AuditQuery.MAX_LIMIT;

    private final AuditStore store;
    private final AuditLog log;

    @Activate
    public AuditResource(@Reference AuditStore store, @Reference AuditLog log) {
        this.store = store;
        this.log = log;
    }

    public record EntryView(long sequence, Instant at, String actorId, String actorEmail, String sourceAddress,
            String action, String objectType, String objectId, String details, String hash) {
        static EntryView of(AuditEntry e) {
            AuditEvent v = e.event();
            return new EntryView(e.sequence(), v.at(), v.actorId(), v.actorEmail(), v.sourceAddress(), v.action(),
                    v.objectType(), v.objectId(), v.details(), e.hash());
        }
    }

    public record PageView(List<EntryView> entries, long total, int offset, int limit) {}

    public record VerificationView(boolean intact, long entries, Long brokenAt, String problem, String lastHash) {}

    @GET
    @Produces({MediaType.APPLICATION_JSON, "text/csv"})
    @Operation(summary = "Audit entries of the organization, newest first, filtered; format=csv exports every match")
    public Response list(
            @Parameter(description = "User id, or part of an email address") @QueryParam("actor") String actor,
            @Parameter(description = "An action, or a prefix ending with a dot, e.g. auth.") @QueryParam("action") String action,
            @QueryParam("objectType") String objectType,
            @QueryParam("objectId") String objectId,
            @Parameter(description = "ISO instant or date (UTC); entries at or after") @QueryParam("from") String from,
            @Parameter(description = "ISO instant or date (UTC, that whole day included); entries before") @QueryParam("to") String to,
            @QueryParam("offset") @DefaultValue("0") String offset,
            @QueryParam("limit") @DefaultValue("50") String limit,
            @Parameter(description = "json (default) or csv") @QueryParam("format") @DefaultValue("json") String format,
            @Context HttpServletRequest request) {
        Caller caller = (Caller) request.getAttribute(Caller.PROPERTY);
        AuditQuery query = query(actor, action, objectType, objectId, from, to, offset, limit);
        switch (format) {
            case "json":
                AuditPage page = store.find(caller.organizationId(), query);
                return Response.ok(new PageView(page.entries().stream().map(EntryView::of).toList(), page.total(),
                        query.offset(), query.limit()), MediaType.APPLICATION_JSON).build();
            case "csv":
                log.record(AuditEvent.by(caller, "audit.export", null, null, filterSummary(query)));
                return Response.ok(csv(caller.organizationId(), query), "text/csv; charset=utf-8")
                        .header("Content-Disposition", "attachment; filename=\"sightline-audit.csv\"")
                        .build();
            default:
                throw ApiException.badRequest("format", "Use json or csv.");
        }
    }

    @GET
    @Path("verify")
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Check the organization's hash chain and report the first broken link")
    public VerificationView verify(@Context HttpServletRequest request) {
        Caller caller = (Caller) request.getAttribute(Caller.PROPERTY);
        AuditVerifier.Verification v = AuditVerifier.verify(store, caller.organizationId());
        return new VerificationView(v.intact(), v.entries(), v.brokenAt(), v.problem(), v.lastHash());
    }

    private StreamingOutput csv(String organizationId, AuditQuery query) {
        return out -> {
            Writer writer = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8));
            writer.write("sequence,at,actor_id,actor_email,source_address,action,object_type,object_id,details,hash\r\n");
            // Page through by sequence range, newest first, in constant memory.
            int offset = 0;
            List<AuditEntry> page;
            do {
                page = store.find(organizationId, query.page(offset, CSV_PAGE)).entries();
                for (AuditEntry e : page) {
                    AuditEvent v = e.event();
                    writer.write(String.join(",", Long.toString(e.sequence()), v.at().toString(), cell(v.actorId()),
                            cell(v.actorEmail()), cell(v.sourceAddress()), cell(v.action()), cell(v.objectType()),
                            cell(v.objectId()), cell(v.details()), e.hash()));
                    writer.write("\r\n");
                }
                offset += page.size();
            } while (page.size() == CSV_PAGE);
            writer.flush();
        };
    }

    /**
     * RFC 4180 quoting; a leading = + - @ or tab is prefixed with ' so that a spreadsheet does not
     * run a value an attacker chose (an email address, a name) as a formula.
     */
    static String cell(String value) {
        if (value == null || value.isEmpty()) {
            return "";
        }
        String text = "=+-@\t\r".indexOf(value.charAt(0)) >= 0 ? "'" + value : value;
        if (text.contains(",") || text.contains("\"") || text.contains("\n") || text.contains("\r")) {
            return '"' + text.replace("\"", "\"\"") + '"';
        }
        return text;
    }

    static AuditQuery query(String actor, String action, String objectType, String objectId, String from, String to,
            String offset, String limit) {
        int first = integer("offset", offset, 0, Integer.MAX_VALUE);
        int count = integer("limit", limit, 1, AuditQuery.MAX_LIMIT);
        Instant start = instant("from", from, false);
        Instant end = instant("to", to, true);
        if (start != null && end != null && !start.isBefore(end)) {
            throw ApiException.badRequest("to", "Must be after 'from'.");
        }
        return new AuditQuery(blank(actor, "actor", 320), blank(action, "action", 64), blank(objectType, "objectType", 32),
                blank(objectId, "objectId", 64), start, end, first, count);
    }

    private static int integer(String field, String value, int min, int max) {
        try {
            int n = Integer.parseInt(value.strip());
            if (n >= min && n <= max) {
                return n;
            }
        } catch (NumberFormatException e) {
            // answered below
        }
        throw ApiException.badRequest(field, "A whole number from " + min + " to " + max + ".");
    }

    private static Instant instant(String field, String value, boolean endOfDay) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            if (value.length() == 10) {
                LocalDate day = LocalDate.parse(value);
                return (endOfDay ? day.plusDays(1) : day).atStartOfDay(ZoneOffset.UTC).toInstant();
            }
            return Instant.parse(value);
        } catch (DateTimeParseException e) {
            throw ApiException.badRequest(field, "A date (2026-11-23) or an instant (2026-11-23T08:00:00Z).");
        }
    }

    private static String blank(String value, String field, int max) {
        if (value == null || value.isBlank()) {
            return null;
        }
        if (value.length() > max) {
            throw ApiException.badRequest(field, "At most " + max + " characters.");
        }
        return value.strip();
    }

    private static String filterSummary(AuditQuery q) {
        StringBuilder s = new StringBuilder("filters:");
        if (q.actor() != null) s.append(" actor");
        if (q.action() != null) s.append(" action=").append(q.action());
        if (q.objectType() != null) s.append(" objectType=").append(q.objectType());
        if (q.objectId() != null) s.append(" objectId");
        if (q.from() != null) s.append(" from=").append(q.from());
        if (q.to() != null) s.append(" to=").append(q.to());
        return s.toString();
    }
}
