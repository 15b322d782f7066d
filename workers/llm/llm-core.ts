// The model worker's API around WebLLM's MLCEngine (see workers/protocol/llm.ts). WebLLM
// is passed in so this file holds the logic (WebGPU check first, cache cleanup after a
// broken download, error classification, streaming, interrupt) and the worker file only
// wires it up.
import type { ChatCompletionChunk, MLCEngine, AppConfig, InitProgressReport, MLCEngineConfig } from '@mlc-ai/web-llm';
import { LLM_PROTOCOL_VERSION, type GenerateResult, type LlmApi, type LoadOutcome, type ModelRecordLite } from '../protocol/llm.ts';
import { isCatalogueRecord } from './catalogue.ts';
import { classifyLlmError, removesPartialDownload } from './errors.ts';
import { parseInitProgress } from './progress.ts';
import { probeCapabilities, type ProbeEnvironment } from './probe.ts';

export interface WebLlmModule {
  prebuiltAppConfig: AppConfig;
  MLCEngine: new (config?: MLCEngineConfig) => MLCEngine;
  hasModelInCache(modelId: string, appConfig?: AppConfig): Promise<boolean>;
  deleteModelAllInfoInCache(modelId: string, appConfig?: AppConfig): Promise<void>;
}

export interface LlmCoreOptions {
  webllm: WebLlmModule;
  env?: () => ProbeEnvironment;
  /** Serve the model files from another host (a mirror): replaces https://huggingface.co/. */
  modelHost?: string;
  fetch?: typeof fetch;
  /** How long the reachability probe after a network failure waits. */
  probeTimeoutMs?: number;
}

const HF = 'https://huggingface.co/';

