package ai.hyperware.ext.contract;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

import ai.hyperware.ext.contract.Contract.Field;
import ai.hyperware.ext.contract.Contract.TypeDef;
import ai.hyperware.ext.contract.Contract.Variant;

/**
 * Writes a {@link Contract} as a Rust module that needs only serde (with {@code derive}): the request enum, a
 * {@code <Variant>Reply} alias per variant, a {@code Reply} enum that decodes a reply as its request's type, and the
 * structs and enums they use.
 *
 * <pre>{@code
 * String module = RustModule.write(contract, "hyperware-ext 0.1.0");
 * }</pre>
 */
public final class RustModule {

    private static final String DERIVE = "#[derive(Serialize, Deserialize, Debug, Clone, PartialEq)]";

    private final StringBuilder out = new StringBuilder();

    private RustModule() {
    }

    /**
     * The module's source.
     *
     * @param generator what generated it, for the header, e.g. {@code hyperware-ext 0.1.0}
     * @throws IllegalArgumentException if the contract has problems: the module would not describe the extension
     */
    public static String write(Contract contract, String generator) {
        if (!contract.problems().isEmpty()) {
            throw new IllegalArgumentException("the handlers cannot all be described in Rust:\n  - "
                    + String.join("\n  - ", contract.problems()));
        }
        RustModule module = new RustModule();
        module.header(contract, generator);
        module.requestEnum(contract);
        module.replies(contract);
        contract.types().forEach(module::type);
        if (contract.usesValue()) {
            module.out.append('\n').append(resource("value.rs"));
        }
        if (contract.usesUnwrapped()) {
            module.out.append('\n').append(resource("unwrapped.rs"));
        }
        return module.out.toString();
    }

    private void header(Contract contract, String generator) {
        line("//! The requests and replies of this Hyperware extension, generated from its handlers by " + generator
                + ":");
        line("//! `java -jar ext.jar --hyperware.extension.contract=rust` (or the same option to any application");
        line("//! built on hyperware-ext). Regenerate it instead of editing it: the extension binds exactly these");
        line("//! types, fields in this order. Needs `serde` with `derive`; encode a request with");
        line("//! `rmp_serde::to_vec_named` or `rmp_serde::to_vec`, decode its reply with `Reply::decode`.");
        line("#![allow(dead_code, non_camel_case_types, non_snake_case)]");
        line("");
        line("use serde::{Deserialize, Serialize};");
        if (contract.usesMap()) {
            line("use std::collections::HashMap;");
        }
    }

    private void requestEnum(Contract contract) {
        line("");
        line("/// One variant per `@ExtensionHandler`.");
        line(DERIVE);
        line("pub enum " + contract.requestEnum() + " {");
        for (Variant variant : contract.variants()) {
            line("    /// " + variant.handler() + "; replies [`" + replyAlias(variant) + "`].");
            if (!variant.positional()) {
                line("    /// Named fields only: send it with `rmp_serde::to_vec_named` (the Java class has no defined");
                line("    /// field order).");
            }
            rename("    ", variant.name(), variantIdent(variant));
            switch (variant.kind()) {
                case UNIT -> line("    " + variantIdent(variant) + ",");
                case NEWTYPE -> line("    " + variantIdent(variant) + "(" + variant.value().rust() + "),");
                case STRUCT -> {
                    line("    " + variantIdent(variant) + " {");
                    fields("        ", variant.fields(), false);
                    line("    },");
                }
            }
        }
        line("}");
    }

