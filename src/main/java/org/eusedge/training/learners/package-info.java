/**
 * The eight learners of the method (SVM, LR, RandomForest, ExtraTrees, KNN, MLP, XGBoost, LightGBM) with the
 * reference's scikit-learn defaults, each producing a {@link org.eusedge.model.learned.ScoreModel}, and
 * {@link org.eusedge.training.learners.LearnerComparison}, the stratified 5-fold comparison whose best mean CV AUC
 * chooses the deep-learning signature's learner.
 */
package org.eusedge.training.learners;
