import { pathToFileURL } from 'node:url';
import type { Severity } from '../../core/findings';
import { ruleDocsHref } from '../../core/lint/rule';
import { displayPath, terminalSafeJson, type Formatter } from './types';

const LEVEL: Record<Severity, 'error' | 'warning' | 'note'> = { error: 'error', warning: 'warning', info: 'note', hint: 'note' };

/**
 * SARIF 2.1.0 for GitHub code scanning: every rule in `tool.driver.rules` with its shipped page as
 * `help.markdown` (a `helpUri` only when the user configured `docsBaseUrl`), paths relative to %SRCROOT%,
 * and the `--baseline` fingerprint as a partial fingerprint so code scanning tracks findings across line shifts.
 */
export const formatSarif: Formatter = ({ files, cwd, rules, version, ruleDocs, docsBaseUrl }) => {
  const index = new Map(rules.map((r, i) => [r.id, i]));
  const region = (r: { start: { line: number; character: number }; end: { line: number; character: number } }) => ({
    startLine: r.start.line + 1,
    startColumn: r.start.character + 1,
    endLine: r.end.line + 1,
    endColumn: r.end.character + 1,
  });
  const results = [];
  for (const { file, findings, fingerprints } of files) {
    const uri = displayPath(file, cwd);
    for (const [n, f] of findings.entries()) {
      const result: Record<string, unknown> = {
        ruleId: f.rule,
        level: LEVEL[f.severity],
        message: { text: f.message },
        locations: [{ physicalLocation: { artifactLocation: { uri, uriBaseId: '%SRCROOT%' }, region: region(f.range) } }],
      };
      const print = fingerprints?.[n];
      if (print) result['partialFingerprints'] = { 'soplsFindingHash/v1': print };
      const i = index.get(f.rule);
      if (i !== undefined) result['ruleIndex'] = i;
      if (f.related?.length) {
        result['relatedLocations'] = f.related.map((r, id) => ({
          id,
          message: { text: r.message },
          physicalLocation: { artifactLocation: { uri: displayPath(r.uri, cwd), uriBaseId: '%SRCROOT%' }, region: region(r.range) },
        }));
      }
      results.push(result);
    }
  }
  const cwdUri = pathToFileURL(cwd).href.replace(/\/?$/, '/');
  const sarif = {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: 'sopls',
            version,
            rules: rules.map((r) => ({
              id: r.id,
              name: r.id.replace(/(^|-)([a-z])/g, (_m, _d, c: string) => c.toUpperCase()),
              shortDescription: { text: r.description },
              fullDescription: { text: r.description },
              ...(docsBaseUrl ? { helpUri: ruleDocsHref(r.id, docsBaseUrl) } : {}),
              help: { text: `${r.description} Documentation: ${r.docs} in the sopls package.`, markdown: ruleDocs?.get(r.id) ?? r.description },
              defaultConfiguration: { level: LEVEL[r.defaultSeverity] },
              properties: { scope: r.scope },
            })),
          },
        },
        originalUriBaseIds: { '%SRCROOT%': { uri: cwdUri } },
        results,
      },
    ],
  };
  return terminalSafeJson(JSON.stringify(sarif, null, 2)) + '\n';
};
