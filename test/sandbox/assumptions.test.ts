import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { SANDBOX_ASSUMPTIONS } from '../../src/sandbox/index.js';

const SRC = fileURLToPath(new URL('../../src/sandbox/', import.meta.url));

/** Every `Port: assumed (...; id)` marker in the sandbox sources. */
function markedIds(): Set<string> {
  const ids = new Set<string>();
  for (const file of readdirSync(SRC).filter((f) => f.endsWith('.ts') && f !== 'assumptions.ts')) {
    for (const match of readFileSync(SRC + file, 'utf8').matchAll(/Port: assumed \(([^)]*)\)/g)) {
      const id = match[1]?.split(';')[1]?.trim();
      if (!id) throw new Error(`${file}: assumed marker without an id: ${match[0]}`);
      ids.add(id);
    }
  }
  return ids;
}

describe('SANDBOX_ASSUMPTIONS', () => {
  it('lists every assumption marked in the code, and only those', () => {
    const listed = SANDBOX_ASSUMPTIONS.map((a) => a.id);
    expect(new Set(listed).size).toBe(listed.length);
    expect([...markedIds()].sort()).toEqual([...listed].sort());
  });

  it('describes each one', () => {
    for (const a of SANDBOX_ASSUMPTIONS) {
      expect(a.description.length, a.id).toBeGreaterThan(10);
      expect(a.sandbox.length, a.id).toBeGreaterThan(3);
    }
  });
});
