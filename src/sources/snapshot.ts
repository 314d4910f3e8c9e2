import { readFile, writeFile } from 'node:fs/promises';
import { z } from 'zod';
import { ConfigError } from '../errors.js';
import type { SourceRun } from '../domain/index.js';
import { BUILTIN_REGISTRY, type Registry } from './registry.js';

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
    absent: z.record(z.string(), z.unknown()).optional(),
  })
  .strict();
/** A run of a registered source: a snapshot naming a source this version does not have is refused. */
const sourceId = (registry: Registry) =>
  z.string().refine((id) => registry.get(id) !== undefined, {
    error: (issue) => `${JSON.stringify(issue.input)} is not a source of this version; use ${registry.ids.join(', ')}`,
  });

const runOf = (registry: Registry) =>
  z
    .object({
      id: sourceId(registry),
      owns: z.record(z.string(), Ownership),
      result: z
        .object({
          fragments: z.array(Fragment),
          scopes: z.array(z.object({ scope: z.string().min(1), complete: z.boolean(), error: z.string().optional() }).strict()),
          findings: z.array(
            z
              .object({
                source: z.string(),
                scope: z.string().optional(),
                subject: z.string().optional(),
                message: z.string(),
                kind: z.literal('integrity').optional(),
              })
              .strict(),
          ),
          stats: z.record(z.string(), z.number()).optional(),
        })
        .strict(),
    })
    .strict();
const snapshotOf = (registry: Registry) =>
  z.object({ version: z.literal(1), takenAt: z.string(), runs: z.array(runOf(registry)) }).strict();

/**
 * What the sources collected, saved so a run can be replayed without AWS, GitLab or Kubernetes
 * (`sync --save-snapshot F`, `sync --from-snapshot F`, `preview`, the demo). Holds no secret: sources
 * collect catalog data only.
 */
export async function saveSnapshot(path: string, runs: readonly SourceRun[], takenAt: Date): Promise<void> {
  await writeFile(path, `${JSON.stringify({ version: 1, takenAt: takenAt.toISOString(), runs }, null, 2)}\n`);
}

export async function loadSnapshot(path: string, registry: Registry = BUILTIN_REGISTRY): Promise<SourceRun[]> {
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
  const parsed = snapshotOf(registry).safeParse(json);
  if (!parsed.success) {
    throw new ConfigError(parsed.error.issues.map((i) => `${path}: ${i.path.map(String).join('.') || '(file)'}: ${i.message}`));
  }
  return parsed.data.runs as SourceRun[];
}
