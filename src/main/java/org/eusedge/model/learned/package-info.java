/**
 * Fitted classifiers as plain, immutable, JSON-serialisable records ({@link org.eusedge.model.learned.ScoreModel}):
 * SVM, logistic regression, nearest neighbours, tree ensembles (forests and boosted trees of any library) and a
 * one-hidden-layer perceptron. The appliance scores with them in plain Java; no training library is needed at run
 * time (the Jetson has no LightGBM natives, and the bundle must be auditable JSON).
 */
package org.eusedge.model.learned;
