package io.sightline.vault.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

@ObjectClassDefinition(name = "Sightline vault", description = "Where the master key that protects every stored secret lives (SPEC V-3)")
public @interface VaultConfig {

    @AttributeDefinition(description = "Master key file, created with a fresh key on first start (owner-only). "
            + "Empty: ${karaf.etc}/keys/vault-master.keys")
    String master_key_file() default "";

    @AttributeDefinition(description = "Environment variable that, when set, holds the master key instead of the file "
            + "(base64 of 32 random bytes). Keys from the environment cannot be rotated by Sightline.")
    String master_key_environment() default "SIGHTLINE_VAULT_MASTER_KEY";
}
