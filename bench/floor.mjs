#!/usr/bin/env node
// The floors sopls is measured against, run in a fresh process like a CLI would be:
//   read   read every document (fs.readFileSync, utf8)
//   parse  read + unified().use(remark-parse).use(remark-frontmatter, ['yaml']).parse(text) + YAML.parse of
//          the frontmatter node: nothing else, single thread
// over every .md/.markdown/.txt file under DIR (the files `sopls lint DIR` considers), or only .md with
// --ext md (to compare with ../shared/tools/parse-floor.mjs). Prints one JSON line.
//
//   node bench/floor.mjs --mode read|parse [--ext all|md] DIR

import fs from 'node:fs';
import path from 'node:path';
import { performance } from 'node:perf_hooks';

const t0 = performance.now();
const args = process.argv.slice(2);
let mode = 'parse';
let ext = 'all';
let dir;
for (let i = 0; i < args.length; i++) {
  if (args[i] === '--mode') mode = args[++i];
  else if (args[i] === '--ext') ext = args[++i];
  else dir = args[i];
}
if (!dir || !['read', 'parse'].includes(mode) || !['all', 'md'].includes(ext)) {
  process.stderr.write('usage: node bench/floor.mjs --mode read|parse [--ext all|md] DIR\n');
  process.exit(2);
}

export function listDocuments(root, onlyMarkdown = false) {
  const pattern = onlyMarkdown ? /\.md$/i : /\.(md|markdown|txt)$/i;
  const out = [];
  const visit = (d) => {
    for (const e of fs.readdirSync(d, { withFileTypes: true })) {
      if (e.name.startsWith('.') || e.name === 'node_modules') continue;
      const p = path.join(d, e.name);
      if (e.isDirectory()) visit(p);
      else if (e.isFile() && pattern.test(e.name)) out.push(p);
    }
  };
  visit(root);
  return out.sort();
}

let work = () => 0;
if (mode === 'parse') {
  const [{ unified }, { default: remarkParse }, { default: remarkFrontmatter }, YAML] = await Promise.all([
    import('unified'),
    import('remark-parse'),
    import('remark-frontmatter'),
    import('yaml'),
  ]);
  const processor = unified().use(remarkParse).use(remarkFrontmatter, ['yaml']).freeze();
  work = (text) => {
    const tree = processor.parse(text);
    const first = tree.children[0];
    if (first?.type === 'yaml') {
      try {
        YAML.parse(first.value);
      } catch {
        // Invalid YAML still costs the parse; the floor does not report it.
      }
    }
    return tree.children.length;
  };
}

const files = listDocuments(path.resolve(dir), ext === 'md');
const tWork = performance.now();
let bytes = 0;
let sink = 0;
for (const f of files) {
  const text = fs.readFileSync(f, 'utf8');
  bytes += Buffer.byteLength(text);
  sink += work(text);
}
const end = performance.now();
process.stdout.write(
  JSON.stringify({ mode, ext, files: files.length, bytes, work_ms: +(end - tWork).toFixed(1), process_ms: +end.toFixed(1), setup_ms: +(tWork - t0).toFixed(1), sink }) + '\n',
);
