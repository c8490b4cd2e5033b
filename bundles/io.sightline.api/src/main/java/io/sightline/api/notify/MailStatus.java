package io.sightline.api.notify;

import java.util.List;

/**
 * How outgoing mail is set up, for the admin UI. Never carries the SMTP password or user.
 *
 * @param configured whether an SMTP host is set; when not, emails are written to the server log
 * @param host the SMTP host, or null when not configured
 * @param fromAddress the sender address of every email
 * @param configFile where an operator sets mail up, relative to the server's home (e.g.
 *     {@code etc/io.sightline.notify.cfg})
 * @param keys the configuration keys that file takes, in the order to read them
 */
public record MailStatus(boolean configured, String host, String fromAddress, String configFile, List<String> keys) {
    public MailStatus {
        keys = List.copyOf(keys);
    }
}
