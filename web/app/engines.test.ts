import { describe, expect, it } from 'vitest';
import { createSignal } from 'solid-js';
import { normalizeSettings, type HealEngineId } from '../state/settings.ts';
import { createEngines } from './engines.ts';

// Retry's reason box is shown only where the engine reads the reason.
describe('engines.usesReason', () => {
  const chooser = (engine: HealEngineId, loaded: boolean) => {
    const [settings] = createSignal(normalizeSettings({ healEngine: engine }));
    const model = { label: 'a model' } as unknown;
    return createEngines({
      settings,
      models: { engine: () => (loaded ? model : undefined), status: () => (loaded ? 'ready' : 'idle') } as never,
      notify: () => 0,
      openModelManager: () => {},
    });
  };

  it('only a chat endpoint or a loaded local model read a reason', () => {
    expect(chooser('rules', false).usesReason()).toBe(false);
    expect(chooser('off', false).usesReason()).toBe(false);
    expect(chooser('endpoint', false).usesReason()).toBe(true);
    expect(chooser('webllm', true).usesReason()).toBe(true);
    // No model loaded: the rules engine answers instead, and ignores reasons.
    expect(chooser('webllm', false).usesReason()).toBe(false);
  });

  it("a link's recorded heals never read one", () => {
    expect(chooser('endpoint', false).usesReason([])).toBe(false);
  });
});
