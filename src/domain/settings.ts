import type { z } from 'zod';

/**
 * One setting as users see it: an environment variable, its YAML key, its default, whether it is a
 * secret, and its zod schema. The README tables, secret scrubbing, the `*_FILE` variants, the YAML
 * layout and the loader's problems are all generated from these rows.
 */
export interface SettingRow {
  env: string;
  /** Dotted path in the YAML file. */
  yamlKey: string;
  /**
   * The value that applies when the setting is absent, as a user would write it; the loader parses
   * it like user input. '' when none does: the schema then says what absent means (an optional
   * value, an empty list).
   */
  default: string;
  /** The default as README states it when it is a rule rather than a value ("the SDK's region"). */
  defaultText?: string;
  /**
   * Without a value, the first of these variables that is set supplies one (the SDK's AWS_REGION).
   * Such a value does not count as set by the user, so it never switches a source on.
   */
  defaultFrom?: readonly string[];
  secret: boolean;
  /** May also be read from the file named by `<env>_FILE` (YAML `<yamlKey>File`), e.g. a mounted Secret. */
  fromFile?: boolean;
  description: string;
  /** Parses the raw value: a string from the environment or a file, or any YAML value. */
  schema: z.ZodType;
}

/** Every parsed setting by environment variable name, core and per-source alike. */
export type SettingValues = Readonly<Record<string, unknown>>;

/** The core settings a source may read besides its own: whose entities these are, and the central tag keys. */
export interface CoreSettings {
  /** SYNC_INSTANCE as settled (the loopback default applied). */
  syncInstance: string;
  tags: { service: string; team: string; environment: string };
}

/** A setting a source cannot run without: it must have a value (a list: at least one item). */
export interface Requirement {
  env: string;
  /** Why the value may be missing although the user set nothing wrong, e.g. "no SDK region is set". */
  because?: string;
  /** Only required when this holds (a mode that needs it). */
  when?(values: SettingValues): boolean;
}

/**
 * A group of settings with one owner (a source, the shared AWS access, the core): its rows, and how
 * they read as the owner's typed settings.
 */
export interface SettingGroup<T> {
  readonly id: string;
  /** Heading of the group's table in README. */
  readonly title: string;
  readonly rows: readonly SettingRow[];
  /** Groups read as part of this one (the shared AWS access); their rows are listed once. */
  readonly uses?: readonly SettingGroup<unknown>[];
  /** The owner's settings from every parsed value (this group's and the groups it uses) and the core. */
  read(values: SettingValues, core: CoreSettings): T;
  /** Without SOURCES, the source runs when the user set any of these. */
  readonly enabledBy?: readonly string[];
  /** What the source cannot run without; the loader words the problems from the rows. */
  readonly requires?: readonly Requirement[];
}
