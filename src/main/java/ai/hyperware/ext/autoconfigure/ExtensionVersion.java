package ai.hyperware.ext.autoconfigure;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.info.BuildProperties;

/** This runtime's version, from the build info when there is one (the managed jar), else the jar's manifest. */
final class ExtensionVersion {

    private ExtensionVersion() {
    }

    static String of(ObjectProvider<BuildProperties> build) {
        BuildProperties properties = build.getIfAvailable();
        String version = properties != null ? properties.getVersion()
                : ExtensionVersion.class.getPackage().getImplementationVersion();
        return version != null ? version : "unknown";
    }
}
