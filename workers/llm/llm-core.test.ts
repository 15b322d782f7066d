// The model worker's logic with WebLLM's real prebuilt records but a fake engine and a
// fake GPU/network: WebGPU is checked before any download, a broken download is removed
// from the cache, offline is told apart from a failed download, tokens stream.
import { describe, expect, it, vi } from 'vitest';
import * as webllm from '@mlc-ai/web-llm';
import { createLlmCore, type WebLlmModule } from './llm-core.ts';
import { probeCapabilities, type ProbeEnvironment } from './probe.ts';
import { LLM_PROTOCOL_VERSION } from '../protocol/llm.ts';

const MODEL = 'Qwen2.5-Coder-0.5B-Instruct-q4f32_1-MLC';

const swiftshader = {
  features: new Set<string>(['float32-filterable']),
  limits: {
    maxBufferSize: 2 ** 31,
    maxStorageBufferBindingSize: 2 ** 27,
    maxComputeWorkgroupStorageSize: 32768,
    maxStorageBuffersPerShaderStage: 10,
    maxComputeInvocationsPerWorkgroup: 256,
  },
  info: { vendor: 'google', architecture: 'swiftshader', description: 'SwiftShader Device (Subzero)', isFallbackAdapter: true },
};
const gpuEnv = (adapter: unknown = swiftshader): ProbeEnvironment => ({
  gpu: { requestAdapter: async () => adapter as never },
  storage: { estimate: async () => ({ quota: 10 * 2 ** 30, usage: 2 ** 20 }) },
  crossOriginIsolated: true,
  jspi: false,
});

function fakeWebLlm(reload: (id: string, progress: (r: webllm.InitProgressReport) => void) => Promise<void>, cached = new Set<string>()) {
  const deleted: string[] = [];
  let created = 0;
  class FakeEngine {
    progress: (r: webllm.InitProgressReport) => void;
    constructor(config: webllm.MLCEngineConfig) {
      created++;
      this.progress = config.initProgressCallback!;
    }
    reload(id: string) {
      return reload(id, this.progress);
    }
    async unload() {}
    interruptGenerate = vi.fn();
    chat = {
      completions: {
        create: async () =>
          (async function* () {
            yield { choices: [{ delta: { content: '<code>\n' } }] };
            yield { choices: [{ delta: { content: 'x = 1\n' } }] };
            yield {
              choices: [],
              usage: { prompt_tokens: 40, completion_tokens: 6, extra: { prefill_tokens_per_s: 400, decode_tokens_per_s: 20, time_to_first_token_s: 0.1 } },
            };
          })(),
      },
    };
  }
  const module: WebLlmModule = {
    prebuiltAppConfig: webllm.prebuiltAppConfig,
    MLCEngine: FakeEngine as never,
    hasModelInCache: async (id) => cached.has(id),
    deleteModelAllInfoInCache: async (id) => {
      deleted.push(id);
      cached.delete(id);
    },
  };
  return { module, deleted, created: () => created };
}

