import { formatScope, type Finding } from '../../domain/index.js';
import { chartName as chartNameIn } from './chart.js';
import type { GitlabClient } from './client.js';
import type { Releases } from './map.js';
import type { GitlabSettings } from './settings.js';

/** The latest releases and the central chart's name, read once per run. */
export interface CentralReleases extends Releases {
  /** The name services depend on the central chart by; undefined: chart versions are unknown. */
  chartName?: string;
}

/**
 * The tags of the central chart and pipeline projects, and the chart's name (GITLAB_CHART_NAME, or
 * the `name` in the chart project's own Chart.yaml). A failure to read them throws: lags computed
 * without them would be wrong for every service.
 */
export async function readReleases(client: GitlabClient, settings: GitlabSettings, findings: Finding[]): Promise<CentralReleases> {
  const [chartTags, pipelineTags, chartName] = await Promise.all([
    settings.chartProject ? client.tags(settings.chartProject) : Promise.resolve([]),
    settings.pipelineProject ? client.tags(settings.pipelineProject) : Promise.resolve([]),
    settings.chartName ? Promise.resolve(settings.chartName) : centralChartName(client, settings, findings),
  ]);
  return { chartTags, pipelineTags, chartName };
}

async function centralChartName(client: GitlabClient, settings: GitlabSettings, findings: Finding[]): Promise<string | undefined> {
  if (!settings.chartProject) return undefined;
  const subject = `${settings.chartProject}/Chart.yaml`;
  const text = await client.rawFile(settings.chartProject, 'Chart.yaml', 'HEAD');
  const scope = formatScope({ kind: 'gitlab', path: settings.chartProject });
  const report = (message: string) => findings.push({ source: 'gitlab', scope, subject, message });
  if (text === undefined) {
    report('the central chart project has no Chart.yaml at its root; set GITLAB_CHART_NAME, or every chart version is unknown');
    return undefined;
  }
  const { name, finding } = chartNameIn(text);
  if (finding) report(finding);
  else if (!name)
    report('the Chart.yaml of the central chart project has no name; set GITLAB_CHART_NAME, or every chart version is unknown');
  return name;
}
