import type { Finding } from '../domain/index.js';

/** Findings in the order they arise; a source bug repeated on every fragment is reported once. */
export class FindingLog {
  readonly list: Finding[] = [];
  private readonly seen = new Set<string>();

  add(finding: Finding): void {
    this.list.push(finding);
  }

  /** Adds the finding unless one with the same key was already added. */
  once(key: string, finding: Finding): void {
    if (this.seen.has(key)) return;
    this.seen.add(key);
    this.list.push(finding);
  }
}

/** `service "checkout"`: how findings name an entity. */
export function describeEntity(blueprint: string, identifier: string): string {
  return `${blueprint} ${JSON.stringify(identifier)}`;
}

/** `awsResource arn:...`: a finding's subject. */
export function subjectOf(blueprint: string, identifier: string): string {
  return `${blueprint} ${identifier}`;
}
