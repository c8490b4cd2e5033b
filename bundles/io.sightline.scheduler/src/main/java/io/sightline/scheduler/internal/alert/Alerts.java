package io.sightline.scheduler.internal.alert;

import java.net.URI;
import java.time.Instant;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.sightline.api.account.AccountStore;
import io.sightline.api.account.Membership;
import io.sightline.api.account.User;
import io.sightline.api.auth.Caller;
import io.sightline.api.notify.EmailMessage;
import io.sightline.api.notify.Mailer;
import io.sightline.api.notify.Webhooks;
import io.sightline.api.query.QueryException;
import io.sightline.api.query.QueryRequest;
import io.sightline.api.query.QueryResult;
import io.sightline.api.query.QueryService;
import io.sightline.api.schedule.Alert;
import io.sightline.api.schedule.AlertStore;
import io.sightline.api.schedule.JobResult;
import io.sightline.api.schedule.RunOutcome;
import io.sightline.api.vault.CredentialVault;
import io.sightline.scheduler.internal.SchedulerSettings;

/**
 * Runs SQL alerts (S-2): the query as the alert's creator, the condition, the state, and on a
 * change to TRIGGERED (or every triggered run when asked) an email to the chosen members and a
 * Slack-compatible POST to each webhook, whose URLs are opened from the vault only to send.
 */
@Component(service = Alerts.class)
public class Alerts {
    private static final Logger LOG = LoggerFactory.getLogger(Alerts.class);
    static final ObjectMapper JSON = new ObjectMapper().disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
    static final String UNKNOWN = "UNKNOWN";
    static final String OK = "OK";
    static final String TRIGGERED = "TRIGGERED";
    static final String ERROR = "ERROR";

    /** Whom a triggered alert tells; the webhook URLs themselves are in the vault. */
    public record Notify(List<String> userIds, boolean everyRun, List<String> webhookHosts) {
        public Notify {
            userIds = userIds == null ? List.of() : List.copyOf(userIds);
            webhookHosts = webhookHosts == null ? List.of() : List.copyOf(webhookHosts);
        }
    }

