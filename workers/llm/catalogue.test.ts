import { describe, expect, it } from 'vitest';
import { prebuiltAppConfig } from '@mlc-ai/web-llm';
import type { AdapterDescription, Capabilities } from '../protocol/llm.ts';
import { adapterProblems, buildCatalogue, defaultModel, formatBytes, isCatalogueRecord, quantizationFor, selectedModel } from './catalogue.ts';

const GiB = 1024 ** 3;
const MiB = 1024 ** 2;
// WebLLM's real prebuilt records: the catalogue must find all four sizes in them.
const records = prebuiltAppConfig.model_list.filter(isCatalogueRecord);

function adapter(over: Partial<Omit<AdapterDescription, 'limits'>> & { limits?: Partial<AdapterDescription['limits']> } = {}): AdapterDescription {
  return {
    vendor: 'nvidia',
    architecture: 'ampere',
    description: '',
    isFallbackAdapter: false,
    features: ['shader-f16'],
    ...over,
    limits: {
      maxBufferSize: 4 * GiB,
      maxStorageBufferBindingSize: 2 * GiB,
      maxComputeWorkgroupStorageSize: 32768,
      maxStorageBuffersPerShaderStage: 10,
      maxComputeInvocationsPerWorkgroup: 1024,
      ...over.limits,
    },
  };
}
const caps = (a: AdapterDescription | undefined, freeGiB = 100, extra: Partial<Capabilities> = {}): Capabilities => ({
  webgpu: !!a,
  adapter: a,
  storage: { quotaBytes: freeGiB * GiB + GiB, usageBytes: GiB },
  crossOriginIsolated: true,
  jspi: true,
  ...extra,
});

describe('model catalogue', () => {
  it('offers q4f16_1 builds of all four sizes when the adapter has shader-f16, and defaults to the largest (7B)', () => {
    const c = caps(adapter());
    const entries = buildCatalogue(records, c);
    expect(entries.map((e) => e.id)).toEqual(['0.5B', '1.5B', '3B', '7B'].map((s) => `Qwen2.5-Coder-${s}-Instruct-q4f16_1-MLC`));
    expect(entries.every((e) => e.problems.length === 0)).toBe(true);
    expect(entries.every((e) => e.vramRequiredMB! > 0 && e.downloadBytes > 0)).toBe(true);
    expect(defaultModel(entries, c)?.size).toBe('7B');
  });

  it('offers q4f32_1 builds without shader-f16', () => {
    const c = caps(adapter({ features: [] }));
    const entries = buildCatalogue(records, c);
    expect(quantizationFor([])).toBe('q4f32_1');
    expect(entries.map((e) => e.quantization)).toEqual(['q4f32_1', 'q4f32_1', 'q4f32_1', 'q4f32_1']);
    expect(defaultModel(entries, c)?.id).toBe('Qwen2.5-Coder-7B-Instruct-q4f32_1-MLC');
    // q4f32 weights are larger than q4f16 ones of the same size.
    expect(entries[3]!.downloadBytes).toBeGreaterThan(buildCatalogue(records, caps(adapter()))[3]!.downloadBytes);
  });

  it('with a 128 MB storage binding only the low-resource builds fit', () => {
    const c = caps(adapter({ features: [], limits: { maxStorageBufferBindingSize: 128 * MiB } }));
    const entries = buildCatalogue(records, c);
    const fitting = entries.filter((e) => e.problems.length === 0).map((e) => e.size);
    expect(fitting).toEqual(entries.filter((e) => e.lowResource).map((e) => e.size));
    expect(fitting).not.toContain('7B');
    expect(entries.find((e) => e.size === '7B')!.problems.join()).toMatch(/1 GB/);
    expect(defaultModel(entries, c)?.size).toBe(fitting[fitting.length - 1]);
  });

  it('limits below what WebLLM needs make every model unfit', () => {
    const limits = adapter({ limits: { maxStorageBuffersPerShaderStage: 8, maxBufferSize: 128 * MiB } }).limits;
    expect(adapterProblems(limits)).toHaveLength(2);
    const c = caps(adapter({ limits }));
    expect(defaultModel(buildCatalogue(records, c), c)).toBeUndefined();
  });

  it('a low storage quota picks the largest model that fits the free space; a cached model needs none', () => {
    const c = caps(adapter({ features: [] }), 1.5);
    const entries = buildCatalogue(records, c);
    const chosen = defaultModel(entries, c)!;
    expect(chosen.downloadBytes).toBeLessThanOrEqual(1.5 * GiB);
    expect(entries.find((e) => e.size === '7B')!.problems.join()).toMatch(/storage/);
    const withCached = buildCatalogue(records, c, ['Qwen2.5-Coder-7B-Instruct-q4f32_1-MLC']);
    expect(defaultModel(withCached, c)?.size).toBe('7B');
  });

  it('device memory below vram_required_MB rules a model out', () => {
    const c = caps(adapter(), 100, { deviceMemoryGB: 4 });
    const entries = buildCatalogue(records, c);
    expect(entries.find((e) => e.size === '7B')!.problems.join()).toMatch(/GPU memory/);
    expect(defaultModel(entries, c)?.size).toBe('3B');
  });

  it('a software adapter (SwiftShader) defaults to the smallest model; no WebGPU: nothing fits', () => {
    const soft = caps(adapter({ vendor: 'google', architecture: 'swiftshader', isFallbackAdapter: true, features: [] }));
    expect(defaultModel(buildCatalogue(records, soft), soft)?.size).toBe('0.5B');
    const none = caps(undefined);
    const entries = buildCatalogue(records, none);
    expect(entries).toHaveLength(4);
    expect(entries.every((e) => e.problems.includes('no WebGPU adapter'))).toBe(true);
    expect(defaultModel(entries, none)).toBeUndefined();
  });

  it("the user's choice overrides the default when it is in the catalogue", () => {
    const c = caps(adapter());
    const entries = buildCatalogue(records, c);
    expect(selectedModel(entries, c, 'Qwen2.5-Coder-1.5B-Instruct-q4f16_1-MLC')?.size).toBe('1.5B');
    expect(selectedModel(entries, c, 'Qwen2.5-Coder-1.5B-Instruct-q4f32_1-MLC')?.size).toBe('7B'); // other build: not offered here
    expect(selectedModel(entries, c, '')?.size).toBe('7B');
  });

  it('formats bytes in powers of 1024', () => {
    expect([0, 1023, 1536, 5 * MiB, 1.5 * GiB, 123 * GiB].map(formatBytes)).toEqual(['0 B', '1023 B', '1.50 KB', '5.00 MB', '1.50 GB', '123 GB']);
  });
});
