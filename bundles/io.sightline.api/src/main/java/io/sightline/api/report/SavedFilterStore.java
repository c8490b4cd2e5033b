package io.sightline.api.report;

import org.osgi.annotation.versioning.ProviderType;

/** Persistence of {@link SavedFilter}s; see {@link ContentStore}. Implemented by the store module. */
@ProviderType
public interface SavedFilterStore extends ContentStore<SavedFilter> {}
