package org.eusedge.cli;

import org.eusedge.imaging.sim.SimulatedVideo;
import org.eusedge.imaging.sim.SyntheticCohort;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.concurrent.Callable;

@Command(name = "simulate", mixinStandardHelpOptions = true,
        description = "Synthetic EUS data for demos and tests (labelled synthetic).",
        subcommands = {SimulateCommand.CohortCmd.class, SimulateCommand.VideoCmd.class})
final class SimulateCommand implements Runnable {

    @Override
    public void run() {
        new picocli.CommandLine(this).usage(System.out);
    }

    @Command(name = "cohort", mixinStandardHelpOptions = true, description = "Write images, masks and manifest.csv.")
    static final class CohortCmd implements Callable<Integer> {
        @Option(names = "--n", defaultValue = "266") int n;
        @Option(names = "--seed", defaultValue = "1") long seed;
        @Option(names = "--out", required = true) Path out;

        @Override
        public Integer call() {
            SyntheticCohort.write(out, n, seed);
            System.out.println(out.resolve("manifest.csv"));
            return 0;
        }
    }

    @Command(name = "video", mixinStandardHelpOptions = true, description = "Write a synthetic EUS clip.")
    static final class VideoCmd implements Callable<Integer> {
        @Option(names = "--out", required = true) Path out;
        @Option(names = "--width", defaultValue = "1280") int width;
        @Option(names = "--height", defaultValue = "720") int height;
        @Option(names = "--fps", defaultValue = "30") int fps;
        @Option(names = "--seconds", defaultValue = "10") int seconds;
        @Option(names = "--seed", defaultValue = "1") long seed;

        @Override
        public Integer call() {
            SimulatedVideo.write(out, width, height, fps, seconds, seed);
            System.out.println(out);
            return 0;
        }
    }
}
