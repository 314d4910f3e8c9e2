import { preview } from '../model/diff.js';
import type { SyncReport } from './report.js';
import type { BlueprintSyncPlan } from './types.js';

/** The dry run's plan, per blueprint; `verbose` adds each entity and field that would change. */
export function renderSyncPlan(plans: readonly BlueprintSyncPlan[], verbose: boolean): string {
  const lines = ['Entities'];
  for (const plan of plans) {
    const counts = [
      `${plan.creates.length} to create`,
      `${plan.updates.length} to update`,
      `${plan.unchanged} unchanged`,
      `${plan.deletes.length} to delete`,
      ...(plan.kept.length ? [`${plan.kept.length} kept`] : []),
    ];
    lines.push(`  ${plan.blueprint.padEnd(14)} ${counts.join(', ')}`);
    if (!verbose) continue;
    for (const w of plan.creates) lines.push(`      + ${w.entity.identifier}`);
    for (const w of plan.updates) {
      lines.push(`      ~ ${w.entity.identifier}`);
      for (const c of w.changes) lines.push(`          ${c.field}: ${preview(c.before, 60)} -> ${preview(c.after, 60)}`);
    }
    for (const id of plan.deletes) lines.push(`      - ${id}`);
    for (const k of plan.kept) lines.push(`      = ${k.identifier} kept: ${k.reason}`);
  }
  return lines.join('\n');
}

/** What a person reads after a run: outcome per blueprint, then everything that was skipped and why. */
export function renderReport(report: SyncReport): string {
  const lines: string[] = [];
  const verb = report.dryRun ? 'Dry run' : 'Sync';
  const writes = report.dryRun ? 'none written' : `${report.portCalls.writes} writes, then this report`;
  lines.push(`${verb} ${report.runId}: ${report.status} in ${report.durationSeconds} s, ${report.portCalls.total} Port calls (${writes})`);
  for (const [id, s] of Object.entries(report.sources)) {
    lines.push(
      `  source ${id}: ${s.completedScopes}/${s.scopes} scopes complete, ${s.fragments} entities found${s.findings ? `, ${s.findings} findings` : ''}`,
    );
    for (const f of s.failedScopes)
      lines.push(`    scope ${f.scope} failed: ${f.error ?? 'incomplete'} (its entities were neither updated nor deleted)`);
    // What the run cost the source's API and what it could skip (paid requests, projects re-read).
    if (s.stats && Object.keys(s.stats).length > 0) {
      lines.push(
        `    ${Object.entries(s.stats)
          .map(([key, n]) => `${key} ${n}`)
          .join(', ')}`,
      );
    }
  }
  if (!report.dryRun) {
    const quiet: string[] = [];
    for (const b of Object.values(report.blueprints)) {
      if (b.created + b.updated + b.deleted + b.failed + b.ownedByOthers + b.notSent === 0) {
        quiet.push(`${b.blueprint} ${b.unchanged}`);
        continue;
      }
      const extra = [
        b.failed ? `${b.failed} failed` : '',
        b.ownedByOthers ? `${b.ownedByOthers} owned by another writer` : '',
        b.notSent ? `${b.notSent} not sent (aborted)` : '',
      ].filter(Boolean);
      lines.push(
        `  ${b.blueprint.padEnd(14)} ${b.created} created, ${b.updated} updated, ${b.unchanged} unchanged, ${b.deleted} deleted${extra.length ? `, ${extra.join(', ')}` : ''}`,
      );
    }
    // Blueprints where nothing happened take one line between them, not one each.
    if (quiet.length > 0) lines.push(`  unchanged: ${quiet.join(', ')}`);
  }
  if (report.status === 'aborted')
    lines.push('  aborted: the batch in flight finished, nothing more was written or deleted; the next run converges');
  if (report.servicesWithoutRepository > 0) {
    const n = report.servicesWithoutRepository;
    lines.push(
      `  ${n} service${n === 1 ? '' : 's'} without a repository (named by tags, labels or cost; no repository source defines ${n === 1 ? 'it' : 'them'})`,
    );
  }
  for (const r of report.deletionsRefused) lines.push(`  deletions refused for ${r.blueprint}: ${r.reason}`);
  for (const o of report.ownedByOthers.slice(0, 20)) lines.push(`  owned by another writer, left alone: ${o.blueprint} ${o.identifier}`);
  for (const f of report.failures.slice(0, 20)) lines.push(`  failed to ${f.operation} ${f.blueprint} ${f.identifier}: ${f.message}`);
  for (const f of report.findings.slice(0, 20)) {
    const label = f.kind === 'integrity' ? 'integrity' : 'finding';
    const subject = f.subject && !f.message.includes(f.subject) ? `${f.subject}: ` : '';
    lines.push(`  ${label} (${f.source}${f.scope ? ` ${f.scope}` : ''}): ${subject}${f.message}`);
  }
  const more =
    Math.max(0, report.failures.length - 20) + Math.max(0, report.findings.length - 20) + Math.max(0, report.ownedByOthers.length - 20);
  if (more > 0) lines.push(`  ... and ${more} more (see --json)`);
  return lines.join('\n');
}
