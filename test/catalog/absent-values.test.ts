import { describe, expect, it } from 'vitest';
import { joinCatalog } from '../../src/catalog/index.js';
import { OPTIONS, OWNS, own, run } from './support.js';

const KUBERNETES = { ...OWNS.kubernetes, service: { ...own('enrich', ['isRunning'], []), absent: { isRunning: false } } };
const gitlab = (...names: string[]) =>
  run(
    'gitlab',
    ['gitlab:acme'],
    names.map((name) => ({
      blueprint: 'service',
      identifier: name,
      title: name,
      scope: 'gitlab:acme',
      properties: { repoUrl: `https://x/${name}` },
    })),
  );
const running = (scopes: string[], services: Record<string, boolean>) =>
  run(
    'kubernetes',
    scopes,
    Object.entries(services).map(([identifier, isRunning]) => ({
      blueprint: 'service',
      identifier,
      scope: 'k8s:prod',
      properties: { isRunning },
    })),
    KUBERNETES,
  );
const isRunningOf = (catalog: ReturnType<typeof joinCatalog>) =>
  Object.fromEntries([...(catalog.entities.get('service')?.values() ?? [])].map((s) => [s.identifier, s.properties.isRunning]));

describe('absent values', () => {
  it('a source that completed every scope gives its absent value to what it did not name', () => {
    const catalog = joinCatalog([gitlab('api', 'web', 'docs'), running(['k8s:prod'], { api: true, web: false })], OPTIONS);
    expect(isRunningOf(catalog)).toEqual({ api: true, web: false, docs: false });
  });

  it('a service the join made from a name gets it too', () => {
    const tagged = run(
      'aws',
      ['aws:1:eu'],
      [{ blueprint: 'awsResource', identifier: 'arn:1', scope: 'aws:1:eu', properties: {}, relations: { service: 'tagged-only' } }],
    );
    const catalog = joinCatalog([tagged, running(['k8s:prod'], { api: true })], OPTIONS);
    expect(isRunningOf(catalog)).toEqual({ 'tagged-only': false, api: true });
    expect(catalog.entities.get('service')?.get('tagged-only')?.fields.properties.has('isRunning')).toBe(true);
  });

  it('a source with an incomplete scope leaves what it did not name as it is', () => {
    const catalog = joinCatalog([gitlab('api', 'docs'), running(['k8s:prod', '!k8s:staging'], { api: true })], OPTIONS);
    expect(isRunningOf(catalog)).toEqual({ api: true, docs: undefined });
    expect(catalog.entities.get('service')?.get('docs')?.fields.properties.has('isRunning')).toBe(false);
  });

  it('without a declared absent value, an owned field nothing set is cleared as before', () => {
    const catalog = joinCatalog(
      [gitlab('api', 'docs'), running(['k8s:prod'], { api: true })].map((r) =>
        r.id === 'kubernetes' ? { ...r, owns: OWNS.kubernetes } : r,
      ),
      OPTIONS,
    );
    expect(isRunningOf(catalog)).toEqual({ api: true, docs: undefined });
    expect(catalog.entities.get('service')?.get('docs')?.fields.properties.has('isRunning')).toBe(true);
  });
});
