package io.sightline.vault.internal.shell;

import java.util.List;

import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;

import io.sightline.vault.internal.EnvelopeVault;

/** Ops: re-encrypts secrets under new data keys, for one organization or all. */
@Command(scope = "sightline", name = "vault-rotate-data",
        description = "Re-encrypt every secret under a new data key (all organizations, or one with --organization)")
@Service
public class VaultRotateDataCommand implements Action {
    @Reference
    EnvelopeVault vault;

    @Option(name = "--organization", aliases = "-o", description = "Organization id (default: every organization)")
    String organization;

    @Override
    public Object execute() {
        List<String> organizations = organization != null ? List.of(organization) : vault.organizationsWithKeys();
        for (String id : organizations) {
            EnvelopeVault.Rotation r = vault.rotateDataKey(id, EnvelopeVault.Actor.OPS);
            System.out.println("Organization " + id + ": " + (r.resumed() ? "finished rotation to " : "new data key ")
                    + r.keyId() + ", " + r.secretsReencrypted() + " secrets re-encrypted, " + r.keysRemoved() + " old keys removed.");
        }
        return null;
    }
}
