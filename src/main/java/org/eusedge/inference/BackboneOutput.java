package org.eusedge.inference;

/**
 * One batch through the backbone.
 *
 * @param features pooled features, N x channels
 * @param maps     last convolutional maps, N x (channels*height*width), row-major in (channel, row, column)
 * @param provider the execution provider that computed them
 */
public record BackboneOutput(float[][] features, float[][] maps, int channels, int height, int width, String provider) {
    public int batchSize() {
        return features.length;
    }

    /** Map value of crop n at (channel, row, column). */
    public float map(int n, int channel, int row, int column) {
        return maps[n][(channel * height + row) * width + column];
    }
}
