package org.eusedge.model.learned;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class TreeEnsembleTest {
    // root: x0 vs 0.5 -> left leaf 0.2 | right: x1 vs 1.0 -> leaves 0.6 / 1.0
    private static final Tree STUMPS = new Tree(new int[] {0, 0, 1, 0, 0}, new double[] {0.5, 0, 1.0, 0, 0},
            new int[] {1, -1, 3, -1, -1}, new int[] {2, -1, 4, -1, -1}, new double[] {0, 0.2, 0, 0.6, 1.0});

    @Test
    void meanOfLeafSharesByHand() {
        Tree constant = new Tree(new int[] {0}, new double[] {0}, new int[] {-1}, new int[] {-1}, new double[] {0.4});
        TreeEnsemble forest = new TreeEnsemble(2, SplitRule.LESS_OR_EQUAL, TreeEnsemble.Combination.MEAN, 0,
                List.of(STUMPS, constant));
        assertEquals((0.2 + 0.4) / 2, forest.probability(new double[] {0.5, 9}), 1e-15); // 0.5 <= 0.5 goes left
        assertEquals((0.6 + 0.4) / 2, forest.probability(new double[] {0.7, 1.0}), 1e-15);
        assertEquals((1.0 + 0.4) / 2, forest.probability(new double[] {0.7, 1.5}), 1e-15);
    }

    @Test
    void sigmoidOfSumWithBaseMarginAndStrictSplits() {
        TreeEnsemble boosted = new TreeEnsemble(2, SplitRule.LESS_THAN_FLOAT32, TreeEnsemble.Combination.SIGMOID_OF_SUM,
                -0.3, List.of(STUMPS));
        // 0.5 < 0.5 is false: goes right, then 1.0 < 1.0 false: leaf 1.0; margin = -0.3 + 1.0
        assertEquals(1 / (1 + Math.exp(-0.7)), boosted.probability(new double[] {0.5, 1.0}), 1e-15);
        assertEquals(1 / (1 + Math.exp(-(-0.3 + 0.2))), boosted.probability(new double[] {0.1, 0}), 1e-15);
        // single precision: 0.49999999999 rounds to 0.5f, which is not < 0.5
        assertEquals(0.7, boosted.margin(new double[] {0.49999999999, 1.0}), 1e-15);
    }

    @Test
    void malformedTreesAndRowsAreRefused() {
        var cyclic = assertThrows(IllegalArgumentException.class, () -> new Tree(new int[] {0, 0}, new double[2],
                new int[] {1, 0}, new int[] {1, 0}, new double[2]));
        assertTrue(cyclic.getMessage().contains("later nodes"), cyclic.getMessage());
        var tooWide = assertThrows(IllegalArgumentException.class, () -> new TreeEnsemble(1, SplitRule.LESS_OR_EQUAL,
                TreeEnsemble.Combination.MEAN, 0, List.of(STUMPS)));
        assertTrue(tooWide.getMessage().contains("splits on feature 1"), tooWide.getMessage());
        TreeEnsemble ok = new TreeEnsemble(2, SplitRule.LESS_OR_EQUAL, TreeEnsemble.Combination.MEAN, 0, List.of(STUMPS));
        var shortRow = assertThrows(IllegalArgumentException.class, () -> ok.probability(new double[] {1}));
        assertTrue(shortRow.getMessage().contains("expects 2 features"), shortRow.getMessage());
    }
}
