package org.eusedge.audit;

import java.time.Instant;

/** The final pathology of a scored lesion (e.g. "PNET", "PDAC"), for prospective validation of the model. */
public record PathologyReport(String pathology, Instant reportedAt) {
}