describe('model worker core', () => {
  it('probes the adapter: vendor, architecture, no shader-f16, limits, quota', async () => {
    const caps = await probeCapabilities(gpuEnv());
    expect(caps).toMatchObject({ webgpu: true, crossOriginIsolated: true, storage: { quotaBytes: 10 * 2 ** 30 } });
    expect(caps.adapter).toMatchObject({ vendor: 'google', architecture: 'swiftshader', isFallbackAdapter: true, features: ['float32-filterable'] });
    expect(caps.adapter!.limits.maxStorageBufferBindingSize).toBe(2 ** 27);
    const none = await probeCapabilities({ crossOriginIsolated: false });
    expect(none.webgpu).toBe(false);
    expect(none.webgpuProblem).toMatch(/navigator\.gpu/);
    expect((await probeCapabilities({ gpu: { requestAdapter: async () => null } })).webgpuProblem).toMatch(/no adapter/);
  });

  it('lists only the Qwen2.5-Coder records and checks the protocol version', async () => {
    const core = createLlmCore({ webllm: fakeWebLlm(async () => {}).module, env: gpuEnv });
    const ids = (await core.modelRecords()).map((r) => r.model_id);
    expect(ids).toHaveLength(8);
    expect(ids.every((id) => id.startsWith('Qwen2.5-Coder-'))).toBe(true);
    await expect(core.hello(LLM_PROTOCOL_VERSION)).resolves.toBeUndefined();
    await expect(core.hello(LLM_PROTOCOL_VERSION + 1)).rejects.toThrow(/reload the page/);
  });

  it('without WebGPU, load fails with "no WebGPU" before anything is fetched', async () => {
    const fake = fakeWebLlm(async () => {
      throw new Error('must not be called');
    });
    const core = createLlmCore({ webllm: fake.module, env: () => ({ crossOriginIsolated: false }) });
    const outcome = await core.load(MODEL, () => {});
    expect(outcome).toMatchObject({ ok: false, failure: { kind: 'no-webgpu' } });
    expect(fake.created()).toBe(0);
  });

  it('offline: the host probe fails, the failure says offline, the partial download is deleted', async () => {
    const fake = fakeWebLlm(async (_id, progress) => {
      progress({ progress: 0.1, timeElapsed: 1, text: 'Fetching param cache[1/10]: 10MB fetched. 10% completed, 1 secs elapsed.' });
      throw new TypeError('Failed to fetch');
    });
    const probes: string[] = [];
    const core = createLlmCore({
      webllm: fake.module,
      env: gpuEnv,
      fetch: (async (url: string) => {
        probes.push(url);
        throw new TypeError('Failed to fetch');
      }) as never,
    });
    const seen: string[] = [];
    const outcome = await core.load(MODEL, (p) => seen.push(p.phase));
    expect(outcome).toMatchObject({ ok: false, failure: { kind: 'offline' } });
    expect(seen).toEqual(['download']);
    expect(probes[0]).toBe(`https://huggingface.co/mlc-ai/${MODEL}/resolve/main/mlc-chat-config.json`);
    expect(fake.deleted).toEqual([MODEL]);
  });

  it('a host that answers makes it a failed download; a model cached before is not deleted', async () => {
    const fake = fakeWebLlm(
      async () => {
        throw new TypeError('Failed to fetch');
      },
      new Set([MODEL]),
    );
    const core = createLlmCore({ webllm: fake.module, env: gpuEnv, fetch: (async () => new Response(null, { status: 200 })) as never });
    expect(await core.load(MODEL, () => {})).toMatchObject({ ok: false, failure: { kind: 'download-failed' } });
    expect(fake.deleted).toEqual([]);
  });

  it('a mirror host replaces huggingface.co in the records', async () => {
    const core = createLlmCore({ webllm: fakeWebLlm(async () => {}).module, env: gpuEnv });
    await core.hello(LLM_PROTOCOL_VERSION, { modelHost: 'http://127.0.0.1:9000/hf' });
    expect((await core.modelRecords())[0]!.model).toMatch(/^http:\/\/127\.0\.0\.1:9000\/hf\/mlc-ai\/Qwen2\.5-Coder-/);
  });

  it('loads, streams tokens with statistics, and refuses to generate without a model', async () => {
    const fake = fakeWebLlm(async () => {});
    const core = createLlmCore({ webllm: fake.module, env: gpuEnv });
    await expect(core.generate({ messages: [{ role: 'user', content: 'hi' }] }, () => {})).rejects.toThrow(/No model is loaded/);
    expect(await core.load(MODEL, () => {})).toMatchObject({ ok: true, modelId: MODEL });
    expect(await core.loadedModel()).toBe(MODEL);
    const tokens: string[] = [];
    const result = await core.generate({ messages: [{ role: 'user', content: 'hi' }], stop: ['</code>'] }, (t) => tokens.push(t));
    expect(tokens).toEqual(['<code>\n', 'x = 1\n']);
    expect(result).toEqual({
      text: '<code>\nx = 1\n',
      stats: { promptTokens: 40, completionTokens: 6, prefillTokensPerSecond: 400, decodeTokensPerSecond: 20, timeToFirstTokenMs: 100 },
    });
  });
});
