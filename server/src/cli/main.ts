import { runParse } from './parse';
import { usageError, type CliIO, nodeIO } from './io';

const HELP = `sopls — language server, linter and timeline simulator for SOP documents

Usage:
  sopls lint [paths…] [--format stylish|json|sarif|github] [--config FILE] [--max-warnings N] [--cache]
  sopls timeline FILE [--start YYYY-MM-DD] [--holidays CODE] [--customer ID]
                 [--format text|json|mermaid|ics|html|csv] [--runs N] [--seed S]
  sopls parse FILE [--format text|json] [--config FILE]
  sopls lsp --stdio
  sopls --version | --help
`;

type Command = (args: string[], io: CliIO) => Promise<number>;

const commands: Record<string, () => Promise<Command>> = {
  parse: async () => runParse,
  lint: async () => (await import('./lint')).runLint,
  timeline: async () => (await import('./timeline')).runTimeline,
  lsp: async () => (await import('../lsp/main')).runLanguageServerCommand,
};

export async function main(argv: string[], io: CliIO = nodeIO()): Promise<number> {
  const [command, ...rest] = argv;
  if (!command || command === '--help' || command === '-h' || command === 'help') {
    io.stdout(HELP);
    return command ? 0 : 2;
  }
  if (command === '--version' || command === '-v') {
    io.stdout(`${VERSION}\n`);
    return 0;
  }
  const load = commands[command];
  if (!load) return usageError(io, `unknown command "${command}" (try: lint, timeline, parse, lsp)`);
  try {
    return await (await load())(rest, io);
  } catch (err) {
    io.stderr(`sopls: internal error: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
    return 2;
  }
}

declare const SOPLS_VERSION: string | undefined;
export const VERSION = typeof SOPLS_VERSION === 'string' ? SOPLS_VERSION : '0.0.0-dev';

if (require.main === module) {
  main(process.argv.slice(2)).then(
    (code) => {
      process.exitCode = code;
    },
    (err: unknown) => {
      process.stderr.write(`sopls: ${String(err)}\n`);
      process.exitCode = 2;
    },
  );
}
