package ai.hyperware.ext.simulator;

import java.beans.PropertyChangeListener;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.function.Supplier;
import java.util.stream.Stream;

import jakarta.servlet.DispatcherType;
import jakarta.servlet.ServletContainerInitializer;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.websocket.DeploymentException;
import jakarta.websocket.server.ServerContainer;
import jakarta.websocket.server.ServerEndpointConfig;

import org.apache.catalina.Context;
import org.apache.catalina.LifecycleException;
import org.apache.catalina.Loader;
import org.apache.catalina.connector.Connector;
import org.apache.catalina.startup.Tomcat;
import org.apache.tomcat.websocket.server.WsSci;

/**
 * An embedded Tomcat on 127.0.0.1 serving one WebSocket endpoint behind the {@link HandshakeGuard}: no JSP, no
 * web.xml, no scanning, a throw-away base directory. Each {@link #start(int)} builds a fresh Tomcat, and
 * {@link #stop()} destroys it, which releases the port so that the next start can bind it again.
 */
final class EmbeddedNodeServer {

    /** Parts of incoming messages are delivered in chunks of this size (Tomcat's default is 8 KiB). */
    private static final int CHUNK_BYTES = 1024 * 1024;

    private final String endpointPath;
    private final HandshakeGuard guard;
    private final Supplier<ExtensionEndpoint> endpoints;
    private Tomcat tomcat;
    private Path baseDir;

    EmbeddedNodeServer(String endpointPath, HandshakeGuard guard, Supplier<ExtensionEndpoint> endpoints) {
        this.endpointPath = endpointPath;
        this.guard = guard;
        this.endpoints = endpoints;
    }

    boolean isRunning() {
        return tomcat != null;
    }

    /** Starts listening on 127.0.0.1:{@code port} (0: any free port); returns the port bound. */
    int start(int port) {
        try {
            baseDir = Files.createTempDirectory("node-simulator");
            Tomcat server = new Tomcat();
            server.setSilent(true);
            server.setBaseDir(baseDir.toString());
            Connector connector = new Connector();
            connector.setPort(port);
            connector.setProperty("address", "127.0.0.1");
            connector.setThrowOnFailure(true); // a port already taken fails start() instead of being only logged
            connector.setProperty("minSpareThreads", "1"); // a node serves one extension: no pool of ten idle threads
            server.getService().addConnector(connector);
            server.setConnector(connector);
            Context context = server.addContext("", baseDir.toString());
            context.setLoader(new SimulatorLoader());
            // Tomcat runs filters only for a request mapped to a servlet: without one, every handshake is a 404
            // before the guard or the WebSocket filter sees it
            Tomcat.addServlet(context, "not-found", new NotFoundServlet());
            context.addServletMappingDecoded("/", "not-found");
            context.addServletContainerInitializer(new WsSci(), null);
            context.addServletContainerInitializer(registration(), null);
            tomcat = server;
            server.start();
            return connector.getLocalPort();
        } catch (LifecycleException e) {
            stop();
            throw new IllegalStateException("cannot start the node simulator on 127.0.0.1:" + port + ": "
                    + rootMessage(e) + (port != 0 ? " (is the port taken by another process?)" : ""), e);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create a base directory for the node simulator", e);
        }
    }

    /** Stops Tomcat and releases its port; open connections are closed by Tomcat with 1001 (going away). */
    void stop() {
        if (tomcat == null) {
            return;
        }
        try {
            tomcat.stop();
            tomcat.destroy(); // destroy, not only stop, unbinds the port
        } catch (LifecycleException e) {
            throw new IllegalStateException("the node simulator did not stop cleanly: " + rootMessage(e), e);
        } finally {
            tomcat = null;
            deleteBaseDir();
        }
    }

    /** Runs after Tomcat's own initializer has created the WebSocket container. */
    private ServletContainerInitializer registration() {
        return (classes, servletContext) -> {
            ServerContainer container = (ServerContainer) servletContext.getAttribute(ServerContainer.class.getName());
            container.setDefaultMaxBinaryMessageBufferSize(CHUNK_BYTES);
            container.setDefaultMaxTextMessageBufferSize(CHUNK_BYTES);
            try {
                container.addEndpoint(ServerEndpointConfig.Builder.create(ExtensionEndpoint.class, endpointPath)
                        .configurator(new EndpointFactory(endpoints)).build());
            } catch (DeploymentException e) {
                throw new ServletException("cannot serve " + endpointPath, e);
            }
            // isMatchAfter = false puts the guard before Tomcat's WsFilter, which performs the upgrade
            servletContext.addFilter("node-handshake-guard", guard)
                    .addMappingForUrlPatterns(EnumSet.of(DispatcherType.REQUEST), false, "/*");
        };
    }

    /** Hands Tomcat a new endpoint for each connection. */
    private static final class EndpointFactory extends ServerEndpointConfig.Configurator {
        private final Supplier<ExtensionEndpoint> endpoints;

        EndpointFactory(Supplier<ExtensionEndpoint> endpoints) {
            this.endpoints = endpoints;
        }

        @Override
        public <T> T getEndpointInstance(Class<T> endpointClass) {
            return endpointClass.cast(endpoints.get());
        }
    }

    /**
     * Loads the context's classes with the simulator's own class loader. Tomcat's default, a web-application class
     * loader, exists to isolate and unload deployed applications; here it would only run leak checks at every stop,
     * which warn about any thread that was serving a request at that moment.
     */
    private static final class SimulatorLoader implements Loader {
        private Context context;

        @Override
        public ClassLoader getClassLoader() {
            return EmbeddedNodeServer.class.getClassLoader();
        }

        @Override
        public Context getContext() {
            return context;
        }

        @Override
        public void setContext(Context context) {
            this.context = context;
        }

        @Override
        public boolean getDelegate() {
            return true;
        }

        @Override
        public void setDelegate(boolean delegate) {
            // always the parent's classes: there is nothing of our own to prefer
        }

        @Override
        public boolean modified() {
            return false; // nothing is ever redeployed
        }

        @Override
        public void backgroundProcess() {
            // no reloading
        }

        @Override
        public void addPropertyChangeListener(PropertyChangeListener listener) {
            // no properties change
        }

        @Override
        public void removePropertyChangeListener(PropertyChangeListener listener) {
            // no properties change
        }
    }

    /** What the node answers for any path but the extension's: 404. */
    private static final class NotFoundServlet extends HttpServlet {
        private static final long serialVersionUID = 1L;

        @Override
        protected void service(HttpServletRequest request, HttpServletResponse response) throws IOException {
            response.sendError(HttpServletResponse.SC_NOT_FOUND);
        }
    }

    private void deleteBaseDir() {
        try (Stream<Path> files = Files.walk(baseDir)) {
            files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException | UncheckedIOException e) {
            // a temp directory left behind is harmless
        }
    }

    private static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null) {
            root = root.getCause();
        }
        return root.getMessage();
    }
}
