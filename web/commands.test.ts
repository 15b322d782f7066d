import { describe, expect, it } from 'vitest';
import {
  commandEnabled,
  commands,
  filterCommands,
  formatShortcut,
  getCommand,
  isMacPlatform,
  matchShortcut,
  type CommandApp,
  type CommandId,
  type KeyEventLike,
} from './commands.ts';
import { normalizeSettings, type Settings } from './state/settings.ts';
import type { RunState } from './state/run-state.ts';

const key = (k: string, mods: Partial<KeyEventLike> = {}): KeyEventLike => ({
  key: k,
  ctrlKey: false,
  metaKey: false,
  shiftKey: false,
  altKey: false,
  ...mods,
});

describe('commands', () => {
  it('have unique ids and shortcuts', () => {
    expect(new Set(commands.map((c) => c.id)).size).toBe(commands.length);
    const combos = commands
      .flatMap((c) => [c.shortcut, ...(c.altShortcuts ?? [])])
      .filter(Boolean)
      .map((s) => JSON.stringify(s));
    expect(new Set(combos).size).toBe(combos.length);
  });

  it('put run, stop and share on the toolbar', () => {
    expect(commands.filter((c) => c.toolbar).map((c) => c.id)).toEqual(['run', 'stop', 'share']);
  });
});

describe('matchShortcut', () => {
  it('uses Ctrl off macOS', () => {
    expect(matchShortcut(key('Enter', { ctrlKey: true }), false)).toBe('run');
    expect(matchShortcut(key('Enter', { ctrlKey: true, shiftKey: true }), false)).toBe('stop');
    expect(matchShortcut(key('S', { ctrlKey: true, shiftKey: true }), false)).toBe('share');
    expect(matchShortcut(key('P', { ctrlKey: true, shiftKey: true }), false)).toBe('palette');
    expect(matchShortcut(key('Enter', { metaKey: true }), false)).toBeUndefined();
  });

  it('uses Cmd on macOS', () => {
    expect(matchShortcut(key('Enter', { metaKey: true }), true)).toBe('run');
    expect(matchShortcut(key('s', { metaKey: true, shiftKey: true }), true)).toBe('share');
    expect(matchShortcut(key('Enter', { ctrlKey: true }), true)).toBeUndefined();
    expect(matchShortcut(key('Enter', { ctrlKey: true, metaKey: true }), true)).toBeUndefined();
  });

  it('opens the palette with F1 too', () => {
    expect(matchShortcut(key('F1'), false)).toBe('palette');
    expect(matchShortcut(key('F1'), true)).toBe('palette');
  });

  it('requires modifiers to match exactly', () => {
    expect(matchShortcut(key('Enter'), false)).toBeUndefined();
    expect(matchShortcut(key('Enter', { shiftKey: true }), false)).toBeUndefined();
    expect(matchShortcut(key('s', { ctrlKey: true }), false)).toBeUndefined(); // plain Ctrl+S: browser's save
    expect(matchShortcut(key('Enter', { ctrlKey: true, altKey: true }), false)).toBeUndefined(); // AltGr
    expect(matchShortcut(key('F1', { ctrlKey: true }), false)).toBeUndefined();
    expect(matchShortcut(key('a', { ctrlKey: true }), false)).toBeUndefined();
  });
});

describe('formatShortcut', () => {
  it('spells shortcuts out off macOS', () => {
    expect(formatShortcut(getCommand('run').shortcut!, false)).toBe('Ctrl+Enter');
    expect(formatShortcut(getCommand('stop').shortcut!, false)).toBe('Ctrl+Shift+Enter');
    expect(formatShortcut(getCommand('palette').shortcut!, false)).toBe('Ctrl+Shift+P');
    expect(formatShortcut({ key: 'F1' }, false)).toBe('F1');
  });

  it('uses symbols in Apple order on macOS', () => {
    expect(formatShortcut(getCommand('run').shortcut!, true)).toBe('⌘↵');
    expect(formatShortcut(getCommand('stop').shortcut!, true)).toBe('⇧⌘↵');
    expect(formatShortcut(getCommand('share').shortcut!, true)).toBe('⇧⌘S');
  });
});

describe('isMacPlatform', () => {
  it('recognizes Apple platforms', () => {
    expect(['MacIntel', 'macOS', 'iPhone', 'iPad'].map(isMacPlatform)).toEqual([true, true, true, true]);
    expect(['Win32', 'Linux x86_64', 'Windows', ''].map(isMacPlatform)).toEqual([false, false, false, false]);
  });
});

