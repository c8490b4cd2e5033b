package io.sightline.api.notify;

/**
 * A plain-text email to one recipient.
 *
 * @param to recipient address
 * @param subject subject line
 * @param text body; links in it are absolute URLs
 */
public record EmailMessage(String to, String subject, String text) {

    /** Addresses and subjects must not carry header injections. */
    public EmailMessage {
        if (!io.sightline.api.account.EmailAddress.isValid(to)) {
            throw new IllegalArgumentException("to: not a single address");
        }
        if (subject == null || subject.contains("\r") || subject.contains("\n")) {
            throw new IllegalArgumentException("subject: must be one line");
        }
    }

    /** Never prints the body, which may hold a single-use link. */
    @Override
    public String toString() {
        return "EmailMessage[to=" + to + ", subject=" + subject + "]";
    }
}
