package org.eusedge.training;

import org.eusedge.explain.Explainer;
import org.eusedge.explain.Explanation;
import org.eusedge.explain.KernelShap;
import org.eusedge.explain.ShapResult;
import org.eusedge.imaging.GreyImage;
import org.eusedge.inference.BackboneOptions;
import org.eusedge.model.Bundle;
import org.eusedge.model.DeepSignature;
import org.eusedge.model.Prediction;
import org.eusedge.model.Scorer;
import org.eusedge.report.Explanations;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The report's explanation figures for a freshly trained bundle: KernelSHAP of the deep signature for every test case
 * (summary and mean |SHAP|), force plots of two example patients (the first test case of each class), and Grad-CAM
 * overlays of two correctly and two wrongly classified test cases, made through the appliance's own scoring path.
 */
final class TrainingExplanations {
    private TrainingExplanations() {}

    static Explanations compute(Bundle bundle, FittedModel f, Cohort cohort) {
        DeepSignature deep = bundle.pipeline().deepSignature();
        if (deep == null) return null;
        KernelShap shap = Explainer.deepShap(bundle.pipeline());
        int[] test = f.testRows();
        double[][] values = new double[test.length][];
        double[][] inputs = new double[test.length][];
        List<Explanations.ForceCase> forces = new ArrayList<>();
        boolean[] shown = new boolean[2];
        for (int k = 0; k < test.length; k++) {
            int i = test[k];
            inputs[k] = deep.input(f.table().features()[i]);
            ShapResult r = shap.explain(inputs[k]);
            values[k] = r.values();
            int label = f.table().labels()[i];
            if (!shown[label]) {
                forces.add(new Explanations.ForceCase(f.table().ids().get(i), r.baseValue(), r.values(), inputs[k]));
                shown[label] = true;
            }
        }
        List<Explanations.Image> images = cohort == null || bundle.backbonePath().isEmpty() ? List.of() : gradCams(bundle, f, cohort);
        return new Explanations(deep.features(), values, inputs, forces, images);
    }

    /** Two correctly and two wrongly classified test cases (at the bundle's threshold), as Grad-CAM overlays. */
    private static List<Explanations.Image> gradCams(Bundle bundle, FittedModel f, Cohort cohort) {
        double[] p = f.nomogramFinal();
        List<Integer> right = new ArrayList<>(), wrong = new ArrayList<>();
        for (int i : f.testRows()) {
            boolean predicted = p[i] >= f.threshold();
            ((predicted == (f.table().labels()[i] == 1)) ? right : wrong).add(i);
        }
        Map<String, Cohort.Case> byId = new LinkedHashMap<>();
        for (Cohort.Case c : cohort.cases()) byId.put(c.id(), c);
        List<Explanations.Image> images = new ArrayList<>();
        try (Scorer scorer = Scorer.open(bundle, BackboneOptions.defaults(), Scorer.Precision.FP32)) {
            Explainer explainer = new Explainer(scorer);
            for (List<Integer> group : List.of(right, wrong)) {
                for (int i : group.subList(0, Math.min(2, group.size()))) {
                    Cohort.Case c = byId.get(f.table().ids().get(i));
                    GreyImage frame = GreyImage.read(c.image());
                    Map<String, Object> clinical = new LinkedHashMap<>();
                    for (int j = 0; j < cohort.clinicalNames().size(); j++) clinical.put(cohort.clinicalNames().get(j), f.clinical()[i][j]);
                    Prediction pred = explainer.explain(scorer.score(frame, c.roi(), clinical));
                    Explanation.Cam cam = ((Explanation) pred.explanation()).gradCam();
                    String truth = c.label() == 1 ? bundle.pipeline().classes().positive() : bundle.pipeline().classes().negative();
                    images.add(new Explanations.Image(String.format(Locale.ROOT, "%s (%s): %s, predicted %s, p = %.2f; %s map of %s",
                            c.id(), group == right ? "correct" : "wrong", truth, pred.decision(), pred.probability(),
                            cam.method(), cam.targetClass()), Explainer.overlayPng(frame, cam)));
                }
            }
        }
        return images;
    }
}
