package org.eusedge.cli;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.eusedge.appliance.ApplianceConfig;
import org.eusedge.web.ApplianceService;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;

@Command(name = "serve", mixinStandardHelpOptions = true,
        description = "Run the appliance: live video, FREEZE and mark, score, side-monitor UI on http://localhost:PORT, "
                + "audit, room system over MQTT. With no options: simulator, demo bundle, audit in ./work/audit, MQTT off.")
final class ServeCommand implements Callable<Integer> {

    @Option(names = "--config", paramLabel = "FILE", description = "JSON settings over the embedded defaults (see ApplianceConfig)")
    Path config;

    @Option(names = "--port", paramLabel = "N", description = "HTTP port of the UI and API (0: any free port)")
    Integer port;

    @Option(names = "--source", paramLabel = "SPEC",
            description = "simulator[?size=WxH&fps=N], device:/dev/videoN[?format=MJPEG|YUYV&size=WxH&fps=N], file:PATH or a stream URL")
    String source;

    @Option(names = "--bundle", paramLabel = "DIR", description = "model bundle folder, or \"demo\"")
    String bundle;

    @Option(names = "--mqtt", paramLabel = "URI", description = "room-system broker, e.g. tcp://host:1883 (other MQTT settings from --config)")
    String mqtt;

    /** The settings: embedded defaults, then --config, then the flags. */
    ApplianceConfig config() {
        ObjectNode flags = JsonNodeFactory.instance.objectNode();
        if (config == null) {
            // embedded defaults live beside the installation, wherever the command is started from
            flags.put("cache_dir", Home.cacheDir().toString());
            flags.put("audit_dir", Home.workDir().resolve("audit").toString());
        }
        if (port != null) flags.put("http_port", port);
        if (source != null) flags.put("source", source);
        if (bundle != null) flags.put("bundle", bundle);
        if (mqtt != null) flags.putObject("mqtt").put("server_uri", mqtt);
        return ApplianceConfig.load(config, flags);
    }

    @Override
    public Integer call() throws InterruptedException {
        ApplianceConfig settings = config();
        ApplianceService service = ApplianceService.start(settings, System.err::println);
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            System.err.println("eus-edge: stopping");
            service.close();
            stopped.countDown();
        }, "eus-edge shutdown"));
        System.err.printf("eus-edge: ready in %.1f s; open http://localhost:%d/ (Ctrl-C or SIGTERM stops)%n",
                service.startMs() / 1000, service.port());
        stopped.await();
        return 0;
    }
}
