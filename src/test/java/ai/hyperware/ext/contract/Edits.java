package ai.hyperware.ext.contract;

import static org.assertj.core.api.Assertions.assertThat;

/** Hand edits of a generated module, as a developer might make them, for showing that the check catches them. */
final class Edits {

    private Edits() {
    }

    /** Replaces {@code from} by {@code to} inside {@code pub struct <name> { ... }}, which must contain it. */
    static String inStruct(String module, String name, String from, String to) {
        int start = module.indexOf("pub struct " + name + " {\n");
        assertThat(start).as("struct %s in the module", name).isNotNegative();
        int end = module.indexOf("\n}\n", start) + 1;
        String body = module.substring(start, end);
        assertThat(body).as("struct %s", name).contains(from);
        return module.substring(0, start) + body.replace(from, to) + module.substring(end);
    }
}
