/** Port's documented bulk limits (PORT-API.md 2.4, 2.6, 1.3). */
export const BULK_UPSERT_MAX_ENTITIES = 20;
export const BULK_DELETE_MAX_IDENTIFIERS = 100;
export const MAX_BODY_BYTES = 1024 * 1024;

/** `{"entities":[` + `]}`: the envelope every bulk body adds around its items. */
const ENVELOPE_BYTES = Buffer.byteLength('{"entities":[]}');

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
  let current: Batch<T> = { items: [], indexes: [] };
  let currentBytes = ENVELOPE_BYTES;

  items.forEach((item, index) => {
    const bytes = Buffer.byteLength(JSON.stringify(item));
    if (ENVELOPE_BYTES + bytes > maxBytes) {
      oversized.push({ item, index, bytes });
      return;
    }
    const separator = current.items.length > 0 ? 1 : 0;
    if (current.items.length >= maxItems || currentBytes + separator + bytes > maxBytes) {
      batches.push(current);
      current = { items: [], indexes: [] };
      currentBytes = ENVELOPE_BYTES;
    }
    currentBytes += (current.items.length > 0 ? 1 : 0) + bytes;
    current.items.push(item);
    current.indexes.push(index);
  });
  if (current.items.length > 0) batches.push(current);
  return { batches, oversized };
}

/** Halves a batch, to isolate the item that made Port reject the whole of it. */
export function halve<T>(batch: Batch<T>): [Batch<T>, Batch<T>] {
  const mid = Math.ceil(batch.items.length / 2);
  return [
    { items: batch.items.slice(0, mid), indexes: batch.indexes.slice(0, mid) },
    { items: batch.items.slice(mid), indexes: batch.indexes.slice(mid) },
  ];
}
