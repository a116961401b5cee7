package org.treatyregistry.contract.participation;

/** The instruments by which a State consents to be bound (Convention Art. 16; succession under general law). */
public enum InstrumentType {
    RATIFICATION,
    ACCEPTANCE,
    APPROVAL,
    ACCESSION,
    SUCCESSION;

    /** Ratification, acceptance and approval presuppose a signature (Art. 16.1); accession does not (Art. 16.2). */
    public boolean requiresSignature() {
        return this == RATIFICATION || this == ACCEPTANCE || this == APPROVAL;
    }
}
