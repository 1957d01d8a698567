import { parseDocument, LineCounter, isMap, isSeq, isScalar } from 'yaml';
const raw = process.argv[2].replace(/\\n/g, '\n');
const doc = parseDocument(raw, { lineCounter: new LineCounter(), prettyErrors: false, uniqueKeys: false });
console.log(JSON.stringify(doc.toJS({ maxAliasCount: 100 })), doc.errors.map(e => e.message));
const walk = (n, p) => { if (isMap(n)) for (const pair of n.items) { console.log(p + 'key', JSON.stringify(pair.key?.value), pair.key?.range, 'val', pair.value?.constructor?.name, pair.value?.range); walk(pair.value, p + '  '); } else if (isSeq(n)) n.items.forEach((it) => { console.log(p + 'item', it?.range); walk(it, p + '  '); }); };
walk(doc.contents, '');
