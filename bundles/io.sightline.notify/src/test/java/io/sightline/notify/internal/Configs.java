package io.sightline.notify.internal;

import java.lang.reflect.Proxy;
import java.util.HashMap;
import java.util.Map;

/** Configuration annotations as DS makes them, for tests. */
final class Configs {
    private Configs() {}

    /**
     * An instance of the configuration annotation {@code type} as DS would make it: the values given as
     * alternating keys as written in the .cfg file ({@code smtp.host} for {@code smtp_host()}) and values,
     * the attribute's default for the rest.
     */
    static <T> T of(Class<T> type, Object... keysAndValues) {
        Map<String, Object> values = new HashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            values.put((String) keysAndValues[i], keysAndValues[i + 1]);
        }
        return type.cast(Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] {type}, (proxy, method, args) -> {
            if (method.getDefaultValue() == null) {
                throw new UnsupportedOperationException(method.getName());
            }
            return values.getOrDefault(method.getName().replace('_', '.'), method.getDefaultValue());
        }));
    }
}
