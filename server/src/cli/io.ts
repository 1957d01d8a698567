/** What a CLI command may touch, so commands can be tested in memory. */
export interface CliIO {
  stdout(text: string): void;
  stderr(text: string): void;
  cwd: string;
  isTTY: boolean;
  env: Record<string, string | undefined>;
}

export function nodeIO(): CliIO {
  return {
    stdout: (t) => process.stdout.write(t),
    stderr: (t) => process.stderr.write(t),
    cwd: process.cwd(),
    isTTY: !!process.stdout.isTTY,
    env: process.env,
  };
}

/** Usage and config errors: one line on stderr, exit code 2. */
export function usageError(io: CliIO, message: string): number {
  io.stderr(`sopls: ${message}\n`);
  return 2;
}

export interface ParsedArgs {
  positionals: string[];
  options: Map<string, string | true>;
}

/**
 * Minimal option parser: `--name value`, `--name=value`, and boolean flags listed in `flags`.
 * Unknown options are errors so typos do not pass silently.
 */
export function parseArgs(args: string[], valued: string[], flags: string[] = []): ParsedArgs | string {
  const positionals: string[] = [];
  const options = new Map<string, string | true>();
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    if (a === '--') {
      positionals.push(...args.slice(i + 1));
      break;
    }
    if (!a.startsWith('--')) {
      positionals.push(a);
      continue;
    }
    const eq = a.indexOf('=');
    const name = eq > 0 ? a.slice(2, eq) : a.slice(2);
    if (flags.includes(name)) {
      options.set(name, true);
      continue;
    }
    if (!valued.includes(name)) return `unknown option --${name}`;
    const value = eq > 0 ? a.slice(eq + 1) : args[++i];
    if (value === undefined) return `--${name} needs a value`;
    options.set(name, value);
  }
  return { positionals, options };
}
