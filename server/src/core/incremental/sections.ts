/**
 * The procedure recogniser (parse/shapes/recognise.ts) walks the document's heading tree; what it finds under
 * one section depends on that section's lines, the scope it inherits and the roles the document declares. An
 * open document keeps one `SectionMemos`: each section's walk runs under a TrackedMemo (tracked.ts) over the
 * document's lines and the section's node, and the next parse reuses it while every line, node field and role
 * it read is unchanged. So an edit re-reads the section it touched; the others are replayed, not re-walked.
 *
 * A slot is found by the section's heading text and its place among sections with the same heading, so a
 * section keeps its memo when an edit above it adds or removes a section. A line added above a section moves
 * its line numbers, which it read: it is walked again (correct, and the typing case stays cheap).
 */
import { TrackedMemo } from './tracked';

/** What one section's walk gives: steps plus what the walker collects on the side (signals, RACI rows). */
export interface SectionWalk<S, G, R> {
  steps: S[];
  signals: G[];
  raci: R[];
  /** The role names the walk asked about, with the answers: replayed against the new document's roles. */
  roles: [string, boolean][];
}

export class SectionMemos {
  /** Replays skip the lines they meet again (`stableLine`); off only to measure what that saves (bench). */
  static identityReplay = true;
  private slots = new Map<string, TrackedMemo<SectionWalk<unknown, unknown, unknown>>>();
  private used = new Map<string, TrackedMemo<SectionWalk<unknown, unknown, unknown>>>();
  private seen = new Map<string, number>();
  /** Sections walked and sections replayed (tests count them). */
  walked = 0;
  replayed = 0;
  /** The line infos of the document being parsed (`root.lines`), as a set: see `stableLine`. */
  private lines: { array: unknown; set: Set<unknown> } | undefined;

  /** Call before each parse: slots are numbered per parse, and those the last parse did not use are dropped. */
  begin(): void {
    this.slots = this.used.size ? this.used : this.slots;
    this.used = new Map();
    this.seen.clear();
  }

  /**
   * The walk of one section: `walk(view)` on a recording view of `root` (the lines and the section's node),
   * or the last parse's walk of the same slot when nothing it read changed. `key`: the walk's other inputs
   * (inherited scope, flags), as a string. `isDeclaredRole`: this document's roles.
   */
  walk<T extends object, S, G, R>(
    heading: string,
    key: string,
    root: T,
    isDeclaredRole: (name: string) => boolean,
    walk: (view: T, isDeclaredRole: (name: string) => boolean) => Omit<SectionWalk<S, G, R>, 'roles'>,
  ): SectionWalk<S, G, R> {
    const n = this.seen.get(heading) ?? 0;
    this.seen.set(heading, n + 1);
    const slot = `${n}\u0000${heading}`;
    const memo = (this.slots.get(slot) ?? new TrackedMemo()) as TrackedMemo<SectionWalk<S, G, R>>;
    this.used.set(slot, memo as TrackedMemo<SectionWalk<unknown, unknown, unknown>>);
    const stable = this.stableLine(root);
    const run = (): { result: SectionWalk<S, G, R>; reused: boolean } =>
      memo.run(
        root,
        key,
        (view) => {
          const roles: [string, boolean][] = [];
          const asked = (name: string): boolean => {
            const answer = isDeclaredRole(name);
            roles.push([name, answer]);
            return answer;
          };
          return { ...walk(view, asked), roles };
        },
        stable,
      );
    let out = run();
    if (out.reused && !out.result.roles.every(([name, answer]) => isDeclaredRole(name) === answer)) {
      memo.forget();
      out = run();
    }
    if (out.reused) this.replayed++;
    else this.walked++;
    return out.result;
  }

  /**
   * The document's line infos never change once made: the Markdown chunk cache serves an unchanged, unmoved
   * chunk's infos as the very same objects (parse/markdown.ts ChunkCache), and per-line memos (parse/text.ts
   * readField) already rely on that. So a replay that meets the same line object again skips its reads.
   */
  private stableLine(root: object): ((value: object) => boolean) | undefined {
    const array = (root as { lines?: unknown }).lines;
    if (!Array.isArray(array) || !SectionMemos.identityReplay) return undefined;
    if (this.lines?.array !== array) this.lines = { array, set: new Set(array) };
    const set = this.lines.set;
    return (value) => set.has(value);
  }
}
