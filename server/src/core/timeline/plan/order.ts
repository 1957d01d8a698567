/** Graph algorithms of the scheduler: loops (Tarjan) and the order steps are visited in (Kahn, with a heap). */
import { scheduleWork, type TimelineDependency, type TimelineStep } from './types';

/** Tarjan's strongly connected components (iterative); returns only the loops (size > 1 or self-edges). */
export function stronglyConnected(steps: TimelineStep[]): number[][] {
  const n = steps.length;
  const index = new Int32Array(n).fill(-1);
  const low = new Int32Array(n);
  const onStack = new Uint8Array(n);
  const stack: number[] = [];
  const out: number[][] = [];
  let counter = 0;
  for (let root = 0; root < n; root++) {
    if (index[root] !== -1) continue;
    const work: [number, number][] = [[root, 0]];
    while (work.length) {
      const frame = work[work.length - 1]!;
      const [v, k] = frame;
      if (k === 0) {
        index[v] = low[v] = counter++;
        stack.push(v);
        onStack[v] = 1;
      }
      const deps = steps[v]!.dependsOn;
      if (k < deps.length) {
        frame[1] = k + 1;
        const w = deps[k]!.on;
        if (index[w] === -1) work.push([w, 0]);
        else if (onStack[w]) low[v] = Math.min(low[v]!, index[w]!);
        continue;
      }
      work.pop();
      if (work.length) {
        const parent = work[work.length - 1]![0];
        low[parent] = Math.min(low[parent]!, low[v]!);
      }
      if (low[v] === index[v]) {
        const comp: number[] = [];
        let w: number;
        do {
          w = stack.pop()!;
          onStack[w] = 0;
          comp.push(w);
        } while (w !== v);
        if (comp.length > 1 || deps.some((d) => d.on === v)) out.push(comp.sort((a, b) => a - b));
      }
    }
  }
  return out;
}

/** Dependencies first; ties keep document order. */
export function topoOrder(steps: TimelineStep[], edgesOf: (i: number) => TimelineDependency[]): number[] {
  const n = steps.length;
  const indeg = new Int32Array(n);
  const succ: number[][] = Array.from({ length: n }, () => []);
  for (let i = 0; i < n; i++) {
    for (const d of edgesOf(i)) {
      indeg[i]!++;
      succ[d.on]!.push(i);
    }
  }
  // The lowest ready index first (document order on ties), from a binary heap: n log n, not n² on wide plans.
  const heap: number[] = [];
  const push = (v: number) => {
    let k = heap.push(v) - 1;
    while (k > 0) {
      const up = (k - 1) >> 1;
      if (heap[up]! <= v) break;
      heap[k] = heap[up]!;
      k = up;
    }
    heap[k] = v;
  };
  const pop = (): number => {
    const top = heap[0]!;
    const last = heap.pop()!;
    if (heap.length) {
      let k = 0;
      for (;;) {
        const l = 2 * k + 1;
        if (l >= heap.length) break;
        const c = l + 1 < heap.length && heap[l + 1]! < heap[l]! ? l + 1 : l;
        if (heap[c]! >= last) break;
        heap[k] = heap[c]!;
        k = c;
      }
      heap[k] = last;
    }
    return top;
  };
  for (let i = 0; i < n; i++) if (indeg[i] === 0) push(i);
  const out: number[] = [];
  while (heap.length) {
    const i = pop();
    scheduleWork.count++;
    out.push(i);
    for (const j of succ[i]!) if (--indeg[j]! === 0) push(j);
  }
  return out;
}

