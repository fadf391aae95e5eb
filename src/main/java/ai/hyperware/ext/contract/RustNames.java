package ai.hyperware.ext.contract;

import java.util.Set;

/** Names as Rust accepts them: identifiers that are not keywords, and when a serde name is not one, a rename. */
final class RustNames {

    /** Rust's strict and reserved keywords (2021 edition), which an identifier must not be. */
    private static final Set<String> KEYWORDS = Set.of("as", "break", "const", "continue", "crate", "else", "enum",
            "extern", "false", "fn", "for", "if", "impl", "in", "let", "loop", "match", "mod", "move", "mut", "pub",
            "ref", "return", "self", "Self", "static", "struct", "super", "trait", "true", "type", "unsafe", "use",
            "where", "while", "async", "await", "dyn", "abstract", "become", "box", "do", "final", "macro",
            "override", "priv", "typeof", "unsized", "virtual", "yield", "try", "union");

    private RustNames() {
    }

    /** Whether {@code name} can be written as it is: an identifier, not a keyword. */
    static boolean isIdentifier(String name) {
        return name.matches("[A-Za-z_][A-Za-z0-9_]*") && !name.equals("_") && !KEYWORDS.contains(name);
    }

    /** An identifier for a serde name: the name itself when it is one, else a cleaned form (renamed back). */
    static String identifier(String name) {
        if (isIdentifier(name)) {
            return name;
        }
        String cleaned = name.replaceAll("[^A-Za-z0-9_]", "_");
        if (cleaned.isEmpty() || !Character.isLetter(cleaned.charAt(0)) && cleaned.charAt(0) != '_') {
            cleaned = "_" + cleaned;
        }
        return KEYWORDS.contains(cleaned) ? cleaned + "_" : cleaned;
    }

    /** A type name from a Java name: an identifier starting with a capital. */
    static String typeName(String javaName) {
        String cleaned = identifier(javaName.replace("[]", "Array"));
        return Character.toUpperCase(cleaned.charAt(0)) + cleaned.substring(1);
    }
}
