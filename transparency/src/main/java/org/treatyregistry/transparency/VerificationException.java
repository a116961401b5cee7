package org.treatyregistry.transparency;

/** What a verifier found wrong: a signature that does not verify, a proof that does not hold, a fork. */
public class VerificationException extends RuntimeException {

    public VerificationException(String message) {
        super(message);
    }
}
