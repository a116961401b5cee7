package org.treatyregistry.contract.obligations;

/**
 * How exact a stated number of mines is, as the sources give it. A figure is never shown as more exact than this:
 * "about 3.4 million" stays approximate, "more than 90,000" a lower bound.
 */
public enum FigurePrecision {
    EXACT,
    /** "about 1 million" */
    APPROXIMATE,
    /** "more than 90,000": the number is at least this */
    LOWER_BOUND,
    /** "between 956 and 959": no single number; both ends are in the note */
    RANGE,
    /** the number as a source stated it, not confirmed by another */
    AS_STATED
}
