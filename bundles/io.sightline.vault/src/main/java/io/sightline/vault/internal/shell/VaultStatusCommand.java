package io.sightline.vault.internal.shell;

import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;

import io.sightline.vault.internal.EnvelopeVault;

/** Prints where the master key lives and which keys are in use; never key material. */
@Command(scope = "sightline", name = "vault-status", description = "Show the vault's master key and organizations with keys")
@Service
public class VaultStatusCommand implements Action {
    @Reference
    EnvelopeVault vault;

    @Override
    public Object execute() {
        System.out.println("Active master key: " + vault.masterKeyId());
        System.out.println("Master keys held:  " + String.join(", ", vault.masterKeyIds()));
        for (String organization : vault.organizationsWithKeys()) {
            EnvelopeVault.Status s = vault.status(organization);
            System.out.println("Organization " + organization + ": data key " + s.dataKeyId() + ", " + s.secrets()
                    + " secrets, " + s.secretsUnderOtherKeys() + " under older keys");
        }
        return null;
    }
}
