package io.aigw.studio.resources;

import java.util.List;

/**
 * What one source (a manifest, or a plugin's runtime answer) declares: the valid types, and one
 * line per entry skipped, saying which entry and why.
 */
record Declarations(List<TypeDeclaration> types, List<String> problems) {

    static final Declarations NONE = new Declarations(List.of(), List.of());

    Declarations {
        types = List.copyOf(types);
        problems = List.copyOf(problems);
    }
}
