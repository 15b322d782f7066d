// Browser host for the model worker: WebLLM's MLCEngine inside our own Comlink worker
// (not WebLLM's WebWorkerMLCEngineHandler) so capability probing, cache bookkeeping and
// error classification happen next to the engine and travel as typed data.
import * as Comlink from 'comlink';
import * as webllm from '@mlc-ai/web-llm';
import { createLlmCore } from './llm-core.ts';

Comlink.expose(createLlmCore({ webllm }));
