import { parseArgs, type ParseArgsConfig } from 'node:util';

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

export type OptionSpec = NonNullable<ParseArgsConfig['options']>;

export interface ParsedArgs {
  positionals: string[];
  values: Record<string, string | boolean | undefined>;
}

/**
 * node's `util.parseArgs` in strict mode (unknown options and missing values are errors, so typos do not pass
 * silently), with `--help`/`-h` on every command. A string result is the one-line usage error.
 */
export function parseCommandArgs(args: string[], options: OptionSpec): ParsedArgs | string {
  try {
    const { values, positionals } = parseArgs({
      args,
      options: { ...options, help: { type: 'boolean', short: 'h' } },
      allowPositionals: true,
      strict: true,
    });
    return { positionals, values: values as ParsedArgs['values'] };
  } catch (err) {
    // parseArgs messages are long and mention its own API ("To specify a positional argument…"): keep line one.
    const message = err instanceof Error ? err.message.split('\n')[0]!.replace(/\. To specify.*$/, '') : String(err);
    return message.replace(/^Unknown option '(.*?)'.*$/, 'unknown option $1').replace(/^Option '(--[\w-]+)[^']*' argument missing$/, '$1 needs a value');
  }
}

/** A string option's value, or undefined. */
export function stringOption(parsed: ParsedArgs, name: string): string | undefined {
  const v = parsed.values[name];
  return typeof v === 'string' ? v : undefined;
}
