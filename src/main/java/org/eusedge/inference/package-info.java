/**
 * The CNN backbone: building the project's ResNet18 graph ({@link org.eusedge.inference.ResNet18Graph}), normalising an
 * exported or third-party ONNX network into a bundle's backbone ({@link org.eusedge.inference.BackboneImporter}), and
 * running it on the best execution provider that initialises ({@link org.eusedge.inference.Backbone}).
 * A normalised backbone has one input {@code input} (N x 3 x S x S float) and two outputs: {@code features} (N x C, the
 * global average pool) and {@code layer4} (N x C x H x W, the map that pool reads, for Grad-CAM).
 */
package org.eusedge.inference;
