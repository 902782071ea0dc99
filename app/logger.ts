/** Structured logging (pino): JSON lines in production, one logger passed in everywhere. */
import { pino, type Logger } from 'pino';

export type { Logger };

export function createLogger(level: string, name = 'ipwatch'): Logger {
  return pino({ name, level, base: { pid: process.pid } });
}
