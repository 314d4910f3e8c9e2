import type { z } from 'zod';

/**
 * One setting as users see it: an environment variable, its YAML key, its default, whether it is a
 * secret, and its zod schema. The README tables, secret scrubbing and the loader all read these rows.
 */
export interface SettingRow {
  env: string;
  /** Dotted path in the YAML file. */
  yamlKey: string;
  /** What applies when the setting is absent, as a user would write it ('' when nothing does). */
  default: string;
  /** The default as documented when it is not a literal value ("the SDK's region"). */
  defaultText?: string;
  secret: boolean;
  /** May also be read from a file named by `<env>_FILE` (a mounted Kubernetes Secret). */
  fromFile?: boolean;
  description: string;
  /** Parses the raw value (a string from the environment, or any YAML value). */
  schema: z.ZodType;
}

/** Every parsed setting by environment variable name, core and per-source alike. */
export type SettingValues = Readonly<Record<string, unknown>>;

/**
 * A group of settings with one owner (a source, the shared AWS access, the core): its rows and how
 * they read as the owner's typed settings.
 */
export interface SettingGroup<T> {
  readonly id: string;
  /** Heading of the group's table in README. */
  readonly title: string;
  readonly rows: readonly SettingRow[];
  /** Groups read as part of this one (the shared AWS access); their rows are listed once. */
  readonly uses?: readonly SettingGroup<unknown>[];
  /** The owner's settings from the parsed values (this group's and any other's). */
  read(values: SettingValues): T;
  /** Without SOURCES, the source runs when any of these is set. */
  readonly enabledBy?: readonly string[];
  /**
   * What the source cannot run without, as problems (`NAME: required because ...`); empty when it
   * can run. `explicit` holds the settings the user set.
   */
  requirements?(values: SettingValues, explicit: ReadonlySet<string>): string[];
}
