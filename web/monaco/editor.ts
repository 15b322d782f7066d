// A Monaco editor for Python, bundling only what Python editing needs.
//
// monaco-editor ≥ 0.53 maps `monaco-editor/*` to `esm/vs/*.js` in its package exports, so
// `monaco-editor/esm/vs/editor/editor.api` does not resolve; the paths below are the
// exported equivalents. The bare `monaco-editor` entry (every language, the TS/CSS/HTML/JSON
// workers, an LSP client) is never imported.
import * as monaco from 'monaco-editor/editor/editor.api.js';
// Editor contributions (each registers itself on import).
import 'monaco-editor/features/codicon/register.js'; // icon font: folding chevrons, find/suggest widgets
import 'monaco-editor/features/find/register.js'; // Ctrl+F / Ctrl+H
import 'monaco-editor/features/folding/register.js';
import 'monaco-editor/features/bracketMatching/register.js';
import 'monaco-editor/features/comment/register.js'; // Ctrl+/
import 'monaco-editor/features/hover/register.js'; // marker messages on hover
import 'monaco-editor/features/gotoError/register.js'; // F8 / Shift+F8: next / previous marker
import 'monaco-editor/editor/contrib/suggest/browser/suggestController.js'; // Ctrl+Space, word-based completions (features/suggest/register.js only has the inline variant)
import 'monaco-editor/features/wordOperations/register.js'; // Ctrl+Left/Right/Backspace by word
import 'monaco-editor/features/linesOperations/register.js'; // move/copy/delete lines, Ctrl+] / Ctrl+[
import 'monaco-editor/features/indentation/register.js';
import 'monaco-editor/features/multicursor/register.js'; // Ctrl+D, Ctrl+Alt+Up/Down
import 'monaco-editor/features/wordHighlighter/register.js';
import 'monaco-editor/features/cursorUndo/register.js';
import 'monaco-editor/features/contextmenu/register.js';
import 'monaco-editor/features/toggleTabFocusMode/register.js'; // Ctrl+M: Tab moves focus
import { conf as pythonConf, language as pythonLanguage } from 'monaco-editor/languages/definitions/python/python.js';
import EditorWorker from 'monaco-editor/editor/editor.worker.js?worker';
import './editor.css';
import type { EditorMarker, MarkerSeverityName } from '../state/editor-marker.ts';

export type EditorTheme = 'light' | 'dark';
export type HighlightKind = 'paused' | 'failed';
export type { EditorMarker, MarkerSeverityName };

export interface PythonEditorOptions {
  value: string;
  theme: EditorTheme;
  ariaLabel?: string;
  onChange?(value: string): void;
  /** Ctrl/Cmd+Enter inside the editor. */
  onRun?(): void;
  /**
   * Esc with no editor widget open (suggest, find, hover, …). Default: focus the next
   * focusable element after the editor (or blur it when there is none).
   */
  onEscape?(): void;
}

export interface PythonEditor {
  getValue(): string;
  /** Replaces the text as one undoable edit (only the changed middle is rewritten). */
  setValue(value: string): void;
  setTheme(theme: EditorTheme): void;
  focus(): void;
  /** Sets a cursor position (1-based). */
  setPosition(line: number, col: number): void;
  setMarkers(owner: string, markers: EditorMarker[]): void;
  clearMarkers(owner: string): void;
  /** Whole-line highlight of a statement (null clears it); the lines are revealed. */
  highlightStatement(range: { line: number; endLine?: number } | null, kind?: HighlightKind): void;
  /** The underlying Monaco editor, for what this wrapper does not cover. */
  readonly monaco: monaco.editor.IStandaloneCodeEditor;
  dispose(): void;
}

export const THEMES: Record<EditorTheme, string> = { light: 'heal-light', dark: 'heal-dark' };
const SEVERITY: Record<MarkerSeverityName, monaco.MarkerSeverity> = {
  error: monaco.MarkerSeverity.Error,
  warning: monaco.MarkerSeverity.Warning,
  info: monaco.MarkerSeverity.Info,
};

