package org.eusedge.training.learners;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Locale;
import java.util.Optional;

/**
 * Loads LightGBM's two native libraries from the lightgbmlib jar (it has no loader of its own, and ships x86_64
 * natives only). Loading happens once per JVM; afterwards {@link #failure()} tells whether it worked.
 */
final class LightGbmNatives {
    private static final String RESOURCE_DIR = "/com/microsoft/ml/lightgbm/linux/x86_64/";
    private static Optional<String> failure;

    private LightGbmNatives() {}

    /** Empty when LightGBM is usable, else why not. */
    static synchronized Optional<String> failure() {
        if (failure == null) failure = load();
        return failure;
    }

    /** Empty when the jar has natives for this operating system and architecture (os.name, os.arch), else why not. */
    static Optional<String> unsupportedPlatform(String osName, String osArch) {
        String os = osName.toLowerCase(Locale.ROOT);
        String arch = osArch.toLowerCase(Locale.ROOT);
        if (!os.contains("linux") || !(arch.equals("amd64") || arch.equals("x86_64"))) {
            return Optional.of("LightGBM ships native libraries for linux x86_64 only; this is " + osName + " " + osArch);
        }
        return Optional.empty();
    }

    private static Optional<String> load() {
        Optional<String> platform = unsupportedPlatform(System.getProperty("os.name", ""), System.getProperty("os.arch", ""));
        if (platform.isPresent()) return platform;
        try {
            Path dir = Files.createTempDirectory("lightgbm-natives");
            dir.toFile().deleteOnExit();
            // lib_lightgbm_swig.so links against lib_lightgbm.so: load that one first
            for (String lib : new String[] {"lib_lightgbm.so", "lib_lightgbm_swig.so"}) {
                Path target = dir.resolve(lib);
                try (InputStream in = LightGbmNatives.class.getResourceAsStream(RESOURCE_DIR + lib)) {
                    if (in == null) return Optional.of("LightGBM native " + lib + " is missing from the lightgbmlib jar");
                    Files.copy(in, target, StandardCopyOption.REPLACE_EXISTING);
                }
                target.toFile().deleteOnExit();
                System.load(target.toString());
            }
            return Optional.empty();
        } catch (IOException | LinkageError | SecurityException e) {
            return Optional.of("LightGBM native libraries could not be loaded: " + e);
        }
    }
}
