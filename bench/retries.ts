import { createLogger, type Logger } from '../src/logger.js';

/**
 * Why the client retried, read from its own "Port call retried" warnings: the call counts alone
 * cannot tell a 429 from a socket the sandbox closed while the sync's event loop was busy.
 */
export class RetryLog {
  readonly logger: Logger;
  private reasons = new Map<string, number>();

  constructor() {
    this.logger = createLogger({
      level: 'warn',
      destination: {
        write: (line: string) => {
          const entry = JSON.parse(line) as { msg?: string; reason?: string };
          if (entry.msg !== 'Port call retried') return;
          const reason = entry.reason ?? 'unknown';
          this.reasons.set(reason, (this.reasons.get(reason) ?? 0) + 1);
        },
      },
    });
  }

  /** Retry reasons since the last call, e.g. `{ ECONNRESET: 6 }`. */
  take(): Record<string, number> {
    const taken = Object.fromEntries(this.reasons);
    this.reasons = new Map();
    return taken;
  }
}
