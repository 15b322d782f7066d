// Settings → Packages: where packages come from (the index, PyPI on confirmation), a warning
// when the page's policy cannot reach a chosen host, and what is cached with sizes and Delete.
import { For, Show, createMemo, onMount } from 'solid-js';
import type { Packages } from '../app/packages.ts';
import type { CachedEntry } from '../state/packages/cache.ts';
import type { Settings } from '../state/settings.ts';
import { formatBytes } from '../state/storage-quota.ts';

function describe(entry: CachedEntry): string {
  const { meta } = entry;
  if (meta.kind === 'file') return `${meta.name} ${meta.version ?? ''}${meta.source === 'pypi' ? ' (PyPI)' : ''}`;
  if (meta.kind === 'lock') return `package list of ${meta.name}`;
  return `PyPI answer for ${meta.name} (your yes to install it)`;
}

export function PackagesPanel(props: { packages: Packages; settings: Settings; onChange(patch: Partial<Settings>): void }) {
  onMount(() => void props.packages.refreshCached());
  const indexProblem = () => props.packages.blocked(props.settings.packageIndexUrl);
  const pypiProblem = () => (props.settings.pypiInstalls ? props.packages.blocked(props.settings.pypiUrl) : null);
  const total = createMemo(() => props.packages.cached().reduce((sum, entry) => sum + entry.meta.size, 0));
  return (
    <details
      class="packages-settings"
      data-testid="packages-settings"
      onToggle={(e) => {
        if (e.currentTarget.open) void props.packages.refreshCached();
      }}
    >
      <summary>Packages</summary>
      <p class="muted">
        A program's imports are loaded before it runs: numpy, pandas, matplotlib and the other packages of the index below, each file checked against the
        index's sha256 and cached for offline use.
      </p>
      <label class="field">
        Package index
        <input
          data-testid="package-index-url"
          value={props.settings.packageIndexUrl}
          placeholder={props.packages.defaults.indexUrl}
          size={44}
          onChange={(e) => props.onChange({ packageIndexUrl: e.currentTarget.value.trim() })}
        />
      </label>
      <Show when={indexProblem()}>
        <p class="field-problem" role="alert" data-testid="package-index-problem">
          {indexProblem()}
        </p>
      </Show>
      <label>
        <input
          type="checkbox"
          data-testid="pypi-installs"
          checked={props.settings.pypiInstalls}
          onChange={(e) => props.onChange({ pypiInstalls: e.currentTarget.checked })}
        />{' '}
        offer pure-Python wheels from PyPI for other imports (asks every time)
      </label>
      <Show when={props.settings.pypiInstalls}>
        <label class="field">
          PyPI JSON API
          <input
            data-testid="pypi-url"
            value={props.settings.pypiUrl}
            placeholder={props.packages.defaults.pypiUrl}
            size={44}
            onChange={(e) => props.onChange({ pypiUrl: e.currentTarget.value.trim() })}
          />
        </label>
        <Show when={pypiProblem()}>
          <p class="field-problem" role="alert">
            {pypiProblem()}
          </p>
        </Show>
      </Show>
      <div class="panel-head">
        <h3>
          Cached{' '}
          <span class="muted" data-testid="packages-cached-total">
            {formatBytes(total())}
          </span>
        </h3>
        <button class="small" data-testid="packages-delete-all" disabled={props.packages.cached().length === 0} onClick={() => void props.packages.removeAll()}>
          Delete all
        </button>
      </div>
      <Show
        when={props.packages.cached().length}
        fallback={
          <p class="muted" data-testid="packages-none">
            Nothing cached yet.
          </p>
        }
      >
        <ul class="package-list" data-testid="packages-cached">
          <For each={props.packages.cached()}>
            {(entry) => (
              <li>
                <span title={entry.url}>{describe(entry)}</span>
                <span class="muted">{formatBytes(entry.meta.size)}</span>
                <button class="small" aria-label={`Delete ${describe(entry)}`} onClick={() => void props.packages.remove(entry)}>
                  Delete
                </button>
              </li>
            )}
          </For>
        </ul>
      </Show>
    </details>
  );
}
