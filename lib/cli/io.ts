/** Where the CLI writes; injected so tests run subcommands in-process. */
export interface CliIo {
  readonly stdout: (s: string) => void;
  readonly stderr: (s: string) => void;
  /** Colour text output (stdout is a TTY and NO_COLOR is unset). */
  readonly colour: boolean;
  readonly cwd: string;
  /** stderr is a terminal (progress lines are drawn only there). */
  readonly stderrIsTTY?: boolean;
}
