/**
 * The persisted index's body (indexStore.ts writes the header and checksum around it): entries as a column of
 * 32-bit integers next to one table of their strings, not as JSON objects. A restart of a 10,000-document
 * workspace then parses ≈2 MB of JSON (the strings, the frontmatter and the file stamps) and reads ≈3 MB of
 * integers in place, building each entry once; before, it parsed 15 MB of objects, validated them field by field
 * and interned every string again, which was most of the warm restart. Writing is the same work backwards.
 *
 * Body:
 *   u32 (little-endian)  J, the byte length of the JSON part
 *   J bytes              JSON `{"strings": [...], "data": [...], "stamps": [...]}`
 *                          strings  every distinct string (ids, titles, relations, heading titles, content keys, role
 *                                   names), each once
 *                          data     the frontmatter objects, in entry order
 *                          stamps   flat, per file: uri, size, mtime, ctime, the number of its entry
 *   0–3 zero bytes       so the integers start at a multiple of four
 *   int32 × N            BYTE_ORDER, the length of the role column, the role column, then the entry column:
 *                          role     name, acronym, description, alias count, aliases
 *                          entry    key, id, idRange (start line or -1, then start character, end line, end
 *                                   character), type, title, status, data (-1 or its place in `data`), link count
 *                                   and per link relation, id and four range numbers, role count and role numbers,
 *                                   heading count and per heading title and four range numbers
 * Strings are numbers into `strings`, -1 where a field is absent. The integers are in the machine's byte order
 * (the store never leaves the machine); BYTE_ORDER read back wrong rejects a file from another. The decoder
 * checks every number it reads (a string number inside the table, a position non-negative, counts that fit), so a
 * damaged or foreign body gives an error, never an entry of the wrong shape.
 */
import type { IndexEntry } from '../core/workspace';
import type { Range } from '../core/model';
import { compactData, compactHeading, intern, sharedRole, writeHeadingRange, type IntSink } from './compact';

export type StoredEntry = Omit<IndexEntry, 'uri'>;
type Role = IndexEntry['roles'][number];

/** What the store remembers of a file: its size and times when hashed, and its content key. */
export interface StoredStamp {
  size: number;
  mtimeMs: number;
  ctimeMs: number;
  key: string;
}

const BYTE_ORDER = 0x01020304;

/** A growing column of int32s (a typed array: pushing onto a JS array was most of the encoder's time). */
class Ints implements IntSink {
  private buf = new Int32Array(1 << 16);
  length = 0;

  int(v: number): void {
    if (this.length === this.buf.length) {
      const grown = new Int32Array(this.buf.length * 2);
      grown.set(this.buf);
      this.buf = grown;
    }
    this.buf[this.length++] = v;
  }

  range(r: Range): void {
    this.int(r.start.line);
    this.int(r.start.character);
    this.int(r.end.line);
    this.int(r.end.character);
  }

  bytes(): Uint8Array {
    return new Uint8Array(this.buf.buffer, 0, this.length * 4);
  }
}

class Tables {
  readonly strings: string[] = [];
  private readonly stringNo = new Map<string, number>();
  readonly roles = new Ints();
  private readonly roleNo = new Map<Role, number>();

  str(s: string): number {
    let n = this.stringNo.get(s);
    if (n === undefined) {
      n = this.strings.length;
      this.strings.push(s);
      this.stringNo.set(s, n);
    }
    return n;
  }

  opt(s: string | undefined): number {
    return s === undefined ? -1 : this.str(s);
  }

  role(r: Role): number {
    // Roles are pooled (compact.ts), so most entries share role objects: one row each.
    let n = this.roleNo.get(r);
    if (n === undefined) {
      n = this.roleNo.size;
      this.roleNo.set(r, n);
      this.roles.int(this.str(r.name));
      this.roles.int(this.opt(r.acronym));
      this.roles.int(this.opt(r.description));
      this.roles.int(r.aliases.length);
      for (const a of r.aliases) this.roles.int(this.str(a));
    }
    return n;
  }
}

/**
 * The body for `entries` (content key → entry) and `stamps` (uri → stamp; only those whose key is among the
 * entries are written), as pieces to write one after another.
 */