    final AlertStore store;
    final AccountStore accounts;
    final QueryService queries;
    final CredentialVault vault;
    final SchedulerSettings settings;
    private final Mailer mailer;

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC, policyOption = ReferencePolicyOption.GREEDY)
    volatile Webhooks webhooks;

    @Activate
    public Alerts(@Reference AlertStore store, @Reference AccountStore accounts, @Reference QueryService queries,
            @Reference CredentialVault vault, @Reference Mailer mailer, @Reference SchedulerSettings settings) {
        this.store = store;
        this.accounts = accounts;
        this.queries = queries;
        this.vault = vault;
        this.mailer = mailer;
        this.settings = settings;
    }

    static String webhookSecret(String alertId, int index) {
        return "alert:" + alertId + ":webhook:" + index;
    }

    static Condition condition(Alert a) {
        return read(a.conditionJson(), Condition.class);
    }

    static Notify notify(Alert a) {
        return read(a.notifyJson(), Notify.class);
    }

    static <T> T read(String json, Class<T> type) {
        try {
            return JSON.readValue(json, type);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Stored alert settings are not readable.");
        }
    }

    static String write(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Not serializable as JSON.", e);
        }
    }

    /** Runs the alert's query as its creator and evaluates the condition; changes nothing. */
    Condition.Outcome check(Alert a) {
        Membership creator = accounts.membershipOf(a.organizationId(), a.createdBy())
                .orElseThrow(() -> new IllegalStateException("The alert's creator is no longer a member of the organization: "
                        + "edit and save the alert to run it as yourself."));
        ZoneId zone = accounts.findUser(a.createdBy()).map(User::timeZone).filter(z -> z != null && !z.isBlank())
                .map(ZoneId::of).orElse(QueryRequest.UTC);
        Caller caller = new Caller(a.createdBy(), a.organizationId(), creator.role(), "scheduler");
        QueryResult result = queries.run(caller, new QueryRequest(a.dataSourceId(), a.sql(), List.of(), Map.of(), 0, false,
                null, zone));
        return condition(a).evaluate(result, a.lastValue());
    }

    /** One scheduled run: evaluate, keep the state, notify on a change to TRIGGERED. */
    JobResult run(Alert a) {
        Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        Condition.Outcome outcome;
        try {
            outcome = check(a);
        } catch (QueryException | IllegalStateException e) {
            store.saveState(a.checked(ERROR, a.lastValue(), now, e.getMessage()));
            return new JobResult(RunOutcome.FAILED, e.getMessage());
        }
        String state = outcome.holds() ? TRIGGERED : OK;
        store.saveState(a.checked(state, outcome.value(), now, outcome.message()));
        if (!outcome.holds()) {
            return JobResult.ok(outcome.message());
        }
        boolean changed = !TRIGGERED.equals(a.state());
        if (changed || notify(a).everyRun()) {
            return new JobResult(RunOutcome.TRIGGERED, outcome.message() + " " + send(a, outcome));
        }
        return new JobResult(RunOutcome.TRIGGERED, outcome.message() + " Still triggered: nobody notified again.");
    }

    /** Emails and webhook posts for a triggered alert; answers what was sent. */
    String send(Alert a, Condition.Outcome outcome) {
        Notify n = notify(a);
        String link = settings.publicUrl() + (a.reportId() != null ? "/reports/" + a.reportId() : "/alerts/" + a.id());
        String condition = condition(a).describe();
        int emails = 0;
        for (String userId : n.userIds()) {
            Optional<User> user = accounts.membershipOf(a.organizationId(), userId).flatMap(m -> accounts.findUser(userId));
            if (user.isPresent()) {
                mailer.send(new EmailMessage(user.get().email(), "Sightline alert: " + oneLine(a.name()) + " triggered",
                        "The alert \"" + a.name() + "\" triggered: " + condition + ".\n\n" + outcome.message() + "\n\n"
                                + "Open it in Sightline: " + link + "\n"));
                emails++;
            }
        }
        int hooks = 0;
        Webhooks sender = webhooks;
        for (int i = 0; i < n.webhookHosts().size(); i++) {
            char[] url = vault.open(a.organizationId(), webhookSecret(a.id(), i));
            if (url == null) {
                continue;
            }
            try {
                if (sender == null) {
                    LOG.warn("Alert {} triggered but no webhook sender is installed", a.id());
                    break;
                }
                String host = n.webhookHosts().get(i);
                sender.post(URI.create(new String(url)), slack(a, condition, outcome, link)).thenAccept(d -> {
                    if (!d.delivered()) {
                        LOG.warn("Alert {}: webhook to {} not delivered after {} attempts: {}", a.id(), host, d.attempts(), d.error());
                    }
                });
                hooks++;
            } finally {
                java.util.Arrays.fill(url, '\0');
            }
        }
        return "Notified " + emails + " member" + (emails == 1 ? "" : "s") + " and " + hooks + " webhook"
                + (hooks == 1 ? "" : "s") + ".";
    }

    /** A Slack incoming-webhook message; other chat tools accept the same "text". */
    static String slack(Alert a, String condition, Condition.Outcome outcome, String link) {
        String text = ":rotating_light: Alert *" + a.name() + "* triggered: " + condition + ".\n" + outcome.message()
                + "\n<" + link + "|Open in Sightline>";
        Map<String, Object> section = new LinkedHashMap<>();
        section.put("type", "section");
        section.put("text", Map.of("type", "mrkdwn", "text", text));
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("text", text);
        body.put("blocks", List.of(section));
        body.put("sightline", Map.of("alertId", a.id(), "alert", a.name(), "state", TRIGGERED, "value",
                String.valueOf(outcome.value()), "rowCount", outcome.rowCount(), "link", link));
        return write(body);
    }

    private static String oneLine(String s) {
        return s.replaceAll("[\\r\\n]+", " ");
    }
}
