package dev.errand.platform.tracing;

import io.opentelemetry.common.ComponentLoader;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.logging.Logger;

/**
 * Finds the OpenTelemetry SDK's plug-ins (exporters, resource detectors, HTTP senders) among the WAR's own classes.
 * A server may carry an OpenTelemetry of its own (Payara's MicroProfile Telemetry does) whose service files the
 * WAR's class loader also sees: a plug-in listed there that the WAR lacks resolves to the server's copy, built
 * against the server's interfaces, and a plain {@link ServiceLoader} walk stops at it. This one skips such entries
 * and loads each plug-in class once (docs/tracing.md).
 */
final class WarComponents implements ComponentLoader {

    private static final Logger LOG = Logger.getLogger(WarComponents.class.getName());
    private static final int MAX_ENTRIES = 1_000;

    private final ClassLoader loader;

    WarComponents(ClassLoader loader) {
        this.loader = loader;
    }

    @Override
    public <T> Iterable<T> load(Class<T> type) {
        List<T> found = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        Iterator<T> entries = ServiceLoader.load(type, loader).iterator();
        for (int i = 0; i < MAX_ENTRIES; i++) {
            try {
                if (!entries.hasNext()) {
                    break;
                }
                T component = entries.next();
                if (seen.add(component.getClass().getName())) {
                    found.add(component);
                }
            } catch (ServiceConfigurationError | LinkageError e) {
                // the iterator goes on with the next entry after a failed one (ServiceLoader's contract)
                LOG.fine(() -> "Skipped an OpenTelemetry " + type.getSimpleName() + " the WAR cannot use: " + e);
            }
        }
        return found;
    }
}
