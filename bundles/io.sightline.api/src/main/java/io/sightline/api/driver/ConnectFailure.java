package io.sightline.api.driver;

/**
 * Why a connection failed, for people (DS-4): the step and a message in plain words, never a
 * stack trace or a secret.
 */
public record ConnectFailure(Step step, String message) {
    /** The steps of connecting, in order. */
    public enum Step { DNS, TCP, SSH, TLS, AUTHENTICATION, DATABASE, QUERY }
}
