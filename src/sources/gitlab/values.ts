import type { ServiceFolder } from './tree.js';
import { isMapping, parseYaml } from './yaml.js';

/** Helm charts name their objects from these values, nameOverride taking precedence. */
const NAME_KEYS = ['nameOverride', 'fullnameOverride'] as const;

const lastSegment = (path: string): string | undefined =>
  path
    .split('/')
    .filter((segment) => segment !== '')
    .at(-1);

/**
 * The service's name: the chart's name override in its values when set, else the folder's name,
 * else (a service at the repository root) the project's. A values file that cannot be read as
 * values still leaves a service, named as if it had no override, with a finding saying why.
 */
export function serviceName(
  folder: ServiceFolder,
  valuesText: string | undefined,
  projectPath: string,
): { name: string; finding?: string } {
  const fallback = lastSegment(folder.path) ?? lastSegment(projectPath) ?? projectPath;
  if (valuesText === undefined) return { name: fallback };
  const parsed = parseYaml(valuesText, folder.valuesFile);
  if ('error' in parsed) return { name: fallback, finding: parsed.error };
  // An empty values file is valid: the chart's defaults apply.
  if (parsed.value === null) return { name: fallback };
  if (!isMapping(parsed.value)) {
    return { name: fallback, finding: `${folder.valuesFile}: the values are not a mapping, so no name override is read` };
  }
  for (const key of NAME_KEYS) {
    const value = parsed.value[key];
    if (typeof value === 'string' && value.trim() !== '') return { name: value.trim() };
  }
  return { name: fallback };
}