let initialized = false;
export function initializeMonaco(): void {
  if (initialized) return;
  initialized = true;
  // Only the base editor worker (word completions, links, unicode highlights). It is a
  // same-origin module worker, so it loads under COEP require-corp.
  globalThis.MonacoEnvironment = { getWorker: () => new EditorWorker() };
  monaco.languages.register({ id: 'python', extensions: ['.py'], aliases: ['Python', 'py'] });
  monaco.languages.setLanguageConfiguration('python', pythonConf);
  monaco.languages.setMonarchTokensProvider('python', pythonLanguage);
  // Backgrounds match the app's panels (--panel in styles.css).
  monaco.editor.defineTheme('heal-light', { base: 'vs', inherit: true, rules: [], colors: { 'editor.background': '#ffffff' } });
  monaco.editor.defineTheme('heal-dark', { base: 'vs-dark', inherit: true, rules: [], colors: { 'editor.background': '#1e2128' } });
}

// Context keys of the widgets that Esc must close first.
const ESCAPE_WHEN = [
  'suggestWidgetVisible',
  'findWidgetVisible',
  'parameterHintsVisible',
  'markersNavigationVisible',
  'editorHoverVisible',
  'renameInputVisible',
  'inSnippetMode',
  'editorHasMultipleSelections',
  'inReferenceSearchEditor',
  'referenceSearchVisible',
  'accessibilityHelpWidgetVisible',
]
  .map((key) => `!${key}`)
  .join(' && ');

const FOCUSABLE =
  'a[href], button:not([disabled]), input:not([disabled]), select:not([disabled]), textarea:not([disabled]), [tabindex]:not([tabindex="-1"]), [contenteditable="true"]';

/** Focuses the first focusable element after `container` in document order. */
function focusNextAfter(container: HTMLElement): boolean {
  for (const el of document.querySelectorAll<HTMLElement>(FOCUSABLE)) {
    if (container.contains(el)) continue;
    if (!(container.compareDocumentPosition(el) & Node.DOCUMENT_POSITION_FOLLOWING)) continue;
    if (el.offsetParent === null && getComputedStyle(el).position !== 'fixed') continue; // hidden
    el.focus();
    if (document.activeElement === el) return true;
  }
  return false;
}

