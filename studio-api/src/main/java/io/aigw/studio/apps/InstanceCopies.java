package io.aigw.studio.apps;

import io.aigw.plugin.api.ResourceInstance;
import io.aigw.studio.json.Json;
import io.aigw.studio.json.JsonInputException;

/**
 * The copy of an instance's details the control plane stores with an App's link and hands to
 * gateways, made from a provider's {@code getResourceInstance} answer. The answer is the plugin's,
 * so it is checked like input: what breaks the schema or bloats every snapshot is refused.
 * Metadata stays opaque JSON, kept exactly as the plugin wrote it and never logged (the seed: no
 * secrets in it, and that is the plugin's duty; it reaches every gateway).
 */
final class InstanceCopies {

    static final int MAX_NAME_LENGTH = 500;
    static final int MAX_DESCRIPTION_LENGTH = 4000;
    /** Every snapshot carries the metadata of every linked instance: keep it small. */
    static final int MAX_METADATA_LENGTH = 65_536;

    private InstanceCopies() {
    }

    /**
     * The copy to store for instance {@code id}, from the plugin's {@code answer} (not null).
     *
     * @throws IllegalArgumentException naming what is wrong with the answer (never its metadata)
     */
    static ResourceInstance of(String id, ResourceInstance answer) {
        String name = answer.name() == null ? "" : answer.name();
        if (name.length() > MAX_NAME_LENGTH) {
            throw new IllegalArgumentException("instance '" + id + "' has a name longer than " + MAX_NAME_LENGTH
                    + " characters");
        }
        if (answer.description().length() > MAX_DESCRIPTION_LENGTH) {
            throw new IllegalArgumentException("instance '" + id + "' has a description longer than "
                    + MAX_DESCRIPTION_LENGTH + " characters");
        }
        if (answer.privacyScore() < 0 || answer.privacyScore() > 100) {
            throw new IllegalArgumentException("instance '" + id + "' has privacy score " + answer.privacyScore()
                    + ", outside 0..100");
        }
        String metadata = answer.metadata();
        if (!metadata.isEmpty()) {
            if (metadata.length() > MAX_METADATA_LENGTH) {
                throw new IllegalArgumentException("instance '" + id + "' has metadata longer than "
                        + MAX_METADATA_LENGTH + " characters");
            }
            boolean json;
            try {
                json = Json.parseUntrusted(metadata) != null;
            } catch (JsonInputException e) {
                json = false; // the parser's message may quote the metadata: not repeated anywhere
            }
            if (!json) {
                throw new IllegalArgumentException("instance '" + id + "' has metadata that is not one JSON value");
            }
        }
        // ids are the control plane's link keys: the one asked for, whatever the answer says
        return new ResourceInstance(id, name, answer.description(), answer.privacyScore(), metadata,
                answer.isActive());
    }
}
