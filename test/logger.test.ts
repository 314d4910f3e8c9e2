import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { SecretScrubber, createLogger } from '../src/logger.js';

function capture() {
  const lines: string[] = [];
  const destination = new Writable({
    write(chunk, _enc, cb) {
      lines.push(String(chunk));
      cb();
    },
  });
  return { lines, destination };
}

describe('logger', () => {
  it('writes JSON lines and redacts secret fields at any depth, with or without a scrubber', () => {
    const { lines, destination } = capture();
    const log = createLogger({ destination });
    log.info({ token: 't1', config: { headers: { Authorization: 'Bearer t2' } }, nested: { a: { clientSecret: 's3' } } }, 'hello');
    const line = JSON.parse(lines[0]!) as Record<string, unknown>;
    expect(line).toMatchObject({
      level: 'info',
      msg: 'hello',
      token: '[REDACTED]',
      config: { headers: { Authorization: '[REDACTED]' } },
      nested: { a: { clientSecret: '[REDACTED]' } },
    });
  });

  it('scrubs a known secret from messages and error texts', () => {
    const { lines, destination } = capture();
    const scrubber = new SecretScrubber();
    scrubber.add('glpat-abcdef123456');
    scrubber.add('abc'); // too short to be a credential: ignored rather than scrubbing ordinary words
    const log = createLogger({ destination, scrubber });
    log.error({ err: new Error('GitLab refused glpat-abcdef123456') }, 'call with glpat-abcdef123456 failed, abc');
    expect(lines.join('')).not.toContain('glpat-abcdef123456');
    expect(lines.join('')).toContain('failed, abc');
  });
});
