package ai.hyperware.ext.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

import ai.hyperware.ext.simulator.NodeSimulator;

/**
 * An extension to benchmark and how to start it against a simulated node.
 *
 * @param name      as the report names it
 * @param logName   the file name of its log
 * @param command   the command line for the node at hand
 */
record Peer(String name, String logName, Function<NodeSimulator, List<String>> command) {

    /** The interface process the simulated node binds; both peers serve it. */
    static final String PROCESS = "bench:bench:bench.os";

    /** {@code java [options] -jar ext.jar}, as a user starts it, with the node's address and an ephemeral port. */
    static Peer extensionJar(String java, List<String> javaOptions, String jar) {
        return new Peer("ext.jar", "ext", node -> {
            List<String> command = new ArrayList<>();
            command.add(java);
            command.addAll(javaOptions);
            command.addAll(List.of("-jar", jar,
                    "--hyperware.extension.node-url=" + node.nodeUrl(),
                    "--hyperware.extension.process=" + PROCESS,
                    "--server.port=0"));
            return command;
        });
    }

    /** The Python reference extension, given the full extension URL as the public examples take it. */
    static Peer python(String python, String script) {
        return new Peer("Python reference", "python", node -> List.of(python, script, node.extensionUrl().toString()));
    }
}