export function encodeBody(entries: Iterable<[string, StoredEntry]>, stamps: Iterable<[string, StoredStamp]>): Uint8Array[] {
  const t = new Tables();
  const nums = new Ints();
  const data: unknown[] = [];
  const entryNo = new Map<string, number>();
  for (const [key, e] of entries) {
    entryNo.set(key, entryNo.size);
    nums.int(t.str(key));
    nums.int(t.opt(e.id));
    if (e.idRange) nums.range(e.idRange);
    else nums.int(-1);
    nums.int(t.opt(e.type));
    nums.int(t.opt(e.title));
    nums.int(t.opt(e.status));
    if (e.data !== undefined) {
      nums.int(data.length);
      data.push(e.data);
    } else nums.int(-1);
    nums.int(e.links.length);
    for (const l of e.links) {
      nums.int(t.str(l.relation));
      nums.int(t.str(l.id));
      nums.range(l.range);
    }
    nums.int(e.roles.length);
    for (const r of e.roles) nums.int(t.role(r));
    nums.int(e.headings.length);
    for (const h of e.headings) {
      nums.int(t.str(h.value));
      writeHeadingRange(h, nums);
    }
  }
  const stampList: (string | number)[] = [];
  for (const [uri, st] of stamps) {
    const n = entryNo.get(st.key);
    if (n !== undefined) stampList.push(uri, st.size, st.mtimeMs, st.ctimeMs, n);
  }
  const json = Buffer.from(`{"strings":${JSON.stringify(t.strings)},"data":${JSON.stringify(data)},"stamps":${JSON.stringify(stampList)}}`, 'utf8');
  const head = Buffer.alloc(4);
  head.writeUInt32LE(json.length, 0);
  const pad = Buffer.alloc((4 - ((4 + json.length) % 4)) % 4);
  const lead = new Int32Array([BYTE_ORDER, t.roles.length]);
  return [head, json, pad, new Uint8Array(lead.buffer), t.roles.bytes(), nums.bytes()];
}

/** What a body decodes to: entries by content key, stamps by uri. */
export interface DecodedBody {
  entries: Map<string, StoredEntry>;
  stamps: Map<string, StoredStamp>;
}

class BadBody extends Error {}

/** A cursor over a column of integers that checks each one it hands out. */
class Column {
  private at: number;
  constructor(
    private readonly nums: Int32Array,
    private readonly strings: readonly string[],
    from: number,
    private readonly end: number,
  ) {
    this.at = from;
  }

  get done(): boolean {
    return this.at >= this.end;
  }

  private next(): number {
    if (this.at >= this.end) throw new BadBody('a column cut short');
    return this.nums[this.at++]!;
  }

  /** A non-negative integer (a position or a count). */
  nat(): number {
    const v = this.next();
    if (v < 0) throw new BadBody('a negative number');
    return v;
  }

  /** A non-negative integer, or -1 for -1. */
  optNat(): number {
    const v = this.next();
    if (v < -1) throw new BadBody('a negative number');
    return v;
  }

  /** A count of items that each take at least `width` more numbers: never more than are left. */
  count(width: number): number {
    const n = this.nat();
    if (n * width > this.end - this.at) throw new BadBody('a count past the end');
    return n;
  }

  private string(n: number): string {
    const s = this.strings[n];
    if (s === undefined) throw new BadBody('a string number outside the table');
    return s;
  }

  str(): string {
    return this.string(this.nat());
  }

  /** A string, or undefined for -1. */
  opt(): string | undefined {
    const n = this.optNat();
    return n === -1 ? undefined : this.string(n);
  }

  range(): Range {
    return { start: { line: this.nat(), character: this.nat() }, end: { line: this.nat(), character: this.nat() } };
  }

