package io.sightline.auth.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

@ObjectClassDefinition(name = "Sightline authentication", description = "Sessions, lockout, emailed links and password hashing.")
@interface AuthConfig {
    @AttributeDefinition(description = "Address users open Sightline at; emailed links start with it.")
    String public_url() default "https://localhost:8443";

    @AttributeDefinition(description = "A session ends after this many minutes without a request.")
    int session_idle_minutes() default 30;

    @AttributeDefinition(description = "A session ends this many hours after sign-in, whatever its use.")
    int session_absolute_hours() default 12;

    @AttributeDefinition(description = "Failed sign-ins in a row that lock an account.")
    int lockout_threshold() default 5;

    @AttributeDefinition(description = "Length of the first lock in minutes; each further lock doubles it.")
    int lockout_minutes() default 15;

    @AttributeDefinition(description = "Longest lock, in hours; locks are never permanent.")
    int lockout_max_hours() default 24;

    @AttributeDefinition(description = "Failed sign-ins from one address within 15 minutes before it must wait.")
    int ip_failures_per_window() default 30;

    @AttributeDefinition(description = "Validity of account and email-change confirmation links, in hours.")
    int confirm_link_hours() default 24;

    @AttributeDefinition(description = "Validity of password-reset links, in minutes.")
    int reset_link_minutes() default 10;

    @AttributeDefinition(description = "Validity of invitations, in days.")
    int invitation_days() default 7;

    @AttributeDefinition(description = "argon2id memory cost in KiB.")
    int argon2_memory_kib() default 19456;

    @AttributeDefinition(description = "argon2id iterations.")
    int argon2_iterations() default 3;

    @AttributeDefinition(description = "argon2id parallelism.")
    int argon2_parallelism() default 1;
}
