package io.sightline.datasource.internal;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;

import io.sightline.api.driver.DatabaseDriver;

/**
 * The driver modules installed right now (DS-2): a dynamic, greedy reference, so a driver feature
 * installed or removed at run time appears or disappears here at once. Whoever built something on
 * a driver (the pools) hears when it goes.
 */
@Component(service = Drivers.class)
public class Drivers {
    private final Map<String, DatabaseDriver> byId = new ConcurrentHashMap<>();
    private final List<Consumer<String>> removalListeners = new CopyOnWriteArrayList<>();

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    void addDriver(DatabaseDriver driver) {
        byId.put(driver.id(), driver);
    }

    void removeDriver(DatabaseDriver driver) {
        if (byId.remove(driver.id(), driver)) {
            removalListeners.forEach(l -> l.accept(driver.id()));
        }
    }

    Optional<DatabaseDriver> get(String id) {
        return Optional.ofNullable(byId.get(id));
    }

    Collection<DatabaseDriver> all() {
        return byId.values();
    }

    /** Called with a driver id when that driver goes away (uninstalled, updated, stopped). */
    void onRemoval(Consumer<String> listener) {
        removalListeners.add(listener);
    }

    void removeListener(Consumer<String> listener) {
        removalListeners.remove(listener);
    }
}
