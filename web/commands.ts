// The one list of user commands: keyboard shortcuts, toolbar buttons and the command
// palette all read it, so a shortcut shown in a tooltip is the one that works. Each
// command says when it can run and what it does, on the page's stores (web/app).
//
// Shortcuts ("Mod" = Cmd on macOS, Ctrl elsewhere):
//   Run            Mod+Enter
//   Stop           Mod+Shift+Enter   (next to Run; Escape is left to the editor's widgets,
//                                     Ctrl+C to copying)
//   Share link     Mod+Shift+S
//   Command palette Mod+Shift+P, or F1 (Firefox reserves Ctrl+Shift+P for a private window)
// Clear output, reset and theme have none: they are rare, and free browser-safe
// combinations are scarce (Ctrl+L, Ctrl+K, Ctrl+Shift+K are all taken by browsers).

import { canRun, canStop, type RunState } from './state/run-state.ts';
import type { Settings } from './state/settings.ts';
import { nextTheme } from './state/theme.ts';
import type { HistoryEntry } from './state/work-history.ts';

export type CommandId =
  | 'run'
  | 'stop'
  | 'share'
  | 'clear-output'
  | 'reset-example'
  | 'restore-history'
  | 'toggle-theme'
  | 'palette'
  | 'toggle-security-check'
  | 'toggle-dnn-check'
  | 'patch-all-findings'
  | 'export'
  | 'generate-failing-test'
  | 'model-manager';

export interface Shortcut {
  /** KeyboardEvent.key, compared case-insensitively ("Enter", "s", "F1"). */
  key: string;
  mod?: boolean;
  shift?: boolean;
}

export interface Command {
  id: CommandId;
  title: string;
  /** The shortcut shown in tooltips and the palette. */
  shortcut?: Shortcut;
  /** Further shortcuts that also trigger the command (not shown). */
  altShortcuts?: readonly Shortcut[];
  /** Shown as a toolbar button. */
  toolbar?: boolean;
  /** Whether it can run now (default: always). */
  when?(app: CommandApp): boolean;
  run(app: CommandApp): void;
}

/** What the commands act on: the app layer's stores (web/app) have this shape; tests pass fakes. */
export interface CommandApp {
  runtime: { state(): RunState; busy(): boolean; stop(): void };
  heal: { run(): Promise<void>; editedWhileActive?(): boolean; restartEdited?(): Promise<void> };
  links: { share(): Promise<void> };
  console: { clear(): void };
  workspace: {
    resetToExample(): void;
    history: { list(): HistoryEntry[] };
    setSettings(change: (settings: Settings) => Settings): unknown;
  };
  dialogs: { openHistory(entries: HistoryEntry[]): void; openPalette(): void; openExport(): void; openModelManager(): void };
  reviews: { blocked(): string | null };
  checks: { security(): { findings: readonly unknown[] } | undefined };
  security: { patchSecurity(finding: null): void };
  repair: { generateTest(): void };
}

const idle = (app: CommandApp) => !app.runtime.busy();
const toggle = (app: CommandApp, key: 'securityCheck' | 'dnnCheck') => app.workspace.setSettings((s) => ({ ...s, [key]: !s[key] }));

export const commands: readonly Command[] = [
  // While a run of an older version of the code is active, Run stops it and runs the edited code.
  {
    id: 'run',
    title: 'Run',
    shortcut: { key: 'Enter', mod: true },
    toolbar: true,
    when: (app) => canRun(app.runtime.state()) || (app.heal.editedWhileActive?.() ?? false),
    run: (app) => void (canRun(app.runtime.state()) ? app.heal.run() : app.heal.restartEdited?.()),
  },
  {
    id: 'stop',
    title: 'Stop',
    shortcut: { key: 'Enter', mod: true, shift: true },
    toolbar: true,
    when: (app) => canStop(app.runtime.state()),
    run: (app) => app.runtime.stop(),
  },
  { id: 'share', title: 'Share link', shortcut: { key: 's', mod: true, shift: true }, toolbar: true, run: (app) => void app.links.share() },
  { id: 'clear-output', title: 'Clear output', run: (app) => app.console.clear() },
  { id: 'reset-example', title: 'Reset to example', when: idle, run: (app) => app.workspace.resetToExample() },
  { id: 'restore-history', title: 'Restore earlier code…', when: idle, run: (app) => app.dialogs.openHistory(app.workspace.history.list()) },
  { id: 'toggle-theme', title: 'Toggle light/dark theme', run: (app) => app.workspace.setSettings((s) => ({ ...s, theme: nextTheme(s.theme) })) },
  { id: 'toggle-security-check', title: 'Toggle security check', run: (app) => toggle(app, 'securityCheck') },
  { id: 'toggle-dnn-check', title: 'Toggle DNN check', run: (app) => toggle(app, 'dnnCheck') },
  {
    id: 'patch-all-findings',
    title: 'Patch all security findings',
    when: (app) => app.reviews.blocked() === null && (app.checks.security()?.findings.length ?? 0) > 0,
    run: (app) => app.security.patchSecurity(null),
  },
  { id: 'export', title: 'Export…', run: (app) => app.dialogs.openExport() },
  { id: 'generate-failing-test', title: 'Generate a failing test', run: (app) => app.repair.generateTest() },
  { id: 'model-manager', title: 'WebLLM model manager', run: (app) => app.dialogs.openModelManager() },
  {
    id: 'palette',
    title: 'Show all commands',
    shortcut: { key: 'p', mod: true, shift: true },
    altShortcuts: [{ key: 'F1' }],
    run: (app) => app.dialogs.openPalette(),
  },
];

