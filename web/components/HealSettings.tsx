// Heal settings: engine, auto-accept ("watch it heal"), attempts, reuse; replay state.
import { Show } from 'solid-js';
import type { HealEngineId, Settings } from '../state/settings.ts';

export function HealSettings(props: {
  settings: Settings;
  replaying: boolean;
  /** Heals recorded in the opened link (shown in the timeline; run only on request). */
  recordedHeals: number;
  onChange(patch: Partial<Settings>): void;
  onReplay(): void;
  onStopReplay(): void;
  /** Opens the model manager (WebLLM). */
  onOpenModelManager?(): void;
}) {
  return (
    <section class="heal-settings" aria-label="Heal settings" data-testid="heal-settings">
      <Show
        when={props.replaying}
        fallback={
          <label>
            Heal engine{' '}
            <select
              data-testid="heal-engine"
              value={props.settings.healEngine}
              onChange={(e) => props.onChange({ healEngine: e.currentTarget.value as HealEngineId })}
            >
              <option value="rules">rules (built in, offline)</option>
              <option value="endpoint">chat endpoint (OpenAI-compatible, e.g. Ollama)</option>
              <option value="webllm">local model (WebLLM, WebGPU)</option>
              <option value="off">off (only show the error)</option>
            </select>
          </label>
        }
      >
        <span data-testid="replaying">Replaying the recorded heals of the opened link (each one waits for your Accept)</span>
        <button class="small" onClick={() => props.onStopReplay()}>
          Use the engine instead
        </button>
      </Show>
      <Show when={!props.replaying && props.recordedHeals > 0}>
        <button
          class="small"
          data-testid="run-recorded-heals"
          onClick={() => props.onReplay()}
          title="The link's handling code is in the Heal timeline: read it first"
        >
          Run the recorded heals ({props.recordedHeals})
        </button>
      </Show>
      <Show when={!props.replaying && props.settings.healEngine === 'endpoint'}>
        <label>
          URL{' '}
          <input
            data-testid="endpoint-url"
            value={props.settings.endpointUrl}
            size={28}
            onChange={(e) => props.onChange({ endpointUrl: e.currentTarget.value })}
          />
        </label>
        <label>
          model{' '}
          <input
            data-testid="endpoint-model"
            value={props.settings.endpointModel}
            size={16}
            onChange={(e) => props.onChange({ endpointModel: e.currentTarget.value })}
          />
        </label>
      </Show>
      <Show when={!props.replaying && props.settings.healEngine === 'webllm'}>
        <button class="small" data-testid="open-model-manager" onClick={() => props.onOpenModelManager?.()}>
          Model manager…
        </button>
      </Show>
      <label>
        <input
          type="checkbox"
          data-testid="auto-accept"
          checked={props.settings.autoAccept}
          onChange={(e) => props.onChange({ autoAccept: e.currentTarget.checked })}
        />{' '}
        auto-accept (watch it heal)
      </label>
      <label>
        max attempts{' '}
        <input
          type="number"
          min="1"
          max="10"
          value={props.settings.maxAttempts}
          style={{ width: '3.5em' }}
          onChange={(e) => props.onChange({ maxAttempts: Number(e.currentTarget.value) })}
        />
      </label>
      <label title="An error inside a loop is healed once, not once per iteration">
        <input type="checkbox" checked={props.settings.reuseAccepted} onChange={(e) => props.onChange({ reuseAccepted: e.currentTarget.checked })} /> reuse
        accepted fixes
      </label>
      <label title="At each pause, re-run the program with every candidate heal to see where it leads; auto-accept then picks the one whose run prints the expected output (or finishes)">
        <input
          type="checkbox"
          data-testid="look-ahead"
          checked={props.settings.lookAhead}
          onChange={(e) => props.onChange({ lookAhead: e.currentTarget.checked })}
        />{' '}
        look ahead
      </label>
    </section>
  );
}
