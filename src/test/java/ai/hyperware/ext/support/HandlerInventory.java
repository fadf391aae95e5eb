package ai.hyperware.ext.support;

import java.lang.reflect.Method;

import ai.hyperware.ext.handler.ExtensionHandler;
import ai.hyperware.ext.handler.HandlerMethod;
import ai.hyperware.ext.handler.HandlerRegistry;
import ai.hyperware.ext.payload.RustSerdeMapper;

/** A handler registry filled from beans without Spring, as the discoverer fills it from a context. */
public final class HandlerInventory {

    private HandlerInventory() {
    }

    /** Every {@code @ExtensionHandler} method of each bean, registered under the bean's simple class name. */
    public static HandlerRegistry of(RustSerdeMapper mapper, Object... beans) {
        HandlerRegistry registry = new HandlerRegistry();
        for (Object bean : beans) {
            String name = Character.toLowerCase(bean.getClass().getSimpleName().charAt(0))
                    + bean.getClass().getSimpleName().substring(1);
            for (Method method : bean.getClass().getMethods()) {
                ExtensionHandler annotation = method.getAnnotation(ExtensionHandler.class);
                if (annotation != null) {
                    registry.register(HandlerMethod.of(name, bean, method, method, annotation, mapper));
                }
            }
        }
        return registry;
    }
}
