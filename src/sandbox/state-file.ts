import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { mkdir, rename, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import type { Logger } from '../logger.js';

/** Coalesces the writes of a burst of requests (a bulk sync) into one file write. */
const DEBOUNCE_MS = 50;

/**
 * The sandbox's state on disk, so a restarted sandbox keeps its catalog. Writes go to a temp file
 * renamed over the target: a crash mid-write leaves the old state, never half a file.
 */
export class StateFile {
  private timer: NodeJS.Timeout | undefined;
  private dirty = false;
  private inFlight: Promise<void> | undefined;

  constructor(
    readonly path: string,
    private readonly snapshot: () => unknown,
    private readonly logger: Logger,
  ) {}

  /** The saved state, or undefined when there is no file yet. A corrupt file throws: better than overwriting it. */
  read(): unknown {
    if (!existsSync(this.path)) return undefined;
    const text = readFileSync(this.path, 'utf8');
    try {
      return JSON.parse(text);
    } catch (error) {
      throw new Error(`Sandbox state file ${this.path} is not valid JSON`, { cause: error });
    }
  }

  /** Marks the state changed; a write follows shortly, or right after the write in progress. */
  schedule(): void {
    this.dirty = true;
    if (this.timer || this.inFlight) return;
    this.timer = setTimeout(() => {
      this.timer = undefined;
      void this.drain();
    }, DEBOUNCE_MS);
  }

  /** Writes now (instead of after the debounce) and waits until the file holds the current state. */
  async flush(): Promise<void> {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    this.dirty = true;
    await this.drain();
  }

  /**
   * One writer at a time, looping while changes keep arriving: a snapshot slower than the
   * debounce (a large catalog) never piles up queued writes.
   */
  private drain(): Promise<void> {
    this.inFlight ??= (async () => {
      while (this.dirty) {
        this.dirty = false;
        try {
          await this.writeNow();
        } catch (err) {
          this.logger.error({ err, path: this.path }, 'Sandbox state could not be written');
        }
      }
    })().finally(() => {
      this.inFlight = undefined;
    });
    return this.inFlight;
  }

  private async writeNow(): Promise<void> {
    const text = JSON.stringify(this.snapshot());
    await mkdir(dirname(this.path), { recursive: true });
    const tmp = `${this.path}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`;
    await writeFile(tmp, text, 'utf8');
    await rename(tmp, this.path);
  }
}
