package org.eusedge.web;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.eusedge.appliance.Appliance;
import org.eusedge.appliance.ApplianceConfig;
import org.eusedge.model.Bundle;
import org.eusedge.model.BundleJson;
import org.eusedge.model.ClinicalVariable;
import org.eusedge.model.Pipeline;

/**
 * GET /api/model: what the UI needs to ask for and show a scoring. The form asks only the variables the bundle's
 * clinical signature uses, each with its kind, plausible range, unit and meaning; the nomogram's axes are laid out
 * by {@link NomogramChart}.
 */
final class ModelDescription {
    private ModelDescription() {}

    static ObjectNode of(Appliance appliance) {
        Bundle bundle = appliance.bundle();
        Pipeline p = bundle.pipeline();
        ApplianceConfig config = appliance.config();
        ObjectNode json = BundleJson.MAPPER.createObjectNode();
        json.put("model_id", bundle.modelId());
        json.put("model_hash", bundle.modelHash());
        json.put("name", p.name());
        json.put("positive_class", p.classes().positive());
        json.put("negative_class", p.classes().negative());
        json.put("threshold", p.threshold().value());
        json.put("execution_provider", appliance.executionProvider());
        json.put("has_deep_signature", p.deepSignature() != null);
        ArrayNode vars = json.putArray("variables");
        for (String name : p.clinicalSignature().variables()) {
            ClinicalVariable v = p.clinicalSchema().variable(name);
            vars.addObject()
                    .put("name", v.name())
                    .put("kind", v.kind().name().toLowerCase())
                    .put("min", v.min())
                    .put("max", v.max())
                    .put("unit", v.unit())
                    .put("meaning", v.meaning());
        }
        json.set("nomogram", NomogramChart.of(p.nomogram()));
        ObjectNode ui = json.putObject("ui");
        ui.put("banner", config.banner());
        ui.put("freeze_key", config.freezeKey());
        if (config.pixelSpacingMm() == null) ui.putNull("pixel_spacing_mm");
        else ui.put("pixel_spacing_mm", config.pixelSpacingMm());
        return json;
    }
}
