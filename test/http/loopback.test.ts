import { describe, expect, it } from 'vitest';
import { isLoopbackHost } from '../../src/http/index.js';

describe('isLoopbackHost', () => {
  it.each([
    ['127.0.0.1', true],
    ['127.255.10.3', true],
    ['localhost', true],
    ['LOCALHOST', true],
    ['[::1]', true],
    ['::1', true],
    ['128.0.0.1', false],
    ['10.0.0.1', false],
    ['127.0.0.1.example.com', false],
    ['localhost.example.com', false],
    ['api.port.io', false],
    ['[::2]', false],
    ['', false],
  ])('%s: %s', (host, expected) => {
    expect(isLoopbackHost(host)).toBe(expected);
  });

  it('agrees with URL parsing of loopback origins', () => {
    for (const origin of ['http://127.1:8080', 'http://[::1]:9000', 'http://localhost']) {
      expect(isLoopbackHost(new URL(origin).hostname)).toBe(true);
    }
  });
});
