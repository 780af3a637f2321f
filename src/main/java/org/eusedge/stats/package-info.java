/**
 * Statistics of the PNET-vs-cancer pipeline, each checked number by number against the reference harness
 * (scikit-learn, statsmodels, R pROC and rms; ../shared/reference): Mann-Whitney AUC and DeLong ({@link
 * org.eusedge.stats.Auc}, {@link org.eusedge.stats.DeLong}), thresholds and confusion metrics ({@link
 * org.eusedge.stats.ThresholdMetrics}), logistic regression ({@link org.eusedge.stats.LogisticRegression}), the
 * clinical-signature selection ({@link org.eusedge.stats.ClinicalSelection}), the nomogram ({@link
 * org.eusedge.stats.NomogramFit}), calibration ({@link org.eusedge.stats.Calibration}, {@link
 * org.eusedge.stats.BootstrapCalibration}, {@link org.eusedge.stats.Lowess}) and decision curves ({@link
 * org.eusedge.stats.DecisionCurve}, {@link org.eusedge.stats.ClinicalImpact}).
 *
 * <p>Conventions: plain arrays in, immutable records out; label 1 is the positive class (PNET) and a higher score
 * means more likely positive; bad input (length mismatch, NaN, labels other than 0/1, a single class where both are
 * needed) throws {@link java.lang.IllegalArgumentException} with what to fix; a ratio with a zero denominator is
 * {@code Double.NaN} (written as null in JSON).
 */
package org.eusedge.stats;
