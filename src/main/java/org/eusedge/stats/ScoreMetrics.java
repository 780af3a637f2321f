package org.eusedge.stats;

/**
 * Every discrimination figure the reference reports for one score vector (rule 6): AUC with DeLong 95% CI on
 * train and test, the Youden threshold chosen on train, and the confusion tables at that threshold and at 0.5.
 */
public record ScoreMetrics(DeLong.Ci train, DeLong.Ci test, ThresholdMetrics.Youden youden,
                           ThresholdMetrics.Confusion trainAtYouden, ThresholdMetrics.Confusion trainAtHalf,
                           ThresholdMetrics.Confusion testAtYouden, ThresholdMetrics.Confusion testAtHalf) {

    public static final double CONFIDENCE = 0.95;
    public static final double FIXED_THRESHOLD = 0.5;

    public static ScoreMetrics of(double[] trainScore, int[] yTrain, double[] testScore, int[] yTest) {
        ThresholdMetrics.Youden youden = ThresholdMetrics.youden(trainScore, yTrain);
        return new ScoreMetrics(DeLong.ci(trainScore, yTrain, CONFIDENCE), DeLong.ci(testScore, yTest, CONFIDENCE), youden,
                ThresholdMetrics.at(trainScore, yTrain, youden.threshold()),
                ThresholdMetrics.at(trainScore, yTrain, FIXED_THRESHOLD),
                ThresholdMetrics.at(testScore, yTest, youden.threshold()),
                ThresholdMetrics.at(testScore, yTest, FIXED_THRESHOLD));
    }
}
