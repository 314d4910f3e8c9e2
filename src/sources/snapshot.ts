import { readFile, writeFile } from 'node:fs/promises';
import { z } from 'zod';
import { SOURCE_IDS } from '../config.js';
import { ConfigError } from '../errors.js';
import type { SourceRun } from '../domain/index.js';

const Relation = z.union([z.string(), z.array(z.string()), z.null()]);
const Fragment = z
  .object({
    blueprint: z.string().min(1),
    identifier: z.string(),
    title: z.string().optional(),
    team: z.array(z.string()).optional(),
    scope: z.string().min(1),
    properties: z.record(z.string(), z.unknown()).optional(),
    relations: z.record(z.string(), Relation).optional(),
  })
  .strict();
const Ownership = z
  .object({
    mode: z.enum(['define', 'enrich']),
    properties: z.array(z.string()),
    relations: z.array(z.string()),
    title: z.boolean().optional(),
    team: z.boolean().optional(),
  })
  .strict();
const Run = z
  .object({
    id: z.enum(SOURCE_IDS as unknown as [string, ...string[]]),
    owns: z.record(z.string(), Ownership),
    result: z
      .object({
        fragments: z.array(Fragment),
        scopes: z.array(z.object({ scope: z.string().min(1), complete: z.boolean(), error: z.string().optional() }).strict()),
        findings: z.array(
          z.object({ source: z.string(), scope: z.string().optional(), subject: z.string().optional(), message: z.string(), kind: z.literal('integrity').optional() }).strict(),
        ),
        stats: z.record(z.string(), z.number()).optional(),
      })
      .strict(),
  })
  .strict();
const Snapshot = z.object({ version: z.literal(1), takenAt: z.string(), runs: z.array(Run) }).strict();

/**
 * What the sources collected, saved so a run can be replayed without AWS, GitLab or Kubernetes
 * (`sync --save-snapshot F`, `sync --from-snapshot F`, `preview`, the demo). Holds no secret: sources
 * collect catalog data only.
 */
export async function saveSnapshot(path: string, runs: readonly SourceRun[], takenAt: Date): Promise<void> {
  await writeFile(path, `${JSON.stringify({ version: 1, takenAt: takenAt.toISOString(), runs }, null, 2)}\n`);
}

export async function loadSnapshot(path: string): Promise<SourceRun[]> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    throw new ConfigError([`${path}: cannot read the snapshot (${(error as NodeJS.ErrnoException).code ?? 'error'})`]);
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new ConfigError([`${path}: (file): invalid JSON: ${(error as Error).message}`]);
  }
  const parsed = Snapshot.safeParse(json);
  if (!parsed.success) {
    throw new ConfigError(parsed.error.issues.map((i) => `${path}: ${i.path.map(String).join('.') || '(file)'}: ${i.message}`));
  }
  return parsed.data.runs as SourceRun[];
}
