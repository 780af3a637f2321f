package org.eusedge.capture;

/** Opens the source a {@link SourceConfig} names. The source is not started: call {@link FrameSource#start}. */
public final class FrameSources {
    private FrameSources() {}

    public static FrameSource open(SourceConfig config) {
        return switch (config.kind()) {
            case DEVICE -> new DeviceSource(config.device(), config.inputFormat(), config.width(), config.height(),
                    config.fps());
            case FILE -> new FileSource(config.file());
            case STREAM -> new StreamSource(config.url());
            case SIMULATOR -> new SimulatorSource(config.seed(), config.width(), config.height(), config.fps());
        };
    }
}