export function createLlmCore(options: LlmCoreOptions): LlmApi {
  const { webllm } = options;
  const doFetch = options.fetch ?? ((input: RequestInfo | URL, init?: RequestInit) => fetch(input, init));
  // Only our catalogue's records: smaller config, and the cache helpers find them.
  const configFor = (host: string | undefined): AppConfig => ({
    ...webllm.prebuiltAppConfig,
    model_list: webllm.prebuiltAppConfig.model_list
      .filter(isCatalogueRecord)
      .map((r) => ({ ...r, model: host && r.model.startsWith(HF) ? host.replace(/\/*$/, '/') + r.model.slice(HF.length) : r.model })),
  });
  let appConfig = configFor(options.modelHost);
  let engine: MLCEngine | undefined;
  let loaded: string | null = null;
  let progressSink: ((report: InitProgressReport) => void) | undefined;

  const record = (modelId: string) => appConfig.model_list.find((r) => r.model_id === modelId);

  /** Whether the model host answers at all (any HTTP status counts): offline vs broken download. */
  async function hostReachable(modelUrl: string): Promise<boolean> {
    const controller = new AbortController();
    const timer = setTimeout(() => controller.abort(), options.probeTimeoutMs ?? 5000);
    try {
      await doFetch(`${modelUrl.replace(/\/+$/, '')}/resolve/main/mlc-chat-config.json`, { method: 'HEAD', signal: controller.signal, cache: 'no-store' });
      return true;
    } catch {
      return false;
    } finally {
      clearTimeout(timer);
    }
  }

  function getEngine(): MLCEngine {
    engine ??= new webllm.MLCEngine({ appConfig, logLevel: 'WARN', initProgressCallback: (r) => progressSink?.(r) });
    return engine;
  }

  return {
    async hello(version, helloOptions) {
      if (helloOptions?.modelHost && !engine) appConfig = configFor(helloOptions.modelHost);
      if (version !== LLM_PROTOCOL_VERSION) throw new Error(`Model worker protocol ${LLM_PROTOCOL_VERSION}, page expects ${version}: reload the page.`);
    },
    capabilities: () => probeCapabilities(options.env?.()),
    async modelRecords() {
      return appConfig.model_list.map(
        (r): ModelRecordLite => ({
          model_id: r.model_id,
          model: r.model,
          vram_required_MB: r.vram_required_MB,
          low_resource_required: r.low_resource_required,
          buffer_size_required_bytes: r.buffer_size_required_bytes,
          required_features: r.required_features,
        }),
      );
    },
    async cachedModels() {
      const ids = appConfig.model_list.map((r) => r.model_id);
      const cached = await Promise.all(ids.map((id) => webllm.hasModelInCache(id, appConfig).catch(() => false)));
      return ids.filter((_, i) => cached[i]);
    },
    async deleteModel(modelId) {
      if (loaded === modelId) {
        await engine?.unload();
        loaded = null;
      }
      await webllm.deleteModelAllInfoInCache(modelId, appConfig);
    },
    async load(modelId, onProgress): Promise<LoadOutcome> {
      const started = performance.now();
      const fail = (error: unknown, context = {}): LoadOutcome => ({ ok: false, failure: classifyLlmError(error, context) });
      const rec = record(modelId);
      if (!rec) return fail(new Error(`${modelId} is not in the catalogue`));
      // WebLLM fetches config and wasm before it looks for a GPU: check first, so a
      // browser without WebGPU gets "no WebGPU", not a network error or a wasted download.
      const caps = await probeCapabilities(options.env?.());
      if (!caps.webgpu) {
        const error = new Error(`WebGPU is not available: ${caps.webgpuProblem ?? 'no adapter'}`);
        error.name = 'WebGPUNotAvailableError';
        return fail(error);
      }
      const wasCached = await webllm.hasModelInCache(modelId, appConfig).catch(() => false);
      progressSink = (report) => onProgress(parseInitProgress(report));
      try {
        if (loaded !== modelId) {
          loaded = null;
          await getEngine().reload(modelId);
        }
        loaded = modelId;
        onProgress({ phase: 'ready', fraction: 1, text: 'ready' });
        return { ok: true, modelId, loadMs: performance.now() - started };
      } catch (error) {
        loaded = null;
        const reachable = /fetch|network|store|request failed/i.test(String((error as Error)?.message ?? error)) ? await hostReachable(rec.model) : undefined;
        const outcome = fail(error, { hostReachable: reachable, online: (globalThis.navigator as Navigator | undefined)?.onLine });
        // A half-downloaded model must not look cached next time: remove its entries.
        if (!outcome.ok && !wasCached && removesPartialDownload(outcome.failure.kind)) {
          await webllm.deleteModelAllInfoInCache(modelId, appConfig).catch(() => undefined);
        }
        return outcome;
      } finally {
        progressSink = undefined;
      }
    },
    async loadedModel() {
      return loaded;
    },
    async generate(request, onToken): Promise<GenerateResult> {
      if (!engine || !loaded) {
        const error = new Error('No model is loaded.');
        error.name = 'ModelNotLoadedError';
        throw error;
      }
      const started = performance.now();
      let firstTokenMs: number | undefined;
      const stream = (await engine.chat.completions.create({
        messages: request.messages,
        stream: true,
        stream_options: { include_usage: true },
        temperature: request.temperature,
        max_tokens: request.maxTokens,
        ...(request.stop?.length ? { stop: request.stop } : {}),
      })) as AsyncIterable<ChatCompletionChunk>;
      let text = '';
      let usage: ChatCompletionChunk['usage'];
      for await (const chunk of stream) {
        const delta = chunk.choices[0]?.delta?.content;
        if (delta) {
          firstTokenMs ??= performance.now() - started;
          text += delta;
          onToken(delta);
        }
        if (chunk.usage) usage = chunk.usage;
      }
      const extra = (usage as { extra?: { prefill_tokens_per_s?: number; decode_tokens_per_s?: number; time_to_first_token_s?: number } } | undefined)?.extra;
      return {
        text,
        stats: {
          promptTokens: usage?.prompt_tokens ?? 0,
          completionTokens: usage?.completion_tokens ?? 0,
          prefillTokensPerSecond: extra?.prefill_tokens_per_s,
          decodeTokensPerSecond: extra?.decode_tokens_per_s,
          timeToFirstTokenMs: extra?.time_to_first_token_s !== undefined ? extra.time_to_first_token_s * 1000 : firstTokenMs,
        },
      };
    },
    async interrupt() {
      engine?.interruptGenerate();
    },
    async unload() {
      await engine?.unload();
      loaded = null;
    },
  };
}
