package ai.hyperware.ext.autoconfigure;

import java.net.URI;

/**
 * Where the extension connects: {@code ws://host:port/<process><path>}. Built from {@link ExtensionProperties}
 * unless the application defines its own bean of this type (the demo does, to point at its embedded simulator).
 *
 * @param uri the full extension URL
 */
public record NodeEndpoint(URI uri) {
}
