// Browser half of `npm run bench:llm`: the real model worker (WebLLM on WebGPU), driven
// by bench/llm.ts through window.benchLlm: capabilities, load (default model unless one
// is named), and one generation at a time with WebLLM's own prefill/decode statistics.
import { createBrowserLlm } from '../../workers/llm/client.ts';
import { buildCatalogue, selectedModel } from '../../workers/llm/catalogue.ts';
import type { Capabilities, GenerateRequest, GenerateResult, LoadOutcome } from '../../workers/protocol/llm.ts';

const modelHost = new URL(location.href).searchParams.get('modelHost') ?? undefined;
const llm = createBrowserLlm({ modelHost });
const log = (text: string) => {
  document.getElementById('log')!.textContent = text;
};

const benchLlm = {
  capabilities: (): Promise<Capabilities> => llm.capabilities(),
  async load(modelId = ''): Promise<LoadOutcome & { model?: string }> {
    const caps = await llm.capabilities();
    const entries = buildCatalogue(await llm.modelRecords(), caps, await llm.cachedModels());
    const model = selectedModel(entries, caps, modelId)?.id;
    if (!model) return { ok: false, failure: { kind: 'no-webgpu', title: 'no model fits', advice: '', actions: [], detail: caps.webgpuProblem ?? '' } };
    log(`loading ${model}…`);
    const outcome = await llm.load(model, (p) => log(`${model}: ${p.phase} ${Math.round(p.fraction * 100)}%`));
    log(outcome.ok ? `${model} loaded` : `failed: ${outcome.failure.title}`);
    return { ...outcome, model };
  },
  async generate(request: GenerateRequest): Promise<GenerateResult & { wallMs: number }> {
    const started = performance.now();
    const result = await llm.generate(request, () => {});
    return { ...result, wallMs: performance.now() - started };
  },
};

declare global {
  interface Window {
    benchLlm?: typeof benchLlm;
  }
}
window.benchLlm = benchLlm;
log('ready');
