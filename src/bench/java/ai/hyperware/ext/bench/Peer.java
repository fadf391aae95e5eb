package ai.hyperware.ext.bench;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

import ai.hyperware.ext.simulator.NodeSimulator;

/**
 * A peer to benchmark, how to start it against a simulated node, and what it answers.
 *
 * @param key          its name on the command line ({@code --only echo,python}) and in the report's notes
 * @param name         its column heading in the report
 * @param echoVariant  the request variant it echoes by ({@code Echo}, or the user handler's {@code BlockingEcho})
 * @param raw          whether it writes every request back unchanged instead of answering it (the raw floor): the
 *                     expected reply blob is then the request blob itself
 * @param servedAs     a line its log must hold once it is connected, proving that it serves the echo the way its
 *                     figures claim (empty: nothing to prove)
 * @param command      the command line for the node at hand
 */
record Peer(String key, String name, String echoVariant, boolean raw, String servedAs,
        Function<NodeSimulator, List<String>> command) {

    /** The interface process the simulated node binds; every peer serves it. */
    static final String PROCESS = "bench:bench:bench.os";

    /** The keys of every peer, in the report's column order. */
    static final List<String> KEYS = List.of("echo", "blocking", "python", "floor");

    /** {@code java [options] -jar ext.jar}, as a user starts it, serving its built-in Echo (non-blocking, inline). */
    static Peer builtInEcho(String java, List<String> javaOptions, String jar) {
        return new Peer("echo", "ext.jar, built-in Echo (inline)", "Echo", false,
                "Echo -> hyperwareDiagnostics#echo (ext.jar, non-blocking)",
                node -> extensionJar(java, javaOptions, jar, node));
    }

    /**
     * {@code java -Dloader.path=DIR [options] -jar ext.jar}, serving the handler jar in DIR: bench/handlers'
     * {@code BlockingEcho}, a user handler on the default, blocking path.
     */
    static Peer blockingUserHandler(String java, List<String> javaOptions, String jar, Path handlerDirectory) {
        List<String> options = new ArrayList<>();
        options.add("-Dloader.path=" + handlerDirectory.toAbsolutePath());
        options.addAll(javaOptions);
        // the start-up inventory names the jar a handler came from, and says "non-blocking" only for inline ones
        return new Peer("blocking", "ext.jar, BlockingEcho (handler jar, blocking)", "BlockingEcho", false,
                "BlockingEcho -> com.example.bench.BlockingEcho#echo (bench-handlers.jar)",
                node -> extensionJar(java, options, jar, node));
    }

    /** The Python reference extension, given the full extension URL as the public examples take it. */
    static Peer python(String python, String script) {
        return new Peer("python", "Python reference", "Echo", false, "",
                node -> List.of(python, script, node.extensionUrl().toString()));
    }

    /** {@link RawEchoPeer}, on the driver's own class path and JVM, with default JVM options. */
    static Peer rawFloor(String java) {
        return new Peer("floor", "raw floor (no decode)", "Echo", true, "",
                node -> List.of(java, "-cp", System.getProperty("java.class.path"), RawEchoPeer.class.getName(),
                        node.extensionUrl().toString()));
    }

    private static List<String> extensionJar(String java, List<String> javaOptions, String jar, NodeSimulator node) {
        List<String> command = new ArrayList<>();
        command.add(java);
        command.addAll(javaOptions);
        command.addAll(List.of("-jar", jar,
                "--hyperware.extension.node-url=" + node.nodeUrl(),
                "--hyperware.extension.process=" + PROCESS,
                "--server.port=0"));
        return command;
    }

    /** An echo of {@code size} random bytes (from {@code seed}), with the reply this peer must give. */
    EchoCase echo(int size, long seed) {
        EchoCase echo = EchoCase.echo(echoVariant, size, seed);
        return raw ? echo.returnedUnchanged() : echo;
    }

    /** A Ping (the built-in one for every extension), with the reply this peer must give. */
    EchoCase ping() {
        return raw ? EchoCase.ping().returnedUnchanged() : EchoCase.ping();
    }
}
