package io.sightline.model.internal;

import java.util.Optional;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

import io.sightline.api.model.ModelStore;
import io.sightline.api.model.SemanticModel;
import io.sightline.api.sharing.ShareableType;

/** Makes semantic models shareable through {@code /api/shares}: their creator owns them. */
@Component(service = ShareableType.class)
public class ModelShares implements ShareableType {
    private final ModelStore store;

    @Activate
    public ModelShares(@Reference ModelStore store) {
        this.store = store;
    }

    @Override
    public String objectType() {
        return SemanticModel.OBJECT_TYPE;
    }

    @Override
    public Optional<String> creatorOf(String organizationId, String objectId) {
        return store.find(organizationId, objectId).map(SemanticModel::createdBy);
    }
}
