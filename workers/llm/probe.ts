// Capability report for the model manager: WebGPU adapter (vendor, architecture,
// shader-f16, limits), storage quota, cross-origin isolation, JSPI. Runs in the model
// worker (WebGPU and the Storage API are both there); the environment is injectable so
// the report's shape is testable without a GPU.
import type { AdapterDescription, Capabilities } from '../protocol/llm.ts';
import { errorText } from '../shared/async.ts';

interface GpuAdapterLike {
  features: Iterable<string>;
  limits: Record<string, number>;
  info?: { vendor?: string; architecture?: string; description?: string; isFallbackAdapter?: boolean };
  isFallbackAdapter?: boolean;
}

export interface ProbeEnvironment {
  gpu?: { requestAdapter(options?: { powerPreference?: string }): Promise<GpuAdapterLike | null> };
  storage?: { estimate(): Promise<{ quota?: number; usage?: number }> };
  crossOriginIsolated?: boolean;
  jspi?: boolean;
  deviceMemory?: number;
}

export function browserProbeEnvironment(): ProbeEnvironment {
  const nav = (globalThis as unknown as { navigator?: Record<string, unknown> }).navigator ?? {};
  return {
    gpu: nav.gpu as ProbeEnvironment['gpu'],
    storage: nav.storage as ProbeEnvironment['storage'],
    crossOriginIsolated: (globalThis as { crossOriginIsolated?: boolean }).crossOriginIsolated === true,
    jspi: typeof (WebAssembly as unknown as { Suspending?: unknown }).Suspending === 'function',
    deviceMemory: typeof nav.deviceMemory === 'number' ? nav.deviceMemory : undefined,
  };
}

export function describeAdapter(adapter: GpuAdapterLike): AdapterDescription {
  const limit = (name: string) => Number(adapter.limits[name] ?? 0);
  return {
    vendor: adapter.info?.vendor ?? '',
    architecture: adapter.info?.architecture ?? '',
    description: adapter.info?.description ?? '',
    isFallbackAdapter: !!(adapter.info?.isFallbackAdapter ?? adapter.isFallbackAdapter),
    features: [...adapter.features].sort(),
    limits: {
      maxBufferSize: limit('maxBufferSize'),
      maxStorageBufferBindingSize: limit('maxStorageBufferBindingSize'),
      maxComputeWorkgroupStorageSize: limit('maxComputeWorkgroupStorageSize'),
      maxStorageBuffersPerShaderStage: limit('maxStorageBuffersPerShaderStage'),
      maxComputeInvocationsPerWorkgroup: limit('maxComputeInvocationsPerWorkgroup'),
    },
  };
}

export async function probeCapabilities(env: ProbeEnvironment = browserProbeEnvironment()): Promise<Capabilities> {
  const caps: Capabilities = {
    webgpu: false,
    crossOriginIsolated: !!env.crossOriginIsolated,
    jspi: !!env.jspi,
    deviceMemoryGB: env.deviceMemory,
  };
  if (!env.gpu) caps.webgpuProblem = 'navigator.gpu is missing: this browser has no WebGPU, or it is turned off';
  else {
    try {
      const adapter = await env.gpu.requestAdapter({ powerPreference: 'high-performance' });
      if (adapter) {
        caps.webgpu = true;
        caps.adapter = describeAdapter(adapter);
      } else caps.webgpuProblem = 'WebGPU is present but offered no adapter (blocklisted GPU, or no GPU driver)';
    } catch (error) {
      caps.webgpuProblem = `requestAdapter failed: ${errorText(error)}`;
    }
  }
  try {
    const estimate = await env.storage?.estimate();
    if (estimate && typeof estimate.quota === 'number') caps.storage = { quotaBytes: estimate.quota, usageBytes: estimate.usage ?? 0 };
  } catch {
    /* no Storage API: the quota stays unknown */
  }
  return caps;
}
