// Toolbar buttons come from the command list; examples menu and theme toggle beside them.
import { For } from 'solid-js';
import { commands, formatShortcut, type CommandId } from '../commands.ts';
import { examples } from '../examples/index.ts';
import type { Theme } from '../state/settings.ts';

const THEME_LABEL: Record<Theme, string> = { system: 'Theme: system', light: 'Theme: light', dark: 'Theme: dark' };

export function Toolbar(props: { isMac: boolean; enabled(id: CommandId): boolean; onCommand(id: CommandId): void; onExample(id: string): void; theme: Theme }) {
  return (
    <header class="toolbar">
      <h1>Heal Playground</h1>
      <For each={commands.filter((c) => c.toolbar)}>
        {(command) => (
          <button
            data-testid={command.id}
            disabled={!props.enabled(command.id)}
            onClick={() => props.onCommand(command.id)}
            title={command.shortcut ? `${command.title} (${formatShortcut(command.shortcut, props.isMac)})` : command.title}
            class={command.id === 'run' ? 'primary' : ''}
          >
            {command.title}
          </button>
        )}
      </For>
      <select
        data-testid="examples"
        aria-label="Load an example"
        value=""
        onChange={(e) => {
          const id = e.currentTarget.value;
          e.currentTarget.value = '';
          if (id) props.onExample(id);
        }}
      >
        <option value="">Examples…</option>
        <For each={examples}>
          {(example) => (
            <option value={example.id} title={example.description}>
              {example.title}
            </option>
          )}
        </For>
      </select>
      <span class="spacer" />
      <button data-testid="toggle-theme" onClick={() => props.onCommand('toggle-theme')} title="Switch between system, light and dark">
        {THEME_LABEL[props.theme]}
      </button>
      <button data-testid="palette-button" onClick={() => props.onCommand('palette')} title="All commands">
        ⋯
      </button>
    </header>
  );
}
