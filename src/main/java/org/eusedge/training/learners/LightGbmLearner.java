package org.eusedge.training.learners;

import static com.microsoft.ml.lightgbm.lightgbmlibConstants.C_API_DTYPE_FLOAT32;
import static com.microsoft.ml.lightgbm.lightgbmlibConstants.C_API_DTYPE_FLOAT64;
import static com.microsoft.ml.lightgbm.lightgbmlibConstants.C_API_PREDICT_NORMAL;

import com.microsoft.ml.lightgbm.SWIGTYPE_p_double;
import com.microsoft.ml.lightgbm.SWIGTYPE_p_float;
import com.microsoft.ml.lightgbm.SWIGTYPE_p_int;
import com.microsoft.ml.lightgbm.SWIGTYPE_p_long_long;
import com.microsoft.ml.lightgbm.SWIGTYPE_p_p_void;
import com.microsoft.ml.lightgbm.SWIGTYPE_p_void;
import com.microsoft.ml.lightgbm.lightgbmlib;
import java.util.Optional;
import org.eusedge.model.learned.ScoreModel;

/**
 * LightGBM through lightgbmlib with LGBMClassifier's defaults: binary objective, 100 rounds, 31 leaves, learning
 * rate 0.1, min 20 rows and hessian 1e-3 per leaf, all rows and features, one thread, deterministic. The model is
 * exported as text and turned into a TreeEnsemble ({@link LightGbmModelText}), so scoring needs no LightGBM. Where the
 * natives cannot load (any machine but linux x86_64, e.g. the Jetson) the learner reports itself unavailable.
 */
public final class LightGbmLearner implements Learner {
    private final int rounds;
    private final Optional<String> platformProblem;

    public LightGbmLearner(int rounds) {
        this(rounds, System.getProperty("os.name", ""), System.getProperty("os.arch", ""));
    }

    /** For a given platform (os.name, os.arch): on one without LightGBM natives the learner is unavailable. */
    LightGbmLearner(int rounds, String osName, String osArch) {
        if (rounds < 1) throw new IllegalArgumentException("LightGBM needs at least 1 round, got " + rounds);
        this.rounds = rounds;
        this.platformProblem = LightGbmNatives.unsupportedPlatform(osName, osArch);
    }

    public LightGbmLearner() {
        this(100);
    }

    @Override
    public String name() {
        return "LightGBM";
    }

    @Override
    public Optional<String> unavailableReason() {
        return platformProblem.isPresent() ? platformProblem : LightGbmNatives.failure();
    }

    @Override
    public ScoreModel fit(double[][] x, int[] y, long seed) {
        int p = TrainingRows.check(x, y, name());
        return LightGbmModelText.parse(trainToModelText(x, y, seed), p);
    }

    private String parameters(long seed) {
        return "objective=binary num_iterations=" + rounds + " num_leaves=31 learning_rate=0.1 min_data_in_leaf=20"
                + " min_sum_hessian_in_leaf=0.001 bagging_fraction=1 feature_fraction=1 lambda_l1=0 lambda_l2=0"
                + " seed=" + seed + " num_threads=1 deterministic=true force_row_wise=true verbosity=-1";
    }

