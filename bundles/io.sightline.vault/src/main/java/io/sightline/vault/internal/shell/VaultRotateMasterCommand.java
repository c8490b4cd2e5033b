package io.sightline.vault.internal.shell;

import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;

import io.sightline.vault.internal.EnvelopeVault;

/** Ops: a new master key, every data key re-wrapped with it; run again to finish an interrupted run. */
@Command(scope = "sightline", name = "vault-rotate-master",
        description = "Create a new vault master key and re-wrap every data key with it (resumes an interrupted rotation)")
@Service
public class VaultRotateMasterCommand implements Action {
    @Reference
    EnvelopeVault vault;

    @Override
    public Object execute() throws Exception {
        EnvelopeVault.Rotation r = vault.rotateMasterKey(EnvelopeVault.Actor.OPS);
        System.out.println((r.resumed() ? "Finished the interrupted rotation to " : "Rotated to new master key ")
                + r.keyId() + ": " + r.dataKeysRewrapped() + " data keys re-wrapped, " + r.keysRemoved()
                + " old master keys removed from the key file.");
        return null;
    }
}
