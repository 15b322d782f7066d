import { describe, expect, it } from 'vitest';
import { classifyLlmError, removesPartialDownload } from './errors.ts';

const named = (name: string, message: string) => Object.assign(new Error(message), { name });

describe('classifyLlmError', () => {
  it('no WebGPU: WebLLM errors, the adapter message, a missing navigator.gpu; offers rules and an endpoint', () => {
    for (const error of [
      named('WebGPUNotAvailableError', 'WebGPU is not supported in your current environment'),
      new Error("Unable to find a compatible GPU. This issue might be because your computer doesn't have a GPU"),
      named('WebGPUNotFoundError', 'Cannot find WebGPU in the environment'),
    ]) {
      const f = classifyLlmError(error);
      expect(f.kind).toBe('no-webgpu');
      expect(f.actions).toEqual(['use-rules', 'use-endpoint']);
      expect(f.advice).toMatch(/Chrome|flags/);
    }
  });

  it('device lost offers a smaller model', () => {
    const f = classifyLlmError(named('DeviceLostError', 'The WebGPU device was lost while loading the model.'));
    expect(f.kind).toBe('device-lost');
    expect(f.actions[0]).toBe('smaller-model');
  });

  it('quota exceeded (DOMException name or message)', () => {
    expect(classifyLlmError(named('QuotaExceededError', 'The quota has been exceeded.')).kind).toBe('quota-exceeded');
    expect(classifyLlmError(new Error("Failed to execute 'put' on 'Cache': Quota exceeded.")).kind).toBe('quota-exceeded');
  });

  it('a network failure is "offline" when the host does not answer, a failed download when it does', () => {
    const error = new TypeError('Failed to fetch');
    expect(classifyLlmError(error, { hostReachable: false }).kind).toBe('offline');
    expect(classifyLlmError(error, { online: false }).kind).toBe('offline');
    expect(classifyLlmError(error, { hostReachable: true }).kind).toBe('download-failed');
    expect(classifyLlmError(new Error('Failed to store https://huggingface.co/x with error: Network response was not ok'), { hostReachable: true }).kind).toBe(
      'download-failed',
    );
    expect(classifyLlmError(error, { hostReachable: false }).actions).toContain('retry');
  });

  it('cancel, unsupported build, unknown', () => {
    expect(classifyLlmError(new DOMException('The model worker was reset: download cancelled.', 'AbortError')).kind).toBe('cancelled');
    expect(classifyLlmError(named('ShaderF16SupportError', 'This model requires WebGPU extension shader-f16')).kind).toBe('unsupported-model');
    const f = classifyLlmError('something odd');
    expect(f.kind).toBe('unknown');
    expect(f.detail).toBe('something odd');
  });

  it('only download-type failures remove the partial download', () => {
    expect(['cancelled', 'offline', 'download-failed', 'quota-exceeded'].every((k) => removesPartialDownload(k as never))).toBe(true);
    expect(removesPartialDownload('device-lost')).toBe(false);
    expect(removesPartialDownload('no-webgpu')).toBe(false);
  });
});
