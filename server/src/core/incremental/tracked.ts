/**
 * A memo that knows what it read. `TrackedMemo.run(root, compute)` calls `compute` on a read-recording view of
 * `root` (a plain-data model such as a SopDocument): every property it reads, every key list it enumerates and
 * every `in` test is logged by its path from the root, with the value it saw. The next call, on a new root
 * (the document after an edit), replays the log against it: when every logged read gives the same value, the
 * computation would run exactly as before, so its result is returned without running it.
 *
 * Why this is exact: `compute` must be deterministic in `root` and its other inputs (the caller keys those),
 * and must reach the model only through `root`. Then equal reads mean equal control flow and an equal
 * result. The result is deep-copied while recording is still on, so every value it carries from the model
 * (a finding's range taken straight from a step) is itself a logged read: a result that passes on a model
 * object is never reused with that object's old contents.
 *
 * What it refuses: a computation that writes to the model, or returns something that is not plain data
 * (a Map, a function), is never reused (`reusable` false); the caller simply recomputes each time.
 */

const OBJECT = Symbol('object');
const ARRAY = Symbol('array');
const ABSENT = Symbol('absent');

type Seen = unknown;

/** The reads below one object of the model, by property. */
interface LogNode {
  /**
   * Own property → what was read: a primitive, ABSENT, or OBJECT/ARRAY with the reads below it. `alias`: the
   * object was first reached by another path (its reads are logged there); on replay the same path must again
   * lead to that same object, as identity (`===`, Map keys) may decide what the computation does.
   */
  props: Map<PropertyKey, { value: Seen; below?: LogNode; alias?: LogNode; proxy?: object }>;
  /** `Object.keys` & co. saw these own keys, in this order. */
  keys?: readonly PropertyKey[];
  /** `key in object` answers. */
  has?: Map<PropertyKey, boolean>;
  /** Another path reached this node's object too (`alias`); `replayed` holds the new model's object during a replay. */
  aliased?: boolean;
  replayed?: object;
  /**
   * The object itself, when the caller vouched that it never changes (`stable`: the chunk cache's line infos):
   * a replay that meets the very same object again knows every read below it without making them.
   */
  target?: object;
}

const newNode = (): LogNode => ({ props: new Map() });

/** One recording: the proxies of one computation and the log they write. */
class Recording {
  readonly root: LogNode = newNode();
  readonly proxies = new WeakMap<object, { proxy: object; node: LogNode }>();
  impure = false;
  /** Reads logged (for tests and traces). */
  reads = 0;

  constructor(readonly stable?: (value: object) => boolean) {}

  view<T extends object>(target: T, node: LogNode): T {
    const known = this.proxies.get(target);
    if (known) return known.proxy as T;
    const proxy = new Proxy(target, new Handler(this, node)) as T;
    this.proxies.set(target, { proxy, node });
    return proxy;
  }
}

/**
 * The traps of one object's proxy (one instance per object, its methods shared: a computation reaches
 * thousands of objects). A property read twice is answered from its log entry: the model does not change
 * while a computation runs (a write makes the recording impure and it is dropped anyway).
 */
class Handler implements ProxyHandler<object> {
  constructor(
    private readonly rec: Recording,
    private readonly node: LogNode,
  ) {}

  get(t: object, key: PropertyKey, receiver: unknown): unknown {
    if (typeof key === 'symbol') return Reflect.get(t, key, receiver);
    const entry = this.node.props.get(key);
    if (entry) {
      if (entry.proxy) return entry.proxy;
      if (entry.value !== OBJECT && entry.value !== ARRAY && entry.value !== ABSENT) return entry.value;
      // ABSENT (a prototype method), or an object read after its recording was kept (dropProxies): as it is.
      return Reflect.get(t, key, receiver);
    }
    return this.first(t, key, receiver);
  }

