package io.sightline.api.report;

import org.osgi.annotation.versioning.ProviderType;

/** Persistence of {@link Report}s; see {@link ContentStore}. Implemented by the store module. */
@ProviderType
public interface ReportStore extends ContentStore<Report> {}
