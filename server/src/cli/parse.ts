/**
 * `sopls parse FILE [--format text|json] [--config FILE]`: what sopls understood of one document.
 *
 * `text` (the default) is for people: whether the document is an SOP and why, each step (sub-steps indented)
 * with its number, title, owner and where the owner came from, each timing phrase and what it means, and the
 * timing phrases not understood. `json` is the SOP model with 1-based ranges, each timing entry given the
 * `kind` the phrase parser read (`unparsed` when it read none) so tools can score it.
 */
import fs from 'node:fs';
import path from 'node:path';
import { formatConfigError, resolveConfig } from '../core/configLoad';
import type { Range, SopDocument, Step, TimingText } from '../core/model';
import { parseSop } from '../core/parse';
import { sopOverrideFor } from '../core/parse/sopFiles';
import { renderUnderstood } from '../core/services/understood';
import { parseTimingText } from '../core/timeline/phrases';
import type { Timing } from '../core/timeline/types';
import { CONFIG_FILE, findWorkspaceRoot } from '../node/files';
import { parseCommandArgs, stringOption, usageError, type CliIO } from './io';

export const PARSE_HELP = `Usage: sopls parse FILE [--format text|json] [--config FILE]

Shows what sopls understood of FILE. The text format (default) says whether the document is an SOP and why,
lists each step with its number, title, owner (and where the owner came from) and timing (the phrase and what
it means), then the timing phrases not understood. The json format prints the SOP model with 1-based
line/column ranges; each timing entry carries the kind the phrase parser read ("unparsed" when none).

Options:
  --format text|json   output format (default text)
  --config FILE        the .sopls.json to use (default: the one at the workspace root)
  -h, --help           this help
`;

export async function runParse(args: string[], io: CliIO): Promise<number> {
  const parsed = parseCommandArgs(args, { format: { type: 'string' }, config: { type: 'string' } });
  if (typeof parsed === 'string') return usageError(io, parsed);
  if (parsed.values['help']) {
    io.stdout(PARSE_HELP);
    return 0;
  }
  const format = stringOption(parsed, 'format') ?? 'text';
  if (format !== 'json' && format !== 'text') return usageError(io, `unknown format "${String(format)}" for parse (expected text or json)`);
  const file = parsed.positionals[0];
  if (!file || parsed.positionals.length > 1) return usageError(io, 'parse takes exactly one FILE');
  let text: string;
  try {
    text = fs.readFileSync(path.resolve(io.cwd, file), 'utf8');
  } catch (err) {
    return usageError(io, `cannot read ${file}: ${(err as NodeJS.ErrnoException).code ?? String(err)}`);
  }
  const config = readConfig(io, stringOption(parsed, 'config'), file);
  if (typeof config === 'string') return usageError(io, config);
  const root = findWorkspaceRoot(path.dirname(path.resolve(io.cwd, file)));
  const relative = path.relative(root, path.resolve(io.cwd, file)).replace(/\\/g, '/');
  const doc = parseSop(text, file, { sopOverride: sopOverrideFor(relative, config) });
  if (format === 'json') io.stdout(JSON.stringify(withTimingKinds(doc), oneBasedRanges, 2) + '\n');
  else io.stdout(renderUnderstood(doc, file)); // the same view the editor shows (sopls/understood)
  return 0;
}

/** `.sopls.json` at the workspace root (or --config): only `sopFiles` / `notSopFiles` matter to a parse. */
function readConfig(io: CliIO, configOpt: string | undefined, file: string): { sopFiles: string[]; notSopFiles: string[] } | string {
  const root = findWorkspaceRoot(path.dirname(path.resolve(io.cwd, file)));
  const configFile = typeof configOpt === 'string' ? path.resolve(io.cwd, configOpt) : path.join(root, CONFIG_FILE);
  if (typeof configOpt !== 'string' && !fs.existsSync(configFile)) return { sopFiles: [], notSopFiles: [] };
  let value: unknown;
  try {
    value = JSON.parse(fs.readFileSync(configFile, 'utf8'));
  } catch (err) {
    return `cannot read config ${configFile}: ${(err as Error).message}`;
  }
  const loaded = resolveConfig({ file: value, fileName: path.basename(configFile) });
  if (loaded.errors.length) return `invalid configuration: ${loaded.errors.map(formatConfigError).join('; ')}`;
  return loaded.config;
}

type TimingWithKind = TimingText & { kind: Timing['kind'] };
type StepWithKinds = Omit<Step, 'timing' | 'substeps'> & { timing: TimingWithKind[]; substeps: StepWithKinds[] };

/** The model with each step's timing entries given the kind the phrase parser read. */
export function withTimingKinds(doc: SopDocument): Omit<SopDocument, 'steps'> & { steps: StepWithKinds[] } {
  const convert = (s: Step): StepWithKinds => ({
    ...s,
    timing: s.timing.map((t) => ({ ...t, kind: parseTimingText(t).kind })),
    substeps: s.substeps.map(convert),
  });
  const timing = doc.timing?.map((t) => ({ ...t, kind: parseTimingText(t).kind }));
  return { ...doc, steps: doc.steps.map(convert), ...(timing ? { timing } : {}) };
}

function isRange(v: unknown): v is Range {
  return (
    typeof v === 'object' &&
    v !== null &&
    'start' in v &&
    'end' in v &&
    typeof (v as Range).start?.line === 'number' &&
    typeof (v as Range).start?.character === 'number'
  );
}

export function oneBasedRanges(_key: string, value: unknown): unknown {
  if (isRange(value)) {
    return {
      start: { line: value.start.line + 1, column: value.start.character + 1 },
      end: { line: value.end.line + 1, column: value.end.character + 1 },
    };
  }
  return value;
}
