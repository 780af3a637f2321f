package org.eusedge.testing;

import java.nio.file.Files;
import java.nio.file.Path;

/** Where the public real data and models live: ../shared beside the checkout (used in place, never copied). */
public final class SharedData {
    private SharedData() {}

    public static Path root() {
        Path p = Path.of(System.getProperty("eusedge.shared", "../shared")).toAbsolutePath().normalize();
        if (!Files.isDirectory(p)) {
            throw new IllegalStateException("shared data folder not found at " + p + " (set -Deusedge.shared=...)");
        }
        return p;
    }

    public static Path path(String relative) {
        Path p = root().resolve(relative);
        if (!Files.exists(p)) throw new IllegalStateException("missing shared file " + p);
        return p;
    }
}
