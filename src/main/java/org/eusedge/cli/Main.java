package org.eusedge.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** `eus-edge`: the appliance and the trainer's command line. With no subcommand it serves the appliance on embedded defaults. */
@Command(name = "eus-edge", mixinStandardHelpOptions = true, version = "eus-edge 0.1.0",
        description = "EUS lesion classifier: trainer and appliance (research use only).",
        subcommands = {ServeCommand.class, DemoCommand.class, TrainCommand.class, ScoreCommand.class, EvaluateCommand.class,
                ReportCommand.class, ModelCommand.class,
                SimulateCommand.class, VerifyCommand.class, CommandLine.HelpCommand.class})
public final class Main implements Runnable {

    public static void main(String[] args) {
        System.exit(execute(args));
    }

    /** Runs one command line and returns its exit code: 0 done, 2 refused with a message on standard error. */
    public static int execute(String... args) {
        CommandLine cl = new CommandLine(new Main());
        cl.setExecutionExceptionHandler((ex, cmd, parse) -> {
            // a user's mistake gets its message, not a stack trace; -Deusedge.debug=true shows the trace
            cmd.getErr().println("eus-edge " + cmd.getCommandName() + ": " + ex.getMessage());
            if (Boolean.getBoolean("eusedge.debug")) ex.printStackTrace(cmd.getErr());
            return 2;
        });
        return args.length == 0 ? cl.execute("serve") : cl.execute(args);
    }

    @Override
    public void run() {
        new CommandLine(this).usage(System.out);
    }
}
