// Toolbar buttons come from the command list; examples menu and theme toggle beside them. On
// a narrow screen it keeps one row: Run and Stop, and the rest in the "More" menu.
import { createSignal, For, onCleanup, onMount, Show } from 'solid-js';
import { commands, formatShortcut, type CommandId } from '../commands.ts';
import { examples } from '../examples/index.ts';
import type { Theme } from '../state/settings.ts';

const THEME_LABEL: Record<Theme, string> = { system: 'Theme: system', light: 'Theme: light', dark: 'Theme: dark' };
/** Commands that stay in the toolbar on a narrow screen. */
const ALWAYS: readonly CommandId[] = ['run', 'stop'];

export function Toolbar(props: {
  isMac: boolean;
  enabled(id: CommandId): boolean;
  onCommand(id: CommandId): void;
  onExample(id: string): void;
  theme: Theme;
  /** The first-visit explanation, shown under the toolbar beside Run until dismissed. */
  intro?: { text: string; onDismiss(): void };
}) {
  const toolbarCommands = commands.filter((c) => c.toolbar);
  const title = (command: (typeof commands)[number]) =>
    command.shortcut ? `${command.title} (${formatShortcut(command.shortcut, props.isMac)})` : command.title;
  const [menuOpen, setMenuOpen] = createSignal(false);
  let menu: HTMLDivElement | undefined;
  let menuButton: HTMLButtonElement | undefined;
  const closeMenu = (focusButton = false) => {
    setMenuOpen(false);
    if (focusButton) menuButton?.focus();
  };
  const fromMenu = (run: () => void) => () => {
    closeMenu(true);
    run();
  };
  onMount(() => {
    const onDown = (e: PointerEvent) => {
      if (menuOpen() && !menu?.contains(e.target as Node) && e.target !== menuButton) closeMenu();
    };
    document.addEventListener('pointerdown', onDown);
    onCleanup(() => document.removeEventListener('pointerdown', onDown));
  });
  const examplesSelect = (testid: string, after?: () => void) => (
    <select
      data-testid={testid}
      aria-label="Load an example"
      value=""
      onChange={(e) => {
        const id = e.currentTarget.value;
        e.currentTarget.value = '';
        if (id) {
          after?.();
          props.onExample(id);
        }
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
  );
  return (
    <>
      <header class="toolbar">
        <h1>Heal Playground</h1>
        <For each={toolbarCommands}>
          {(command) => (
            <button
              type="button"
              data-testid={command.id}
              disabled={!props.enabled(command.id)}
              onClick={() => props.onCommand(command.id)}
              title={title(command)}
              class={`${command.id === 'run' ? 'primary ' : ''}${ALWAYS.includes(command.id) ? 'main-action' : 'wide-only'}`}
            >
              {command.title}
            </button>
          )}
        </For>
        <span class="wide-only">{examplesSelect('examples')}</span>
        <span class="spacer" />
        <button
          type="button"
          class="wide-only"
          data-testid="toggle-theme"
          onClick={() => props.onCommand('toggle-theme')}
          title="Switch between system, light and dark"
        >
          {THEME_LABEL[props.theme]}
        </button>
        <button
          type="button"
          class="wide-only"
          data-testid="palette-button"
          onClick={() => props.onCommand('palette')}
          title="All commands"
          aria-label="All commands"
        >
          ⋯
        </button>
        <div
          class="more-menu narrow-only"
          onKeyDown={(e) => {
            if (e.key === 'Escape' && menuOpen()) {
              e.preventDefault();
              closeMenu(true);
            }
          }}
        >
          <button
            type="button"
            ref={menuButton}
            data-testid="more-menu"
            aria-haspopup="true"
            aria-expanded={menuOpen()}
            aria-controls="more-menu-items"
            onClick={() => setMenuOpen(!menuOpen())}
          >
            More
          </button>
          <Show when={menuOpen()}>
            <div class="menu" id="more-menu-items" ref={menu} role="group" aria-label="More actions">
              <For each={toolbarCommands.filter((c) => !ALWAYS.includes(c.id))}>
                {(command) => (
                  <button
                    type="button"
                    data-testid={`menu-${command.id}`}
                    disabled={!props.enabled(command.id)}
                    onClick={fromMenu(() => props.onCommand(command.id))}
                  >
                    {command.title}
                  </button>
                )}
              </For>
              {examplesSelect('menu-examples', () => closeMenu())}
              <button type="button" data-testid="menu-toggle-theme" onClick={() => props.onCommand('toggle-theme')}>
                {THEME_LABEL[props.theme]}
              </button>
              <button type="button" data-testid="menu-palette" onClick={fromMenu(() => props.onCommand('palette'))}>
                All commands…
              </button>
            </div>
          </Show>
        </div>
      </header>
      <Show when={props.intro}>
        {(intro) => (
          <section class="intro" data-testid="intro" aria-label="What this page does">
            <p>
              {intro().text} Press <strong>Run</strong> to try it.
            </p>
            <button type="button" class="small" data-testid="intro-dismiss" onClick={() => intro().onDismiss()}>
              Got it
            </button>
          </section>
        )}
      </Show>
    </>
  );
}
