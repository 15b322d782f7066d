// The model manager dialog: what this browser offers (WebGPU, shader-f16, limits, storage,
// isolation, JSPI), the Qwen2.5-Coder catalogue with sizes and the default marked, a
// download with bytes/ETA and Cancel, cached models with Delete, the error with its
// remedies, and "Use the rules engine" always one click away.
import { For, onCleanup, onMount, Show } from 'solid-js';
import './ModelManager.css';
import type { ModelManager as Manager } from '../llm/model-manager.ts';
import type { Settings } from '../state/settings.ts';
import { defaultModel, formatBytes, type CatalogueEntry } from '../../workers/llm/catalogue.ts';
import { formatProgress } from '../../workers/llm/progress.ts';
import type { LlmAction } from '../../workers/llm/errors.ts';

const yesNo = (v: boolean) => (v ? 'yes' : 'no');

export function ModelManager(props: { manager: Manager; settings: Settings; onSettings(patch: Partial<Settings>): void; onClose(): void }) {
  const m = props.manager;
  let dialog: HTMLDivElement | undefined;
  // Escape closes it even when focus fell back to the page (a button got disabled while loading).
  const onKey = (e: KeyboardEvent) => {
    if (e.key === 'Escape') {
      e.stopPropagation();
      props.onClose();
    }
  };
  onMount(() => {
    dialog?.focus();
    void m.refresh(true);
    document.addEventListener('keydown', onKey);
  });
  onCleanup(() => document.removeEventListener('keydown', onKey));

  const isDefault = (e: CatalogueEntry) => {
    const c = m.caps();
    return !!c && defaultModel(m.catalogue(), c)?.id === e.id;
  };
  const useRules = () => {
    props.onSettings({ healEngine: 'rules' });
    props.onClose();
  };
  const download = async (id: string) => {
    props.onSettings({ webllmModel: id });
    if (await m.load(id)) props.onSettings({ healEngine: 'webllm', webllmModel: id });
  };
  const smaller = () => {
    const list = m.catalogue();
    const at = list.findIndex((e) => e.id === (m.selected()?.id ?? ''));
    const next =
      list
        .slice(0, Math.max(0, at))
        .reverse()
        .find((e) => e.problems.length === 0) ?? list[0];
    if (next) props.onSettings({ webllmModel: next.id });
  };
  const act = (action: LlmAction) => {
    if (action === 'use-rules') useRules();
    else if (action === 'use-endpoint') {
      props.onSettings({ healEngine: 'endpoint' });
      props.onClose();
    } else if (action === 'retry') {
      const s = m.selected();
      if (s) void download(s.id);
    } else if (action === 'smaller-model') smaller();
    else document.querySelector('[data-testid="cached-models"]')?.scrollIntoView();
  };
  const ACTION_LABELS: Record<LlmAction, string> = {
    'use-rules': 'Use the rules engine',
    'use-endpoint': 'Use a chat endpoint',
    retry: 'Retry',
    'smaller-model': 'Pick a smaller model',
    'free-space': 'Show cached models',
  };

  return (
    <div
      class="modal-backdrop"
      onClick={(e) => {
        if (e.target === e.currentTarget) props.onClose();
      }}
    >
      <div class="modal model-manager" role="dialog" aria-modal="true" aria-label="Local model" tabindex="-1" ref={dialog} data-testid="model-manager">
        <header class="mm-header">
          <h2>Local model (WebLLM)</h2>
          <span class="mm-engine" data-testid="mm-engine">
            heal engine: {props.settings.healEngine}
          </span>
          <button class="small" data-testid="use-rules" onClick={useRules}>
            Use the rules engine
          </button>
          <button class="small close" aria-label="Close" onClick={() => props.onClose()}>
            ×
          </button>
        </header>

        <section aria-label="Capabilities" data-testid="capabilities">
          <Show when={m.caps()} fallback={<p class="muted">Checking this browser…</p>}>
            {(caps) => (
              <table class="mm-caps">
                <tbody>
                  <tr>
                    <th>WebGPU</th>
                    <td data-testid="cap-webgpu" data-ok={String(caps().webgpu)}>
                      {yesNo(caps().webgpu)}
                      {caps().webgpuProblem ? ` — ${caps().webgpuProblem}` : ''}
                    </td>
                  </tr>
                  <Show when={caps().adapter}>
                    {(a) => (
                      <>
                        <tr>
                          <th>Adapter</th>
                          <td data-testid="cap-adapter">
                            {[a().vendor || 'unknown vendor', a().architecture, a().description].filter(Boolean).join(' · ')}
                            {a().isFallbackAdapter ? ' (software fallback)' : ''}
                          </td>
                        </tr>
                        <tr>
                          <th>shader-f16</th>
                          <td data-testid="cap-f16">{yesNo(a().features.includes('shader-f16'))}</td>
                        </tr>
                        <tr>
                          <th>Limits</th>
                          <td data-testid="cap-limits">
                            max buffer {formatBytes(a().limits.maxBufferSize)} · storage binding {formatBytes(a().limits.maxStorageBufferBindingSize)} ·
                            workgroup storage {formatBytes(a().limits.maxComputeWorkgroupStorageSize)}
                          </td>
                        </tr>
                      </>
                    )}
                  </Show>
                  <tr>
                    <th>Storage</th>
                    <td data-testid="cap-storage">
                      {caps().storage ? `${formatBytes(caps().storage!.usageBytes)} used of ${formatBytes(caps().storage!.quotaBytes)}` : 'unknown'}
                    </td>
                  </tr>
                  <tr>
                    <th>Cross-origin isolated</th>
                    <td data-testid="cap-isolated">{yesNo(caps().crossOriginIsolated)}</td>
                  </tr>
                  <tr>
                    <th>JSPI</th>
                    <td data-testid="cap-jspi">{yesNo(caps().jspi)}</td>
                  </tr>
                </tbody>
              </table>
            )}
          </Show>
        </section>

        <section aria-label="Models">
          <h3>Qwen2.5-Coder Instruct</h3>
          <div class="mm-catalogue" role="radiogroup" aria-label="Model" data-testid="catalogue">
            <For each={m.catalogue()}>
              {(e) => (
                <label class="mm-model" classList={{ misfit: e.problems.length > 0 }} data-testid="catalogue-entry" data-model={e.id}>
                  <input
                    type="radio"
                    name="webllm-model"
                    checked={m.selected()?.id === e.id}
                    disabled={m.status() === 'loading'}
                    onChange={() => props.onSettings({ webllmModel: e.id })}
                  />
                  <span class="mm-name">
                    {e.size} <code>{e.quantization}</code>
                  </span>
                  <span class="mm-size">
                    ≈{formatBytes(e.downloadBytes)} download · {e.vramRequiredMB !== undefined ? `${Math.round(e.vramRequiredMB)} MB VRAM` : 'VRAM ?'}
                  </span>
                  <Show when={isDefault(e)}>
                    <span class="badge tone-neutral">default</span>
                  </Show>
                  <Show when={e.cached}>
                    <span class="badge tone-ok">cached</span>
                  </Show>
                  <Show when={m.loadedModel() === e.id}>
                    <span class="badge tone-ok" data-testid="loaded-badge">
                      loaded
                    </span>
                  </Show>
                  <Show when={e.problems.length}>
                    <span class="mm-problems">{e.problems.join('; ')}</span>
                  </Show>
                </label>
              )}
            </For>
          </div>
          <div class="mm-actions">
            <button
              data-testid="download-model"
              disabled={!m.selected() || !m.caps()?.webgpu || m.status() === 'loading'}
              onClick={() => {
                const s = m.selected();
                if (s) void download(s.id);
              }}
            >
              {m.selected()?.cached ? 'Load' : 'Download and load'} {m.selected()?.size ?? ''}
            </button>
            <Show when={m.status() === 'loading'}>
              <button data-testid="cancel-download" onClick={() => void m.cancel()}>
                Cancel
              </button>
            </Show>
          </div>
          <Show when={m.status() === 'loading'}>
            <div class="mm-progress" data-testid="download-progress">
              <progress max="1" value={m.progress()?.fraction ?? 0} />
              <span>{m.progress() ? formatProgress(m.progress()!, m.etaSeconds()) : 'Starting…'}</span>
            </div>
          </Show>
          <Show when={m.status() === 'ready' && m.loadedModel()}>
            <p class="mm-ready" data-testid="model-ready">
              {m.loadedModel()} is loaded{props.settings.healEngine === 'webllm' ? ' and heals with it' : ''}.
            </p>
          </Show>
        </section>

        <Show when={m.status() === 'error' && m.failure()}>
          {(f) => (
            <section class="mm-error" role="alert" data-testid="llm-error" data-kind={f().kind}>
              <strong>{f().title}</strong>
              <p>{f().advice}</p>
              <p class="muted mm-detail">{f().detail}</p>
              <div class="mm-actions">
                <For each={f().actions}>
                  {(a) => (
                    <button class="small" data-action={a} onClick={() => act(a)}>
                      {ACTION_LABELS[a]}
                    </button>
                  )}
                </For>
              </div>
            </section>
          )}
        </Show>

        <section aria-label="Cached models" data-testid="cached-models">
          <h3>Cached models</h3>
          <Show when={m.cachedIds().length} fallback={<p class="muted">None downloaded.</p>}>
            <ul>
              <For each={m.cachedIds()}>
                {(id) => (
                  <li>
                    {id}{' '}
                    <button class="small" data-testid="delete-model" onClick={() => void m.remove(id)}>
                      Delete
                    </button>
                  </li>
                )}
              </For>
            </ul>
          </Show>
        </section>
      </div>
    </div>
  );
}
