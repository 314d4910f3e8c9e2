import { isAlias, LineCounter, parseAllDocuments, visit, type CollectionTag, type Document, type Node, type YAMLError } from 'yaml';

/**
 * A generated CI file can reuse one anchor in hundreds of jobs, while an alias bomb passes 10,000
 * expansions within four levels of nesting, long before it could exhaust memory.
 */
const MAX_ALIAS_COUNT = 10_000;

/** GitLab CI's `!reference [job, key]`, kept as a marker: GitLab resolves it, the files we read only carry it. */
const reference: CollectionTag = {
  tag: '!reference',
  collection: 'seq',
  resolve: (seq) => ({ $reference: seq.toJSON() }),
};

/**
 * Every document of a YAML stream as plain values. Merge keys resolve (GitLab and Helm read YAML 1.1,
 * which has them); an unknown tag is only a warning, so its value is read as if untagged; a repeated
 * key keeps its last value, as Ruby's and Go's YAML readers do. The error names the file and the
 * line:column of the first problem.
 */
export function parseYamlDocuments(text: string, file: string): { values: unknown[] } | { error: string } {
  const lineCounter = new LineCounter();
  const documents = parseAllDocuments(text, {
    customTags: [reference],
    merge: true,
    uniqueKeys: false,
    prettyErrors: false,
    lineCounter,
    // Warnings (an unknown tag, a collection as a key) do not stop a read; the library would print them to stderr.
    logLevel: 'error',
  });
  const at = (offset: number): string => {
    const { line, col } = lineCounter.linePos(offset);
    return `${line}:${col}`;
  };
  const values: unknown[] = [];
  for (const document of documents) {
    const [error] = document.errors;
    if (error) return { error: `${file}: invalid YAML at ${at(error.pos[0])}: ${firstLine(error)}` };
    const alias = badAlias(document);
    if (alias) return { error: `${file}: invalid YAML at ${at(alias.offset)}: ${alias.message}` };
    try {
      values.push(document.toJS({ maxAliasCount: MAX_ALIAS_COUNT }));
    } catch (error) {
      // With every alias resolvable, a ReferenceError is the alias count: a document built to explode.
      if (error instanceof ReferenceError) return { error: `${file}: more than ${MAX_ALIAS_COUNT} alias expansions; the file is not read` };
      // Left: a merge key of something other than a mapping, which the yaml library reports without a position.
      return { error: `${file}: invalid YAML: ${error instanceof Error ? error.message : String(error)}` };
    }
  }
  return { values };
}

/**
 * The first document's value (null for an empty file): Helm and GitLab read only the first
 * document of a file (GitLab's `spec:` header aside, which the pipeline reader handles).
 */
export function parseYaml(text: string, file: string): { value: unknown } | { error: string } {
  const parsed = parseYamlDocuments(text, file);
  return 'error' in parsed ? parsed : { value: parsed.values[0] ?? null };
}

/** A YAML mapping read as a plain object. */
export const isMapping = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * A scalar where a string is expected, trimmed. `version: 4.2` is a number to YAML, yet Helm reads
 * the string "4.2"; a number in a ref or a name can only mean its text too.
 */
export const scalarText = (value: unknown): string | undefined =>
  typeof value === 'string' ? value.trim() : typeof value === 'number' ? String(value) : undefined;

const firstLine = (error: YAMLError): string => error.message.split('\n')[0] ?? error.code;

/**
 * An alias without an anchor before it, or inside the node it names (a cycle no reader of the values
 * could walk). The yaml library finds the first only while building values, without a position.
 */
function badAlias(document: Document): { offset: number; message: string } | undefined {
  const anchors = new Map<string, Node>();
  let bad: { offset: number; message: string } | undefined;
  visit(document, {
    Node(_key, node, path) {
      if (isAlias(node)) {
        const target = anchors.get(node.source);
        const problem = target === undefined ? 'has no anchor before it' : path.includes(target) ? 'is inside its own anchor' : '';
        if (problem) bad = { offset: node.range?.[0] ?? 0, message: `alias *${node.source} ${problem}` };
        return bad ? visit.BREAK : undefined;
      }
      if (node.anchor !== undefined) anchors.set(node.anchor, node);
      return undefined;
    },
  });
  return bad;
}
