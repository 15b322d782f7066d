// The model manager's state machine with a fake worker client (the real worker needs a
// browser): probe, load with progress, failure, cancel with cleanup, delete.
import { describe, expect, it, vi } from 'vitest';
import { prebuiltAppConfig } from '@mlc-ai/web-llm';
import type { LlmClient } from '../../workers/llm/client.ts';
import type { Capabilities, LoadOutcome, LoadProgress } from '../../workers/protocol/llm.ts';
import { isCatalogueRecord } from '../../workers/llm/catalogue.ts';
import { createModelManager } from './model-manager.ts';

const GiB = 1024 ** 3;
const gpu: Capabilities = {
  webgpu: true,
  crossOriginIsolated: true,
  jspi: true,
  storage: { quotaBytes: 50 * GiB, usageBytes: 0 },
  adapter: {
    vendor: 'nvidia',
    architecture: 'ampere',
    description: '',
    isFallbackAdapter: false,
    features: [],
    limits: {
      maxBufferSize: 2 * GiB,
      maxStorageBufferBindingSize: 2 * GiB,
      maxComputeWorkgroupStorageSize: 32768,
      maxStorageBuffersPerShaderStage: 10,
      maxComputeInvocationsPerWorkgroup: 1024,
    },
  },
};

function fakeClient(caps: Capabilities, load: (id: string, onProgress: (p: LoadProgress) => void) => Promise<LoadOutcome>) {
  const cached = new Set<string>();
  const client = {
    capabilities: async () => caps,
    modelRecords: async () => prebuiltAppConfig.model_list.filter(isCatalogueRecord),
    cachedModels: async () => [...cached],
    deleteModel: vi.fn(async (id: string) => {
      cached.delete(id);
    }),
    load: vi.fn(async (id: string, onProgress: (p: LoadProgress) => void) => {
      const outcome = await load(id, onProgress);
      if (outcome.ok) cached.add(id);
      return outcome;
    }),
    generate: async () => ({ text: 'ok', stats: { promptTokens: 1, completionTokens: 1 } }),
    interrupt: async () => {},
    reset: vi.fn(),
    dispose: () => {},
  };
  return client as typeof client & LlmClient;
}

describe('model manager state', () => {
  it('probes, loads the chosen model with progress, and offers it as an engine', async () => {
    const client = fakeClient(gpu, async (id, onProgress) => {
      onProgress({ phase: 'download', fraction: 0.5, bytes: 100, totalBytes: 200, text: '' });
      return { ok: true, modelId: id, loadMs: 5 };
    });
    const manager = createModelManager(client, () => '');
    await manager.refresh();
    expect(manager.status()).toBe('idle');
    expect(manager.selected()?.id).toBe('Qwen2.5-Coder-7B-Instruct-q4f32_1-MLC');
    expect(manager.engine()).toBeUndefined();
    expect(await manager.load(manager.selected()!.id)).toBe(true);
    expect(manager.status()).toBe('ready');
    expect(manager.progress()?.fraction).toBe(0.5);
    expect(manager.engine()?.id).toBe('webllm:Qwen2.5-Coder-7B-Instruct-q4f32_1-MLC');
    expect(manager.cachedIds()).toEqual(['Qwen2.5-Coder-7B-Instruct-q4f32_1-MLC']);
    // A lost device while generating: the engine is withdrawn and the manager says why.
    client.generate = async () => {
      throw Object.assign(new Error('Device was lost.'), { name: 'DeviceLostError' });
    };
    await expect(manager.engine()!.generate([], {})).rejects.toThrow(/lost/);
    await Promise.resolve();
    expect(manager.failure()?.kind).toBe('device-lost');
    expect(manager.engine()).toBeUndefined();
    await manager.remove('Qwen2.5-Coder-7B-Instruct-q4f32_1-MLC');
    expect(manager.engine()).toBeUndefined();
    expect(manager.cachedIds()).toEqual([]);
  });

  it('a failed load shows the classified failure and no engine', async () => {
    const failure = { kind: 'offline' as const, title: 'offline', advice: '', actions: ['retry'], detail: 'Failed to fetch' };
    const manager = createModelManager(
      fakeClient(gpu, async () => ({ ok: false, failure })),
      () => '',
    );
    await manager.refresh();
    expect(await manager.load('Qwen2.5-Coder-0.5B-Instruct-q4f32_1-MLC')).toBe(false);
    expect(manager.status()).toBe('error');
    expect(manager.failure()?.kind).toBe('offline');
    expect(manager.engine()).toBeUndefined();
  });

  it('cancel resets the worker, deletes the partial download and says "cancelled"', async () => {
    const client = fakeClient(gpu, () => new Promise<LoadOutcome>(() => {}));
    const manager = createModelManager(client, () => '');
    await manager.refresh();
    void manager.load('Qwen2.5-Coder-1.5B-Instruct-q4f32_1-MLC');
    expect(manager.status()).toBe('loading');
    await manager.cancel();
    expect(client.reset).toHaveBeenCalledOnce();
    expect(client.deleteModel).toHaveBeenCalledWith('Qwen2.5-Coder-1.5B-Instruct-q4f32_1-MLC');
    expect(manager.failure()?.kind).toBe('cancelled');
    expect(manager.status()).toBe('error');
  });

  it('without WebGPU the probe itself reports "no WebGPU"; restore loads nothing', async () => {
    const client = fakeClient({ webgpu: false, webgpuProblem: 'navigator.gpu is missing', crossOriginIsolated: false, jspi: false }, async () => {
      throw new Error('no');
    });
    const manager = createModelManager(client, () => '');
    await manager.restore();
    expect(manager.failure()?.kind).toBe('no-webgpu');
    expect(manager.selected()).toBeUndefined();
    expect(client.load).not.toHaveBeenCalled();
  });
});

describe('storage quota before a download', () => {
  it('refuses a model that does not fit the origin quota without starting the download', async () => {
    vi.stubGlobal('navigator', { storage: { estimate: async () => ({ usage: 0, quota: 200 * 1024 ** 2 }) } });
    try {
      const client = fakeClient(gpu, async (id) => ({ ok: true, modelId: id, loadMs: 1 }));
      const manager = createModelManager(client, () => '');
      await manager.refresh();
      expect(await manager.load('Qwen2.5-Coder-0.5B-Instruct-q4f32_1-MLC')).toBe(false);
      expect(manager.failure()?.kind).toBe('quota-exceeded');
      expect(client.load).not.toHaveBeenCalled();
    } finally {
      vi.unstubAllGlobals();
    }
  });

  it('lets the download start when the quota has room', async () => {
    vi.stubGlobal('navigator', { storage: { estimate: async () => ({ usage: 0, quota: 50 * 1024 ** 3 }) } });
    try {
      const client = fakeClient(gpu, async (id) => ({ ok: true, modelId: id, loadMs: 1 }));
      const manager = createModelManager(client, () => '');
      await manager.refresh();
      expect(await manager.load('Qwen2.5-Coder-0.5B-Instruct-q4f32_1-MLC')).toBe(true);
      expect(client.load).toHaveBeenCalledTimes(1);
    } finally {
      vi.unstubAllGlobals();
    }
  });
});
