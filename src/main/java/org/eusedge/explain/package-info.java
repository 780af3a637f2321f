/**
 * Explanations of one scoring: where the deep-learning signature looked, and what each feature contributed.
 * <ul>
 *   <li>{@link org.eusedge.explain.GradCam}: exact Grad-CAM through the RBF SVM on pooled layer4 features, mapped
 *       into the frame's lesion box, with a jet overlay; {@link org.eusedge.explain.OcclusionMap} for learners
 *       without a gradient.</li>
 *   <li>{@link org.eusedge.explain.KernelShap}: shap's KernelExplainer for any model, with a fast path for the RBF
 *       SVM ({@link org.eusedge.explain.KernelShap#forSvm}) and the k-means background summary.</li>
 * </ul>
 */
package org.eusedge.explain;
