/**
 * The SOP injection grammar, tokenised by the same engine VS Code uses (vscode-textmate + oniguruma), injected
 * into a small stand-in for the Markdown grammar (VS Code's own is built into the editor, not on npm). The
 * stand-in has the Markdown scopes the injection selector excludes, so those exclusions are tested too.
 */
import assert from 'node:assert/strict';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { before, describe, test } from 'node:test';
import * as oniguruma from 'vscode-oniguruma';
import * as textmate from 'vscode-textmate';
import { ROOT } from '../helpers';

const MARKDOWN_STAND_IN = {
  scopeName: 'text.html.markdown',
  patterns: [
    {
      begin: '^(```)\\s*(\\w*)\\s*$',
      end: '^(```)\\s*$',
      name: 'markup.fenced_code.block.markdown',
    },
    { match: '(`)[^`]+(`)', name: 'markup.inline.raw.string.markdown' },
    { match: '<!--.*?-->', name: 'comment.block.html' },
    {
      // Like VS Code's: the heading text is re-tokenised through its captures, which is where injections apply.
      match: '^(#{1,6})\\s+(.*)$',
      name: 'markup.heading.markdown',
      captures: {
        1: { name: 'punctuation.definition.heading.markdown' },
        2: { name: 'entity.name.section.markdown', patterns: [{ include: '#bold' }] },
      },
    },
    { include: '#bold' },
  ],
  repository: {
    bold: { begin: '(\\*\\*)(?=\\S)', end: '(?<=\\S)(\\*\\*)', name: 'markup.bold.markdown' },
  },
};

interface Token {
  text: string;
  scopes: string[];
}

let registry: textmate.Registry;

async function grammarFor(scopeName: string): Promise<textmate.IGrammar> {
  const grammar = await registry.loadGrammar(scopeName);
  assert.ok(grammar, `grammar ${scopeName} loads`);
  return grammar;
}

function tokenize(grammar: textmate.IGrammar, lines: string[]): Token[][] {
  let state = textmate.INITIAL;
  return lines.map((line) => {
    const r = grammar.tokenizeLine(line, state);
    state = r.ruleStack;
    return r.tokens.map((t) => ({ text: line.slice(t.startIndex, t.endIndex), scopes: t.scopes }));
  });
}

/** Scopes of the one token that is exactly `text` (the grammar must split the line there). */
function scopesOf(tokens: Token[], text: string): string[] {
  const found = tokens.filter((t) => t.text === text);
  assert.equal(found.length, 1, `one token "${text}" in ${JSON.stringify(tokens.map((t) => t.text))}`);
  return found[0]!.scopes;
}

/** Every token of the line whose scopes contain `scope`, as text. */
function textsWith(tokens: Token[], scope: string): string[] {
  return tokens.filter((t) => t.scopes.includes(scope)).map((t) => t.text);
}

async function line(text: string, scopeName = 'text.html.markdown'): Promise<Token[]> {
  return tokenize(await grammarFor(scopeName), [text])[0]!;
}

before(async () => {
  const require = createRequire(path.join(ROOT, 'package.json'));
  const wasm = fs.readFileSync(require.resolve('vscode-oniguruma/release/onig.wasm'));
  await oniguruma.loadWASM(wasm.buffer.slice(wasm.byteOffset, wasm.byteOffset + wasm.byteLength));
  const files: Record<string, string> = {
    'text.sop': 'syntaxes/sop.tmLanguage.json',
    'sop.injection': 'syntaxes/sop.injection.tmLanguage.json',
  };
  registry = new textmate.Registry({
    onigLib: Promise.resolve({
      createOnigScanner: (sources) => new oniguruma.OnigScanner(sources),
      createOnigString: (s) => new oniguruma.OnigString(s),
    }),
    async loadGrammar(scopeName) {
      if (scopeName === 'text.html.markdown') return textmate.parseRawGrammar(JSON.stringify(MARKDOWN_STAND_IN), 'markdown.json');
      const file = files[scopeName];
      if (!file) return null;
      return textmate.parseRawGrammar(fs.readFileSync(path.join(ROOT, file), 'utf8'), file);
    },
    // As package.json's `injectTo` declares.
    getInjections: (scopeName) => (scopeName === 'text.html.markdown' || scopeName === 'text.sop' ? ['sop.injection'] : undefined),
  });
});