export function createPythonEditor(container: HTMLElement, options: PythonEditorOptions): PythonEditor {
  initializeMonaco();
  const model = monaco.editor.createModel(options.value, 'python');
  model.setEOL(monaco.editor.EndOfLineSequence.LF);
  container.dataset.healTheme = options.theme;
  const editor = monaco.editor.create(container, {
    model,
    theme: THEMES[options.theme],
    ariaLabel: options.ariaLabel ?? 'Python program. Ctrl+Enter runs it; Escape leaves the editor; Ctrl+M toggles whether Tab moves focus.',
    automaticLayout: true,
    minimap: { enabled: false },
    fontSize: 13,
    tabSize: 4,
    insertSpaces: true,
    detectIndentation: false,
    fixedOverflowWidgets: true,
    scrollBeyondLastLine: false,
    renderLineHighlight: 'line',
    renderLineHighlightOnlyWhenFocus: true,
    wordBasedSuggestions: 'currentDocument',
    // Enter always inserts a newline; Tab accepts a suggestion.
    acceptSuggestionOnEnter: 'off',
    tabCompletion: 'off',
    lineNumbersMinChars: 3,
    padding: { top: 6, bottom: 6 },
    stickyScroll: { enabled: false },
    unicodeHighlight: { ambiguousCharacters: false },
  });

  let applyingExternal = false;
  const subscriptions: monaco.IDisposable[] = [];
  subscriptions.push(
    model.onDidChangeContent(() => {
      if (!applyingExternal) options.onChange?.(model.getValue());
    }),
  );

  // Ctrl/Cmd+Enter runs (replaces Monaco's "insert line after"); handled keys do not bubble.
  subscriptions.push(
    editor.addAction({
      id: 'heal.run',
      label: 'Run program',
      keybindings: [monaco.KeyMod.CtrlCmd | monaco.KeyCode.Enter],
      run: () => options.onRun?.(),
    }),
  );
  // Esc leaves the editor (Tab is indentation here) unless a widget wants it.
  const escape = () => {
    if (options.onEscape) options.onEscape();
    else if (!focusNextAfter(container)) (document.activeElement as HTMLElement | null)?.blur();
  };
  editor.addCommand(monaco.KeyCode.Escape, escape, ESCAPE_WHEN); // lives as long as the editor

  const highlight = editor.createDecorationsCollection();
  const markerOwners = new Set<string>();

  function toMarkerData(m: EditorMarker): monaco.editor.IMarkerData {
    const lineCount = model.getLineCount();
    const line = Math.min(Math.max(1, Math.floor(m.line)), lineCount);
    const maxCol = model.getLineMaxColumn(line);
    let col = Math.min(Math.max(1, Math.floor(m.col)), maxCol);
    let endLine = line;
    let endCol: number;
    if (m.endLine !== undefined || m.endCol !== undefined) {
      endLine = Math.min(Math.max(line, Math.floor(m.endLine ?? line)), lineCount);
      endCol = Math.min(Math.max(1, Math.floor(m.endCol ?? model.getLineMaxColumn(endLine))), model.getLineMaxColumn(endLine));
      if (endLine === line && endCol <= col) endCol = Math.min(col + 1, maxCol);
    } else {
      const word = model.getWordAtPosition({ lineNumber: line, column: col });
      if (word && word.endColumn > col) {
        endCol = word.endColumn;
      } else if (col < maxCol) {
        endCol = maxCol;
      } else {
        // At or past the end of the line: mark the line's content so the squiggle shows.
        col = Math.min(col, Math.max(1, model.getLineFirstNonWhitespaceColumn(line)));
        endCol = maxCol;
      }
    }
    return {
      severity: SEVERITY[m.severity],
      message: m.message,
      source: m.source,
      code: m.code,
      startLineNumber: line,
      startColumn: col,
      endLineNumber: endLine,
      endColumn: endCol,
    };
  }

  return {
    monaco: editor,
    getValue: () => model.getValue(),
    setValue(value) {
      const current = model.getValue();
      const next = value.replace(/\r\n?/g, '\n');
      if (next === current) return;
      // Rewrite only what changed, so the cursor, markers and undo stay meaningful.
      let start = 0;
      const max = Math.min(current.length, next.length);
      while (start < max && current.charCodeAt(start) === next.charCodeAt(start)) start++;
      let end = 0;
      while (end < max - start && current.charCodeAt(current.length - 1 - end) === next.charCodeAt(next.length - 1 - end)) end++;
      const range = monaco.Range.fromPositions(model.getPositionAt(start), model.getPositionAt(current.length - end));
      applyingExternal = true;
      try {
        editor.pushUndoStop();
        editor.executeEdits('heal.setValue', [{ range, text: next.slice(start, next.length - end), forceMoveMarkers: false }]);
        editor.pushUndoStop();
      } finally {
        applyingExternal = false;
      }
    },
    setTheme(theme) {
      container.dataset.healTheme = theme;
      monaco.editor.setTheme(THEMES[theme]); // global to all Monaco editors on the page
    },
    focus: () => editor.focus(),
    setPosition(line, col) {
      const position = model.validatePosition({ lineNumber: line, column: col });
      editor.setPosition(position);
      editor.revealPositionInCenterIfOutsideViewport(position);
    },
    setMarkers(owner, markers) {
      markerOwners.add(owner);
      monaco.editor.setModelMarkers(model, owner, markers.map(toMarkerData));
    },
    clearMarkers(owner) {
      monaco.editor.setModelMarkers(model, owner, []);
    },
    highlightStatement(range, kind = 'paused') {
      if (!range) {
        highlight.clear();
        return;
      }
      const lineCount = model.getLineCount();
      const line = Math.min(Math.max(1, range.line), lineCount);
      const endLine = Math.min(Math.max(line, range.endLine ?? line), lineCount);
      highlight.set([
        {
          range: new monaco.Range(line, 1, endLine, model.getLineMaxColumn(endLine)),
          options: {
            isWholeLine: true,
            className: `heal-line heal-line-${kind}`,
            linesDecorationsClassName: `heal-gutter heal-gutter-${kind}`,
            lineNumberClassName: `heal-line-number-${kind}`,
            overviewRuler: {
              color: kind === 'failed' ? 'rgba(220, 38, 38, 0.8)' : 'rgba(217, 119, 6, 0.8)',
              position: monaco.editor.OverviewRulerLane.Full,
            },
            stickiness: monaco.editor.TrackedRangeStickiness.NeverGrowsWhenTypingAtEdges,
          },
        },
      ]);
      editor.revealLinesInCenterIfOutsideViewport(line, endLine, monaco.editor.ScrollType.Smooth);
    },
    dispose() {
      for (const s of subscriptions) s.dispose();
      highlight.clear();
      for (const owner of markerOwners) monaco.editor.setModelMarkers(model, owner, []);
      editor.dispose();
      model.dispose();
    },
  };
}
