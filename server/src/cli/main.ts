import { usageError, type CliIO, nodeIO } from './io';
import { VERSION } from './version';

export { VERSION };

const HELP = `sopls ${VERSION} — language server, linter and timeline simulator for SOP documents

Usage:
  sopls lint [paths…] [--format stylish|json|sarif|github] [--config FILE] [--max-warnings N]
             [--changed-since REF] [--baseline FILE] [--no-error-on-unmatched-pattern] [--cache]
  sopls timeline FILE [--start YYYY-MM-DD] [--holidays CODE] [--customer ID]
                 [--format text|json|mermaid|ics|html|csv] [--runs N] [--seed S]
  sopls timeline --diff REF FILE [--format text|json|markdown]
  sopls parse FILE [--format text|json] [--config FILE]
  sopls lsp --stdio
  sopls --version | --help

\`sopls COMMAND --help\` describes each command.
`;

type Command = (args: string[], io: CliIO) => Promise<number>;

const commands: Record<string, () => Promise<Command>> = {
  parse: async () => (await import('./parse')).runParse,
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
  if (command === '--version' || command === '-v' || command === '-V') {
    io.stdout(`${VERSION}\n`);
    return 0;
  }
  const load = commands[command];
  if (!load) return usageError(io, `unknown command "${command}" (try: lint, timeline, parse, lsp, or --help)`);
  try {
    return await (await load())(rest, io);
  } catch (err) {
    io.stderr(`sopls: internal error: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
    return 2;
  }
}

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
