package org.eusedge.inference.quant;

import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;

import java.util.Arrays;

/**
 * How closely an INT8 backbone reproduces its FP32 original on crops that were NOT used for calibration:
 * relative L2 error of the pooled feature vector (||f8 - f32|| / ||f32||) and the cosine between the two after
 * subtracting the mean FP32 feature of the set (the raw cosine of post-Relu features is close to 1 for any input,
 * the centred one shows whether case-to-case differences survive).
 */
public record QuantFidelity(int cases, double medianRelativeError, double maxRelativeError,
                            double medianCenteredCosine, double minCenteredCosine) {

    /** Default name of the pooled-feature output. */
    public static final String FEATURES_OUTPUT = "features";

    /** Acceptance limits on the relative feature error. */
    public record Gates(double maxMedianRelativeError, double maxMaxRelativeError) {
        /** Median relative error <= 2 %, worst case <= 5 %. */
        public static final Gates DEFAULT = new Gates(0.02, 0.05);
    }

    public boolean passes(Gates gates) {
        return medianRelativeError <= gates.maxMedianRelativeError() && maxRelativeError <= gates.maxMaxRelativeError();
    }

    /** Runs both models on the held-out crops (2 intra-op threads) and compares their {@code features} output. */
    public static QuantFidelity measure(byte[] fp32Model, byte[] int8Model, float[][] heldOutCrops) throws OrtException {
        return measure(fp32Model, int8Model, heldOutCrops, FEATURES_OUTPUT);
    }

    /**
     * As {@link #measure(byte[], byte[], float[][])}, refusing any crop that was among the calibration crops
     * (fidelity measured on calibration data flatters the quantised model).
     */
    public static QuantFidelity measure(byte[] fp32Model, byte[] int8Model, float[][] heldOutCrops,
                                        Calibration calibration) throws OrtException {
        for (int i = 0; heldOutCrops != null && i < heldOutCrops.length; i++) {
            if (heldOutCrops[i] != null && calibration.usedForCalibration(heldOutCrops[i])) {
                throw new IllegalArgumentException("held-out crop " + i + " was used for calibration: measure "
                        + "fidelity on cases kept out of the calibration set");
            }
        }
        return measure(fp32Model, int8Model, heldOutCrops, FEATURES_OUTPUT);
    }

    public static QuantFidelity measure(byte[] fp32Model, byte[] int8Model, float[][] heldOutCrops, String output)
            throws OrtException {
        if (heldOutCrops == null || heldOutCrops.length < 2) {
            throw new IllegalArgumentException("fidelity needs at least 2 held-out crops (the centred cosine "
                    + "subtracts their mean); pass ~20 crops not used for calibration");
        }
        return compare(features(fp32Model, heldOutCrops, output), features(int8Model, heldOutCrops, output));
    }

    private static float[][] features(byte[] model, float[][] crops, String output) throws OrtException {
        OrtEnvironment env = OrtEnvironment.getEnvironment();
        try (OrtSession.SessionOptions so = new OrtSession.SessionOptions()) {
            so.setIntraOpNumThreads(2);
            try (OrtSession session = env.createSession(model, so)) {
                return CropBatches.rows(env, session, crops, 4, output);
            }
        }
    }

    /** The statistics for row-aligned FP32 and INT8 feature vectors of the same crops. */
    public static QuantFidelity compare(float[][] fp32, float[][] int8) {
        if (fp32.length != int8.length || fp32.length < 2) {
            throw new IllegalArgumentException("need the same number (>= 2) of FP32 and INT8 feature rows, got "
                    + fp32.length + " and " + int8.length);
        }
        int d = fp32[0].length;
        double[] mean = new double[d];
        for (int i = 0; i < fp32.length; i++) {
            if (fp32[i].length != d || int8[i].length != d) {
                throw new IllegalArgumentException("feature row " + i + " has a different length than row 0 (" + d + ")");
            }
            for (int j = 0; j < d; j++) mean[j] += fp32[i][j] / (double) fp32.length;
        }
        double[] relative = new double[fp32.length];
        double[] cosine = new double[fp32.length];
        for (int i = 0; i < fp32.length; i++) {
            double diff = 0, norm = 0, dot = 0, na = 0, nb = 0;
            for (int j = 0; j < d; j++) {
                double a = fp32[i][j], b = int8[i][j];
                diff += (b - a) * (b - a);
                norm += a * a;
                double ca = a - mean[j], cb = b - mean[j];
                dot += ca * cb;
                na += ca * ca;
                nb += cb * cb;
            }
            relative[i] = Math.sqrt(diff) / Math.max(Math.sqrt(norm), Double.MIN_NORMAL);
            cosine[i] = dot / Math.max(Math.sqrt(na * nb), Double.MIN_NORMAL);
        }
        return new QuantFidelity(fp32.length, median(relative), Arrays.stream(relative).max().orElseThrow(),
                median(cosine), Arrays.stream(cosine).min().orElseThrow());
    }

    private static double median(double[] values) {
        double[] s = values.clone();
        Arrays.sort(s);
        int n = s.length;
        return n % 2 == 1 ? s[n / 2] : (s[n / 2 - 1] + s[n / 2]) / 2;
    }
}
