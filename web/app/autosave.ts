// Autosave of the workspace and the other tab. Another tab saving a different program holds
// this tab's writes until the user chooses; either way the version that loses goes into the
// history. The decisions are pure logic in state/autosave.ts; this wires them to the page.
import { createEffect, on, onCleanup } from 'solid-js';
import { WORKSPACE_KEY, createAutosaver, type StorageLike } from '../state/autosave.ts';
import { entryPreview } from '../state/work-history.ts';
import { workOf, type Workspace } from '../state/workspace.ts';
import type { Notices } from './notices.ts';
import { STOP_FIRST } from '../state/run-state.ts';
import type { WorkspaceStore } from './workspace.ts';

export const AUTOSAVE_DELAY_MS = 500;
const CONFLICT_KEY = 'tab-conflict';

export interface AutosaveDeps {
  storage: StorageLike | undefined;
  workspace: WorkspaceStore;
  notices: Notices;
  busy(): boolean;
}

/** Saves the workspace as it changes, and on leaving the page; shows the two-tab conflict. */
export function watchAutosave(deps: AutosaveDeps): void {
  const { storage, workspace, notices } = deps;
  if (!storage) return; // storage disabled: the page works, nothing is saved
  const autosaver = createAutosaver(storage, AUTOSAVE_DELAY_MS, {
    onSave: (ok, failure) => {
      if (!ok) notices.notify('warning', failure?.message ?? 'Autosave failed: browser storage is full or disabled. Use Share to keep a link to your code.');
    },
    makeRoom: () => workspace.history.makeRoom(),
    onConflict: (other) => showConflict(other),
  });

  createEffect(
    on(
      workspace.current,
      (ws) => {
        autosaver.schedule(ws);
        // Editing while the save is held: the choice comes back if its notice was closed with ×.
        const other = autosaver.conflict();
        if (other && !notices.hasKey(CONFLICT_KEY)) showConflict(other);
      },
      { defer: true },
    ),
  );

  const flush = () => {
    // Closing (or reloading) while the other tab's save is kept: this tab's version goes into the history.
    if (autosaver.conflict()) workspace.keepReplaced(workOf(workspace.current()), 'closed-in-conflict');
    autosaver.flush();
  };
  const onStorage = (event: StorageEvent) => {
    if (event.storageArea === storage && (event.key === WORKSPACE_KEY || event.key === null)) autosaver.external(workspace.current());
  };
  window.addEventListener('pagehide', flush);
  window.addEventListener('storage', onStorage);
  onCleanup(() => {
    window.removeEventListener('pagehide', flush);
    window.removeEventListener('storage', onStorage);
    flush();
  });

  function showConflict(other: Workspace | null): void {
    if (other === null) {
      notices.dismissKey(CONFLICT_KEY);
      return;
    }
    notices.notify(
      'warning',
      'This program was changed in another tab. This tab\'s version is not saved until you choose; the version you do not keep goes into "Restore earlier code…".',
      [
        { label: "Load the other tab's version", closesNotice: true, run: () => resolveConflict('load') },
        { label: "Keep this tab's version (overwrite)", closesNotice: true, run: () => resolveConflict('overwrite') },
      ],
      { key: CONFLICT_KEY, details: [`The other tab has: ${entryPreview(other)}`] },
    );
  }

  function resolveConflict(choice: 'load' | 'overwrite'): boolean {
    const other = autosaver.conflict();
    if (!other) return true;
    if (choice === 'load' && deps.busy()) {
      notices.notify('warning', STOP_FIRST);
      return false;
    }
    if (choice === 'load') {
      workspace.keepReplaced(workOf(workspace.current()), 'other-tab');
      autosaver.resolveConflict('load', workspace.current());
      workspace.applyWork(other);
    } else {
      workspace.keepReplaced(workOf(other), 'overwritten');
      autosaver.resolveConflict('overwrite', workspace.current());
    }
    return true;
  }
}
