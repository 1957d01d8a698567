import { usageError, type CliIO } from './io';

export async function runLint(_args: string[], io: CliIO): Promise<number> {
  return usageError(io, 'lint is being built');
}
