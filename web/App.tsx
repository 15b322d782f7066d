import type { BlockingMode } from '../workers/protocol/runner.ts';
import { Playground } from './components/Playground.tsx';
import { createBrowserRunner } from './runtime/browser-runner.ts';

const BLOCKING_MODES: BlockingMode[] = ['jspi', 'atomics', 'report-only'];

export function App() {
  const params = new URLSearchParams(location.search);
  // Troubleshooting switches: ?snapshot=0 forces a plain Pyodide start,
  // ?blocking=atomics|report-only prefers another way of pausing.
  const blocking = params.get('blocking') as BlockingMode | null;
  const runner = createBrowserRunner({
    useSnapshot: params.get('snapshot') !== '0',
    preferBlocking: blocking && BLOCKING_MODES.includes(blocking) ? blocking : undefined,
  });
  return <Playground runner={runner} />;
}
