package org.treatyregistry.platform.operations;

/**
 * A processor that must never be replayed, and why: declared as a bean by the feature that owns it, and refused by
 * {@link Replays} before anything is touched.
 */
public record NotReplayable(String processor, String why) {
}
