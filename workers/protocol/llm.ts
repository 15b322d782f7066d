// Messages between the page and the model worker (workers/llm): WebLLM's MLCEngine runs
// inside our own Comlink worker, so capability probing, cache bookkeeping, download
// progress and generation share one typed API and the page never imports WebLLM itself.
// Bump LLM_PROTOCOL_VERSION on any incompatible change; hello() checks it.
import type { ChatMessage } from '../shared/engine.ts';

export const LLM_PROTOCOL_VERSION = 1;

/** What WebGPU and the browser offer, as probed in the worker (or faked in tests). */
export interface Capabilities {
  webgpu: boolean;
  /** Why there is no adapter (no navigator.gpu, requestAdapter returned null or threw). */
  webgpuProblem?: string;
  adapter?: AdapterDescription;
  storage?: { quotaBytes: number; usageBytes: number };
  crossOriginIsolated: boolean;
  /** WebAssembly JS Promise Integration (WebAssembly.Suspending). */
  jspi: boolean;
  /** navigator.deviceMemory in GB (Chromium caps it at 8), when the browser says. */
  deviceMemoryGB?: number;
}

export interface AdapterDescription {
  vendor: string;
  architecture: string;
  description: string;
  /** A software adapter (SwiftShader): usable, but slow. */
  isFallbackAdapter: boolean;
  features: string[];
  limits: AdapterLimits;
}

/** The WebGPU limits WebLLM's runtime checks before creating a device. */
export interface AdapterLimits {
  maxBufferSize: number;
  maxStorageBufferBindingSize: number;
  maxComputeWorkgroupStorageSize: number;
  maxStorageBuffersPerShaderStage: number;
  maxComputeInvocationsPerWorkgroup: number;
}

/** One prebuilt model record as WebLLM describes it (the fields we use). */
export interface ModelRecordLite {
  model_id: string;
  model: string;
  vram_required_MB?: number;
  low_resource_required?: boolean;
  buffer_size_required_bytes?: number;
  required_features?: string[];
}

export type LoadPhase = 'prepare' | 'download' | 'load' | 'ready';

/** One progress report during load(), parsed from WebLLM's InitProgressReport. */
export interface LoadProgress {
  phase: LoadPhase;
  /** 0..1 of the current phase. */
  fraction: number;
  /** Bytes of weights fetched / loaded so far and in all (download and load phases). */
  bytes?: number;
  totalBytes?: number;
  /** WebLLM's own text. */
  text: string;
}

export type LlmErrorKind =
  | 'no-webgpu'
  | 'device-lost'
  | 'quota-exceeded'
  | 'offline'
  | 'download-failed'
  | 'unsupported-model'
  | 'cancelled'
  | 'not-loaded'
  | 'unknown';

/** Mirrors workers/llm/errors.ts LlmFailure (kept structural: the protocol imports no worker code). */
export interface LlmFailureInfo {
  kind: LlmErrorKind;
  title: string;
  advice: string;
  actions: string[];
  detail: string;
}

export type LoadOutcome = { ok: true; modelId: string; loadMs: number } | { ok: false; failure: LlmFailureInfo };

export interface GenerateRequest {
  messages: ChatMessage[];
  temperature?: number;
  maxTokens?: number;
  stop?: string[];
}

export interface GenerateStats {
  promptTokens: number;
  completionTokens: number;
  /** Tokens per second, from WebLLM's usage.extra when present. */
  prefillTokensPerSecond?: number;
  decodeTokensPerSecond?: number;
  timeToFirstTokenMs?: number;
}

export interface GenerateResult {
  text: string;
  stats: GenerateStats;
}

/** What the model worker exposes (Comlink). Callbacks arrive as Comlink proxies. */
export interface LlmApi {
  /** Checks the protocol version; `modelHost` serves the model files from a mirror of huggingface.co. */
  hello(protocolVersion: number, options?: { modelHost?: string }): Promise<void>;
  capabilities(): Promise<Capabilities>;
  /** The Qwen2.5-Coder records of WebLLM's prebuilt list. */
  modelRecords(): Promise<ModelRecordLite[]>;
  /** Ids of those records whose weights are in the browser cache. */
  cachedModels(): Promise<string[]>;
  deleteModel(modelId: string): Promise<void>;
  /**
   * Downloads (if needed) and loads the model. Failures resolve as a classified
   * LlmFailure (Comlink would keep only an Error's name and message); a download that
   * failed or was cancelled has had its cache entries deleted.
   */
  load(modelId: string, onProgress: (progress: LoadProgress) => void): Promise<LoadOutcome>;
  loadedModel(): Promise<string | null>;
  generate(request: GenerateRequest, onToken: (text: string) => void): Promise<GenerateResult>;
  /** Stops the running generate(); it resolves with what was produced so far. */
  interrupt(): Promise<void>;
  unload(): Promise<void>;
}
