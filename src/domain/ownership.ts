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
}

/** blueprint -> what the source writes there. */
export type Ownership = Readonly<Record<string, BlueprintOwnership>>;