describe('SOP grammar', () => {
  test('package.json injects the grammar into Markdown and the sop language, as this test assumes', () => {
    const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as {
      contributes: { grammars: { scopeName: string; path: string; injectTo?: string[]; language?: string }[] };
    };
    const injection = pkg.contributes.grammars.find((g) => g.scopeName === 'sop.injection');
    assert.deepEqual(injection?.injectTo, ['text.html.markdown', 'text.sop']);
    assert.equal(injection?.path, './syntaxes/sop.injection.tmLanguage.json');
    const sop = pkg.contributes.grammars.find((g) => g.language === 'sop');
    assert.equal(sop?.scopeName, 'text.sop');
  });

  test('plain Owner label and a role with its acronym', async () => {
    const t = await line('Owner: Account Executive (AE)');
    assert.ok(scopesOf(t, 'Owner').includes('support.type.property-name.label.owner.sop'));
    assert.ok(scopesOf(t, 'Account Executive').includes('entity.name.type.role.sop'));
    assert.ok(scopesOf(t, 'AE').includes('entity.name.type.role.acronym.sop'));
  });

  test('bold Owner label, several roles; lower-case words between them are not roles', async () => {
    const t = await line('**Owner**: Implementation Manager, with help from the Payroll Specialist');
    assert.ok(scopesOf(t, 'Owner').includes('support.type.property-name.label.owner.sop'));
    assert.deepEqual(textsWith(t, 'entity.name.type.role.sop'), ['Implementation Manager', 'Payroll Specialist']);
  });

  test('colon inside the bold (**Owner:**) and a list item', async () => {
    const t = await line('- **Owner:** Director of Customer Success');
    assert.ok(scopesOf(t, 'Owner').includes('support.type.property-name.label.owner.sop'));
    assert.deepEqual(textsWith(t, 'entity.name.type.role.sop'), ['Director of Customer Success']);
  });

  test('a placeholder owner is a placeholder, not a role', async () => {
    const t = await line('Owner: [OWNER]');
    assert.ok(scopesOf(t, 'OWNER').includes('variable.other.placeholder.sop'));
    assert.deepEqual(textsWith(t, 'entity.name.type.role.sop'), []);
  });

  test('Timeline: within N business days of X', async () => {
    const t = await line('Timeline: Within 5 business days of account setup');
    assert.ok(scopesOf(t, 'Timeline').includes('support.type.property-name.label.timing.sop'));
    assert.ok(scopesOf(t, 'Within').includes('keyword.other.timing.sop'));
    assert.ok(scopesOf(t, '5').includes('constant.numeric.timing.sop'));
    assert.ok(scopesOf(t, 'business days').includes('keyword.other.unit.timing.sop'));
    assert.ok(scopesOf(t, 'of').includes('meta.timing.deadline.sop'));
    assert.deepEqual(textsWith(t, 'entity.name.type.role.sop'), []);
  });

  test('Duration: a range and a bare duration; Depends on names an ID and a step', async () => {
    const d = await line('**Duration**: 1-2 business days');
    assert.ok(scopesOf(d, 'Duration').includes('support.type.property-name.label.timing.sop'));
    assert.ok(scopesOf(d, '1-2').includes('constant.numeric.timing.sop'));
    const dep = await line('**Depends on**: Step 2, PRC-001');
    assert.ok(scopesOf(dep, 'Depends on').includes('support.type.property-name.label.dependency.sop'));
    assert.ok(scopesOf(dep, 'Step 2').includes('entity.name.function.step-reference.sop'));
    assert.ok(scopesOf(dep, 'PRC-001').includes('constant.other.reference.id.sop'));
  });

  test('day windows and offsets anywhere in the text', async () => {
    const stage = await line('### Stage 2: Adoption (Days 31-90)', 'text.sop');
    assert.ok(scopesOf(stage, 'Days').includes('keyword.other.unit.timing.sop'));
    assert.ok(scopesOf(stage, '31-90').includes('constant.numeric.timing.sop'));
    const day = await line('**Day 14: First Forecast Review**');
    assert.ok(scopesOf(day, '14').includes('meta.timing.window.sop'));
    const renewal = await line('**90 days before renewal**');
    assert.ok(scopesOf(renewal, '90').includes('meta.timing.offset.sop'));
    assert.ok(scopesOf(renewal, 'before').includes('keyword.other.timing.sop'));
    const checkIn = await line('#### 30-Day Check-In');
    assert.ok(scopesOf(checkIn, '30').includes('meta.timing.milestone.sop'));
  });

  test('IDs and placeholders in prose; markdown links and task boxes are not placeholders', async () => {
    const t = await line('See PRC-001 and send the pack to [CUSTOMER_NAME] by [YYYY-MM-DD]; [x] done; [Guide](guide.md)');
    assert.deepEqual(textsWith(t, 'constant.other.reference.id.sop'), ['PRC-001']);
    assert.deepEqual(textsWith(t, 'variable.other.placeholder.sop'), ['CUSTOMER_NAME', 'YYYY-MM-DD']);
  });

  test('nothing inside code spans, fenced code or comments', async () => {
    const inline = await line('Use `Owner: Account Executive` and `PRC-001` literally');
    assert.deepEqual(inline.filter((t) => t.scopes.some((s) => s.endsWith('.sop'))), []);
    const block = tokenize(await grammarFor('text.html.markdown'), ['```', 'Owner: Account Executive', 'Within 5 days of PRC-001', '```']);
    assert.deepEqual(block.flat().filter((t) => t.scopes.some((s) => s.endsWith('.sop'))), []);
    const comment = await line('<!-- Owner: Account Executive -->');
    assert.deepEqual(comment.filter((t) => t.scopes.some((s) => s.endsWith('.sop'))), []);
  });

  test('the sop language gets the same highlighting through Markdown', async () => {
    const t = await line('Owner: Customer Success Manager (CSM)', 'text.sop');
    assert.ok(scopesOf(t, 'Customer Success Manager').includes('entity.name.type.role.sop'));
    assert.equal(t[0]!.scopes[0], 'text.sop');
  });

  test('ordinary prose stays plain', async () => {
    const t = await line('The owner of this document reviews it every year.');
    assert.deepEqual(t.filter((x) => x.scopes.some((s) => s.endsWith('.sop'))), []);
  });
});
