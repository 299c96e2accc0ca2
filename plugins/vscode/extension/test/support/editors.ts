import {
  BreakpointLike,
  RangeLike,
  SelectionChangeLike,
  TaskExecutionLike,
  TextEditorLike,
  UriLike,
} from '../../src/mapping';

/** A URI as VS Code writes it: scheme, path for files, the whole text from toString(). */
export function uri(text: string): UriLike {
  const scheme = text.slice(0, text.indexOf(':'));
  const fsPath = scheme === 'file' ? decodeURIComponent(text.slice('file://'.length)) : '';
  return { scheme, fsPath, toString: () => text };
}

export function editor(text: string, languageId = 'plaintext'): TextEditorLike {
  return { document: { uri: uri(text), languageId } };
}

export function range(sl: number, sc: number, el = sl, ec = sc): RangeLike {
  return { start: { line: sl, character: sc }, end: { line: el, character: ec } };
}

export function selectionChange(ed: TextEditorLike, kind: number | undefined, ...ranges: RangeLike[]): SelectionChangeLike {
  return { textEditor: ed, selections: ranges, kind };
}

export function sourceBreakpoint(text: string, line: number, condition?: string): BreakpointLike {
  return { condition, location: { uri: uri(text), range: { start: { line, character: 0 } } } };
}

export function taskExecution(name: string, source: string): TaskExecutionLike {
  return { task: { name, source } };
}
