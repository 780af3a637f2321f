package org.eusedge.training.selection;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

class LassoCvTest {

    // Orthogonal design: columns of a Hadamard matrix (+-1, mean 0, x_j'x_j = n = 8, x_j'x_k = 0); the first is
    // shifted by +2 to exercise the centring. Then the lasso minimiser of (1/2n)||y - b - Xw||^2 + alpha ||w||_1 is
    // coordinate-wise soft thresholding: w_j = sign(c_j) max(|c_j| - alpha, 0) with c_j = x_cj'y / n, and
    // b = mean(y) - mean(X)'w.
    private static final double[][] H = {
            {3, 1, 1}, {3, 1, -1}, {3, -1, 1}, {3, -1, -1}, {1, 1, 1}, {1, 1, -1}, {1, -1, 1}, {1, -1, -1}};
    private static final double[] Y = {3, 1, 4, 1, 5, 9, 2, 6};
    // c = (h1'y, h2'y, h3'y) / 8 = (9 - 22, 4 - 5 + 14 - 8, 3 - 1 + 4 - 1 + 5 - 9 + 2 - 6) / 8
    private static final double[] C = {-13 / 8.0, 5 / 8.0, -3 / 8.0};
    private static final double MEAN_Y = 31 / 8.0;

    private static double softThreshold(double c, double alpha) {
        return Math.signum(c) * Math.max(Math.abs(c) - alpha, 0);
    }

    @Test
    void orthogonalDesignIsSoftThresholding() {
        LassoFit fit = LassoCv.fitAt(H, Y, 0.5);
        // w = (-1.125, 0.125, 0), b = 3.875 - 2 * (-1.125) = 6.125
        assertArrayEquals(new double[] {-1.125, 0.125, 0.0}, fit.coef(), 1e-12);
        assertEquals(6.125, fit.intercept(), 1e-12);
        assertArrayEquals(new int[] {0, 1}, fit.keptColumns());
    }

    @Test
    void alphaGridRunsFromAlphaMaxDownToOneThousandthLogSpaced() {
        double[] alphas = LassoCv.alphaGrid(H, Y);
        assertEquals(100, alphas.length);
        assertEquals(13 / 8.0, alphas[0], 1e-14);          // max |c_j|
        assertEquals(13 / 8.0 * 1e-3, alphas[99], 1e-17);
        double ratio = Math.pow(10, -3.0 / 99);
        for (int a = 1; a < 100; a++) assertEquals(ratio, alphas[a] / alphas[a - 1], 1e-12);
    }

    @Test
    void crossValidatedPathOnAllRowsIsSoftThresholdingAtEveryAlpha() {
        int[] folds = {1, 2, 1, 2, 1, 2, 1, 2};
        LassoFit fit = LassoCv.fit(H, Y, folds);
        LassoPath path = fit.path();
        for (int a = 0; a < path.alphas().length; a++) {
            for (int j = 0; j < 3; j++) {
                assertEquals(softThreshold(C[j], path.alphas()[a]), path.coefficients()[a][j], 1e-12, "alpha " + a + " feature " + j);
            }
        }
        // alpha_ is the first minimum of the fold-averaged MSE, and the refit there is soft thresholding again
        double[] mean = path.meanCvMse();
        int best = 0;
        for (int a = 0; a < mean.length; a++) {
            assertEquals((path.foldCvMse()[a][0] + path.foldCvMse()[a][1]) / 2, mean[a], 1e-15);
            if (mean[a] < mean[best]) best = a;
        }
        assertEquals(best, path.chosenIndex());
        assertEquals(path.alphas()[best], fit.alpha(), 0.0);
        for (int j = 0; j < 3; j++) assertEquals(softThreshold(C[j], fit.alpha()), fit.coef()[j], 1e-12);
        assertEquals(MEAN_Y - 2 * fit.coef()[0], fit.intercept(), 1e-12);
    }