    /** Trains and returns LightGBM's text model. */
    String trainToModelText(double[][] x, int[] y, long seed) {
        LightGbmNatives.failure().ifPresent(reason -> {
            throw new IllegalStateException(reason);
        });
        String params = parameters(seed);
        SWIGTYPE_p_double data = matrix(x);
        SWIGTYPE_p_float labels = lightgbmlib.new_floatArray(y.length);
        SWIGTYPE_p_p_void datasetOut = lightgbmlib.new_voidpp();
        SWIGTYPE_p_p_void boosterOut = lightgbmlib.new_voidpp();
        SWIGTYPE_p_int finished = lightgbmlib.new_intp();
        SWIGTYPE_p_long_long length = lightgbmlib.new_int64_tp();
        SWIGTYPE_p_void dataset = null, booster = null;
        try {
            for (int i = 0; i < y.length; i++) lightgbmlib.floatArray_setitem(labels, i, y[i]);
            check(lightgbmlib.LGBM_DatasetCreateFromMat(lightgbmlib.double_to_voidp_ptr(data), C_API_DTYPE_FLOAT64,
                    x.length, x[0].length, 1, params, null, datasetOut), "creating the dataset");
            dataset = lightgbmlib.voidpp_value(datasetOut);
            check(lightgbmlib.LGBM_DatasetSetField(dataset, "label", lightgbmlib.float_to_voidp_ptr(labels), y.length,
                    C_API_DTYPE_FLOAT32), "setting the labels");
            check(lightgbmlib.LGBM_BoosterCreate(dataset, params, boosterOut), "creating the booster");
            booster = lightgbmlib.voidpp_value(boosterOut);
            for (int round = 0; round < rounds; round++) {
                check(lightgbmlib.LGBM_BoosterUpdateOneIter(booster, finished), "boosting round " + round);
                if (lightgbmlib.intp_value(finished) == 1) break; // no split gains left
            }
            return lightgbmlib.LGBM_BoosterSaveModelToStringSWIG(booster, 0, -1, 0, 1L << 20, length);
        } finally {
            if (booster != null) lightgbmlib.LGBM_BoosterFree(booster);
            if (dataset != null) lightgbmlib.LGBM_DatasetFree(dataset);
            lightgbmlib.delete_doubleArray(data);
            lightgbmlib.delete_floatArray(labels);
            lightgbmlib.delete_voidpp(datasetOut);
            lightgbmlib.delete_voidpp(boosterOut);
            lightgbmlib.delete_intp(finished);
            lightgbmlib.delete_int64_tp(length);
        }
    }

    /** LightGBM's own probabilities of a text model, to check the export against. */
    static double[] libraryProbabilities(String modelText, double[][] x) {
        LightGbmNatives.failure().ifPresent(reason -> {
            throw new IllegalStateException(reason);
        });
        SWIGTYPE_p_p_void boosterOut = lightgbmlib.new_voidpp();
        SWIGTYPE_p_int iterations = lightgbmlib.new_intp();
        SWIGTYPE_p_long_long length = lightgbmlib.new_int64_tp();
        SWIGTYPE_p_double data = matrix(x);
        SWIGTYPE_p_double result = lightgbmlib.new_doubleArray(x.length);
        SWIGTYPE_p_void booster = null;
        try {
            check(lightgbmlib.LGBM_BoosterLoadModelFromString(modelText, iterations, boosterOut), "loading the model");
            booster = lightgbmlib.voidpp_value(boosterOut);
            check(lightgbmlib.LGBM_BoosterPredictForMat(booster, lightgbmlib.double_to_voidp_ptr(data),
                    C_API_DTYPE_FLOAT64, x.length, x[0].length, 1, C_API_PREDICT_NORMAL, 0, -1, "", length, result),
                    "predicting");
            double[] out = new double[x.length];
            for (int i = 0; i < out.length; i++) out[i] = lightgbmlib.doubleArray_getitem(result, i);
            return out;
        } finally {
            if (booster != null) lightgbmlib.LGBM_BoosterFree(booster);
            lightgbmlib.delete_voidpp(boosterOut);
            lightgbmlib.delete_intp(iterations);
            lightgbmlib.delete_int64_tp(length);
            lightgbmlib.delete_doubleArray(data);
            lightgbmlib.delete_doubleArray(result);
        }
    }

    private static SWIGTYPE_p_double matrix(double[][] x) {
        int p = x[0].length;
        SWIGTYPE_p_double data = lightgbmlib.new_doubleArray((long) x.length * p);
        for (int i = 0; i < x.length; i++) {
            for (int j = 0; j < p; j++) lightgbmlib.doubleArray_setitem(data, (long) i * p + j, x[i][j]);
        }
        return data;
    }

    private static void check(int code, String what) {
        if (code != 0) throw new IllegalStateException("LightGBM failed " + what + ": " + lightgbmlib.LGBM_GetLastError());
    }
}
