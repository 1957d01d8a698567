/**
 * `sopls timeline FILE [--start YYYY-MM-DD] [--holidays CODE] [--customer ID]
 *  [--format text|json|mermaid|ics|html|csv] [--runs N] [--seed S]`.
 * Exit 0 with the timeline on stdout (timing conflicts are part of the output, not a failure); exit 2 with one
 * line on stderr for usage errors: a bad option, a file that cannot be read or is not an SOP, an unknown customer.
 */
import fs from 'node:fs';
import path from 'node:path';
import { parseSop } from '../core/parse';
import { createCalendar, parseIsoDate } from '../core/timeline/calendar';
import { isTimelineFormat, renderTimeline, TIMELINE_FORMATS } from '../core/timeline/render';
import { buildTimeline, type TimelineOptions } from '../core/timeline/schedule';
import { findWorkspaceRoot } from '../node/files';
import { findCustomerInWorkspace, loadWorkspaceConfig } from '../node/timelineWorkspace';
import { parseArgs, usageError, type CliIO } from './io';
import { todayIn } from './lint';

const MAX_RUNS = 1_000_000;

export async function runTimeline(args: string[], io: CliIO): Promise<number> {
  const parsed = parseArgs(args, ['start', 'holidays', 'customer', 'format', 'runs', 'seed']);
  if (typeof parsed === 'string') return usageError(io, parsed);
  const opt = (name: string): string | undefined => {
    const v = parsed.options.get(name);
    return typeof v === 'string' ? v : undefined;
  };

  if (parsed.positionals.length !== 1) return usageError(io, `timeline takes exactly one FILE${parsed.positionals.length ? `, got ${parsed.positionals.length}` : ''}`);
  const format = opt('format') ?? 'text';
  if (!isTimelineFormat(format)) return usageError(io, `unknown format "${format}" (expected ${TIMELINE_FORMATS.join(', ')})`);

  const startOpt = opt('start');
  if (startOpt !== undefined && !parseIsoDate(startOpt)) return usageError(io, `--start needs a date YYYY-MM-DD, got "${startOpt}"`);
  const runsOpt = opt('runs');
  if (runsOpt !== undefined && (!/^\d+$/.test(runsOpt) || Number(runsOpt) > MAX_RUNS)) return usageError(io, `--runs needs a whole number from 0 to ${MAX_RUNS}, got "${runsOpt}"`);
  const seedOpt = opt('seed');
  if (seedOpt !== undefined && !/^-?\d{1,10}$/.test(seedOpt)) return usageError(io, `--seed needs a whole number, got "${seedOpt}"`);
  const holidaysOpt = opt('holidays');
  if (holidaysOpt !== undefined) {
    const problem = createCalendar({ holidays: holidaysOpt }).problems[0];
    if (problem) return usageError(io, `--holidays: ${problem.message}`);
  }
  const today = todayIn(io.env);
  if (!today) return usageError(io, `SOPLS_TODAY must be a date YYYY-MM-DD, got "${io.env['SOPLS_TODAY']}"`);

  const fileArg = parsed.positionals[0]!;
  const file = path.resolve(io.cwd, fileArg);
  let text: string;
  try {
    if (fs.statSync(file).isDirectory()) return usageError(io, `${fileArg} is a folder; timeline takes one SOP file`);
    text = fs.readFileSync(file, 'utf8');
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    return usageError(io, code === 'ENOENT' ? `no such file: ${fileArg}` : `cannot read ${fileArg}: ${code ?? String(err)}`);
  }

  const root = findWorkspaceRoot(path.dirname(file));
  const config = loadWorkspaceConfig(root, io.cwd);
  if (typeof config === 'string') return usageError(io, config);

  const doc = parseSop(text, file);
  if (!doc.isSop) return usageError(io, `${fileArg} is not an SOP: it has no numbered steps or stages to schedule`);

  const options: TimelineOptions = { config, today };
  if (startOpt) options.start = startOpt;
  if (holidaysOpt) options.holidays = holidaysOpt;
  if (runsOpt !== undefined) options.runs = Number(runsOpt);
  if (seedOpt !== undefined) options.seed = Number(seedOpt);
  const customerId = opt('customer');
  if (customerId !== undefined) {
    const customer = findCustomerInWorkspace(root, config, customerId);
    if (typeof customer === 'string') return usageError(io, customer);
    if (customer.region && !holidaysOpt) {
      const problem = createCalendar({ holidays: customer.region }).problems[0];
      if (problem) return usageError(io, `customer ${customerId} region: ${problem.message}`);
    }
    options.customer = customer;
  }

  const timeline = buildTimeline(doc, options);
  // A holiday code in .sopls.json that date-holidays does not know would silently drop every holiday.
  const calendarProblem = timeline.calendarProblems[0];
  if (calendarProblem) return usageError(io, `calendar: ${calendarProblem.message}`);
  const documentKey = doc.meta.id?.value ?? path.relative(root, file).split(path.sep).join('/');
  io.stdout(renderTimeline(timeline, format, { documentKey, today }));
  return 0;
}
