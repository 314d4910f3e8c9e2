import { describe, expect, it } from 'vitest';
import {
  ConfigError,
  ExitCode,
  PortApiError,
  PortAuthError,
  PortUnreachableError,
  RunAbortedError,
  exitCodeOf,
  isFatalPortError,
} from '../../src/errors.js';

const details = { method: 'POST', path: '/blueprints/service/entities/bulk', status: 422 };

describe('isFatalPortError', () => {
  it.each([
    ['refused credentials', new PortAuthError({ ...details, status: 401 }), true],
    ['an unreachable Port', new PortUnreachableError({ ...details, status: 503 }), true],
    ['an aborted run', new RunAbortedError('SIGTERM'), true],
    ['a bug', new TypeError('x is undefined'), true],
    ['another error of ours', new ConfigError(['bad']), true],
    ['something thrown that is no error', 'boom', true],
    ['Port refusing one call', new PortApiError(details), false],
    ['Port still throttling one call', new PortApiError({ ...details, status: 429 }), false],
  ])('%s: %s', (_what, error, expected) => {
    expect(isFatalPortError(error)).toBe(expected);
  });
});

describe('RunAbortedError', () => {
  it.each([
    [new Error('SIGTERM'), 'SIGTERM'],
    ['time limit of 600 s reached', 'time limit of 600 s reached'],
    [new DOMException('This operation was aborted', 'AbortError'), 'This operation was aborted'],
    [new RunAbortedError('SIGINT'), 'SIGINT'],
    [undefined, 'no reason given'],
    [42, 'no reason given'],
  ])('says why from %j', (reason, why) => {
    const error = new RunAbortedError(reason);
    expect(error.message).toBe(`The run was aborted: ${why}`);
    expect(error.reason).toBe(why);
    expect(error.name).toBe('RunAbortedError');
  });

  it('ends a run with exit code 1 and keeps an Error reason as its cause', () => {
    const reason = new Error('SIGTERM');
    const error = new RunAbortedError(reason);
    expect(exitCodeOf(error)).toBe(ExitCode.Partial);
    expect(error.cause).toBe(reason);
  });
});
