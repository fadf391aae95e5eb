/**
 * The test kit: {@link ai.hyperware.ext.test.EmbeddedNode @EmbeddedNode} runs a {@code @SpringBootTest} against a
 * simulated node, and {@link ai.hyperware.ext.test.TestNode} calls the extension's handlers with typed values. It
 * ships in the library's jar; its spring-test dependency is optional there, so it reaches only your test class path
 * (with {@code spring-boot-starter-test}), never your application's.
 */
package ai.hyperware.ext.test;
