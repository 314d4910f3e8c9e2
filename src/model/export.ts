import { mkdir, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import type { PortClient } from '../port/index.js';
import { normaliseBlueprint, normalisePage, normaliseScorecard } from './normalise.js';
import type { Json } from './types.js';

export interface ExportResult {
  /** Files written, relative to the export directory. */
  written: string[];
  skipped: { what: string; reason: string }[];
}

/** Identifiers that can be a file name as they are (Port allows `/` and `\` too). */
const SAFE_FILE_NAME = /^(?!\.{1,2}$)[\p{L}0-9@_.+:='-]+$/u;

/**
 * Writes the org's blueprints, scorecards and dashboard pages as model files in the repository's
 * layout, normalised exactly as plan reads them, so that export then plan shows no changes.
 * Port's own system blueprints (`_user`, `_team`, ...) and non-dashboard pages are left out.
 */
export async function exportModel(port: PortClient, dir: string): Promise<ExportResult> {
  const result: ExportResult = { written: [], skipped: [] };
  const write = async (relative: string, body: Json) => {
    await mkdir(dirname(join(dir, relative)), { recursive: true });
    await writeFile(join(dir, relative), `${JSON.stringify(body, null, 2)}\n`);
    result.written.push(relative);
  };
  const usable = (what: string, ...ids: string[]) => {
    const bad = ids.find((id) => !SAFE_FILE_NAME.test(id));
    if (bad !== undefined) result.skipped.push({ what, reason: `"${bad}" cannot be a file name` });
    return bad === undefined;
  };

  for (const blueprint of await port.model.listBlueprints()) {
    const id = String(blueprint.identifier);
    if (id.startsWith('_')) continue;
    if (usable(`blueprint ${id}`, id)) await write(`blueprints/${id}.json`, normaliseBlueprint(blueprint));
  }
  for (const scorecard of await port.model.listAllScorecards()) {
    const bp = String(scorecard.blueprint);
    const id = String(scorecard.identifier);
    if (bp.startsWith('_')) continue;
    if (usable(`scorecard ${bp}/${id}`, bp, id)) await write(`scorecards/${bp}/${id}.json`, normaliseScorecard(scorecard));
  }
  for (const listed of await port.model.listPages()) {
    if (listed.type !== 'dashboard') continue;
    const id = String(listed.identifier);
    const page = 'widgets' in listed ? listed : await port.model.getPage(id);
    if (page && usable(`page ${id}`, id)) await write(`dashboards/${id}.json`, normalisePage(page));
  }
  return result;
}
