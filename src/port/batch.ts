/** Port's documented bulk limits (PORT-API.md 2.4, 2.6, 1.3). */
export const BULK_UPSERT_MAX_ENTITIES = 20;
export const BULK_DELETE_MAX_IDENTIFIERS = 100;
export const MAX_BODY_BYTES = 1024 * 1024;

/** `{"entities":[` + `]}`: the envelope every bulk body adds around its items. */
const ENVELOPE_BYTES = Buffer.byteLength('{"entities":[]}');

/** What a writer needs of its items: an array, or a list that makes each item when it is read. */
export interface ItemList<T> {
  readonly length: number;
  at(index: number): T | undefined;
}

export interface Batch<T> {
  items: T[];
  /** Position of each item in the caller's list, so per-item results map back. */
  indexes: number[];
}

export interface OversizedItem<T> {
  item: T;
  index: number;
  bytes: number;
}

/**
 * Splits items into bulk bodies of at most `maxItems` items and `maxBytes` bytes, measured as the
 * exact UTF-8 JSON Port receives. An item too large to fit any body on its own is set aside.
 */
export function splitIntoBatches<T>(
  items: readonly T[],
  maxItems: number,
  maxBytes: number = MAX_BODY_BYTES,
): { batches: Batch<T>[]; oversized: OversizedItem<T>[] } {
  const batches: Batch<T>[] = [];
  const oversized: OversizedItem<T>[] = [];
  for (const part of batchesOf(items, maxItems, maxBytes)) {
    if ('batch' in part) batches.push(part.batch);
    else oversized.push(part.oversized);
  }
  return { batches, oversized };
}

/**
 * splitIntoBatches one body at a time, each measured only when it is formed: a writer that keeps a
 * few batches in flight never holds the JSON of a whole blueprint (100k entities are ~100 MB of it).
 * Oversized items come out where they are met.
 */
export function* batchesOf<T>(
  items: ItemList<T>,
  maxItems: number,
  maxBytes: number = MAX_BODY_BYTES,
): Generator<{ batch: Batch<T> } | { oversized: OversizedItem<T> }, void, void> {
  let current: Batch<T> = { items: [], indexes: [] };
  let currentBytes = ENVELOPE_BYTES;
  for (let index = 0; index < items.length; index += 1) {
    const item = items.at(index)!;
    const bytes = Buffer.byteLength(JSON.stringify(item));
    if (ENVELOPE_BYTES + bytes > maxBytes) {
      yield { oversized: { item, index, bytes } };
      continue;
    }
    const separator = current.items.length > 0 ? 1 : 0;
    if (current.items.length >= maxItems || currentBytes + separator + bytes > maxBytes) {
      yield { batch: current };
      current = { items: [], indexes: [] };
      currentBytes = ENVELOPE_BYTES;
    }
    currentBytes += (current.items.length > 0 ? 1 : 0) + bytes;
    current.items.push(item);
    current.indexes.push(index);
  }
  if (current.items.length > 0) yield { batch: current };
}

/**
 * Runs `run` over items drawn lazily from `items`, at most `inFlight` at once, and returns the
 * results in the items' order. Unlike mapping everything into promises first, the items not started
 * yet are not formed yet.
 */
export async function mapInFlight<T, R>(items: Iterable<T>, inFlight: number, run: (item: T) => Promise<R>): Promise<R[]> {
  const results: R[] = [];
  const iterator = items[Symbol.iterator]();
  let next = 0;
  let failed = false;
  const worker = async (): Promise<void> => {
    while (!failed) {
      const step = iterator.next();
      if (step.done) return;
      const index = next;
      next += 1;
      try {
        results[index] = await run(step.value);
      } catch (error) {
        failed = true;
        throw error;
      }
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, inFlight) }, worker));
  return results;
}

/** Halves a batch, to isolate the item that made Port reject the whole of it. */
export function halve<T>(batch: Batch<T>): [Batch<T>, Batch<T>] {
  const mid = Math.ceil(batch.items.length / 2);
  return [
    { items: batch.items.slice(0, mid), indexes: batch.indexes.slice(0, mid) },
    { items: batch.items.slice(mid), indexes: batch.indexes.slice(mid) },
  ];
}
