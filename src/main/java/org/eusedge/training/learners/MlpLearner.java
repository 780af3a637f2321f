package org.eusedge.training.learners;

import java.util.SplittableRandom;
import org.eusedge.model.learned.Perceptron;
import org.eusedge.model.learned.ScoreModel;

/**
 * scikit-learn's MLPClassifier() defaults for a binary label: one hidden layer of 100 ReLU units, a logistic output,
 * log-loss with L2 penalty alpha = 1e-4 (on weights, not biases, divided by the batch size as scikit-learn does),
 * Adam (learning rate 1e-3, beta1 0.9, beta2 0.999, eps 1e-8), batches of min(200, n) rows reshuffled every epoch,
 * Glorot-uniform initialisation (bound sqrt(6 / (fan_in + fan_out)) for ReLU nets) of weights and biases, at most 200
 * epochs, stopping early when the epoch loss fails to improve by tol = 1e-4 for more than 10 epochs in a row.
 * No Apache/BSD/MIT Java library offers this network with these exact semantics and a weight export (Tribuo's MLP
 * needs its own model classes at run time), hence this class. The random numbers differ from scikit-learn's.
 */
public final class MlpLearner implements Learner {
    private static final double ALPHA = 1e-4;
    private static final double LEARNING_RATE = 1e-3;
    private static final double BETA1 = 0.9;
    private static final double BETA2 = 0.999;
    private static final double EPSILON = 1e-8;
    private static final double TOL = 1e-4;
    private static final int NO_CHANGE_EPOCHS = 10;
    private static final double LOG_EPS = Math.ulp(1.0); // numpy's float64 eps, scikit-learn's log-loss clip

    private final int hidden;
    private final int maxEpochs;

    public MlpLearner(int hidden, int maxEpochs) {
        if (hidden < 1 || maxEpochs < 1) {
            throw new IllegalArgumentException("MLP needs >= 1 hidden unit and >= 1 epoch, got " + hidden + ", " + maxEpochs);
        }
        this.hidden = hidden;
        this.maxEpochs = maxEpochs;
    }

    public MlpLearner() {
        this(100, 200);
    }

    @Override
    public String name() {
        return "MLP";
    }

    @Override
    public ScoreModel fit(double[][] x, int[] y, long seed) {
        int p = TrainingRows.check(x, y, name());
        int n = x.length;
        int h = hidden;
        SplittableRandom random = new SplittableRandom(seed);
        double b1Bound = Math.sqrt(6.0 / (p + h));
        double b2Bound = Math.sqrt(6.0 / (h + 1));
        // parameters in one vector: W1 [p][h] row-major, b1 [h], w2 [h], b2
        int nW1 = p * h, offB1 = nW1, offW2 = offB1 + h, offB2 = offW2 + h, size = offB2 + 1;
        double[] theta = new double[size];
        for (int i = 0; i < nW1; i++) theta[i] = uniform(random, b1Bound);
        for (int i = 0; i < h; i++) theta[offB1 + i] = uniform(random, b1Bound);
        for (int i = 0; i < h; i++) theta[offW2 + i] = uniform(random, b2Bound);
        theta[offB2] = uniform(random, b2Bound);

        double[] m = new double[size], v = new double[size], grad = new double[size];
        int batchSize = Math.min(200, n);
        int[] order = new int[n];
        for (int i = 0; i < n; i++) order[i] = i;
        double[] a = new double[h];
        double[] delta1 = new double[h];
        long step = 0;
        double bestLoss = Double.POSITIVE_INFINITY;
        int noImprovement = 0;
        for (int epoch = 0; epoch < maxEpochs; epoch++) {
            for (int i = n - 1; i > 0; i--) {
                int j = random.nextInt(i + 1);
                int t = order[i];
                order[i] = order[j];
                order[j] = t;
            }
            double epochLoss = 0;
            for (int start = 0; start < n; start += batchSize) {
                int end = Math.min(n, start + batchSize);
                int nb = end - start;
                java.util.Arrays.fill(grad, 0);
                double batchLoss = 0;
                for (int r = start; r < end; r++) {
                    double[] xi = x[order[r]];
                    int yi = y[order[r]];
                    System.arraycopy(theta, offB1, a, 0, h);
                    for (int j = 0; j < p; j++) {
                        double xj = xi[j];
                        int base = j * h;
                        for (int u = 0; u < h; u++) a[u] += xj * theta[base + u];
                    }
                    double out = theta[offB2];
                    for (int u = 0; u < h; u++) {
                        if (a[u] < 0) a[u] = 0;
                        out += a[u] * theta[offW2 + u];
                    }
                    double prob = sigmoid(out);
                    double clipped = Math.min(Math.max(prob, LOG_EPS), 1 - LOG_EPS);
                    batchLoss -= yi == 1 ? Math.log(clipped) : Math.log(1 - clipped);
                    double d = prob - yi;
                    grad[offB2] += d;
                    for (int u = 0; u < h; u++) {
                        grad[offW2 + u] += d * a[u];
                        delta1[u] = a[u] > 0 ? d * theta[offW2 + u] : 0;
                        grad[offB1 + u] += delta1[u];
                    }
                    for (int j = 0; j < p; j++) {
                        double xj = xi[j];
                        int base = j * h;
                        for (int u = 0; u < h; u++) grad[base + u] += xj * delta1[u];
                    }
                }
                double squares = 0;
                for (int i = 0; i < nW1; i++) squares += theta[i] * theta[i];
                for (int u = 0; u < h; u++) squares += theta[offW2 + u] * theta[offW2 + u];
                batchLoss = batchLoss / nb + 0.5 * ALPHA * squares / nb;
                epochLoss += batchLoss * nb;
                for (int i = 0; i < size; i++) {
                    boolean weight = i < nW1 || (i >= offW2 && i < offB2);
                    grad[i] = (grad[i] + (weight ? ALPHA * theta[i] : 0)) / nb;
                }
                step++;
                double lr = LEARNING_RATE * Math.sqrt(1 - Math.pow(BETA2, step)) / (1 - Math.pow(BETA1, step));
                for (int i = 0; i < size; i++) {
                    m[i] = BETA1 * m[i] + (1 - BETA1) * grad[i];
                    v[i] = BETA2 * v[i] + (1 - BETA2) * grad[i] * grad[i];
                    theta[i] -= lr * m[i] / (Math.sqrt(v[i]) + EPSILON);
                }
            }
            double loss = epochLoss / n;
            noImprovement = loss > bestLoss - TOL ? noImprovement + 1 : 0;
            bestLoss = Math.min(bestLoss, loss);
            if (noImprovement > NO_CHANGE_EPOCHS) break;
        }
        double[][] w1 = new double[p][h];
        for (int j = 0; j < p; j++) System.arraycopy(theta, j * h, w1[j], 0, h);
        double[] b1 = new double[h], w2 = new double[h];
        System.arraycopy(theta, offB1, b1, 0, h);
        System.arraycopy(theta, offW2, w2, 0, h);
        return new Perceptron(w1, b1, w2, theta[offB2]);
    }

    private static double uniform(SplittableRandom random, double bound) {
        return -bound + 2 * bound * random.nextDouble();
    }

    private static double sigmoid(double t) {
        return t >= 0 ? 1 / (1 + Math.exp(-t)) : Math.exp(t) / (1 + Math.exp(t));
    }
}
