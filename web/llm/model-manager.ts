// The model manager's state: capabilities, catalogue, cached models, one load at a time
// with progress/ETA, cancel, delete, and the loaded model as a ModelEngine. The view
// (components/ModelManager.tsx) only renders this and calls its actions.
import { checkQuota } from '../state/storage-quota.ts';
import { batch, createSignal, type Accessor } from 'solid-js';
import type { Capabilities, LoadProgress, ModelRecordLite } from '../../workers/protocol/llm.ts';
import type { LlmClient } from '../../workers/llm/client.ts';
import { createWebLlmEngine, type WebLlmEngine } from '../../workers/llm/engine.ts';
import { buildCatalogue, selectedModel, type CatalogueEntry } from '../../workers/llm/catalogue.ts';
import { classifyLlmError, type LlmFailure } from '../../workers/llm/errors.ts';
import { createEtaTracker } from '../../workers/llm/progress.ts';

export type ManagerStatus = 'idle' | 'probing' | 'loading' | 'ready' | 'error';

export interface ModelManager {
  status: Accessor<ManagerStatus>;
  caps: Accessor<Capabilities | undefined>;
  catalogue: Accessor<CatalogueEntry[]>;
  /** Every catalogue model (either quantisation) in the browser cache. */
  cachedIds: Accessor<string[]>;
  /** The user's choice if in the catalogue, else the largest model that fits. */
  selected: Accessor<CatalogueEntry | undefined>;
  progress: Accessor<LoadProgress | undefined>;
  etaSeconds: Accessor<number | undefined>;
  failure: Accessor<LlmFailure | undefined>;
  /** The model loading or loaded. */
  activeModel: Accessor<string | undefined>;
  loadedModel: Accessor<string | undefined>;
  /** Probes capabilities and the cache (once, or again with force). */
  refresh(force?: boolean): Promise<void>;
  load(modelId: string): Promise<boolean>;
  cancel(): Promise<void>;
  remove(modelId: string): Promise<void>;
  /** Loads the chosen model if it is already cached (no surprise downloads). */
  restore(): Promise<void>;
  /** The loaded model as an engine, or undefined. */
  engine(): WebLlmEngine | undefined;
}

export function createModelManager(client: LlmClient, chosenModel: () => string): ModelManager {
  const [status, setStatus] = createSignal<ManagerStatus>('idle');
  const [caps, setCaps] = createSignal<Capabilities>();
  const [records, setRecords] = createSignal<ModelRecordLite[]>([]);
  const [cached, setCached] = createSignal<string[]>([]);
  const [progress, setProgress] = createSignal<LoadProgress>();
  const [etaSeconds, setEta] = createSignal<number>();
  const [failure, setFailure] = createSignal<LlmFailure>();
  const [activeModel, setActive] = createSignal<string>();
  const [loadedModel, setLoaded] = createSignal<string>();
  let engine: WebLlmEngine | undefined;
  let probed: Promise<void> | undefined;
  let loadToken = 0;

  const catalogue = () => {
    const c = caps();
    return c ? buildCatalogue(records(), c, cached()) : [];
  };
  const selected = () => {
    const c = caps();
    return c ? selectedModel(catalogue(), c, chosenModel()) : undefined;
  };

  async function probe(): Promise<void> {
    if (status() === 'idle') setStatus('probing');
    try {
      const [c, r, ids] = await Promise.all([client.capabilities(), client.modelRecords(), client.cachedModels()]);
      batch(() => {
        setCaps(c);
        setRecords(r);
        setCached(ids);
        if (status() === 'loading') return;
        if (!c.webgpu) {
          // Say it up front: nothing can be loaded here.
          setFailure(
            classifyLlmError(Object.assign(new Error(`WebGPU is not available: ${c.webgpuProblem ?? 'no adapter'}`), { name: 'WebGPUNotAvailableError' })),
          );
          setStatus('error');
        } else if (status() === 'probing') setStatus(loadedModel() ? 'ready' : 'idle');
      });
    } catch (error) {
      batch(() => {
        setFailure(classifyLlmError(error));
        setStatus('error');
      });
      probed = undefined;
    }
  }

  async function refresh(force = false): Promise<void> {
    if (!probed || force) probed = probe();
    return probed;
  }

  async function load(modelId: string): Promise<boolean> {
    const token = ++loadToken;
    const eta = createEtaTracker();
    engine = undefined;
    batch(() => {
      setStatus('loading');
      setFailure(undefined);
      setProgress(undefined);
      setEta(undefined);
      setActive(modelId);
      setLoaded(undefined);
    });
    let outcome;
    try {
      // Refuse up front when the weights cannot fit: a download that dies at 90 % wastes minutes.
      const entry = catalogue().find((e) => e.id === modelId);
      const quota = entry && !entry.cached ? await checkQuota(entry.downloadBytes, undefined, { what: `the model ${modelId}` }) : undefined;
      if (quota && !quota.ok) throw new DOMException(quota.message, 'QuotaExceededError');
      if (token !== loadToken) return false;
      outcome = await client.load(modelId, (p) => {
        if (token !== loadToken) return;
        batch(() => {
          setProgress(p);
          setEta(eta.update(p, performance.now()));
        });
      });
    } catch (error) {
      outcome = { ok: false as const, failure: classifyLlmError(error) };
    }
    if (token !== loadToken) return false; // cancelled meanwhile
    if (outcome.ok) {
      engine = createWebLlmEngine(client, modelId, (error) => {
        // A lost GPU device leaves WebLLM unloaded: stop offering the engine, say what to do.
        const failed = classifyLlmError(error);
        if (failed.kind !== 'device-lost' && failed.kind !== 'not-loaded') return;
        engine = undefined;
        batch(() => {
          setLoaded(undefined);
          setActive(undefined);
          setFailure(failed);
          setStatus('error');
        });
      });
      batch(() => {
        setLoaded(modelId);
        setStatus('ready');
      });
    } else {
      batch(() => {
        setFailure(outcome.failure as LlmFailure);
        setStatus('error');
        setActive(undefined);
      });
    }
    await refresh(true);
    return outcome.ok;
  }

  async function cancel(): Promise<void> {
    const modelId = activeModel();
    if (status() !== 'loading' || !modelId) return;
    const wasCached = cached().includes(modelId);
    loadToken++;
    // Terminating the worker stops every fetch at once; then remove what it left behind.
    client.reset('download cancelled');
    batch(() => {
      setFailure(classifyLlmError(new DOMException('Download cancelled.', 'AbortError')));
      setStatus('error');
      setActive(undefined);
      setProgress(undefined);
      setEta(undefined);
    });
    if (!wasCached) await client.deleteModel(modelId).catch(() => undefined);
    await refresh(true);
  }

  async function remove(modelId: string): Promise<void> {
    if (loadedModel() === modelId) {
      engine = undefined;
      batch(() => {
        setLoaded(undefined);
        setActive(undefined);
        setStatus('idle');
      });
    }
    try {
      await client.deleteModel(modelId);
    } catch (error) {
      setFailure(classifyLlmError(error));
    }
    await refresh(true);
  }

  async function restore(): Promise<void> {
    await refresh();
    const entry = selected();
    if (entry?.cached && entry.problems.length === 0 && status() !== 'loading' && !loadedModel()) await load(entry.id);
  }

  return {
    status,
    caps,
    catalogue,
    cachedIds: cached,
    selected,
    progress,
    etaSeconds,
    failure,
    activeModel,
    loadedModel,
    refresh,
    load,
    cancel,
    remove,
    restore,
    engine: () => engine,
  };
}
