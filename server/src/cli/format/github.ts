import type { Severity } from '../../core/findings';
import { displayPath, oneLine, type Formatter } from './types';

const COMMAND: Record<Severity, string> = { error: 'error', warning: 'warning', info: 'notice', hint: 'notice' };

/**
 * Workflow command escaping (actions/toolkit `command.ts`): data escapes %, CR, LF; properties also : and ,.
 * Other control characters (an escape sequence in a step title) are made visible so they never reach the log.
 */
export function escapeData(s: string): string {
  return s
    .replace(/%/g, '%25')
    .replace(/\r/g, '%0D')
    .replace(/\n/g, '%0A')
    .replace(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u2028\u2029]/g, oneLine);
}
export function escapeProperty(s: string): string {
  return escapeData(s).replace(/:/g, '%3A').replace(/,/g, '%2C');
}

/** `::error file=…,line=…,col=…,endLine=…,endColumn=…,title=…::message`, one line per finding. */
export const formatGithub: Formatter = ({ files, cwd }) => {
  let out = '';
  for (const { file, findings } of files) {
    for (const f of findings) {
      const props = [
        `file=${escapeProperty(displayPath(file, cwd))}`,
        `line=${f.range.start.line + 1}`,
        `col=${f.range.start.character + 1}`,
        `endLine=${f.range.end.line + 1}`,
        `endColumn=${f.range.end.character + 1}`,
        `title=${escapeProperty(`sopls ${f.rule}`)}`,
      ];
      out += `::${COMMAND[f.severity]} ${props.join(',')}::${escapeData(f.message)}\n`;
    }
  }
  return out;
};
