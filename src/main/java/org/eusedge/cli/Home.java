package org.eusedge.cli;

import java.nio.file.Path;

/** Where generated, reproducible artefacts (demo cohort, demo bundle, built backbones) are cached. */
public final class Home {
    private Home() {}

    public static Path cacheDir() {
        String env = System.getenv("EUS_EDGE_CACHE");
        if (env != null && !env.isBlank()) return Path.of(env);
        return Path.of(System.getProperty("eusedge.home", ".")).resolve("cache");
    }
}
