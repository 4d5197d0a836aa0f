package io.aigw.studio.resources;

import io.aigw.plugin.api.ResourceTypeRegistration;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** The types a plugin's {@code getResourceTypeRegistrations()} answered, checked entry by entry. */
final class RuntimeTypes {

    private RuntimeTypes() {
    }

    static Declarations check(List<ResourceTypeRegistration> answered) {
        if (answered == null) {
            return Declarations.NONE;
        }
        List<TypeDeclaration> types = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        Set<String> slugs = new HashSet<>();
        for (int i = 0; i < answered.size(); i++) {
            ResourceTypeRegistration r = answered.get(i);
            String where = "getResourceTypeRegistrations()[" + i + "]"
                    + (r == null || r.slug() == null ? "" : " ('" + TypeDeclaration.printable(r.slug()) + "')");
            try {
                TypeDeclaration type = TypeDeclaration.of(r);
                if (!slugs.add(type.slug())) {
                    problems.add(where + " skipped: this slug is registered twice");
                    continue;
                }
                types.add(type);
            } catch (TypeDeclaration.InvalidDeclaration e) {
                problems.add(where + " skipped: " + e.getMessage());
            }
        }
        return new Declarations(types, problems);
    }
}
