import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

const eslint = new ESLint({ cwd: new URL('../../', import.meta.url).pathname });

/** The rule ids lint reports for one import line written into a file at `path`. */
async function problems(path: string, line: string): Promise<string[]> {
  const [result] = await eslint.lintText(`${line}\nexport const used = x;\n`, { filePath: path });
  return (result?.messages ?? []).map((m) => m.ruleId ?? m.message);
}

describe('import directions (DESIGN.md section 2) are enforced by lint', () => {
  it.each([
    ['src/sources/aws/scan.ts', "import { x } from '../../port/index.js';"],
    ['src/sources/aws/scan.ts', "import { x } from '../../sync/plan.js';"],
    ['src/sources/aws/scan.ts', "import { x } from '../../catalog/index.js';"],
    ['src/sources/aws/scan.ts', "import { x } from '../cost/map.js';"],
    ['src/sources/cost/fetch.ts', "import { x } from '../aws/map.js';"],
    ['src/sources/registry.ts', "import { x } from '../port/index.js';"],
    ['src/catalog/join.ts', "import { x } from '../sources/registry.js';"],
    ['src/catalog/rules/cost-team.ts', "import { x } from '../../port/index.js';"],
    ['src/port/entities.ts', "import { x } from '../sync/run.js';"],
    ['src/sandbox/store.ts', "import { x } from '../sync/plan.js';"],
    ['src/sandbox/store.ts', "import { x } from '../sources/types.js';"],
    ['src/domain/scopes.ts', "import { x } from '../logger.js';"],
  ])('%s may not import: %s', async (path, line) => {
    expect(await problems(path, line)).toContain('no-restricted-imports');
  });

  it.each([
    ['src/sources/aws/scan.ts', "import { x } from '../../domain/index.js';"],
    ['src/sources/aws/scan.ts', "import { x } from '../../aws/index.js';"],
    ['src/sources/aws/scan.ts', "import { x } from './map.js';"],
    ['src/sources/cost/fetch.ts', "import { x } from '../types.js';"],
    ['src/sources/registry.ts', "import { x } from './aws/index.js';"],
    ['src/catalog/join.ts', "import { x } from '../domain/index.js';"],
    ['src/sync/run.ts', "import { x } from '../catalog/index.js';"],
    ['src/domain/index.ts', "import { x } from './scopes.js';"],
  ])('%s may import: %s', async (path, line) => {
    expect(await problems(path, line)).not.toContain('no-restricted-imports');
  });
});
