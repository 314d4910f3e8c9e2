import { readFileSync } from 'node:fs';
import { parseDocument } from 'yaml';
import type { SettingsTable } from './table.js';

export interface FileValue {
  value: unknown;
  /** Dotted YAML key, e.g. `aws.regions`. */
  key: string;
}

export interface ConfigFile {
  path: string;
  /** Variable name -> its value in the file. */
  values: Map<string, FileValue>;
  problems: string[];
  /** False when the file could not be read or parsed: its settings are unknown, not absent. */
  loaded: boolean;
}

/** The YAML layout, derived from the settings table so every documented key is accepted. */
type Layout = Map<string, Layout | string>;

const layouts = new WeakMap<SettingsTable, Layout>();

function layoutOf(table: SettingsTable): Layout {
  let layout = layouts.get(table);
  if (!layout) {
    layout = buildLayout(table);
    layouts.set(table, layout);
  }
  return layout;
}

function buildLayout(table: SettingsTable): Layout {
  const root: Layout = new Map();
  for (const setting of table.documented) {
    if (setting.yamlKey === '') continue;
    const parts = setting.yamlKey.split('.');
    let node = root;
    for (const part of parts.slice(0, -1)) {
      const child = node.get(part);
      const next: Layout = child instanceof Map ? child : new Map();
      node.set(part, next);
      node = next;
    }
    node.set(parts[parts.length - 1] ?? '', setting.env);
  }
  return root;
}

export function errorCode(error: unknown): string {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  return typeof code === 'string' ? code : 'unreadable';
}

export function readConfigFile(path: string, table: SettingsTable): ConfigFile {
  const file: ConfigFile = { path, values: new Map(), problems: [], loaded: false };
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    file.problems.push(`PORT_SYNC_CONFIG (environment): cannot read ${path} (${errorCode(error)})`);
    return file;
  }
  const document = parseYaml(text, file);
  if (file.loaded) collect(document, layoutOf(table), '', file);
  return file;
}

/**
 * Every scalar is read as a string (the failsafe schema) plus YAML's null, so `~` and an empty
 * value mean "not set". Problems quote no source text: the file may hold a secret.
 */
function parseYaml(text: string, file: ConfigFile): unknown {
  const document = parseDocument(text, { schema: 'failsafe', customTags: ['null'] });
  for (const error of document.errors) {
    const at = error.linePos?.[0];
    const message = (error.message.split('\n')[0] ?? '').replace(/ at line \d+, column \d+:?$/, '');
    const where = at ? `line ${at.line}, column ${at.col}` : 'syntax';
    file.problems.push(`${file.path}: ${where}: ${message}`);
  }
  if (document.errors.length > 0) return undefined;
  try {
    const value: unknown = document.toJS();
    file.loaded = true;
    return value;
  } catch (error) {
    // An unresolved alias is only found while building values; its message names the anchor.
    file.problems.push(`${file.path}: ${error instanceof Error ? error.message : 'cannot read'}`);
    return undefined;
  }
}

const isMapping = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** Walks the document along the layout; unknown keys are problems, leaves are collected. */
function collect(value: unknown, layout: Layout, prefix: string, file: ConfigFile): void {
  if (value === null || value === undefined) return;
  const known = [...layout.keys()].join(', ');
  if (!isMapping(value)) {
    file.problems.push(`${file.path}: ${prefix || '(top level)'}: expected a mapping with keys ${known}`);
    return;
  }
  for (const [key, child] of Object.entries(value)) {
    const path = prefix ? `${prefix}.${key}` : key;
    const node = layout.get(key);
    if (node === undefined) {
      file.problems.push(`${file.path}: ${path}: unknown key (expected one of ${known})`);
    } else if (node instanceof Map) {
      collect(child, node, path, file);
    } else if (child !== null && child !== '') {
      file.values.set(node, { value: child, key: path });
    }
  }
}
