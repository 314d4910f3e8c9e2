import { fork, type ChildProcess } from 'node:child_process';
import { benchModule, REPO_ROOT } from './paths.js';
import type { ChildMessage, ChildSettings, ParentMessage, SandboxMeasure } from './sandbox-protocol.js';

type Pending = (message: ChildMessage) => void;

/** The parent's handle on a sandbox child: start it, bracket each scenario, close it. */
export class SandboxProcess {
  private nextId = 1;
  private readonly pending = new Map<number, Pending>();

  private constructor(
    private readonly child: ChildProcess,
    readonly url: string,
  ) {
    child.on('message', (message: ChildMessage) => {
      if (!('id' in message)) return;
      const resolve = this.pending.get(message.id);
      this.pending.delete(message.id);
      resolve?.(message);
    });
  }

  static start(settings: ChildSettings): Promise<SandboxProcess> {
    const { path, execArgv } = benchModule('sandbox-child');
    const child = fork(path, [JSON.stringify(settings)], {
      cwd: REPO_ROOT,
      execArgv,
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    });
    return new Promise((resolve, reject) => {
      const onExit = (code: number | null) => reject(new Error(`the sandbox process exited (code ${code}) before it was ready`));
      child.once('error', reject);
      child.once('exit', onExit);
      child.once('message', (message: ChildMessage) => {
        child.off('exit', onExit);
        child.off('error', reject);
        if (message.type === 'ready') resolve(new SandboxProcess(child, message.url));
        else reject(new Error(`the sandbox process sent ${message.type} before ready`));
      });
    });
  }

  /** Resets the sandbox's counters and memory peak; resolves once it has, so no request is missed. */
  async measureStart(): Promise<void> {
    await this.ask('measure-start');
  }

  async measureEnd(): Promise<SandboxMeasure> {
    const answer = await this.ask('measure-end');
    if (answer.type !== 'measured') throw new Error(`the sandbox process answered ${answer.type} to measure-end`);
    return answer.measure;
  }

  async close(): Promise<void> {
    if (!this.child.connected) return;
    const exited = new Promise<void>((resolve) => this.child.once('exit', () => resolve()));
    await this.ask('close');
    await exited;
  }

  private ask(type: ParentMessage['type']): Promise<ChildMessage> {
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      const onExit = () => reject(new Error(`the sandbox process exited while answering ${type}`));
      this.child.once('exit', onExit);
      this.pending.set(id, (message) => {
        this.child.off('exit', onExit);
        resolve(message);
      });
      this.child.send({ id, type } satisfies ParentMessage);
    });
  }
}
