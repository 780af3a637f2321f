/**
 * The evaluation report of a trained bundle, laid out like the study's Tables 1-3 and figures, with the
 * machine-readable results beside it.
 *
 * <p>Flow: plain inputs (labels, score vectors, {@link org.eusedge.report.LearnerSummary learner summaries}, the
 * selection and clinical results) -> {@link org.eusedge.report.ResultsBuilder} computes every number with
 * org.eusedge.stats -> {@link org.eusedge.report.EvaluationResults} (one JSON tree using the reference harness's key
 * names) -> {@link org.eusedge.report.HtmlReport} writes report.html (inline SVG from {@link
 * org.eusedge.report.Figures} and {@link org.eusedge.report.SvgChart}; no scripts, no external references),
 * results.json and CSV files. {@link org.eusedge.report.TrainingReport} does all of it for a trainer's FittedModel;
 * {@link org.eusedge.report.ExternalValidation} for an external cohort scored by a bundle.
 */
package org.eusedge.report;
