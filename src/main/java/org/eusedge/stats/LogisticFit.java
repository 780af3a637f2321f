package org.eusedge.stats;

import java.util.List;

/**
 * Result of a maximum-likelihood logistic regression: either a fitted model or a failure with its reason
 * (perfect separation, singular design or Hessian). A failed fit counts as "not significant" in the clinical
 * selection, as in the reference harness.
 */
public sealed interface LogisticFit permits LogisticFit.Fitted, LogisticFit.Failed {

    /** Name of the intercept term (statsmodels' name). */
    String INTERCEPT = "const";

    /** One coefficient with its Wald statistics; OR = exp(coef), CI = exp(coef -/+ 1.959964 se). */
    record Term(String name, double coef, double se, double z, double p, double or, double orCiLow,
                double orCiHigh) {}

    /**
     * A fitted model. {@code terms} starts with the intercept ({@value #INTERCEPT}) followed by the predictors in
     * the order given. {@code converged} is false when Newton-Raphson hit its iteration limit (statsmodels keeps
     * such fits; quasi-separation shows up as huge standard errors).
     */
    record Fitted(List<Term> terms, boolean converged, int iterations, double logLikelihood, int n)
            implements LogisticFit {
        public Fitted {
            terms = List.copyOf(terms);
        }

        public Term term(String name) {
            for (Term t : terms) if (t.name().equals(name)) return t;
            throw new IllegalArgumentException("no term '" + name + "' in this fit; terms are "
                    + terms.stream().map(Term::name).toList());
        }

        /** Coefficients in term order (intercept first). */
        public double[] coefficients() {
            return terms.stream().mapToDouble(Term::coef).toArray();
        }

        /** Linear predictor b0 + x.b for each row of x (columns in the order of the fitted predictors). */
        public double[] linearPredictor(double[][] x) {
            double[] b = coefficients();
            double[] lp = new double[x.length];
            for (int i = 0; i < x.length; i++) {
                if (x[i].length != b.length - 1) {
                    throw new IllegalArgumentException("row " + i + " has " + x[i].length + " values but the model has "
                            + (b.length - 1) + " predictors " + terms.subList(1, terms.size()).stream().map(Term::name).toList());
                }
                Inputs.finite(x[i], "x[" + i + "]");
                double s = b[0];
                for (int j = 1; j < b.length; j++) s += b[j] * x[i][j - 1];
                lp[i] = s;
            }
            return lp;
        }

        /** Fitted probability of label 1 for each row of x. */
        public double[] predictProbability(double[][] x) {
            double[] lp = linearPredictor(x);
            for (int i = 0; i < lp.length; i++) lp[i] = LogisticRegression.logistic(lp[i]);
            return lp;
        }
    }

    record Failed(String reason) implements LogisticFit {}
}
