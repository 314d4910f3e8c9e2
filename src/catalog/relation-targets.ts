/** A blueprint as the model files hold it: the body of POST /v1/blueprints. */
export interface BlueprintDefinition {
  identifier: string;
  body: Record<string, unknown>;
}

/** blueprint -> relation identifier -> target blueprint, from the model's blueprint files. */
export function relationTargetsOf(blueprints: readonly BlueprintDefinition[]): Record<string, Record<string, string>> {
  const targets: Record<string, Record<string, string>> = {};
  for (const { identifier, body } of blueprints) {
    const own: Record<string, string> = {};
    targets[identifier] = own;
    const relations = body.relations;
    if (relations === null || typeof relations !== 'object') continue;
    for (const [name, relation] of Object.entries(relations as Record<string, unknown>)) {
      const target = (relation as { target?: unknown } | null)?.target;
      if (typeof target === 'string') own[name] = target;
    }
  }
  return targets;
}
