import type { CliIO } from '../cli/io';

export async function runLanguageServerCommand(_args: string[], io: CliIO): Promise<number> {
  io.stderr('lsp is being built\n');
  return 2;
}
