package org.eusedge.cli;

import com.fasterxml.jackson.core.type.TypeReference;
import org.eusedge.explain.Explainer;
import org.eusedge.explain.Explanation;
import org.eusedge.imaging.GreyImage;
import org.eusedge.imaging.MaskRoi;
import org.eusedge.imaging.Roi;
import org.eusedge.imaging.RoiJson;
import org.eusedge.model.Bundle;
import org.eusedge.model.BundleJson;
import org.eusedge.model.InvalidInputException;
import org.eusedge.model.Prediction;
import org.eusedge.model.Scorer;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Callable;

@Command(name = "score", mixinStandardHelpOptions = true,
        description = "Score one frozen frame: image + lesion ROI + clinical facts -> one JSON result.")
final class ScoreCommand implements Callable<Integer> {

    static final class RoiSource {
        @Option(names = "--roi", description = "polygon ROI JSON: {\"polygon\": [[x, y], ...]} in image pixels") Path roi;
        @Option(names = "--mask", description = "lesion mask image (foreground = white or opaque)") Path mask;
    }

    @Option(names = "--bundle", required = true, description = "model bundle folder") Path bundle;
    @Option(names = "--image", required = true, description = "frozen frame (PNG/JPEG)") Path image;
    @ArgGroup(exclusive = true, multiplicity = "1") RoiSource roiSource;
    @Option(names = "--clinical", required = true, description = "clinical facts JSON, e.g. {\"age\": 52, \"diameter\": 24, ...}")
    Path clinical;
    @Option(names = "--no-explain", description = "skip Grad-CAM and SHAP") boolean noExplain;
    @Option(names = "--gradcam-png", description = "also write the Grad-CAM overlay on the frame to this PNG file") Path gradcamPng;
    @Mixin BackboneFlags backboneFlags;

    @Override
    public Integer call() throws IOException {
        Map<String, Object> facts = readClinical(clinical);
        GreyImage frame = GreyImage.read(image);
        Roi roi = roiSource.mask != null ? MaskRoi.read(roiSource.mask) : RoiJson.parse(readText(roiSource.roi, "ROI"));
        try (Scorer scorer = Scorer.open(Bundle.load(bundle), backboneFlags.options(), backboneFlags.precision)) {
            Scorer.Scoring scoring = scorer.score(frame, roi, facts);
            Prediction prediction = scoring.prediction();
            if (!noExplain) {
                prediction = new Explainer(scorer).explain(scoring);
                if (gradcamPng != null && prediction.explanation() instanceof Explanation e && e.gradCam() != null) {
                    Files.write(gradcamPng, Explainer.overlayPng(frame, e.gradCam()));
                }
            }
            System.out.println(BundleJson.MAPPER.writeValueAsString(prediction));
        }
        return 0;
    }

    static Map<String, Object> readClinical(Path file) {
        String text = readText(file, "clinical facts");
        try {
            return BundleJson.MAPPER.readValue(text, new TypeReference<Map<String, Object>>() { });
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new InvalidInputException("clinical facts " + file + " are not a JSON object of name: value ("
                    + e.getOriginalMessage() + ")");
        }
    }

    static String readText(Path file, String what) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new InvalidInputException(what + " file " + file + " cannot be read: " + e.getMessage());
        }
    }
}
