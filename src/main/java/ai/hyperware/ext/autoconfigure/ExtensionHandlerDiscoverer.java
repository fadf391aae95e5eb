package ai.hyperware.ext.autoconfigure;

import java.lang.reflect.Method;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.aop.support.AopUtils;
import org.springframework.beans.factory.BeanInitializationException;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.core.MethodIntrospector;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.util.ClassUtils;

import ai.hyperware.ext.handler.ExtensionHandler;
import ai.hyperware.ext.handler.HandlerMethod;
import ai.hyperware.ext.handler.HandlerRegistry;
import ai.hyperware.ext.payload.RustSerdeMapper;

/**
 * Finds {@link ExtensionHandler} methods on every bean as it is initialised and registers them.
 *
 * <p>Annotations are read on the user class ({@link ClassUtils#getUserClass}), so an AOP proxy (a
 * {@code @Transactional} or {@code @Timed} bean) is found like its target, and the method is invoked through the
 * proxy, so the advice still applies. Classes without handlers are remembered, so each class is inspected once.
 * A bad signature or a duplicate variant stops the start-up with the bean, the method and the fix. The inventory,
 * logged once, says where each handler came from: {@code Sha256 -> digestHandlers#sha256 (my-handlers.jar)}.
 */
final class ExtensionHandlerDiscoverer implements BeanPostProcessor, SmartInitializingSingleton {

    private static final Logger log = LoggerFactory.getLogger(ExtensionHandlerDiscoverer.class);

    private final HandlerRegistry registry = new HandlerRegistry();
    private final RustSerdeMapper mapper = new RustSerdeMapper();
    private final Set<Class<?>> withoutHandlers = ConcurrentHashMap.newKeySet();
    /** Where each variant's class was loaded from (a jar's name, or target/classes), for the inventory. */
    private final Map<String, String> origins = new ConcurrentHashMap<>();

    RustSerdeMapper mapper() {
        return mapper;
    }

    HandlerRegistry registry() {
        return registry;
    }

    @Override
    public Object postProcessAfterInitialization(Object bean, String beanName) {
        Class<?> userClass = ClassUtils.getUserClass(AopUtils.getTargetClass(bean));
        if (withoutHandlers.contains(userClass)) {
            return bean;
        }
        Map<Method, ExtensionHandler> annotated = MethodIntrospector.selectMethods(userClass,
                (MethodIntrospector.MetadataLookup<ExtensionHandler>) method ->
                        AnnotatedElementUtils.findMergedAnnotation(method, ExtensionHandler.class));
        if (annotated.isEmpty()) {
            withoutHandlers.add(userClass);
            return bean;
        }
        String origin = CodeOrigin.of(userClass);
        annotated.forEach((method, annotation) -> {
            HandlerMethod handler;
            try {
                Method invocable = AopUtils.selectInvocableMethod(method, bean.getClass());
                handler = HandlerMethod.of(beanName, bean, method, invocable, annotation, mapper);
            } catch (IllegalStateException e) {
                throw new BeanInitializationException("Invalid @ExtensionHandler on bean '" + beanName + "', method "
                        + method.toGenericString() + ": " + e.getMessage(), e);
            }
            register(handler, origin);
        });
        return bean;
    }

    /** A duplicate variant names both handlers and where each came from: two handler jars, for instance. */
    private void register(HandlerMethod handler, String origin) {
        HandlerMethod existing = registry.find(handler.variant());
        try {
            registry.register(handler);
            origins.put(handler.variant(), origin);
        } catch (IllegalStateException e) {
            throw new BeanInitializationException(e.getMessage() + " (" + existing.description() + " from "
                    + origins.get(handler.variant()) + ", " + handler.description() + " from " + origin + ")", e);
        }
    }

    /** Logs the inventory once, when every singleton is ready. */
    @Override
    public void afterSingletonsInstantiated() {
        if (registry.handlers().isEmpty()) {
            log.warn("No @ExtensionHandler methods found: every request will be answered with an Err "
                    + "(turn on hyperware.extension.diagnostics.enabled or add a handler bean)");
            return;
        }
        log.info("Serving {} variants: {}", registry.handlers().size(), registry.handlers().stream()
                .map(h -> h.variant() + " -> " + h.description() + " (" + origins.get(h.variant())
                        + (h.blocking() ? "" : ", non-blocking") + ")")
                .collect(Collectors.joining(", ")));
    }
}
