/** What a source writes on one blueprint. */
export interface BlueprintOwnership {
  /**
   * `define`: the source's fragments make entities exist. `enrich`: they only add the source's
   * fields to entities some defining source (or the join) makes exist.
   */
  mode: 'define' | 'enrich';
  properties: readonly string[];
  relations: readonly string[];
  /** The source sets the title (defining sources usually do). */
  title?: boolean;
  /** The source sets Port's `team` meta-field. */
  team?: boolean;
  /**
   * The value an owned property takes on an entity of this blueprint the source said nothing about,
   * in a run where every scope of the source completed (so its silence is knowledge: no workload
   * names the service, so it is not running), instead of being cleared.
   */
  absent?: Readonly<Record<string, unknown>>;
}

/** blueprint -> what the source writes there. */
export type Ownership = Readonly<Record<string, BlueprintOwnership>>;
