import fs from 'node:fs';
import { parseSop } from '../core/parse';
import type { Range } from '../core/model';
import { parseCommandArgs, stringOption, usageError, type CliIO } from './io';

export const PARSE_HELP = `Usage: sopls parse FILE [--format json]

Prints the SOP model of FILE (steps, owners, timing, frontmatter) as JSON, with 1-based line/column ranges.

Options:
  --format json   the only format (default)
  -h, --help      this help
`;

/** `sopls parse FILE --format json`: the SOP model, ranges as 1-based line/column. */
export async function runParse(args: string[], io: CliIO): Promise<number> {
  const parsed = parseCommandArgs(args, { format: { type: 'string' } });
  if (typeof parsed === 'string') return usageError(io, parsed);
  if (parsed.values['help']) {
    io.stdout(PARSE_HELP);
    return 0;
  }
  const format = stringOption(parsed, 'format') ?? 'json';
  if (format !== 'json') return usageError(io, `unknown format "${format}" for parse (expected json)`);
  const file = parsed.positionals[0];
  if (!file || parsed.positionals.length > 1) return usageError(io, 'parse takes exactly one FILE');
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (err) {
    return usageError(io, `cannot read ${file}: ${(err as NodeJS.ErrnoException).code ?? String(err)}`);
  }
  const doc = parseSop(text, file);
  io.stdout(JSON.stringify(doc, oneBasedRanges, 2) + '\n');
  return 0;
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
