package io.aigw.examples.kb;

import io.aigw.plugin.api.ResourceTypeRegistration;

import java.util.Arrays;
import java.util.Optional;

/**
 * The resource types this plugin provides. {@code knowledge_bases} is also declared in the
 * manifest (whose entry the control plane prefers); {@code glossaries} only at run time, through
 * {@code getResourceTypeRegistrations()}: together they show both ways of declaring a type.
 */
enum Kind {

    KNOWLEDGE_BASES(new ResourceTypeRegistration("knowledge_bases", "Knowledge Bases",
            "Document collections with a sensitivity classification", "MenuBook", true, true, null),
            "knowledge base", "knowledge bases"),
    GLOSSARIES(new ResourceTypeRegistration("glossaries", "Glossaries",
            "Term lists that keep an App's wording consistent; not sensitive, so no privacy score", "Translate",
            false, false, null),
            "glossary", "glossaries");

    private final ResourceTypeRegistration registration;
    private final String noun;
    private final String plural;

    Kind(ResourceTypeRegistration registration, String noun, String plural) {
        this.registration = registration;
        this.noun = noun;
        this.plural = plural;
    }

    ResourceTypeRegistration registration() {
        return registration;
    }

    String slug() {
        return registration.slug();
    }

    /** For messages: "knowledge base". */
    String noun() {
        return noun;
    }

    /** For messages: "knowledge bases". */
    String plural() {
        return plural;
    }

    boolean scored() {
        return registration.hasPrivacyScore();
    }

    static Optional<Kind> of(String slug) {
        return Arrays.stream(values()).filter(k -> k.slug().equals(slug)).findFirst();
    }
}
