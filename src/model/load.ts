import { existsSync, readdirSync, readFileSync, statSync, type Dirent } from 'node:fs';
import { basename, join } from 'node:path';
import type { z } from 'zod';
import { BlueprintBody, PageBody, ScorecardBody } from './schemas.js';
import { parseJsonText } from './json-text.js';
import { problem, WHOLE_FILE, zodProblems } from './problems.js';
import type { BlueprintFile, Json, ModelProblem, PageFile, PortModel, ScorecardFile } from './types.js';

/** Where each kind of definition lives under the model directory (DESIGN.md section 1). */
export const MODEL_DIRS = { blueprints: 'blueprints', scorecards: 'scorecards', dashboards: 'dashboards' } as const;

/**
 * Reads blueprints/*.json, scorecards/<blueprint>/*.json and dashboards/*.json under `rootDir`.
 * A missing folder is an empty one. A bad file is reported and left out, and the rest still
 * loads, so one run lists every problem. Bodies are kept exactly as written: they are what gets
 * sent to Port.
 */
export function loadModel(rootDir: string): { model: PortModel; problems: ModelProblem[] } {
  const problems: ModelProblem[] = [];
  const unloaded: string[] = [];
  const blueprints: BlueprintFile[] = [];
  for (const file of jsonFiles(rootDir, MODEL_DIRS.blueprints, problems)) {
    const body = readDefinition(rootDir, file, BlueprintBody, problems);
    if (body) blueprints.push({ file, identifier: String(body.identifier), body });
    else unloaded.push(file);
  }

  const known = new Set(blueprints.map((b) => b.identifier));
  const scorecards: ScorecardFile[] = [];
  for (const entry of entries(rootDir, MODEL_DIRS.scorecards, problems)) {
    const isDirectory =
      entry.isDirectory() || (entry.isSymbolicLink() && isLinkedDirectory(join(rootDir, MODEL_DIRS.scorecards, entry.name)));
    if (!isDirectory && entry.name.endsWith('.json')) {
      const file = `${MODEL_DIRS.scorecards}/${entry.name}`;
      problems.push(problem(file, [], `a scorecard belongs in ${MODEL_DIRS.scorecards}/<blueprint>/; this file is not loaded`));
      continue;
    }
    if (!isDirectory) continue;
    for (const file of jsonFiles(rootDir, `${MODEL_DIRS.scorecards}/${entry.name}`, problems)) {
      const body = readDefinition(rootDir, file, ScorecardBody, problems);
      if (body && !known.has(entry.name)) problems.push(problem(file, [], missingBlueprint(rootDir, entry.name)));
      if (body && known.has(entry.name)) scorecards.push({ file, blueprint: entry.name, identifier: String(body.identifier), body });
      else unloaded.push(file);
    }
  }

  const pages: PageFile[] = [];
  for (const file of jsonFiles(rootDir, MODEL_DIRS.dashboards, problems)) {
    const body = readDefinition(rootDir, file, PageBody, problems);
    if (body) pages.push({ file, identifier: String(body.identifier), body });
    else unloaded.push(file);
  }
  const model: PortModel = { blueprints, scorecards, pages };
  if (unloaded.length > 0) model.unloaded = unloaded;
  return { model, problems };
}

/**
 * One definition file: readable, valid JSON, valid against its schema and named after its
 * identifier. Returns the body as written, or undefined after reporting why not.
 */
function readDefinition(rootDir: string, file: string, schema: z.ZodType, problems: ModelProblem[]): Json | undefined {
  let text: string;
  try {
    text = readFileSync(join(rootDir, file), 'utf8');
  } catch (error) {
    problems.push(problem(file, [], `cannot be read: ${(error as NodeJS.ErrnoException).code ?? String(error)}`));
    return undefined;
  }
  const parsed = parseJsonText(text);
  if (!parsed.ok) {
    problems.push({ file, path: WHOLE_FILE, message: `invalid JSON at ${parsed.line}:${parsed.column} (line:column): ${parsed.message}` });
    return undefined;
  }
  const checked = schema.safeParse(parsed.value);
  if (!checked.success) {
    problems.push(...zodProblems(file, checked.error));
    return undefined;
  }
  const body = parsed.value as Json;
  const expected = basename(file, '.json');
  if (body.identifier !== expected) {
    // The file name is how plan, apply and reviewers find a definition; one name, one identifier.
    problems.push(
      problem(
        file,
        ['identifier'],
        `"${String(body.identifier)}" differs from the file name: the file must be named ${String(body.identifier)}.json`,
      ),
    );
    return undefined;
  }
  return body;
}

function missingBlueprint(rootDir: string, folder: string): string {
  const blueprintFile = `${MODEL_DIRS.blueprints}/${folder}.json`;
  return existsSync(join(rootDir, blueprintFile))
    ? `the blueprint of folder "${folder}" did not load (see ${blueprintFile}), so this scorecard is left out`
    : `folder "${folder}" names no blueprint of the model (there is no ${blueprintFile})`;
}

/**
 * `*.json` files of a folder (symbolic links included: a link that leads nowhere is reported when
 * read), relative to the root, sorted so every run reads them in one order.
 */
function jsonFiles(rootDir: string, dir: string, problems: ModelProblem[]): string[] {
  return entries(rootDir, dir, problems)
    .filter((e) => (e.isFile() || e.isSymbolicLink()) && e.name.endsWith('.json'))
    .map((e) => `${dir}/${e.name}`);
}

function isLinkedDirectory(path: string): boolean {
  return statSync(path, { throwIfNoEntry: false })?.isDirectory() === true;
}

/** A folder's entries; a missing folder has none, an unreadable one is reported. */
function entries(rootDir: string, dir: string, problems: ModelProblem[]): Dirent[] {
  try {
    return readdirSync(join(rootDir, dir), { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code !== 'ENOENT') problems.push(problem(dir, [], `cannot be listed: ${code ?? String(error)}`));
    return [];
  }
}
