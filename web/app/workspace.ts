// The user's work: code, test case and settings, the theme, and everything that replaces
// the work in the editor (reset, examples, restores) with Undo. Replaced work goes into the
// history (state/work-history.ts); autosave and the other tab are in app/autosave.ts,
// links in app/links.ts.
import { batch, createSignal } from 'solid-js';
import { defaultExample, examples, findExample } from '../examples/index.ts';
import { loadWorkspace, type StorageLike } from '../state/autosave.ts';
import { normalizeSettings, type Settings } from '../state/settings.ts';
import { migrateStorage } from '../state/storage-keys.ts';
import { effectiveTheme } from '../state/theme.ts';
import { createWorkHistory, entryPreview, type HistoryEntry, type HistoryReason } from '../state/work-history.ts';
import { sameWork, workOf, type Work, type Workspace } from '../state/workspace.ts';
import type { NoticeAction } from '../state/notices.ts';
import { STOP_FIRST } from '../state/run-state.ts';
import type { Notify } from './notices.ts';

export function exampleWorkspace(settings: Settings): Workspace {
  return { code: defaultExample.code, stdin: defaultExample.stdin, expectedOutput: defaultExample.expectedOutput, settings };
}

/** An unchanged example is one click away (Examples, Reset): not worth a history entry. */
const isPristineExample = (work: Work) => examples.some((example) => sameWork(example, work));

export interface WorkspaceDeps {
  storage: StorageLike | undefined;
  notify: Notify;
  /** True while a program runs: the editor must not change under it. */
  busy(): boolean;
  /** The work in the editor was replaced (its console output no longer belongs to it). */
  onReplaced?(): void;
  prefersDark: boolean;
}

export type WorkspaceStore = ReturnType<typeof createWorkspace>;

export function createWorkspace(deps: WorkspaceDeps) {
  const history = createWorkHistory(deps.storage);
  if (deps.storage) migrateStorage(deps.storage, history);
  const saved = deps.storage ? loadWorkspace(deps.storage) : null;
  const initial = saved ?? exampleWorkspace(normalizeSettings({}));

  const [code, setCode] = createSignal(initial.code);
  const [stdin, setStdin] = createSignal(initial.stdin);
  const [expected, setExpected] = createSignal(initial.expectedOutput ?? '');
  const [settings, setSettings] = createSignal<Settings>(initial.settings);
  const [prefersDark, setPrefersDark] = createSignal(deps.prefersDark);

  const current = (): Workspace => ({ code: code(), stdin: stdin(), expectedOutput: expected() === '' ? null : expected(), settings: settings() });
  const theme = () => effectiveTheme(settings().theme, prefersDark());

  /** Puts code and test case in the editor; the settings stay (they are never part of replaced work). */
  function applyWork(work: Work): void {
    batch(() => {
      setCode(work.code);
      setStdin(work.stdin);
      setExpected(work.expectedOutput ?? '');
      deps.onReplaced?.();
    });
  }

  /** Keeps work that is being replaced in the history; says so once when storage cannot hold it. */
  function keepReplaced(work: Work, reason: HistoryReason): void {
    if (isPristineExample(work)) return;
    const { kept, persisted } = history.push(work, reason);
    if (kept && !persisted) {
      deps.notify(
        'warning',
        'Replaced code is kept for this session only (browser storage is full or disabled): "Restore earlier code…" finds it until you close the tab.',
        undefined,
        { key: 'history-storage' },
      );
    }
  }

  /** Replaces the editor's work, keeping the replaced work in the history; returns it (for Undo). */
  function replaceWork(next: Work, reason: HistoryReason): Work {
    const previous = workOf(current());
    if (!sameWork(previous, next)) keepReplaced(previous, reason);
    applyWork(next);
    return previous;
  }

  /** A notice action that brings work back (Undo, Restore my previous code): not while a program runs. */
  function restoreAction(label: string, work: Work, options: { closesNotice?: boolean } = {}): NoticeAction {
    return {
      label,
      closesNotice: options.closesNotice,
      run: () => {
        if (deps.busy()) {
          deps.notify('warning', STOP_FIRST);
          return false;
        }
        replaceWork(work, 'restore');
        return true;
      },
    };
  }

  function resetToExample(): void {
    const previous = replaceWork(exampleWorkspace(settings()), 'reset');
    deps.notify('info', 'Editor reset to the example.', restoreAction('Undo', previous));
  }

  function loadExample(id: string): void {
    const example = findExample(id);
    if (!example || deps.busy()) return;
    const previous = replaceWork(example, 'example');
    deps.notify('info', `Loaded the example “${example.title}”.`, restoreAction('Undo', previous));
  }

  function restoreEntry(entry: HistoryEntry): void {
    if (deps.busy()) return;
    const previous = replaceWork(entry, 'restore');
    deps.notify('info', `Restored earlier code: ${entryPreview(entry, 1, 60)}`, restoreAction('Undo', previous));
  }

  return {
    code,
    setCode,
    stdin,
    setStdin,
    expected,
    setExpected,
    settings,
    setSettings,
    /** Changes some settings (normalized: invalid values are repaired). */
    updateSettings: (patch: Partial<Settings>) => void setSettings((s) => normalizeSettings({ ...s, ...patch })),
    setPrefersDark,
    theme,
    current,
    /** The program and test case as the runner takes them. */
    request: () => ({ code: code(), stdin: stdin(), expectedOutput: expected() === '' ? null : expected() }),
    history,
    applyWork,
    keepReplaced,
    replaceWork,
    restoreAction,
    resetToExample,
    loadExample,
    restoreEntry,
  };
}
