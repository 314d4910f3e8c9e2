/** One row of GitLab's recursive repository tree listing. */
export interface TreeEntry {
  path: string;
  type: 'blob' | 'tree';
}

export interface ServiceFolder {
  /** '' for the repository root. */
  path: string;
  /** Full path of the values file. */
  valuesFile: string;
  /** Full path of a Chart.yaml in the same folder, when present. */
  chartFile?: string;
}

/** The only name Helm reads a chart's metadata from. */
const CHART_FILE = 'Chart.yaml';
/**
 * Helm vendors a chart's dependencies into its charts/ folder, and repositories keep third-party
 * charts in one: a values file anywhere under a folder of that name belongs to a chart, not a service.
 */
const VENDORED = 'charts';

const join = (folder: string, name: string): string => (folder === '' ? name : `${folder}/${name}`);

function splitPath(path: string): { folder: string; name: string } {
  const cut = path.lastIndexOf('/');
  return cut < 0 ? { folder: '', name: path } : { folder: path.slice(0, cut), name: path.slice(cut + 1) };
}

/**
 * The folders that are services: each holds a file named like one of `valuesFiles` (names, not paths;
 * the first name wins when a folder holds several). One at the root is a single-service project;
 * several are a monorepo. Sorted by path, by code unit, so the order depends on neither the listing
 * nor the locale.
 */
export function serviceFolders(entries: readonly TreeEntry[], valuesFiles: readonly string[]): ServiceFolder[] {
  const files = new Set(entries.filter((entry) => entry.type === 'blob').map((entry) => entry.path));
  const chosen = new Map<string, string>();
  for (const path of files) {
    const { folder, name } = splitPath(path);
    if (!valuesFiles.includes(name) || folder.split('/').includes(VENDORED)) continue;
    const known = chosen.get(folder);
    if (known === undefined || valuesFiles.indexOf(name) < valuesFiles.indexOf(known)) chosen.set(folder, name);
  }
  return [...chosen]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([folder, name]) => {
      const chartFile = join(folder, CHART_FILE);
      const service = { path: folder, valuesFile: join(folder, name) };
      return files.has(chartFile) ? { ...service, chartFile } : service;
    });
}
