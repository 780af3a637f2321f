package org.eusedge.explain;

/** Scores a network-ready crop (C x H x W, row-major) as the probability of the positive class. */
@FunctionalInterface
public interface CropScorer {
    double probability(float[] chwCrop);
}
