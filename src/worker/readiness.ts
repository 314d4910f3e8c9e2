/** Why the worker is not ready, as `/readyz` answers it. */
export interface NotReady {
  ready: false;
  reason: string;
  /** When the reason was established (ISO 8601). */
  since: string;
}

export type Readiness = { ready: true; since: string } | NotReady;

/**
 * `/readyz`: the configuration is valid (the worker would not be running otherwise) and the last
 * attempt to reach Port succeeded. Every run is such an attempt (its first step reads the model
 * from Port); before the first one, the worker is not ready.
 */
export class ReadinessState {
  private state: Readiness;

  constructor(private readonly now: () => Date = () => new Date()) {
    this.state = { ready: false, reason: 'Port has not been reached yet', since: this.now().toISOString() };
  }

  get current(): Readiness {
    return this.state;
  }

  portReached(): void {
    if (!this.state.ready) this.state = { ready: true, since: this.now().toISOString() };
  }

  portFailed(reason: string): void {
    this.state = { ready: false, reason, since: this.now().toISOString() };
  }

  shuttingDown(): void {
    this.state = { ready: false, reason: 'shutting down', since: this.now().toISOString() };
  }
}
