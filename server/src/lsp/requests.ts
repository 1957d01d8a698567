/**
 * sopls' own requests (protocol.ts): the full schedule, timeline exports, customers and the status bar's
 * document stats. Each handler waits for the first index, honours cancellation between its steps, and answers
 * bad parameters with InvalidParams.
 */
import path from 'node:path';
import { ErrorCodes, ResponseError, type CancellationToken } from 'vscode-languageserver';
import { allSteps, type SopDocument } from '../core/model';
import { parseSopDetailed } from '../core/parse';
import { renderTimeline, TIMELINE_FORMATS, isTimelineFormat } from '../core/timeline/render';
import { timelineToJson } from '../core/timeline/render/json';
import { buildTimeline, findCustomer, type Timeline } from '../core/timeline/schedule';
import { findWorkspaceRoot } from '../node/files';
import {
  CustomersRequest,
  DocumentStatsRequest,
  ExportTimelineRequest,
  ScheduleRequest,
  type CustomerSummary,
  type CustomersParams,
  type DocumentStats,
  type DocumentStatsParams,
  type ExportTimelineParams,
  type ExportTimelineResult,
  type ScheduleParams,
} from '../protocol';
import { MAX_SCHEDULE_RUNS, readTextFile, uriToPath } from './files';
import { checkCancelled, type Session } from './session';

/** The model of a document, open or not: requests from the preview may name a file that is not open. */
export async function modelOf(s: Session, uri: string): Promise<SopDocument | undefined> {
  const a = s.analyses.analyze(uri);
  if (a) return a.doc;
  const file = s.options.virtual ? undefined : uriToPath(uri);
  const text = file ? await readTextFile(file) : undefined;
  if (text === undefined) return undefined;
  return parseSopDetailed(text, uri).doc;
}

/** The full schedule (Monte Carlo included) for sopls/schedule and sopls/exportTimeline; never cached. */
async function requestedTimeline(s: Session, p: ScheduleParams, token: CancellationToken): Promise<{ doc: SopDocument; timeline: Timeline }> {
  // Request limits: each Monte Carlo run costs memory per step, so `runs: 1e9` would never answer.
  if (p.runs !== undefined && !(Number.isInteger(p.runs) && p.runs >= 0 && p.runs <= MAX_SCHEDULE_RUNS)) {
    throw new ResponseError(ErrorCodes.InvalidParams, `runs needs a whole number from 0 to ${MAX_SCHEDULE_RUNS}, got ${JSON.stringify(p.runs)}`);
  }
  if (p.seed !== undefined && !Number.isFinite(p.seed)) throw new ResponseError(ErrorCodes.InvalidParams, `seed needs a number, got ${JSON.stringify(p.seed)}`);
  const doc = await modelOf(s, p.uri);
  if (!doc) throw new ResponseError(ErrorCodes.InvalidParams, `sopls: cannot read ${p.uri}`);
  checkCancelled(token);
  const customer = p.customer ? findCustomer(s.index.workspace.entries(), p.customer) : undefined;
  if (p.customer && !customer) throw new ResponseError(ErrorCodes.InvalidParams, `No customer document declares ${p.customer}.`);
  const timeline = buildTimeline(doc, {
    config: s.folders.configFor(p.uri),
    today: s.today(),
    ...(p.start ? { start: p.start } : {}),
    ...(p.holidays ? { holidays: p.holidays } : {}),
    ...(customer ? { customer } : {}),
    ...(p.runs !== undefined ? { runs: p.runs } : {}),
    ...(p.seed !== undefined ? { seed: p.seed } : {}),
  });
  return { doc, timeline };
}

/** How `sopls timeline` names the document in iCalendar UIDs: its id, else its path from the workspace root. */
function documentKey(s: Session, doc: SopDocument, uri: string): string {
  if (doc.meta.id?.value) return doc.meta.id.value;
  const file = s.options.virtual ? undefined : uriToPath(uri);
  if (file) return path.relative(findWorkspaceRoot(path.dirname(file)), file).split(path.sep).join('/');
  const folder = s.folders.folderOf(uri);
  return folder && uri.startsWith(folder.uri) ? decodeURIComponent(uri.slice(folder.uri.replace(/\/?$/, '/').length)) : uri;
}

export function registerCustomRequests(s: Session): void {
  const { connection } = s;

  connection.onRequest(ScheduleRequest, async (p: ScheduleParams, token) => {
    await s.ready;
    checkCancelled(token);
    return timelineToJson((await requestedTimeline(s, p, token)).timeline);
  });

  connection.onRequest(ExportTimelineRequest, async (p: ExportTimelineParams, token): Promise<ExportTimelineResult | null> => {
    await s.ready;
    checkCancelled(token);
    if (typeof p?.format !== 'string' || !isTimelineFormat(p.format)) {
      throw new ResponseError(ErrorCodes.InvalidParams, `unknown format "${String(p?.format)}" (expected ${TIMELINE_FORMATS.join(', ')})`);
    }
    if (p.start !== undefined && !/^\d{4}-\d{2}-\d{2}$/.test(p.start)) throw new ResponseError(ErrorCodes.InvalidParams, `start needs a date YYYY-MM-DD, got "${p.start}"`);
    const r = await requestedTimeline(s, p, token);
    // `sopls timeline` refuses a document that is not an SOP; the client says so.
    if (!r.doc.isSop) return null;
    // A holiday code date-holidays does not know would silently drop every holiday: an error, as in the CLI.
    const problem = r.timeline.calendarProblems[0];
    if (problem) throw new ResponseError(ErrorCodes.InvalidParams, `calendar: ${problem.message}`);
    checkCancelled(token);
    return { content: renderTimeline(r.timeline, p.format, { documentKey: documentKey(s, r.doc, p.uri), today: s.today() }) };
  });

  connection.onRequest(CustomersRequest, async (p: CustomersParams | undefined, token) => {
    await s.ready;
    checkCancelled(token);
    const home = p?.uri ? s.folders.folderOf(p.uri) : undefined;
    const out: (CustomerSummary & { home: boolean })[] = [];
    for (const e of s.index.workspace.entries()) {
      if (!e.id || e.type?.toLowerCase() !== 'customer') continue;
      out.push({ id: e.id, ...(e.title ? { title: e.title } : {}), uri: e.uri, home: !!home && s.folders.folderOf(e.uri) === home });
    }
    out.sort((a, b) => Number(b.home) - Number(a.home) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
    return out.map(({ home: _home, ...c }) => c);
  });

  connection.onRequest(DocumentStatsRequest, async (p: DocumentStatsParams, token): Promise<DocumentStats | null> => {
    await s.ready;
    checkCancelled(token);
    const a = s.analyses.analyze(p.uri);
    if (!a || !a.doc.isSop) return null;
    // Conflicts as the diagnostics count them; finish dates from today, as the preview shows them.
    const judged = s.analyses.timelineOf(p.uri, a);
    const dated = s.analyses.todayTimelineOf(p.uri, a);
    const stats: DocumentStats = {
      isSop: true,
      steps: allSteps(a.doc).filter((st) => st.kind !== 'substep').length,
      conflicts: judged.issues.filter((i) => i.rule === 'timeline-conflict' || i.rule === 'dependency-cycle').length,
    };
    if (dated.finish.earliest) stats.finishEarliest = dated.finish.earliest;
    if (dated.finish.latest) stats.finishLatest = dated.finish.latest;
    return stats;
  });
}
