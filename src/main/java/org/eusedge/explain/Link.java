package org.eusedge.explain;

/** The scale on which SHAP values add up, as in the shap library's IdentityLink and LogitLink. */
public enum Link {
    IDENTITY {
        @Override
        public double apply(double p) {
            return p;
        }
    },
    /** log(p / (1 - p)): contributions in log-odds, for models that output a probability. */
    LOGIT {
        @Override
        public double apply(double p) {
            return Math.log(p / (1 - p));
        }
    };

    public abstract double apply(double value);
}
