// The model catalogue: Qwen2.5-Coder Instruct 0.5B/1.5B/3B/7B from WebLLM's prebuilt list,
// one quantisation per size chosen for the adapter, with the reasons a model does not fit.
// Pure: the worker passes WebLLM's records and the probed capabilities; tests pass fakes.
import type { AdapterLimits, Capabilities, ModelRecordLite } from '../protocol/llm.ts';

export const MODEL_SIZES = ['0.5B', '1.5B', '3B', '7B'] as const;
export type ModelSize = (typeof MODEL_SIZES)[number];
export type Quantization = 'q4f16_1' | 'q4f32_1';

const MiB = 1024 * 1024;
const GiB = 1024 * MiB;

/** Parameters of each size (the models' cards), for the download-size estimate. */
const PARAMETERS: Record<ModelSize, number> = { '0.5B': 0.49e9, '1.5B': 1.54e9, '3B': 3.09e9, '7B': 7.62e9 };
/** 4-bit weights plus one f16 (or f32) scale per group of 32. */
const BITS_PER_WEIGHT: Record<Quantization, number> = { q4f16_1: 4.5, q4f32_1: 5 };

export function modelId(size: ModelSize, quantization: Quantization): string {
  return `Qwen2.5-Coder-${size}-Instruct-${quantization}-MLC`;
}

/** The records the catalogue can offer (both quantisations of every size). */
export function isCatalogueRecord(record: { model_id: string }): boolean {
  return MODEL_SIZES.some((size) => record.model_id === modelId(size, 'q4f16_1') || record.model_id === modelId(size, 'q4f32_1'));
}

/** `q4f16_1` needs the adapter's shader-f16 feature; `q4f32_1` runs everywhere. */
export function quantizationFor(features: readonly string[]): Quantization {
  return features.includes('shader-f16') ? 'q4f16_1' : 'q4f32_1';
}

export interface CatalogueEntry {
  id: string;
  size: ModelSize;
  quantization: Quantization;
  /** Estimated download size (weights), in bytes. */
  downloadBytes: number;
  vramRequiredMB: number | undefined;
  lowResource: boolean;
  cached: boolean;
  /** Empty when the model fits; otherwise why not (shown next to it, it stays selectable). */
  problems: string[];
}

/** The minimum limits WebLLM's runtime asks for (mirrors its detectGPUDevice). */
export function adapterProblems(limits: AdapterLimits): string[] {
  const problems: string[] = [];
  if (limits.maxBufferSize < 256 * MiB) problems.push(`maxBufferSize ${formatMB(limits.maxBufferSize)} < 256 MB`);
  if (limits.maxStorageBufferBindingSize < 128 * MiB) problems.push(`maxStorageBufferBindingSize ${formatMB(limits.maxStorageBufferBindingSize)} < 128 MB`);
  if (limits.maxComputeWorkgroupStorageSize < 32 * 1024) problems.push(`maxComputeWorkgroupStorageSize ${limits.maxComputeWorkgroupStorageSize} < 32768`);
  if (limits.maxStorageBuffersPerShaderStage < 10) problems.push(`maxStorageBuffersPerShaderStage ${limits.maxStorageBuffersPerShaderStage} < 10`);
  return problems;
}

const formatMB = (bytes: number) => `${Math.round(bytes / MiB)} MB`;

/**
 * One entry per size with the quantisation the adapter supports. A size whose record is
 * missing from WebLLM's list is left out. `cachedIds` marks downloaded models: they need
 * no storage.
 */
export function buildCatalogue(records: readonly ModelRecordLite[], caps: Capabilities, cachedIds: readonly string[] = []): CatalogueEntry[] {
  const features = caps.adapter?.features ?? [];
  const quantization = quantizationFor(features);
  const freeBytes = caps.storage ? Math.max(0, caps.storage.quotaBytes - caps.storage.usageBytes) : undefined;
  const entries: CatalogueEntry[] = [];
  for (const size of MODEL_SIZES) {
    const id = modelId(size, quantization);
    const record = records.find((r) => r.model_id === id);
    if (!record) continue;
    const cached = cachedIds.includes(id);
    const downloadBytes = Math.round((PARAMETERS[size] * BITS_PER_WEIGHT[quantization]) / 8);
    const problems: string[] = [];
    if (!caps.webgpu || !caps.adapter) problems.push('no WebGPU adapter');
    else {
      const limits = caps.adapter.limits;
      problems.push(...adapterProblems(limits));
      for (const feature of record.required_features ?? []) if (!features.includes(feature)) problems.push(`needs the ${feature} feature`);
      // Below 1 GB of binding size WebLLM falls back to 128 MB, which only the low-resource builds handle.
      if (!record.low_resource_required && limits.maxStorageBufferBindingSize < GiB)
        problems.push('needs maxStorageBufferBindingSize ≥ 1 GB (not a low-resource build)');
      if (record.buffer_size_required_bytes !== undefined && record.buffer_size_required_bytes > limits.maxStorageBufferBindingSize) {
        problems.push(`needs buffers of ${formatMB(record.buffer_size_required_bytes)}`);
      }
      // WebGPU does not report GPU memory; device memory is the only hint a page gets.
      if (caps.deviceMemoryGB !== undefined && record.vram_required_MB !== undefined && record.vram_required_MB * MiB > caps.deviceMemoryGB * GiB) {
        problems.push(`needs ${Math.round(record.vram_required_MB)} MB of GPU memory, the device reports ${caps.deviceMemoryGB} GB`);
      }
    }
    if (!cached && freeBytes !== undefined && downloadBytes > freeBytes) {
      problems.push(`needs ≈${formatBytes(downloadBytes)} of storage, ${formatBytes(freeBytes)} free`);
    }
    entries.push({
      id,
      size,
      quantization,
      downloadBytes,
      vramRequiredMB: record.vram_required_MB,
      lowResource: !!record.low_resource_required,
      cached,
      problems,
    });
  }
  return entries;
}

/**
 * The default: the largest model that fits (a cached one counts as fitting storage). On
 * a software adapter (SwiftShader) the smallest that fits: anything larger is unusably slow.
 * Undefined when nothing fits.
 */
export function defaultModel(entries: readonly CatalogueEntry[], caps: Capabilities): CatalogueEntry | undefined {
  const fitting = entries.filter((e) => e.problems.length === 0);
  return caps.adapter?.isFallbackAdapter ? fitting[0] : fitting[fitting.length - 1];
}

/**
 * The user's choice when it is in the catalogue, else the default; when nothing fits but
 * there is an adapter, the smallest model (the user may still try; its problems are shown).
 */
export function selectedModel(entries: readonly CatalogueEntry[], caps: Capabilities, chosen: string): CatalogueEntry | undefined {
  return entries.find((e) => e.id === chosen) ?? defaultModel(entries, caps) ?? (caps.webgpu ? entries[0] : undefined);
}

/** "512 B", "1.5 MB", "4.28 GB" (powers of 1024, like the storage quota). */
export function formatBytes(bytes: number): string {
  if (!Number.isFinite(bytes) || bytes < 0) return '?';
  if (bytes < 1024) return `${Math.round(bytes)} B`;
  const units = ['KB', 'MB', 'GB', 'TB'];
  let value = bytes / 1024;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit++;
  }
  return `${value >= 100 ? value.toFixed(0) : value >= 10 ? value.toFixed(1) : value.toFixed(2)} ${units[unit]}`;
}
