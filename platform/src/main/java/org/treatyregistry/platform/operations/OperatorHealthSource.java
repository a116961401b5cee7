package org.treatyregistry.platform.operations;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * A named section of the operator's view of a service ({@code GET /api/{service}/operations/health}, health
 * component {@code operations}, the console's operator page): what is stuck, where, since when, with which error,
 * and how to undo it. Implement it as a Spring bean to add a section; read what every instance reads alike (the
 * service's MongoDB, Kafka's committed offsets), not one instance's memory.
 */
public interface OperatorHealthSource {

    /** The section's name, e.g. {@code processors}, {@code deadLetters}, {@code inbox}. */
    String name();

    Section read();

    /**
     * One stuck thing: what, where (processor, segment, sequence), since when, the error, how to undo it, and the
     * operator's calls that undo it, for a console to offer.
     */
    record Stuck(String what, String where, Instant since, String error, String undo, List<Action> actions) {

        /** Something that undoes itself once its cause is fixed: nothing to call. */
        public Stuck(String what, String where, Instant since, String error, String undo) {
            this(what, where, since, error, undo, List.of());
        }
    }

    /** A call of the service's operator API, relative to the gateway: {@code POST /api/registry/operations/...}. */
    record Action(String label, String method, String path) {
    }

    /** A section: whether someone has to look ({@code stuck} not empty), and figures that need no action. */
    record Section(List<Stuck> stuck, Map<String, Object> details) {

        public boolean attention() {
            return !stuck.isEmpty();
        }
    }
}
