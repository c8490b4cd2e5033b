package io.sightline.api.report;

import org.osgi.annotation.versioning.ProviderType;

/** Persistence of {@link Dashboard}s; see {@link ContentStore}. Implemented by the store module. */
@ProviderType
public interface DashboardStore extends ContentStore<Dashboard> {}
