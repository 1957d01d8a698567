import { usageError, type CliIO } from './io';

export async function runTimeline(_args: string[], io: CliIO): Promise<number> {
  return usageError(io, 'timeline is being built');
}
