/**
 * Tables whose rows are steps (`# | Task | Due | Owner`, `Action | Responsible | Deadline`) and RACI/DACI
 * matrices (activities down, roles across, R/A/C/I or D/A/C/I letters in the cells).
 */
import { makeRange, type Range } from '../../model';
import type { LineInfo } from '../lines';
import { readTables } from '../roles';
import { isImperative } from './signals';

export interface TableCell {
  text: string;
  range: Range;
}

export interface StepRow {
  line: number;
  number?: number;
  numberText?: string;
  task: TableCell;
  owner?: TableCell;
  timing?: TableCell;
}

export interface StepTable {
  headerLine: number;
  rows: StepRow[];
}

export interface RaciRow {
  activity: string;
  line: number;
  /** The roles marked R (or D for DACI, else A), with the header cell's range. */
  owners: TableCell[];
}

const TASK_HEADER = /^(tasks?|actions?|activit(y|ies)|steps?|what|what (?:you|we|to)\b.*|what happens|to ?do|items?|description|deliverables?|milestones?|procedure|instructions?|duties|responsibilit(y|ies)|checklist( item)?)$/i;
const NUMBER_HEADER = /^(#|no\.?|nr\.?|n|step|step #|step no\.?|seq|order)$/i;
const OWNER_HEADER = /^(owners?|responsible|responsible (party|person|team|role)|who|assignee|assigned to|dri|lead|performed by|role|roles|accountable|team|by whom|actor|party)$/i;
const TIMING_HEADER = /^(due|due date|deadline|when|timing|timeline|time|timeframe|time ?frame|duration|sla|target|target date|by when|date|day|week|schedule|frequency|cadence|how often|effort|estimated time)$/i;
const RACI_CELL = /^(?:[RACIDSV](?:\s*[/,]\s*[RACIDSV])*|[RACIDSV]{1,3})$/;

function cellOf(c: { text: string; line: number; start: number; end: number }): TableCell {
  return { text: c.text, range: makeRange(c.line, c.start, c.line, c.end) };
}

/** Tables in lines [from, to] read as steps or RACI matrices. */
export function readStepTables(lines: LineInfo[], from: number, to: number, inProcedure: boolean): { steps: StepTable[]; raci: RaciRow[] } {
  const steps: StepTable[] = [];
  const raci: RaciRow[] = [];
  for (const table of readTables(lines.slice(from, to + 1))) {
    const header = table[0];
    if (!header || table.length < 2) continue;
    const names = header.map((c) => c.text.replace(/[*_`:]/g, '').trim());
    if (readRaci(table, names, raci)) continue;
    let numberCol = names.findIndex((n) => NUMBER_HEADER.test(n));
    // "Step | Who" with the instruction in the Step column: a task column, not a numbering one.
    if (numberCol >= 0 && TASK_HEADER.test(names[numberCol]!) && !mostlyNumbers(table.slice(1), numberCol)) numberCol = -1;
    const ownerCol = names.findIndex((n) => OWNER_HEADER.test(n));
    const timingCol = names.findIndex((n) => TIMING_HEADER.test(n) || RELATIVE_TIME_HEADER.test(n));
    // A schedule ("Weeks from release | Events") names no task column: the column of instructions is it.
    let taskCol = names.findIndex((n) => TASK_HEADER.test(n));
    if (taskCol < 0 && timingCol >= 0) taskCol = instructionColumn(table.slice(1), names.length, [timingCol, ownerCol, numberCol]);
    const textCol = taskCol >= 0 && taskCol !== numberCol ? taskCol : numberCol >= 0 ? firstTextColumn(names, numberCol, ownerCol, timingCol) : -1;
    if (textCol < 0) continue;
    const evidence = (ownerCol >= 0 ? 1 : 0) + (timingCol >= 0 ? 1 : 0) + (numberCol >= 0 && numberCol !== textCol ? 1 : 0);
    // A Description column describes the row's key (a property, a field); it holds tasks only beside an owner,
    // due or number column.
    const describes = /^description$/i.test(names[textCol] ?? '');
    if (evidence === 0 && !(inProcedure && taskCol >= 0 && !describes)) continue;
    // A roles table ("Role | Responsibilities") is a declaration, not a procedure.
    if (ownerCol === 0 && /^responsibilit/i.test(names[textCol] ?? '') && timingCol < 0 && numberCol < 0) continue;
    const rows: StepRow[] = [];
    for (const row of table.slice(1)) {
      const task = row[textCol];
      if (!task || !task.text || /^[-:\s]+$/.test(task.text)) continue;
      const r: StepRow = { line: task.line, task: cellOf(task) };
      const num = numberCol >= 0 ? row[numberCol] : undefined;
      if (num && /^\d{1,3}(\.\d{1,3})*\.?$/.test(num.text)) {
        r.numberText = num.text.replace(/\.$/, '');
        r.number = Number(r.numberText.split('.').pop());
      }
      const owner = ownerCol >= 0 ? row[ownerCol] : undefined;
      if (owner && owner.text && !/^[-–—\s]*$/.test(owner.text)) r.owner = cellOf(owner);
      const timing = timingCol >= 0 ? row[timingCol] : undefined;
      if (timing && timing.text && !/^[-–—\s]*$/.test(timing.text)) r.timing = cellOf(timing);
      rows.push(r);
    }
    if (rows.length) steps.push({ headerLine: header[0]!.line, rows });
  }
  return { steps, raci };
}

/** "Weeks from release", "Days before launch", "Week": a column that says when. */
const RELATIVE_TIME_HEADER = /^(?:(?:hours?|days?|weeks?|months?)\s+(?:from|before|after|to|until)\b.*|t[-–]?minus|offset|relative (?:time|date))$/i;

function mostlyNumbers(body: { text: string }[][], col: number): boolean {
  const cells = body.map((r) => r[col]?.text ?? '').filter((t) => t !== '');
  return cells.filter((t) => /^\d{1,3}(?:\.\d{1,3})*\.?$/.test(t)).length * 2 >= cells.length;
}

/** The column whose cells are mostly instructions, if one is. */
function instructionColumn(body: { text: string }[][], width: number, skip: number[]): number {
  for (let col = 0; col < width; col++) {
    if (skip.includes(col)) continue;
    const cells = body.map((r) => r[col]?.text ?? '').filter((t) => t !== '');
    if (cells.length >= 2 && cells.filter((t) => isImperative(t.replace(/^[*_]+|[*_]+$/g, ''))).length / cells.length >= 0.5) return col;
  }
  return -1;
}

function firstTextColumn(names: string[], ...skip: number[]): number {
  for (let i = 0; i < names.length; i++) if (!skip.includes(i)) return i;
  return -1;
}

function readRaci(table: ReturnType<typeof readTables>[number], names: string[], out: RaciRow[]): boolean {
  const body = table.slice(1);
  let letterCols = 0;
  for (let col = 1; col < names.length; col++) {
    const cells = body.map((r) => r[col]?.text ?? '').filter((t) => t !== '');
    if (cells.length && cells.filter((t) => RACI_CELL.test(t)).length / cells.length >= 0.8) letterCols++;
  }
  if (letterCols < 2) return false;
  const hasR = body.some((r) => r.slice(1).some((c) => /\bR\b/.test(c.text)));
  const ownerLetter = hasR ? /\bR\b/ : body.some((r) => r.slice(1).some((c) => /\bD\b/.test(c.text))) ? /\bD\b/ : /\bA\b/;
  for (const row of body) {
    const activity = row[0];
    if (!activity || !activity.text) continue;
    const owners: TableCell[] = [];
    for (let col = 1; col < row.length; col++) {
      const h = table[0]![col];
      if (h && ownerLetter.test(row[col]!.text) && RACI_CELL.test(row[col]!.text)) owners.push(cellOf(h));
    }
    out.push({ activity: activity.text, line: activity.line, owners });
  }
  return true;
}
