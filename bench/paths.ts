import { existsSync } from 'node:fs';
import { dirname, extname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const HERE = fileURLToPath(import.meta.url);

/**
 * The repository: the benchmark runs compiled from .bench-build/bench/ (`npm run bench`) or as
 * TypeScript from bench/, so the root is found, not assumed: the first folder up with the model's
 * blueprints/ and a package.json.
 */
export const REPO_ROOT = ((): string => {
  for (let dir = dirname(HERE); ; dir = dirname(dir)) {
    if (existsSync(join(dir, 'package.json')) && existsSync(join(dir, 'blueprints'))) return dir;
    if (dirname(dir) === dir) throw new Error(`no repository (package.json and blueprints/) above ${HERE}`);
  }
})();

/** A module of the benchmark next to this one, as the benchmark itself runs (compiled .js or .ts). */
export function benchModule(name: string): { path: string; execArgv: string[] } {
  const extension = extname(HERE);
  return { path: join(dirname(HERE), `${name}${extension}`), execArgv: extension === '.ts' ? ['--import', 'tsx'] : [] };
}
