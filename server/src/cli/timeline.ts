/**
 * `sopls timeline FILE …` prints the schedule; `sopls timeline --diff REF FILE` compares it with REF.
 * Exit 0 with the output on stdout (timing conflicts are part of the output, not a failure); exit 2 with one
 * line on stderr for usage errors: a bad option, a file that cannot be read or is not an SOP, an unknown customer.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { ResolvedConfig } from '../core/config';
import { parseSop } from '../core/parse';
import { createCalendar, parseIsoDate, type BusinessCalendar } from '../core/timeline/calendar';
import { isTimelineFormat, renderTimeline, TIMELINE_FORMATS } from '../core/timeline/render';
import { timelineToJson } from '../core/timeline/render/json';
import { buildTimeline, type TimelineOptions } from '../core/timeline/schedule';
import { findWorkspaceRoot } from '../node/files';
import { findCustomerInWorkspace, loadWorkspaceConfig } from '../node/timelineWorkspace';
import { printableText, terminalSafeJson } from './format/types';
import { fileAtRef, GitError } from './git';
import { parseCommandArgs, stringOption, usageError, type CliIO, type ParsedArgs } from './io';
import { todayIn } from './lint';
import { diffTimelines, renderDeltaMarkdown, renderDeltaText } from './timelineDiff';

const MAX_RUNS = 1_000_000;
const DIFF_FORMATS = ['text', 'json', 'markdown'];

export const TIMELINE_HELP = `Usage: sopls timeline FILE [options]
       sopls timeline --diff REF FILE [--format text|json|markdown] [options]

Schedules the steps of the SOP in FILE on a business-day calendar: earliest and latest dates, P50/P90 from a
seeded simulation, and timing conflicts. With --diff, compares the schedule of FILE at the git revision REF
with the working tree: steps whose due date, P50 or P90 moved (in business days), new and resolved
conflicts, and how far the finish moved; --format markdown is meant for a pull-request comment.

Options:
  --format F           text, json, mermaid, ics, html or csv (with --diff: text, json or markdown)
  --start YYYY-MM-DD   day 0 (default: the customer's contract date, timeline.start, then today)
  --holidays CODE      public holidays, e.g. US or DE-BY
  --customer ID        a customer document (type: customer) of the workspace
  --runs N             simulation runs (0 to ${MAX_RUNS})
  --seed S             simulation seed
  --diff REF           compare with the file at git revision REF
  -h, --help           this help
`;

const OPTIONS = {
  start: { type: 'string' },
  holidays: { type: 'string' },
  customer: { type: 'string' },
  format: { type: 'string' },
  runs: { type: 'string' },
  seed: { type: 'string' },
  diff: { type: 'string' },
} as const;

interface Setup {
  file: string;
  fileArg: string;
  root: string;
  config: ResolvedConfig;
  options: TimelineOptions;
}

/** Options shared by a plain timeline and a diff; a string is the one-line usage error. */
function readOptions(parsed: ParsedArgs, io: CliIO): Setup | string {
  if (parsed.positionals.length !== 1) return `timeline takes exactly one FILE${parsed.positionals.length ? `, got ${parsed.positionals.length}` : ''}`;
  const startOpt = stringOption(parsed, 'start');
  if (startOpt !== undefined && !parseIsoDate(startOpt)) return `--start needs a date YYYY-MM-DD, got "${startOpt}"`;
  const runsOpt = stringOption(parsed, 'runs');
  if (runsOpt !== undefined && (!/^\d+$/.test(runsOpt) || Number(runsOpt) > MAX_RUNS)) return `--runs needs a whole number from 0 to ${MAX_RUNS}, got "${runsOpt}"`;
  const seedOpt = stringOption(parsed, 'seed');
  if (seedOpt !== undefined && !/^-?\d{1,10}$/.test(seedOpt)) return `--seed needs a whole number, got "${seedOpt}"`;
  const holidaysOpt = stringOption(parsed, 'holidays');
  if (holidaysOpt !== undefined) {
    const problem = createCalendar({ holidays: holidaysOpt }).problems[0];
    if (problem) return `--holidays: ${problem.message}`;
  }
  const today = todayIn(io.env);
  if (!today) return `SOPLS_TODAY must be a date YYYY-MM-DD, got "${io.env['SOPLS_TODAY']}"`;

  const fileArg = parsed.positionals[0]!;
  const file = path.resolve(io.cwd, fileArg);
  // The same workspace as `sopls lint` gives this file: from its folder upwards, not from the current folder.
  const root = findWorkspaceRoot(path.dirname(file));
  const config = loadWorkspaceConfig(root, io.cwd);
  if (typeof config === 'string') return config;

  const options: TimelineOptions = { config, today };
  if (startOpt) options.start = startOpt;
  if (holidaysOpt) options.holidays = holidaysOpt;
  if (runsOpt !== undefined) options.runs = Number(runsOpt);
  if (seedOpt !== undefined) options.seed = Number(seedOpt);
  const customerId = stringOption(parsed, 'customer');
  if (customerId !== undefined) {
    const customer = findCustomerInWorkspace(root, config, customerId);
    if (typeof customer === 'string') return customer;
    if (customer.region && !holidaysOpt) {
      const problem = createCalendar({ holidays: customer.region }).problems[0];
      if (problem) return `customer ${customerId} region: ${problem.message}`;
    }
    options.customer = customer;
  }
  return { file, fileArg, root, config, options };
}

