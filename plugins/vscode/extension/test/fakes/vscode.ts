/**
 * A stand-in for the parts of the `vscode` module extension.ts uses, for the wiring test: events the test
 * fires by hand, commands it runs, settings it sets. The build swaps it in for `vscode` in test bundles.
 */

type Listener<T> = (e: T) => unknown;

export class Emitter<T> {
  private listeners: Listener<T>[] = [];
  readonly event = (listener: Listener<T>) => {
    this.listeners.push(listener);
    return { dispose: () => (this.listeners = this.listeners.filter((l) => l !== listener)) };
  };
  fire(e: T): void {
    for (const l of [...this.listeners]) {
      l(e);
    }
  }
  get count(): number {
    return this.listeners.length;
  }
}

export enum StatusBarAlignment {
  Left = 1,
  Right = 2,
}

export class ThemeColor {
  constructor(readonly id: string) {}
}

export interface FakeStatusBarItem {
  id: string;
  name?: string;
  text: string;
  tooltip?: string;
  command?: string;
  backgroundColor?: ThemeColor;
  visible: boolean;
  show(): void;
  dispose(): void;
}

/** What the test drives and reads. */
export const fake = {
  activeTextEditor: undefined as unknown,
  focused: true,
  settings: new Map<string, unknown>(),
  shellIntegration: true,
  commands: new Map<string, (...args: unknown[]) => unknown>(),
  context: new Map<string, unknown>(),
  errors: [] as string[],
  output: [] as string[],
  statusItems: [] as FakeStatusBarItem[],
  activeEditor: new Emitter<unknown>(),
  selection: new Emitter<unknown>(),
  windowState: new Emitter<{ focused: boolean }>(),
  shellEnd: new Emitter<unknown>(),
  debugStart: new Emitter<unknown>(),
  debugStop: new Emitter<unknown>(),
  breakpoints: new Emitter<unknown>(),
  taskStart: new Emitter<unknown>(),
  taskProcessStart: new Emitter<unknown>(),
  taskProcessEnd: new Emitter<unknown>(),
  taskEnd: new Emitter<unknown>(),
  configuration: new Emitter<{ affectsConfiguration(section: string): boolean }>(),
};

export const window = {
  get activeTextEditor() {
    return fake.activeTextEditor;
  },
  get state() {
    return { focused: fake.focused };
  },
  createOutputChannel: (_name: string) => ({
    appendLine: (line: string) => fake.output.push(line),
    append: (text: string) => fake.output.push(text),
    show: () => {},
    dispose: () => {},
  }),
  createStatusBarItem: (id: string, _alignment: StatusBarAlignment, _priority: number) => {
    const item: FakeStatusBarItem = {
      id,
      text: '',
      visible: false,
      show: () => (item.visible = true),
      dispose: () => (item.visible = false),
    };
    fake.statusItems.push(item);
    return item;
  },
  showErrorMessage: async (message: string) => {
    fake.errors.push(message);
    return undefined;
  },
  onDidChangeActiveTextEditor: fake.activeEditor.event,
  onDidChangeTextEditorSelection: fake.selection.event,
  onDidChangeWindowState: fake.windowState.event,
  get onDidEndTerminalShellExecution() {
    return fake.shellIntegration ? fake.shellEnd.event : undefined;
  },
};

export const debug = {
  onDidStartDebugSession: fake.debugStart.event,
  onDidTerminateDebugSession: fake.debugStop.event,
  onDidChangeBreakpoints: fake.breakpoints.event,
};

export const tasks = {
  onDidStartTask: fake.taskStart.event,
  onDidStartTaskProcess: fake.taskProcessStart.event,
  onDidEndTaskProcess: fake.taskProcessEnd.event,
  onDidEndTask: fake.taskEnd.event,
};

export const commands = {
  registerCommand: (id: string, fn: (...args: unknown[]) => unknown) => {
    fake.commands.set(id, fn);
    return { dispose: () => fake.commands.delete(id) };
  },
  executeCommand: async (id: string, ...args: unknown[]) => {
    if (id === 'setContext') {
      fake.context.set(args[0] as string, args[1]);
      return undefined;
    }
    return fake.commands.get(id)?.(...args);
  },
};

export const workspace = {
  getConfiguration: (section: string) => ({
    get: (key: string) => fake.settings.get(`${section}.${key}`),
  }),
  onDidChangeConfiguration: fake.configuration.event,
};
