package io.sightline.audit.internal.shell;

import java.util.List;

import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;

import io.sightline.api.audit.AuditStore;
import io.sightline.audit.internal.AuditVerifier;

/** Ops: checks every audit chain (or one) and prints the first broken link of each. */
@Command(scope = "sightline", name = "audit-verify",
        description = "Verify the audit log's hash chains and report the first broken link")
@Service
public class AuditVerifyCommand implements Action {
    @Reference
    AuditStore store;

    @Option(name = "--organization", aliases = "-o", description = "Organization id, or 'platform' (default: every chain)")
    String organization;

    @Override
    public Object execute() {
        List<String> chains = organization != null ? List.of(organization) : store.chains();
        int broken = 0;
        for (String chain : chains) {
            String report = AuditVerifier.report(store, chain);
            if (!report.startsWith("OK")) {
                broken++;
            }
            System.out.println(report);
        }
        System.out.println(broken == 0 ? "All " + chains.size() + " chains intact." : broken + " of " + chains.size() + " chains BROKEN.");
        return null;
    }
}
