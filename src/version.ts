import { readFileSync } from 'node:fs';

/**
 * The package version, read once from package.json. The file sits one level above both src/ and
 * dist/, so the same relative URL works from source and from the build.
 */
export const VERSION: string = (() => {
  try {
    const raw = readFileSync(new URL('../package.json', import.meta.url), 'utf8');
    const parsed = JSON.parse(raw) as { version?: unknown };
    return typeof parsed.version === 'string' ? parsed.version : '0.0.0';
  } catch {
    return '0.0.0';
  }
})();
