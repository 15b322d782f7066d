// The console of the current run: its output, the error it ended with, and when it started.
import { batch, createSignal } from 'solid-js';
import type { ErrorInfo, OutputChunk } from '../../workers/protocol/runner.ts';
import { appendChunks, appendSystem, emptyConsole, type ConsoleBuffer } from '../state/console-buffer.ts';

export type RunConsole = ReturnType<typeof createRunConsole>;

export function createRunConsole() {
  const [output, setOutput] = createSignal<ConsoleBuffer>(emptyConsole);
  const [error, setError] = createSignal<ErrorInfo>();
  const [startedAt, setStartedAt] = createSignal<number>();
  return {
    output,
    error,
    startedAt,
    /** Empties the console (Clear, or the work it belonged to was replaced). */
    clear(): void {
      batch(() => {
        setOutput(emptyConsole);
        setError(undefined);
      });
    },
    /** A run starts: an empty console and the clock of the status bar. */
    start(at: number): void {
      batch(() => {
        setOutput(emptyConsole);
        setError(undefined);
        setStartedAt(at);
      });
    },
    append(chunks: OutputChunk[], truncated: boolean): void {
      setOutput((o) => appendChunks(o, chunks, truncated));
    },
    /** A line from the playground itself ("Stopped."). */
    system(text: string): void {
      setOutput((o) => appendSystem(o, text));
    },
    setError: (value: ErrorInfo | undefined) => void setError(value),
  };
}