export function getCommand(id: CommandId): Command {
  return commands.find((command) => command.id === id)!;
}

export function commandEnabled(command: Command, app: CommandApp): boolean {
  return command.when?.(app) ?? true;
}

/** From navigator.platform / userAgentData.platform (iPadOS reports "MacIntel"). */
export function isMacPlatform(platform: string): boolean {
  return /mac|iphone|ipad|ipod/i.test(platform);
}

export interface KeyEventLike {
  key: string;
  ctrlKey: boolean;
  metaKey: boolean;
  shiftKey: boolean;
  altKey: boolean;
}

/**
 * Modifiers must match exactly: Alt is never part of a shortcut (AltGr reports Ctrl+Alt on
 * Windows, so AltGr characters never trigger commands), and the non-Mod one of Ctrl/Cmd
 * must be up.
 */
export function matchShortcut(event: KeyEventLike, isMac: boolean): CommandId | undefined {
  const mod = isMac ? event.metaKey : event.ctrlKey;
  const other = isMac ? event.ctrlKey : event.metaKey;
  if (event.altKey || other) return undefined;
  const key = event.key.toLowerCase();
  const matches = (s: Shortcut) => s.key.toLowerCase() === key && !!s.mod === mod && !!s.shift === event.shiftKey;
  return commands.find((c) => (c.shortcut && matches(c.shortcut)) || c.altShortcuts?.some(matches))?.id;
}

const MAC_KEYS: Record<string, string> = { enter: '↵', escape: '⎋', backspace: '⌫', arrowup: '↑', arrowdown: '↓' };
const PC_KEYS: Record<string, string> = { escape: 'Esc' };

/** "Ctrl+Shift+P" elsewhere; "⇧⌘P" on macOS (Apple's modifier order, no separators). */
export function formatShortcut(shortcut: Shortcut, isMac: boolean): string {
  const lower = shortcut.key.toLowerCase();
  const key = (isMac ? MAC_KEYS[lower] : PC_KEYS[lower]) ?? (shortcut.key.length === 1 ? shortcut.key.toUpperCase() : shortcut.key);
  if (isMac) return (shortcut.shift ? '⇧' : '') + (shortcut.mod ? '⌘' : '') + key;
  return [shortcut.mod && 'Ctrl', shortcut.shift && 'Shift', key].filter(Boolean).join('+');
}

/**
 * Palette filter, case-insensitive on the title: substring matches first (earlier match
 * first), then subsequence matches ("clo" → "Clear output"); list order breaks ties.
 */
export function filterCommands<C extends Pick<Command, 'title'> = Command>(query: string, list: readonly C[] = commands as unknown as readonly C[]): C[] {
  const q = query.trim().toLowerCase();
  if (q === '') return [...list];
  const scored: { command: C; score: number; index: number }[] = [];
  list.forEach((command, index) => {
    const title = command.title.toLowerCase();
    const at = title.indexOf(q);
    if (at >= 0) scored.push({ command, score: at, index });
    else if (isSubsequence(q, title)) scored.push({ command, score: 1000, index });
  });
  return scored.sort((a, b) => a.score - b.score || a.index - b.index).map((s) => s.command);
}

function isSubsequence(needle: string, haystack: string): boolean {
  let i = 0;
  for (const ch of haystack) if (ch === needle[i]) i++;
  return i === needle.length;
}