function readDocument(file: string, fileArg: string): string | { error: string } {
  try {
    if (fs.statSync(file).isDirectory()) return { error: `${fileArg} is a folder; timeline takes one SOP file` };
    return fs.readFileSync(file, 'utf8');
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    return { error: code === 'ENOENT' ? `no such file: ${fileArg}` : `cannot read ${fileArg}: ${code ?? String(err)}` };
  }
}

/** The calendar both sides of a diff are measured on (the one buildTimeline would make from these options). */
function calendarFor(setup: Setup): BusinessCalendar {
  const { config, options } = setup;
  const holidays = options.holidays ?? options.customer?.region ?? config.calendar.holidays;
  return createCalendar({ workweek: config.calendar.workweek, closed: config.calendar.closed, ...(holidays ? { holidays } : {}) }).calendar;
}

export async function runTimeline(args: string[], io: CliIO): Promise<number> {
  const parsed = parseCommandArgs(args, OPTIONS);
  if (typeof parsed === 'string') return usageError(io, parsed);
  if (parsed.values['help']) {
    io.stdout(TIMELINE_HELP);
    return 0;
  }
  const ref = stringOption(parsed, 'diff');
  const format = stringOption(parsed, 'format') ?? 'text';
  if (ref !== undefined ? !DIFF_FORMATS.includes(format) : !isTimelineFormat(format)) {
    return usageError(io, `unknown format "${format}" (expected ${(ref !== undefined ? DIFF_FORMATS : TIMELINE_FORMATS).join(', ')})`);
  }
  const setup = readOptions(parsed, io);
  if (typeof setup === 'string') return usageError(io, setup);
  const text = readDocument(setup.file, setup.fileArg);
  if (typeof text !== 'string') return usageError(io, text.error);
  const doc = parseSop(text, setup.file);
  if (!doc.isSop) return usageError(io, `${setup.fileArg} is not an SOP: it has no numbered steps or stages to schedule`);
  if (ref !== undefined) return runDiff(setup, doc, ref, format, io);

  const timeline = buildTimeline(doc, setup.options);
  // A holiday code in .sopls.json that date-holidays does not know would silently drop every holiday.
  const calendarProblem = timeline.calendarProblems[0];
  if (calendarProblem) return usageError(io, `calendar: ${calendarProblem.message}`);
  const documentKey = doc.meta.id?.value ?? path.relative(setup.root, setup.file).split(path.sep).join('/');
  const out = renderTimeline(timeline, format as (typeof TIMELINE_FORMATS)[number], { documentKey, today: setup.options.today! });
  // JSON escapes control characters itself; every other format may reach a terminal or a CI log.
  io.stdout(format === 'json' ? terminalSafeJson(out) : printableText(out));
  return 0;
}

function runDiff(setup: Setup, doc: ReturnType<typeof parseSop>, ref: string, format: string, io: CliIO): number {
  let before: string | undefined;
  try {
    before = fileAtRef(setup.file, ref).text;
  } catch (err) {
    return usageError(io, `--diff: ${err instanceof GitError ? err.message : String(err)}`);
  }
  const after = buildTimeline(doc, setup.options);
  const calendarProblem = after.calendarProblems[0];
  if (calendarProblem) return usageError(io, `calendar: ${calendarProblem.message}`);
  const beforeJson =
    before === undefined
      ? { ...timelineToJson(after), steps: [], conflicts: [], unscheduled: [], finish: {} }
      : timelineToJson(buildTimeline(parseSop(before, setup.file), setup.options));
  const name = path.relative(io.cwd, setup.file).split(path.sep).join('/') || setup.fileArg;
  const delta = diffTimelines(beforeJson, timelineToJson(after), calendarFor(setup), name, ref);
  if (format === 'json') io.stdout(terminalSafeJson(JSON.stringify(delta, null, 2)) + '\n');
  else io.stdout(printableText(format === 'markdown' ? renderDeltaMarkdown(delta) : renderDeltaText(delta)));
  return 0;
}
