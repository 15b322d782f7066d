// A read-only Monaco diff editor (side by side, inline on narrow screens) for reviewing
// a proposed patch before it touches the program.
import * as monaco from 'monaco-editor/editor/editor.api.js';
import { initializeMonaco, THEMES, type EditorTheme } from './editor.ts';

export interface DiffView {
  show(original: string, modified: string): void;
  setTheme(theme: EditorTheme): void;
  /** Number of changed regions in the last diff computed (for tests and the summary). */
  changeCount(): number;
  dispose(): void;
}

export function createDiffView(container: HTMLElement, theme: EditorTheme): DiffView {
  initializeMonaco();
  const editor = monaco.editor.createDiffEditor(container, {
    theme: THEMES[theme],
    readOnly: true,
    originalEditable: false,
    automaticLayout: true,
    renderSideBySide: true,
    useInlineViewWhenSpaceIsLimited: true,
    minimap: { enabled: false },
    scrollBeyondLastLine: false,
    fontSize: 13,
    lineNumbersMinChars: 3,
    renderOverviewRuler: false,
    ariaLabel: 'Proposed change: original on the left, patched on the right',
  });
  let models: { original: monaco.editor.ITextModel; modified: monaco.editor.ITextModel } | undefined;
  // Models the editor no longer shows are disposed only once its diff for the new pair is in:
  // disposing them while Monaco's diff worker still computes on them makes Monaco throw
  // "no diff result available" (an uncaught error in the page).
  let retired: monaco.editor.ITextModel[] = [];
  const disposeRetired = () => {
    for (const model of retired) model.dispose();
    retired = [];
  };
  const updated = editor.onDidUpdateDiff(disposeRetired);
  return {
    show(original, modified) {
      const next = { original: monaco.editor.createModel(original, 'python'), modified: monaco.editor.createModel(modified, 'python') };
      if (models) retired.push(models.original, models.modified);
      editor.setModel(next);
      models = next;
    },
    setTheme: (value) => monaco.editor.setTheme(THEMES[value]),
    changeCount: () => editor.getLineChanges()?.length ?? 0,
    dispose() {
      updated.dispose();
      editor.setModel(null);
      editor.dispose();
      // The diff worker may still hold the last pair: give it a moment before the models go.
      const last = [...retired, ...(models ? [models.original, models.modified] : [])];
      retired = [];
      models = undefined;
      setTimeout(() => {
        for (const model of last) model.dispose();
      }, 2_000);
    },
  };
}
