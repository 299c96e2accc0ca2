/**
 * A stand-in for `vscode-languageclient/node` in the wiring test: records how the client was made and what
 * it was asked to send; the test decides whether starting works.
 */
import { Emitter } from './vscode';

export enum State {
  Stopped = 1,
  Starting = 3,
  Running = 2,
}

export const clients: LanguageClient[] = [];
export const behaviour = { startFails: false };

export class LanguageClient {
  readonly sent: { method: string; params: unknown }[] = [];
  state = State.Stopped;
  private readonly states = new Emitter<{ oldState: State; newState: State }>();
  readonly onDidChangeState = this.states.event;

  constructor(
    readonly id: string,
    readonly name: string,
    readonly serverOptions: { command: string; args?: string[]; transport?: unknown },
    readonly clientOptions: { documentSelector: unknown[] },
  ) {
    clients.push(this);
  }

  async start(): Promise<void> {
    this.set(State.Starting);
    await Promise.resolve();
    if (behaviour.startFails) {
      this.set(State.Stopped);
      throw new Error('spawn understudy ENOENT');
    }
    this.set(State.Running);
  }

  async stop(): Promise<void> {
    this.set(State.Stopped);
  }

  async sendNotification(method: string, params: unknown): Promise<void> {
    if (this.state !== State.Running) {
      throw new Error('Client is not running');
    }
    this.sent.push({ method, params });
  }

  private set(state: State): void {
    const oldState = this.state;
    this.state = state;
    this.states.fire({ oldState, newState: state });
  }
}