    @Test
    void asManyColumnsAsRowsUsesThePlainSolverAndStillSoftThresholds() {
        // Sylvester Hadamard H8[i][j] = (-1)^popcount(i & j): column 0 is constant (centred to zero, so its
        // coefficient stays 0), columns 1..7 are orthogonal with x_j'x_j = 8. With 8 rows and 8 columns the solver
        // works without the Gram matrix (precompute='auto' needs rows > columns).
        double[][] x = new double[8][8];
        for (int i = 0; i < 8; i++) {
            for (int j = 0; j < 8; j++) x[i][j] = Integer.bitCount(i & j) % 2 == 0 ? 1 : -1;
        }
        double[] c = new double[8];
        for (int j = 1; j < 8; j++) {
            for (int i = 0; i < 8; i++) c[j] += x[i][j] * Y[i] / 8;
        }
        LassoFit fit = LassoCv.fit(x, Y, new int[] {1, 2, 1, 2, 1, 2, 1, 2});
        LassoPath path = fit.path();
        for (int a = 0; a < path.alphas().length; a++) {
            for (int j = 0; j < 8; j++) {
                assertEquals(softThreshold(c[j], path.alphas()[a]), path.coefficients()[a][j], 1e-12, "alpha " + a + " feature " + j);
            }
        }
        for (int j = 0; j < 8; j++) assertEquals(softThreshold(c[j], fit.alpha()), fit.coef()[j], 1e-12);
    }

    @Test
    void stratifiedFoldsGiveEveryFoldFloorOrCeilOfEachClass() {
        int[] y = new int[47];
        for (int i = 0; i < y.length; i++) y[i] = i % 3 == 0 ? 1 : 0;   // 16 ones, 31 zeros
        int k = 10;
        int[] folds = LassoCv.stratifiedFolds(y, k, 42);
        int[][] counts = new int[k + 1][2];
        for (int i = 0; i < y.length; i++) counts[folds[i]][y[i]]++;
        for (int f = 1; f <= k; f++) {
            assertTrue(counts[f][1] == 1 || counts[f][1] == 2, "fold " + f + " has " + counts[f][1] + " of 16 ones");
            assertTrue(counts[f][0] == 3 || counts[f][0] == 4, "fold " + f + " has " + counts[f][0] + " of 31 zeros");
            int total = counts[f][0] + counts[f][1];
            assertTrue(total == 4 || total == 5, "fold " + f + " has " + total + " of 47 rows");
        }
        assertArrayEquals(folds, LassoCv.stratifiedFolds(y, k, 42), "same seed, same folds");
        assertNotEquals(Arrays.toString(folds), Arrays.toString(LassoCv.stratifiedFolds(y, k, 43)), "another seed shuffles");
    }

    @Test
    void rejectsBadFoldsAndShapes() {
        IllegalArgumentException gap = assertThrows(IllegalArgumentException.class,
                () -> LassoCv.fit(H, Y, new int[] {1, 3, 1, 3, 1, 3, 1, 3}));
        assertTrue(gap.getMessage().contains("fold 2 of 1..3 has no rows"), gap.getMessage());
        IllegalArgumentException count = assertThrows(IllegalArgumentException.class,
                () -> LassoCv.fit(H, Y, new int[] {1, 2, 1}));
        assertTrue(count.getMessage().contains("got 3 fold ids for 8 rows"), count.getMessage());
        IllegalArgumentException rows = assertThrows(IllegalArgumentException.class,
                () -> LassoCv.fit(H, Arrays.copyOf(Y, 7), new int[] {1, 2, 1, 2, 1, 2, 1, 2}));
        assertTrue(rows.getMessage().contains("8 rows but 7 responses"), rows.getMessage());
        IllegalArgumentException tooMany = assertThrows(IllegalArgumentException.class,
                () -> LassoCv.stratifiedFolds(new int[] {0, 1, 0}, 5, 0));
        assertTrue(tooMany.getMessage().contains("cannot split 3 rows into 5"), tooMany.getMessage());
    }
}
