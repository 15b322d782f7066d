// Which of the simple dialogs is open: the command palette, the history of replaced work,
// the model manager and the export. (The patch review and the bug report belong to the
// tasks that fill them: app/patch-review.ts, app/security.ts.)
import { createSignal } from 'solid-js';
import type { HistoryEntry } from '../state/work-history.ts';

export type Dialogs = ReturnType<typeof createDialogs>;

export function createDialogs() {
  const [palette, setPalette] = createSignal(false);
  // The history's entries while its dialog is open (read when it opens: other tabs add to it too).
  const [history, setHistory] = createSignal<HistoryEntry[]>();
  const [modelManager, setModelManager] = createSignal(false);
  const [exporting, setExporting] = createSignal(false);
  return {
    palette,
    openPalette: () => void setPalette(true),
    closePalette: () => void setPalette(false),
    history,
    openHistory: (entries: HistoryEntry[]) => void setHistory(entries),
    closeHistory: () => void setHistory(undefined),
    modelManager,
    openModelManager: () => void setModelManager(true),
    closeModelManager: () => void setModelManager(false),
    exporting,
    openExport: () => void setExporting(true),
    closeExport: () => void setExporting(false),
  };
}
