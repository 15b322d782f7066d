// Heal settings. Always in view: auto-accept ("watch it heal") and a link's recorded heals.
// Behind "Settings" (closed at first, so a newcomer meets no jargon): the engine, its
// endpoint or model, attempts, reuse of accepted fixes and the time limit.
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
      <div class="heal-settings-row">
        <label class="check">
          <input
            type="checkbox"
            data-testid="auto-accept"
            checked={props.settings.autoAccept}
            onChange={(e) => props.onChange({ autoAccept: e.currentTarget.checked })}
          />{' '}
          accept fixes automatically (watch it heal)
        </label>
        <Show when={props.replaying}>
          <span data-testid="replaying">Replaying the recorded heals of the opened link (each one waits for your Accept)</span>
          <button type="button" class="small" onClick={() => props.onStopReplay()}>
            Use the engine instead
          </button>
        </Show>
        <Show when={!props.replaying && props.recordedHeals > 0}>
          <button
            type="button"
            class="small"
            data-testid="run-recorded-heals"
            onClick={() => props.onReplay()}
            title="The link's handling code is in the Heal timeline: read it first"
          >
            Run the recorded heals ({props.recordedHeals})
          </button>
        </Show>
      </div>
      <details class="settings" data-testid="settings">
        <summary>
          Settings <span class="muted">(heal engine, attempts, time limit)</span>
        </summary>
        <div class="settings-grid">
          <Show when={!props.replaying}>
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
            <button type="button" class="small" data-testid="open-model-manager" onClick={() => props.onOpenModelManager?.()}>
              Model manager…
            </button>
          </Show>
          <label>
            Proposals per error (max attempts){' '}
            <input
              type="number"
              data-testid="max-attempts"
              min="1"
              max="10"
              value={props.settings.maxAttempts}
              style={{ width: '3.5em' }}
              onChange={(e) => props.onChange({ maxAttempts: Number(e.currentTarget.value) })}
            />
          </label>
          <label class="check" title="An error inside a loop is healed once, not once per iteration">
            <input
              type="checkbox"
              data-testid="reuse-accepted"
              checked={props.settings.reuseAccepted}
              onChange={(e) => props.onChange({ reuseAccepted: e.currentTarget.checked })}
            />{' '}
            reuse accepted fixes (an error in a loop is healed once)
          </label>
          <label
            class="check"
            title="At each pause, re-run the program with every candidate heal to see where it leads; auto-accept then picks the one whose run prints the expected output (or finishes)"
          >
            <input
              type="checkbox"
              data-testid="look-ahead"
              checked={props.settings.lookAhead}
              onChange={(e) => props.onChange({ lookAhead: e.currentTarget.checked })}
            />{' '}
            look ahead (see where each candidate fix leads before you accept)
          </label>
          <label class="inline-setting">
            Time limit
            <input
              type="number"
              data-testid="time-limit"
              min="0"
              max="600"
              step="1"
              value={props.settings.timeLimitMs / 1000}
              onChange={(e) => props.onChange({ timeLimitMs: Math.max(0, Number(e.currentTarget.value) || 0) * 1000 })}
            />
            s of running time (0 = none; pauses and input waits do not count)
          </label>
        </div>
      </details>
    </section>
  );
}
