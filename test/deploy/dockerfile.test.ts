import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

const ROOT = new URL('../../', import.meta.url);
const dockerfile = readFileSync(new URL('Dockerfile', ROOT), 'utf8');

/** The instructions of the last stage (the image that runs), continuation lines joined. */
function runtimeStage(): string[] {
  const lines = dockerfile
    .replace(/\\\n\s*/g, ' ')
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l !== '' && !l.startsWith('#'));
  const from = lines.map((l, i) => (l.startsWith('FROM ') ? i : -1)).filter((i) => i >= 0);
  return lines.slice(from[from.length - 1]);
}

describe('Dockerfile', () => {
  const stage = runtimeStage();
  const instruction = (name: string) => stage.filter((l) => l.toUpperCase().startsWith(`${name} `));

  it('runs on Node 22 LTS slim as a non-root user, port-sync as entrypoint and serve by default', () => {
    expect(stage[0]).toMatch(/^FROM node:22(\.\d+)*-\S*slim\b/);
    const user = instruction('USER').at(-1)?.split(/\s+/)[1] ?? '';
    expect(user).not.toMatch(/^(root|0)(:|$)/);
    expect(user).not.toBe('');
    expect(instruction('ENTRYPOINT')).toEqual(['ENTRYPOINT ["port-sync"]']);
    expect(instruction('CMD')).toEqual(['CMD ["serve"]']);
  });

  it('has no HEALTHCHECK (Kubernetes probes /healthz and /readyz) and ships production dependencies only', () => {
    expect(dockerfile).not.toMatch(/^\s*HEALTHCHECK/im);
    expect(dockerfile).toMatch(/npm prune --omit=dev|npm ci --omit=dev/);
    expect(stage.some((l) => l.startsWith('COPY') && l.includes('src'))).toBe(false);
  });

  it('keeps tests, the git history and local state out of the build context', () => {
    const ignored = readFileSync(new URL('.dockerignore', ROOT), 'utf8').split('\n');
    for (const entry of ['node_modules', '.git', 'test', 'dist']) expect(ignored).toContain(entry);
  });
});

describe('the memory settings the image runs with', () => {
  it('sets the young generation port-sync is measured with, in the image and in the benchmark command', async () => {
    const { SEMI_SPACE_OPTION } = await import('../../src/heap.js');
    const env = runtimeStage().filter((l) => l.toUpperCase().startsWith('ENV '));
    expect(env.join(' ')).toContain(`NODE_OPTIONS=${SEMI_SPACE_OPTION}`);
    const scripts = (JSON.parse(readFileSync(new URL('package.json', ROOT), 'utf8')) as { scripts: Record<string, string> }).scripts;
    expect(scripts.bench).toContain(`node ${SEMI_SPACE_OPTION} `);
  });
});
