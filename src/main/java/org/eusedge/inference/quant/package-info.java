/**
 * Static INT8 quantisation of the FP32 backbone for ONNX Runtime's CPU provider.
 * <p>
 * {@link org.eusedge.inference.quant.CalibrationCollector} runs the FP32 model on calibration crops and records
 * per-tensor activation statistics; {@link org.eusedge.inference.quant.QdqQuantizer} writes a QDQ model (int8
 * per-channel weights, int32 bias, uint8 asymmetric activations) in the node patterns ORT fuses into QLinearConv,
 * QLinearAdd and uint8 MaxPool; {@link org.eusedge.inference.quant.QuantFidelity} checks the INT8 features against
 * FP32 on held-out crops. The graph is edited with the ONNX protobuf classes of tribuo-util-onnx, since ORT's Java
 * API cannot edit graphs.
 */
package org.eusedge.inference.quant;
