import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseAllDocuments, parse } from 'yaml';

export const KUSTOMIZE_ROOT = fileURLToPath(new URL('../../deploy/kubernetes/', import.meta.url));

export type Manifest = {
  apiVersion: string;
  kind: string;
  metadata: { name: string; namespace?: string; annotations?: Record<string, string>; labels?: Record<string, string> };
} & Record<string, unknown>;

const KUBECTL = spawnSync('kubectl', ['version', '--client'], { stdio: 'ignore' }).status === 0;

/** How the variants were rendered: by `kubectl kustomize`, or by reading the files (no kubectl). */
export const RENDERER = KUBECTL ? 'kubectl kustomize' : 'files';

/** The manifests `kubectl apply -k deploy/kubernetes/<variant>` would apply. */
export function render(variant: string): Manifest[] {
  const dir = join(KUSTOMIZE_ROOT, variant);
  if (KUBECTL) {
    const out = spawnSync('kubectl', ['kustomize', dir], { encoding: 'utf8' });
    if (out.status !== 0) throw new Error(`kubectl kustomize ${variant} failed:\n${out.stderr}`);
    return parseAllDocuments(out.stdout).map((doc) => doc.toJS() as Manifest);
  }
  return readKustomization(dir);
}

/** The same variant read from the files alone, the fallback without kubectl. */
export function renderFromFiles(variant: string): Manifest[] {
  return readKustomization(join(KUSTOMIZE_ROOT, variant));
}

interface Kustomization {
  namespace?: string;
  resources?: string[];
  configMapGenerator?: { name: string; literals?: string[] }[];
}

/** Without kubectl: resources, namespace and literal ConfigMaps, enough to check the contract. */
function readKustomization(dir: string): Manifest[] {
  const k = parse(readFileSync(join(dir, 'kustomization.yaml'), 'utf8')) as Kustomization;
  const manifests: Manifest[] = [];
  for (const resource of k.resources ?? []) {
    const path = join(dir, resource);
    if (resource.endsWith('.yaml')) manifests.push(...parseAllDocuments(readFileSync(path, 'utf8')).map((d) => d.toJS() as Manifest));
    else manifests.push(...readKustomization(path));
  }
  for (const generator of k.configMapGenerator ?? []) {
    const data = Object.fromEntries(
      (generator.literals ?? []).map((literal) => [literal.slice(0, literal.indexOf('=')), literal.slice(literal.indexOf('=') + 1)]),
    );
    manifests.push({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: generator.name }, data });
  }
  const clusterScoped = new Set(['Namespace', 'ClusterRole', 'ClusterRoleBinding']);
  if (k.namespace) for (const m of manifests) if (!clusterScoped.has(m.kind)) m.metadata.namespace = k.namespace;
  return manifests;
}

export function readDeployFile(path: string): string {
  return readFileSync(join(dirname(KUSTOMIZE_ROOT.replace(/\/$/, '')), path), 'utf8');
}
