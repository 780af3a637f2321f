package org.eusedge.model.learned;

/** Which side of a split threshold goes to the left child: libraries differ. */
public enum SplitRule {
    /** x &lt;= threshold goes left (scikit-learn-style forests, LightGBM), in double precision. */
    LESS_OR_EQUAL,
    /** (float) x &lt; threshold goes left: XGBoost stores features and thresholds in single precision. */
    LESS_THAN_FLOAT32;

    boolean goesLeft(double x, double threshold) {
        return this == LESS_OR_EQUAL ? x <= threshold : (float) x < threshold;
    }
}
