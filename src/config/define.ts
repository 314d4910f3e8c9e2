import type { z } from 'zod';
import type { CoreSettings, Requirement, SettingGroup, SettingRow, SettingValues } from '../domain/index.js';

/** A row as its owner writes it: the key of the record is the environment variable. */
export type RowSpec = Omit<SettingRow, 'env' | 'default' | 'secret'> & {
  /** '' or left out: none (see SettingRow.default). */
  default?: string;
  secret?: boolean;
};

/** Each row's parsed value, typed by its schema. */
export type ValuesOf<R extends Record<string, RowSpec>> = { readonly [K in keyof R]: z.output<R[K]['schema']> };

export interface GroupSpec<R extends Record<string, RowSpec>, T> {
  id: string;
  title: string;
  rows: R;
  uses?: readonly SettingGroup<unknown>[];
  /** `own`: this group's values, typed; `all`: every value, for the groups it uses. */
  read(own: ValuesOf<R>, core: CoreSettings, all: SettingValues): T;
  enabledBy?: readonly string[];
  requires?: readonly Requirement[];
}

/**
 * A setting group from a record of rows keyed by variable name, so `read` sees each value with its
 * schema's type. The loader parses every row before any group reads, so each key is present.
 */
export function defineSettings<const R extends Record<string, RowSpec>, T>(spec: GroupSpec<R, T>): SettingGroup<T> {
  const rows: SettingRow[] = Object.entries(spec.rows).map(([env, row]) => ({
    ...row,
    env,
    default: row.default ?? '',
    secret: row.secret ?? false,
  }));
  return {
    id: spec.id,
    title: spec.title,
    rows,
    ...(spec.uses ? { uses: spec.uses } : {}),
    ...(spec.enabledBy ? { enabledBy: spec.enabledBy } : {}),
    ...(spec.requires ? { requires: spec.requires } : {}),
    // The loader guarantees a value for every row, so the record is this group's values.
    read: (values, core) => spec.read(values as ValuesOf<R>, core, values),
  };
}