    private void replies(Contract contract) {
        for (Variant variant : contract.variants()) {
            line("");
            line("/// The reply to [`" + contract.requestEnum() + "::" + variantIdent(variant) + "`].");
            line("pub type " + replyAlias(variant) + " = " + variant.reply().rust() + ";");
        }
        line("");
        line("/// A reply, decoded as the reply type of its request's variant.");
        line("#[derive(Serialize, Debug, Clone, PartialEq)]");
        line("pub enum Reply {");
        for (Variant variant : contract.variants()) {
            line("    " + variantIdent(variant) + "(" + replyAlias(variant) + "),");
        }
        line("}");
        line("");
        line("impl " + contract.requestEnum() + " {");
        line("    /// The variant's name, which the extension routes on.");
        line("    pub fn variant(&self) -> &'static str {");
        line("        match self {");
        for (Variant variant : contract.variants()) {
            line("            " + pattern(contract, variant) + " => \"" + escape(variant.name()) + "\",");
        }
        line("        }");
        line("    }");
        line("}");
        line("");
        line("impl Reply {");
        line("    /// Decodes the reply to `request`, e.g.");
        line("    /// `Reply::decode(&request, &mut rmp_serde::Deserializer::new(&blob[..]))`.");
        line("    pub fn decode<'de, D: serde::Deserializer<'de>>(request: &" + contract.requestEnum()
                + ", reply: D) -> Result<Reply, D::Error> {");
        line("        Ok(match request {");
        for (Variant variant : contract.variants()) {
            line("            " + pattern(contract, variant) + " => Reply::" + variantIdent(variant) + "("
                    + replyAlias(variant) + "::deserialize(reply)?),");
        }
        line("        })");
        line("    }");
        line("");
        line("    /// The extension's error message, if the reply is one: the handler threw or timed out, or the");
        line("    /// request could not be decoded or bound.");
        line("    pub fn error(&self) -> Option<&str> {");
        line("        match self {");
        for (Variant variant : contract.variants()) {
            String failed = variant.reply() instanceof RustTypeRef.Unwrapped ? "Unwrapped::Failed { err: error }"
                    : "Err(error)";
            line("            Reply::" + variantIdent(variant) + "(" + failed + ") => Some(error),");
        }
        line("            _ => None,");
        line("        }");
        line("    }");
        line("}");
    }

    private void type(TypeDef type) {
        line("");
        line("/// `" + type.javaType() + "`");
        if (type.isEnum()) {
            line("#[derive(Serialize, Deserialize, Debug, Clone, Copy, PartialEq, Eq, Hash)]");
            line("pub enum " + type.name() + " {");
            for (String variant : type.variants()) {
                rename("    ", variant, RustNames.identifier(variant));
                line("    " + RustNames.identifier(variant) + ",");
            }
            line("}");
            return;
        }
        if (!type.positional()) {
            line("/// Named fields only: send it with `rmp_serde::to_vec_named` (the Java class has no defined field");
            line("/// order).");
        }
        line(DERIVE);
        line("pub struct " + type.name() + " {");
        fields("    ", type.fields(), true);
        line("}");
    }

    private void fields(String indent, List<Field> fields, boolean pub) {
        for (Field field : fields) {
            String ident = RustNames.identifier(field.name());
            rename(indent, field.name(), ident);
            line(indent + (pub ? "pub " : "") + ident + ": " + field.type().rust() + ",");
        }
    }

    private void rename(String indent, String serdeName, String ident) {
        if (!serdeName.equals(ident)) {
            line(indent + "#[serde(rename = \"" + escape(serdeName) + "\")]");
        }
    }

    private static String pattern(Contract contract, Variant variant) {
        String path = contract.requestEnum() + "::" + variantIdent(variant);
        return switch (variant.kind()) {
            case UNIT -> path;
            case NEWTYPE -> path + "(..)";
            case STRUCT -> path + " { .. }";
        };
    }

    private static String variantIdent(Variant variant) {
        return RustNames.identifier(variant.name());
    }

    private static String replyAlias(Variant variant) {
        return RustNames.typeName(variant.name()) + "Reply";
    }

    private static String escape(String text) {
        return text.replace("\\", "\\\\").replace("\"", "\\\"");
    }

    private void line(String text) {
        out.append(text).append('\n');
    }

    private static String resource(String name) {
        try (InputStream in = RustModule.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + name + " next to " + RustModule.class);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