describe('filterCommands', () => {
  const ids = (q: string) => filterCommands(q).map((c) => c.id);

  it('returns every command for an empty query', () => {
    expect(ids('')).toEqual(commands.map((c) => c.id));
    expect(ids('   ')).toHaveLength(commands.length);
  });

  it('matches substrings case-insensitively', () => {
    expect(ids('RUN')).toEqual(['run']);
    expect(ids('theme')).toEqual(['toggle-theme']);
  });

  it('ranks substring matches before subsequence matches, earlier matches first', () => {
    const list = ['Set options', 'Restart', 'Step out', 'Stop'].map((title) => ({ id: 'run' as const, title }));
    expect(filterCommands('st', list).map((c) => c.title)).toEqual(['Step out', 'Stop', 'Restart', 'Set options']);
    expect(ids('to')).toEqual(['toggle-theme', 'toggle-security-check', 'toggle-dnn-check', 'stop', 'restore-history', 'reset-example']);
    expect(ids('clo')).toEqual(['clear-output']);
  });

  it('returns nothing when nothing matches', () => {
    expect(ids('xyz')).toEqual([]);
  });
});

describe('when and run', () => {
  function fakeApp(phase: RunState['phase'], options: { findings?: number; blocked?: string | null } = {}) {
    const calls: string[] = [];
    let settings: Settings = normalizeSettings({});
    const app: CommandApp = {
      runtime: {
        state: () => ({ phase }),
        busy: () => ['running', 'awaiting-input', 'paused', 'stopping'].includes(phase),
        stop: () => {
          calls.push('stop');
        },
      },
      heal: {
        run: async () => {
          calls.push('run');
        },
      },
      links: {
        share: async () => {
          calls.push('share');
        },
      },
      console: {
        clear: () => {
          calls.push('clear');
        },
      },
      workspace: {
        resetToExample: () => {
          calls.push('reset');
        },
        history: { list: () => [] },
        setSettings: (change) => {
          settings = change(settings);
        },
      },
      dialogs: {
        openHistory: () => {
          calls.push('history');
        },
        openPalette: () => {
          calls.push('palette');
        },
        openExport: () => {
          calls.push('export');
        },
        openModelManager: () => {
          calls.push('models');
        },
      },
      reviews: { blocked: () => options.blocked ?? null },
      checks: { security: () => ({ findings: Array.from({ length: options.findings ?? 0 }) }) },
      security: {
        patchSecurity: () => {
          calls.push('patch-all');
        },
      },
      repair: {
        generateTest: () => {
          calls.push('generate');
        },
      },
    };
    const enabled = (id: CommandId) => commandEnabled(getCommand(id), app);
    const execute = (id: CommandId) => {
      if (enabled(id)) getCommand(id).run(app);
    };
    return { app, calls, enabled, execute, settings: () => settings };
  }

  it('runs only when ready, stops only while a program is active', () => {
    const ready = fakeApp('ready');
    expect([ready.enabled('run'), ready.enabled('stop')]).toEqual([true, false]);
    ready.execute('run');
    ready.execute('stop');
    expect(ready.calls).toEqual(['run']);
    const paused = fakeApp('paused');
    expect([paused.enabled('run'), paused.enabled('stop'), paused.enabled('reset-example'), paused.enabled('restore-history')]).toEqual([
      false,
      true,
      false,
      false,
    ]);
    paused.execute('stop');
    paused.execute('reset-example');
    expect(paused.calls).toEqual(['stop']);
  });

  it('patches all findings only when there are some and no review blocks it', () => {
    expect(fakeApp('ready').enabled('patch-all-findings')).toBe(false);
    expect(fakeApp('ready', { findings: 2, blocked: 'A patch review is open.' }).enabled('patch-all-findings')).toBe(false);
    const app = fakeApp('ready', { findings: 2 });
    app.execute('patch-all-findings');
    expect(app.calls).toEqual(['patch-all']);
  });

  it('toggles settings and opens dialogs', () => {
    const app = fakeApp('ready');
    app.execute('toggle-theme');
    app.execute('toggle-security-check');
    expect(app.settings()).toMatchObject({ theme: 'light', securityCheck: false, dnnCheck: true });
    for (const id of ['palette', 'export', 'model-manager', 'restore-history', 'clear-output', 'share', 'generate-failing-test'] as const) app.execute(id);
    expect(app.calls).toEqual(['palette', 'export', 'models', 'history', 'clear', 'share', 'generate']);
  });
});
