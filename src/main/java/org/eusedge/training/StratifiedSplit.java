package org.eusedge.training;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;

/** The 7:3 train/test split of the study, stratified by class and seeded, for cohorts that do not bring their own. */
public final class StratifiedSplit {
    private StratifiedSplit() {}

    /** Returns "train"/"test" per row; round(testFraction * n_class) of each class go to test. */
    public static List<String> split(int[] labels, double testFraction, long seed) {
        if (!(testFraction > 0 && testFraction < 1)) {
            throw new IllegalArgumentException("test fraction must be between 0 and 1, got " + testFraction);
        }
        String[] out = new String[labels.length];
        Random rnd = new Random(seed);
        for (int cls = 0; cls <= 1; cls++) {
            List<Integer> idx = new ArrayList<>();
            for (int i = 0; i < labels.length; i++) if (labels[i] == cls) idx.add(i);
            Collections.shuffle(idx, rnd);
            int nTest = (int) Math.round(testFraction * idx.size());
            for (int k = 0; k < idx.size(); k++) out[idx.get(k)] = k < nTest ? "test" : "train";
        }
        return List.of(out);
    }
}
