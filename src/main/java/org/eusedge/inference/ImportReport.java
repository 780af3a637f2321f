package org.eusedge.inference;

import java.util.List;

/**
 * What {@link BackboneImporter} found in a source graph and what it changed.
 *
 * @param inputName     the source graph's image input (renamed to {@code input})
 * @param inputSize     S of the N x 3 x S x S input
 * @param featureDim    C of the pooled features
 * @param mapShape      C, H, W of the last convolutional map
 * @param featureSource the source tensor the {@code features} output was taken from (the pool's output)
 * @param mapSource     the source tensor the {@code layer4} output was taken from (the pool's input)
 * @param changes       each edit made, in order; empty when the source already was a normalised backbone
 */
public record ImportReport(String inputName, int inputSize, int featureDim, int[] mapShape,
                           String featureSource, String mapSource, List<String> changes) {
    public ImportReport {
        mapShape = mapShape.clone();
        changes = List.copyOf(changes);
    }

    @Override
    public int[] mapShape() {
        return mapShape.clone();
    }

    @Override
    public String toString() {
        return "ImportReport[input " + inputName + " 3x" + inputSize + "x" + inputSize + ", features " + featureDim + " from " + featureSource
                + ", layer4 " + java.util.Arrays.toString(mapShape) + " from " + mapSource + ", changes " + changes + "]";
    }
}
