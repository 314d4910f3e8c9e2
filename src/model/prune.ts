/** A remote object the user named for deletion with `--prune`. */
export type PruneRef =
  | { kind: 'blueprint'; identifier: string }
  | { kind: 'scorecard'; blueprint: string; identifier: string }
  | { kind: 'page'; identifier: string };

/** `blueprint:ID`, `scorecard:BLUEPRINT/ID` or `page:ID`; a string is the problem. */
export function parsePruneRef(text: string): PruneRef | string {
  const m = /^(blueprint|scorecard|page):(.+)$/.exec(text.trim());
  if (!m) return `--prune ${text}: expected blueprint:ID, scorecard:BLUEPRINT/ID or page:ID`;
  const [, kind, rest = ''] = m;
  if (kind === 'scorecard') {
    const slash = rest.indexOf('/');
    if (slash <= 0 || slash === rest.length - 1) return `--prune ${text}: a scorecard is named as scorecard:BLUEPRINT/ID`;
    return { kind: 'scorecard', blueprint: rest.slice(0, slash), identifier: rest.slice(slash + 1) };
  }
  return { kind: kind as 'blueprint' | 'page', identifier: rest };
}

export function pruneLabel(ref: PruneRef): string {
  return ref.kind === 'scorecard' ? `scorecard:${ref.blueprint}/${ref.identifier}` : `${ref.kind}:${ref.identifier}`;
}
