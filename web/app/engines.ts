// The one engine chooser: which engine answers a heal, a security patch, an element infill
// or a permanent repair, from the settings. A model engine (chat endpoint, or the loaded
// local model) answers every task; without one each task uses its built-in rules engine.
import type { Accessor } from 'solid-js';
import type { HealEngine, ModelEngine } from '../../workers/shared/engine.ts';
import { createEndpointEngine } from '../state/heal/endpoint.ts';
import { createReplayEngine, type ReplayRecord } from '../state/heal/replay.ts';
import { createRulesEngine } from '../state/heal/rules.ts';
import type { Settings } from '../state/settings.ts';
import type { ModelManager } from '../llm/model-manager.ts';
import type { Notify } from './notices.ts';

export interface Engines {
  /** The engine for a run's pauses: the replay engine for a link's recorded heals, none when healing is off. */
  heal(replay?: readonly ReplayRecord[]): HealEngine | undefined;
  /** The model engine for patching, infill and repair, or null: the task's own rules engine answers. */
  task(): ModelEngine | null;
  /** Who answers heals, for the review ("the rules engine"). */
  label(replay?: readonly ReplayRecord[]): string;
}

export interface EnginesDeps {
  settings: Accessor<Settings>;
  models: Pick<ModelManager, 'engine' | 'status'>;
  notify: Notify;
  openModelManager(): void;
}

export function createEngines(deps: EnginesDeps): Engines {
  const rules = createRulesEngine();

  /** The loaded local model; without one, say so (once per reason) and let the rules answer. */
  function localModel(): ModelEngine | undefined {
    const engine = deps.models.engine();
    if (!engine) {
      deps.notify(
        'warning',
        deps.models.status() === 'loading'
          ? 'The local model is still loading; the rules engine answers meanwhile.'
          : 'No local model is loaded; the rules engine answers instead.',
        { label: 'Model manager', run: () => deps.openModelManager() },
        { key: 'webllm-missing' },
      );
    }
    return engine;
  }

  /** The model engine the settings choose, or null for the built-in rules (and for "off"). */
  function model(): ModelEngine | null {
    const s = deps.settings();
    if (s.healEngine === 'endpoint') return createEndpointEngine({ url: s.endpointUrl, model: s.endpointModel });
    if (s.healEngine === 'webllm') return localModel() ?? null;
    return null;
  }

  return {
    heal(replay) {
      if (replay) return createReplayEngine(replay);
      if (deps.settings().healEngine === 'off') return undefined;
      return model() ?? rules;
    },
    task: model,
    label(replay) {
      const s = deps.settings();
      if (replay) return 'the recorded heals';
      if (s.healEngine === 'endpoint') return `${s.endpointModel} at ${s.endpointUrl}`;
      const loaded = s.healEngine === 'webllm' ? deps.models.engine() : undefined;
      return loaded ? loaded.label : 'the rules engine';
    },
  };
}
