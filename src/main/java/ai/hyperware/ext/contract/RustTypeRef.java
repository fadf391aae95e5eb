package ai.hyperware.ext.contract;

import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Function;

/** A Rust type as the generated module spells it: {@code u32}, {@code Vec<Option<Point>>}, {@code Box<Tree>}. */
public sealed interface RustTypeRef {

    /** The type in Rust syntax. */
    String rust();

    /** The module's own type for any MessagePack value, which a {@code RawMsgpack} stands for. */
    Primitive VALUE = new Primitive("Value");

    /** A type with no parameters: a primitive, {@code String}, {@code ()}, the module's {@code Value}. */
    record Primitive(String rust) implements RustTypeRef {
    }

    /** A struct or enum the module defines. */
    record Named(String name) implements RustTypeRef {
        @Override
        public String rust() {
            return name;
        }
    }

    record Vec(RustTypeRef element) implements RustTypeRef {
        @Override
        public String rust() {
            return "Vec<" + element.rust() + ">";
        }
    }

    record Option(RustTypeRef inner) implements RustTypeRef {
        @Override
        public String rust() {
            return "Option<" + inner.rust() + ">";
        }
    }

    record Map(RustTypeRef key, RustTypeRef value) implements RustTypeRef {
        @Override
        public String rust() {
            return "HashMap<" + key.rust() + ", " + value.rust() + ">";
        }
    }

    /** The reply of a handler with {@code wrapResult = false}: its value as it is, or {@code {"Err": message}}. */
    record Unwrapped(RustTypeRef value) implements RustTypeRef {
        @Override
        public String rust() {
            return "Unwrapped<" + value.rust() + ">";
        }
    }

    /** The reply of every other handler. */
    record Result(RustTypeRef ok) implements RustTypeRef {
        @Override
        public String rust() {
            return "Result<" + ok.rust() + ", String>";
        }
    }

    /** A struct held through a pointer, where it contains itself other than through a Vec or a map. */
    record Boxed(RustTypeRef inner) implements RustTypeRef {
        @Override
        public String rust() {
            return "Box<" + inner.rust() + ">";
        }
    }

    /** The module's types this one holds without a Vec or a map in between: those that make its size. */
    default void directNames(Set<String> into) {
        if (this instanceof Named named) {
            into.add(named.name());
        } else if (this instanceof Option option) {
            option.inner().directNames(into);
        } else if (this instanceof Boxed boxed) {
            boxed.inner().directNames(into);
        }
    }

    /** This type and every type inside it, outermost first. */
    default void visit(Consumer<RustTypeRef> visitor) {
        visitor.accept(this);
        if (this instanceof Vec vec) {
            vec.element().visit(visitor);
        } else if (this instanceof Option option) {
            option.inner().visit(visitor);
        } else if (this instanceof Map map) {
            map.key().visit(visitor);
            map.value().visit(visitor);
        } else if (this instanceof Boxed boxed) {
            boxed.inner().visit(visitor);
        } else if (this instanceof Unwrapped unwrapped) {
            unwrapped.value().visit(visitor);
        } else if (this instanceof Result result) {
            result.ok().visit(visitor);
        }
    }

    /** Every type of the module this one mentions. */
    default void allNames(Set<String> into) {
        visit(type -> {
            if (type instanceof Named named) {
                into.add(named.name());
            }
        });
    }

    /** This type with each directly held {@link Named} replaced by {@code replace}'s result. */
    default RustTypeRef mapDirect(Function<Named, RustTypeRef> replace) {
        if (this instanceof Named named) {
            return replace.apply(named);
        }
        if (this instanceof Option option) {
            return new Option(option.inner().mapDirect(replace));
        }
        return this;
    }
}