  /** The first read of `key` on this object: logged. */
  private first(t: object, key: string | number, receiver: unknown): unknown {
    const rec = this.rec;
    const node = this.node;
    rec.reads++;
    if (!Object.prototype.hasOwnProperty.call(t, key)) {
      // A method of Array.prototype (`map`, `some`) or a missing optional field: either way "not own here".
      node.props.set(key, { value: ABSENT });
      return Reflect.get(t, key, receiver);
    }
    const value = (t as Record<PropertyKey, unknown>)[key];
    if (value === null || typeof value !== 'object') {
      if (typeof value === 'function') rec.impure = true;
      node.props.set(key, { value });
      return value;
    }
    const kind = Array.isArray(value) ? ARRAY : OBJECT;
    const known = rec.proxies.get(value);
    if (known) {
      known.node.aliased = true;
      node.props.set(key, { value: kind, alias: known.node, proxy: known.proxy });
      return known.proxy;
    }
    const below = newNode();
    if (rec.stable?.(value)) below.target = value;
    // A range or a position is read whole, over and over (comparing positions): a plain copy, logged whole
    // at once, costs one read instead of a trap on every access.
    const leaf = kind === OBJECT ? snapshotLeaf(value, below, 0) : undefined;
    const proxy = leaf ?? rec.view(value, below);
    if (leaf) rec.proxies.set(value, { proxy: leaf, node: below });
    node.props.set(key, { value: kind, below, proxy });
    return proxy;
  }

  has(t: object, key: PropertyKey): boolean {
    const answer = Reflect.has(t, key);
    if (typeof key !== 'symbol') {
      this.node.has ??= new Map();
      if (!this.node.has.has(key)) this.node.has.set(key, answer);
      this.rec.reads++;
    }
    return answer;
  }

  ownKeys(t: object): ArrayLike<string | symbol> {
    const keys = Reflect.ownKeys(t);
    this.node.keys ??= keys;
    this.rec.reads++;
    return keys;
  }

  set(t: object, key: PropertyKey, value: unknown): boolean {
    this.rec.impure = true;
    return Reflect.set(t, key, value);
  }

  defineProperty(t: object, key: PropertyKey, desc: PropertyDescriptor): boolean {
    this.rec.impure = true;
    return Reflect.defineProperty(t, key, desc);
  }

  deleteProperty(t: object, key: PropertyKey): boolean {
    this.rec.impure = true;
    return Reflect.deleteProperty(t, key);
  }
}

/**
 * Small objects of primitives (a position) are copied whole. Not ranges: a rule that reads where a phrase
 * starts must not be re-run because a character was typed where it ends.
 */
const LEAF_KEYS = 4;
const LEAF_DEPTH = 0;

/**
 * A plain copy of a small all-data object, every key logged in `node` as read; undefined (nothing logged) when
 * `value` is not one: more than LEAF_KEYS keys, a prototype other than Object's, or nested deeper than LEAF_DEPTH.
 */
function snapshotLeaf(value: object, node: LogNode, depth: number): Record<string, unknown> | undefined {
  if (Object.getPrototypeOf(value) !== Object.prototype) return undefined;
  const keys = Object.keys(value);
  if (keys.length > LEAF_KEYS || keys.length === 0) return undefined;
  const o = value as Record<string, unknown>;
  for (const k of keys) {
    const v = o[k];
    if (typeof v === 'function' || typeof v === 'symbol') return undefined;
    if (v !== null && typeof v === 'object' && (depth >= LEAF_DEPTH || Array.isArray(v))) return undefined;
  }
  const copy: Record<string, unknown> = {};
  const props: LogNode['props'] = new Map();
  for (const k of keys) {
    const v = o[k];
    if (v !== null && typeof v === 'object') {
      const below = newNode();
      const inner = snapshotLeaf(v, below, depth + 1);
      if (!inner) return undefined;
      copy[k] = inner;
      props.set(k, { value: OBJECT, below });
    } else {
      copy[k] = v;
      props.set(k, { value: v });
    }
  }
  node.props = props;
  node.keys = Reflect.ownKeys(value);
  return copy;
}

/**
 * Whether every read of the log gives the same answer on `root`, and every object reached by two paths is again
 * one object. (A Map from the new model's objects back to log nodes would also prove that objects recorded as
 * distinct are still distinct, but hashing thousands of fresh objects costs more than the computation it
 * saves; the parser builds the same sharing for the same content, and the differential tests check it.)
 */
function replaysLog(log: LogNode, root: object): boolean {
  const aliases: [LogNode, object][] = [];
  const ok = replays(log, root, aliases) && aliases.every(([node, object]) => node.replayed === object);
  for (const [node] of aliases) delete node.replayed;
  return ok;
}

/** Subtrees a replay skipped because it met the same stable object (tests count them). */
export const stableSkips = { count: 0 };

