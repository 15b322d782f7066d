// A searchable list of every command (Mod+Shift+P / F1), keyboard driven.
import { createSignal, For, onMount, Show } from 'solid-js';
import { filterCommands, formatShortcut, type Command, type CommandId } from '../commands.ts';

export function CommandPalette(props: { isMac: boolean; enabled(id: CommandId): boolean; onRun(id: CommandId): void; onClose(): void }) {
  const [query, setQuery] = createSignal('');
  const [active, setActive] = createSignal(0);
  const list = () => filterCommands(query()).filter((c) => c.id !== 'palette');
  let input!: HTMLInputElement;
  onMount(() => input.focus());

  const choose = (command: Command | undefined) => {
    if (!command || !props.enabled(command.id)) return;
    props.onClose();
    props.onRun(command.id);
  };
  const onKey = (event: KeyboardEvent) => {
    if (event.key === 'ArrowDown') {
      event.preventDefault();
      setActive((i) => Math.min(i + 1, list().length - 1));
    } else if (event.key === 'ArrowUp') {
      event.preventDefault();
      setActive((i) => Math.max(i - 1, 0));
    } else if (event.key === 'Enter') {
      event.preventDefault();
      choose(list()[active()]);
    } else if (event.key === 'Escape') {
      event.preventDefault();
      props.onClose();
    }
  };
  return (
    <div class="palette-backdrop" onClick={(e) => e.target === e.currentTarget && props.onClose()}>
      <div class="palette" role="dialog" aria-label="Command palette" data-testid="palette">
        <input
          ref={input}
          placeholder="Type a command"
          aria-label="Command"
          value={query()}
          onInput={(e) => {
            setQuery(e.currentTarget.value);
            setActive(0);
          }}
          onKeyDown={onKey}
        />
        <ul role="listbox">
          <For each={list()}>
            {(command, index) => (
              <li
                role="option"
                aria-selected={index() === active()}
                aria-disabled={!props.enabled(command.id)}
                class={index() === active() ? 'active' : ''}
                onMouseEnter={() => setActive(index())}
                onClick={() => choose(command)}
              >
                <span>{command.title}</span>
                <Show when={command.shortcut}>{(s) => <kbd>{formatShortcut(s(), props.isMac)}</kbd>}</Show>
              </li>
            )}
          </For>
          <Show when={list().length === 0}>
            <li class="empty">No command matches.</li>
          </Show>
        </ul>
      </div>
    </div>
  );
}
