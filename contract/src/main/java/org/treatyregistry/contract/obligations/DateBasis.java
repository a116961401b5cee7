package org.treatyregistry.contract.obligations;

/**
 * What the date of a completion is: the day destruction ended, or the day the State (or a monitor) said it had
 * ended, which is the latest it can have ended.
 */
public enum DateBasis { COMPLETED, ANNOUNCED, REPORTED, DECLARED }
