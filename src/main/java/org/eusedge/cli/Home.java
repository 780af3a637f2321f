package org.eusedge.cli;

import java.nio.file.Path;

/** Where the installation keeps generated artefacts and state on embedded defaults. */
public final class Home {
    private Home() {}

    /** Where the appliance keeps its state on embedded defaults (the audit store): work/ beside the installation. */
    public static Path workDir() {
        return Path.of(System.getProperty("eusedge.home", ".")).resolve("work");
    }

    /** Generated, reproducible artefacts (demo cohort and bundle, built backbones): $EUS_EDGE_CACHE or cache/. */
    public static Path cacheDir() {
        String env = System.getenv("EUS_EDGE_CACHE");
        if (env != null && !env.isBlank()) return Path.of(env);
        return Path.of(System.getProperty("eusedge.home", ".")).resolve("cache");
    }
}
