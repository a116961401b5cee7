package org.treatyregistry.platform.failures;

/**
 * A failure that says nothing about the event being handled: the infrastructure did not answer, or a batch's
 * writes as a whole did not land. Retried with back-off until it passes; never dead-lettered.
 */
public class TransientFailure extends RuntimeException {

    public TransientFailure(String message, Throwable cause) {
        super(message, cause);
    }
}
