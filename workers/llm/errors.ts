// Turns whatever WebLLM, WebGPU, the Cache API or fetch threw into one of a few distinct,
// actionable errors: what happened, what to do, which buttons to offer. Pure; the worker
// adds whether the model host answered a probe (offline vs a broken download).
import type { LlmErrorKind } from '../protocol/llm.ts';

export type LlmAction = 'use-rules' | 'use-endpoint' | 'retry' | 'smaller-model' | 'free-space';

export interface LlmFailure {
  kind: LlmErrorKind;
  title: string;
  /** What to do about it, in a sentence or two. */
  advice: string;
  actions: LlmAction[];
  /** The original message, for the details line. */
  detail: string;
}

export interface ClassifyContext {
  /** Whether the model host answered a probe after the failure (undefined: not probed). */
  hostReachable?: boolean;
  /** navigator.onLine at the time. */
  online?: boolean;
}

const errorName = (error: unknown) => (typeof error === 'object' && error !== null ? String((error as { name?: unknown }).name ?? '') : '');
const errorMessage = (error: unknown) =>
  error instanceof Error || (typeof error === 'object' && error !== null && 'message' in error)
    ? String((error as { message: unknown }).message)
    : String(error);

const NETWORK =
  /failed to fetch|networkerror|network error|load failed|net::err_|err_internet_disconnected|err_name_not_resolved|request failed|cannot fetch|failed to store/i;

export function classifyLlmError(error: unknown, context: ClassifyContext = {}): LlmFailure {
  const name = errorName(error);
  const detail = errorMessage(error);
  const text = `${name}: ${detail}`;
  const failure = (kind: LlmErrorKind, title: string, advice: string, actions: LlmAction[]): LlmFailure => ({ kind, title, advice, actions, detail });

  if (name === 'AbortError' || (/\bcancell?ed\b|aborted/i.test(detail) && !NETWORK.test(detail))) {
    return failure('cancelled', 'Cancelled', 'Nothing was kept of the partial download.', ['retry', 'use-rules']);
  }
  if (
    /WebGPUNotAvailableError|WebGPUNotFoundError/.test(name) ||
    /webgpu is not (supported|available)|navigator\.gpu|no webgpu|unable to find a compatible gpu|cannot find webgpu/i.test(detail)
  ) {
    return failure(
      'no-webgpu',
      'No WebGPU in this browser',
      'Use a recent Chrome or Edge (WebGPU on by default), or Firefox/Safari with WebGPU enabled; on Linux Chrome may need chrome://flags/#enable-unsafe-webgpu. Meanwhile the rules engine or a chat endpoint (e.g. Ollama) works without a GPU.',
      ['use-rules', 'use-endpoint'],
    );
  }
  if (/DeviceLostError/.test(name) || /device (was )?lost|GPUDeviceLost|out of memory|\bOOM\b/i.test(detail)) {
    return failure(
      'device-lost',
      'The GPU gave up (device lost)',
      'This usually means the model needs more GPU memory than is free. Pick a smaller model, close other GPU-heavy tabs, or use the rules engine.',
      ['smaller-model', 'use-rules'],
    );
  }
  if (name === 'QuotaExceededError' || /quota/i.test(detail)) {
    return failure(
      'quota-exceeded',
      'Not enough browser storage for the model',
      'Delete cached models you no longer need, free disk space, or pick a smaller model. The partial download was removed.',
      ['free-space', 'smaller-model', 'use-rules'],
    );
  }
  if (/ShaderF16SupportError|FeatureSupportError/.test(name) || /requires WebGPU extension|exceeds limit/i.test(detail)) {
    return failure(
      'unsupported-model',
      'This GPU cannot run this model build',
      'Pick a model the catalogue marks as fitting (q4f32 builds need no shader-f16), or use the rules engine.',
      ['smaller-model', 'use-rules'],
    );
  }
  if (/EngineNotLoadedError|ModelNotLoadedError|WorkerEngineModelNotLoadedError/.test(name) || /not loaded/i.test(detail)) {
    return failure('not-loaded', 'No model is loaded', 'Open the model manager and load a model, or use the rules engine.', ['retry', 'use-rules']);
  }
  const network = NETWORK.test(text) || (name === 'TypeError' && /fetch/i.test(detail));
  if (network && (context.hostReachable === false || context.online === false)) {
    return failure(
      'offline',
      'The model host is unreachable (offline?)',
      'The model files come from huggingface.co and raw.githubusercontent.com. Check the connection and retry; until then the rules engine works offline.',
      ['retry', 'use-rules', 'use-endpoint'],
    );
  }
  if (network || /HTTP \d{3}|status \d{3}|response was not ok|integrity/i.test(detail)) {
    return failure(
      'download-failed',
      'The model download failed',
      'Retry: the partial download was removed, so the next try starts clean. If it keeps failing, pick another model or use the rules engine.',
      ['retry', 'smaller-model', 'use-rules'],
    );
  }
  return failure('unknown', 'The local model failed', 'Retry, pick another model, or use the rules engine.', ['retry', 'use-rules']);
}

/** Kinds after which a half-downloaded model must not stay in the cache. */
export function removesPartialDownload(kind: LlmErrorKind): boolean {
  return kind === 'cancelled' || kind === 'offline' || kind === 'download-failed' || kind === 'quota-exceeded';
}
