package ai.hyperware.ext.test;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Runs a {@code @SpringBootTest} against a simulated node: a {@link ai.hyperware.ext.simulator.NodeSimulator} is
 * started on a free loopback port before the application context, {@code hyperware.extension.node-url},
 * {@code process} and {@code path} point the extension at it, and a {@link TestNode} bean lets the test call its
 * handlers with typed values. The simulator is closed with the context (Spring's context cache shares both between
 * test classes with the same configuration).
 *
 * <pre>{@code
 * @SpringBootTest
 * @EmbeddedNode
 * class DigestHandlersTest {
 *     @Autowired TestNode node;
 *
 *     @Test
 *     void classifies() {
 *         assertThat(node.call("Classify", new Classify("hello", 2), String[].class)).hasSize(2);
 *     }
 * }
 * }</pre>
 *
 * <p>Needs {@code spring-boot-starter-test} (spring-test, JUnit) in the test scope, as any {@code @SpringBootTest}.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
public @interface EmbeddedNode {

    /** The interface process id the simulated node serves, and the extension is pointed at. */
    String process() default "test:test:sim.os";

    /** The extension path the simulated process bound. */
    String path() default "/";

    /** How long a {@link TestNode#call} waits for the connection and then for the reply. */
    int timeoutSeconds() default 30;
}
