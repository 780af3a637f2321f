package org.eusedge.inference.quant;

/** How a calibrated activation range is derived from the statistics of the calibration crops. */
public enum CalibrationMethod {
    /** The observed minimum and maximum: no clipping, so rare outliers widen the quantisation step. */
    MIN_MAX,
    /** The observed range clipped to [-t, t], t = the given percentile of |x| (from a histogram): outliers saturate. */
    PERCENTILE
}