  /** A range, or undefined for -1. */
  optRange(): Range | undefined {
    const line = this.optNat();
    if (line === -1) return undefined;
    return { start: { line, character: this.nat() }, end: { line: this.nat(), character: this.nat() } };
  }
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** Decodes a body; returns why it is not one, or the entries (compacted: interned strings, pooled roles). */
export function decodeBody(body: Buffer): DecodedBody | string {
  if (body.length < 4) return 'unexpected content';
  const jsonLength = body.readUInt32LE(0);
  const intsAt = 4 + jsonLength + ((4 - ((4 + jsonLength) % 4)) % 4);
  if (intsAt + 8 > body.length || (body.length - intsAt) % 4 !== 0) return 'unexpected content';
  let parsed: unknown;
  try {
    parsed = JSON.parse(body.toString('utf8', 4, 4 + jsonLength));
  } catch {
    return 'not valid JSON';
  }
  if (!isRecord(parsed)) return 'unexpected content';
  const { strings: rawStrings, data, stamps: stampList } = parsed;
  if (!Array.isArray(rawStrings) || !Array.isArray(data) || !Array.isArray(stampList)) return 'unexpected content';
  // A copy, so the integers are aligned whatever the offset of the buffer they were read into.
  const nums = new Int32Array(body.buffer.slice(body.byteOffset + intsAt, body.byteOffset + body.length));
  if (nums[0] !== BYTE_ORDER) return 'written on a machine of another byte order';
  const rolesEnd = 2 + nums[1]!;
  if (nums[1]! < 0 || rolesEnd > nums.length) return 'unexpected content';
  try {
    // Each distinct string is interned once here, not once per use.
    const strings = rawStrings.map((s) => {
      if (typeof s !== 'string') throw new BadBody('a string table entry that is not a string');
      return intern(s);
    });
    const roles = decodeRoles(new Column(nums, strings, 2, rolesEnd));
    const entries = new Map<string, StoredEntry>();
    const keys: string[] = [];
    const c = new Column(nums, strings, rolesEnd, nums.length);
    while (!c.done) {
      const key = c.str();
      entries.set(key, decodeEntry(c, roles, data));
      keys.push(key);
    }
    return { entries, stamps: decodeStamps(stampList, keys) };
  } catch (err) {
    if (err instanceof BadBody) return `an entry of unexpected shape (${err.message})`;
    throw err;
  }
}

function decodeRoles(c: Column): Role[] {
  const roles: Role[] = [];
  while (!c.done) {
    const name = c.str();
    const acronym = c.opt();
    const description = c.opt();
    const aliases: string[] = [];
    for (let n = c.count(1); n > 0; n--) aliases.push(c.str());
    const role: Role = { name, aliases };
    if (acronym !== undefined) role.acronym = acronym;
    if (description !== undefined) role.description = description;
    roles.push(sharedRole(role));
  }
  return roles;
}

function decodeEntry(c: Column, roles: readonly Role[], data: unknown[]): StoredEntry {
  const id = c.opt();
  const idRange = c.optRange();
  const type = c.opt();
  const title = c.opt();
  const status = c.opt();
  const dataAt = c.optNat();
  const links: IndexEntry['links'] = [];
  for (let n = c.count(6); n > 0; n--) links.push({ relation: c.str(), id: c.str(), range: c.range() });
  const entryRoles: Role[] = [];
  for (let n = c.count(1); n > 0; n--) {
    const role = roles[c.nat()];
    if (!role) throw new BadBody('a role number outside the table');
    entryRoles.push(role);
  }
  const headings: IndexEntry['headings'] = [];
  for (let n = c.count(5); n > 0; n--) headings.push(compactHeading(c.str(), c.nat(), c.nat(), c.nat(), c.nat()));
  // The key order of a scanned entry (indexScan.ts orderedEntry), so both serialise alike.
  const entry: StoredEntry = { links, roles: entryRoles, headings };
  if (id !== undefined) entry.id = id;
  if (idRange !== undefined) entry.idRange = idRange;
  if (type !== undefined) entry.type = type;
  if (title !== undefined) entry.title = title;
  if (status !== undefined) entry.status = status;
  if (dataAt >= 0) {
    const d = data[dataAt];
    if (!isRecord(d)) throw new BadBody('frontmatter data that is not an object');
    entry.data = compactData(d);
  }
  return entry;
}

function decodeStamps(list: unknown[], keys: readonly string[]): Map<string, StoredStamp> {
  const stamps = new Map<string, StoredStamp>();
  if (list.length % 5 !== 0) throw new BadBody('a stamp of unexpected shape');
  for (let i = 0; i < list.length; i += 5) {
    const uri = list[i];
    const size = list[i + 1];
    const mtimeMs = list[i + 2];
    const ctimeMs = list[i + 3];
    const n = list[i + 4];
    if (typeof uri !== 'string' || typeof size !== 'number' || typeof mtimeMs !== 'number' || typeof ctimeMs !== 'number' || typeof n !== 'number') throw new BadBody('a stamp of unexpected shape');
    const key = keys[n];
    if (key === undefined) throw new BadBody('a stamp of no entry');
    stamps.set(uri, { size, mtimeMs, ctimeMs, key });
  }
  return stamps;
}