/** Whether every read in `node` gives the same answer on `target`. */
function replays(node: LogNode, target: object, aliases: [LogNode, object][]): boolean {
  if (node.aliased) node.replayed = target;
  const t = target as Record<PropertyKey, unknown>;
  if (node.keys) {
    const keys = Reflect.ownKeys(target);
    if (keys.length !== node.keys.length) return false;
    for (let i = 0; i < keys.length; i++) if (keys[i] !== node.keys[i]) return false;
  }
  if (node.has) for (const [key, answer] of node.has) if (Reflect.has(target, key) !== answer) return false;
  for (const [key, seen] of node.props) {
    const own = Object.prototype.hasOwnProperty.call(target, key);
    if (seen.value === ABSENT) {
      if (own) return false;
      continue;
    }
    if (!own) return false;
    const value = t[key];
    if (seen.value === OBJECT || seen.value === ARRAY) {
      if (value === null || typeof value !== 'object' || Array.isArray(value) !== (seen.value === ARRAY)) return false;
      if (seen.alias) aliases.push([seen.alias, value]);
      else if (seen.below!.target === value) {
        // The same unchanging object: every read below it gives what it gave.
        if (seen.below!.aliased) seen.below!.replayed = value;
        stableSkips.count++;
      } else if (!replays(seen.below!, value, aliases)) return false;
      // An equal object in its place: compared by identity next time (the log's tree is dropped on a failed replay).
      else if (seen.below!.target !== undefined) seen.below!.target = value;
      continue;
    }
    if (!Object.is(value, seen.value)) return false;
  }
  return true;
}

/** A kept log must not hold the proxies (and through them the old version's model) once recording is over. */
function dropProxies(node: LogNode): void {
  for (const entry of node.props.values()) {
    delete entry.proxy;
    if (entry.below) dropProxies(entry.below);
  }
}

/** Thrown by `copyPlain` on a value that is not plain data. */
const NOT_PLAIN = new Error('not plain data');

/** A deep copy of plain data (arrays, plain objects, primitives); throws NOT_PLAIN on anything else. */
function copyPlain(value: unknown, depth = 0): unknown {
  if (value === null || typeof value !== 'object') {
    if (typeof value === 'function' || typeof value === 'symbol') throw NOT_PLAIN;
    return value;
  }
  if (depth > 64) throw NOT_PLAIN;
  if (Array.isArray(value)) {
    const out: unknown[] = new Array(value.length);
    for (let i = 0; i < value.length; i++) out[i] = copyPlain(value[i], depth + 1);
    return out;
  }
  const proto = Object.getPrototypeOf(value) as unknown;
  if (proto !== Object.prototype && proto !== null) throw NOT_PLAIN;
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(value)) out[key] = copyPlain((value as Record<string, unknown>)[key], depth + 1);
  return out;
}

/** `copyPlain`, or undefined when the value is not plain data. */
function tryCopyPlain(value: unknown): { value: unknown } | undefined {
  try {
    return { value: copyPlain(value) };
  } catch (err) {
    if (err === NOT_PLAIN) return undefined;
    throw err;
  }
}

export interface TrackedRun<R> {
  result: R;
  /** True when the result came from the memo (no computation ran). */
  reused: boolean;
}

/** The memo of one computation over successive versions of one model (one per open document and purpose). */
export class TrackedMemo<R> {
  private log: LogNode | undefined;
  private result: R | undefined;
  /** Key of the inputs other than the model (config, today, …): a different key recomputes. */
  private key: string | undefined;
  /** Counters for tests and traces. */
  computed = 0;
  reused = 0;
  lastReads = 0;

  /**
   * `compute(view)` on a recording view of `root`, or the previous result when `key` is the same and every
   * read of the previous computation gives the same value on `root`. A plain-data result is returned as a
   * fresh copy; a result that is not plain data is returned as computed and not kept.
   */
  run<T extends object>(root: T, key: string, compute: (view: T) => R, stable?: (value: object) => boolean): TrackedRun<R> {
    if (this.log && this.key === key && replaysLog(this.log, root)) {
      this.reused++;
      return { result: copyPlain(this.result) as R, reused: true };
    }
    this.forget();
    this.computed++;
    const rec = new Recording(stable);
    const computed = compute(rec.view(root, rec.root));
    // Copied while the proxies still record, so every model value the result carries is a logged read.
    const copy = tryCopyPlain(computed);
    this.lastReads = rec.reads;
    if (!rec.impure && copy) {
      dropProxies(rec.root);
      this.log = rec.root;
      this.result = copy.value as R;
      this.key = key;
      return { result: copyPlain(copy.value) as R, reused: false };
    }
    return { result: computed, reused: false };
  }

  /** Drops the memo (what it read outside the model changed). */
  forget(): void {
    this.log = undefined;
    this.result = undefined;
    this.key = undefined;
  }
}
