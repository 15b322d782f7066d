// Example programs offered in the UI. The programs are real .py files (editable with
// Python tooling) imported as text through Vite's `?raw`.

import inputDemo from './input_demo.py?raw';
import longLoop from './long_loop.py?raw';
import loopError from './loop_error.py?raw';
import runtimeError from './runtime_error.py?raw';
import kerasSoftmaxBinary from './keras_softmax_binary.py?raw';

export interface Example {
  id: string;
  title: string;
  description: string;
  code: string;
  /** Pre-supplied standard input. */
  stdin: string;
  /** What a correct run prints on stdout; null when there is no single right answer. */
  expectedOutput: string | null;
}

export const examples: readonly Example[] = [
  {
    id: 'loop-error',
    title: 'Error inside a loop',
    description: 'Averages per student divide by zero for a student with no scores; skip it and the loop goes on.',
    code: loopError,
    stdin: '',
    expectedOutput: null,
  },
  {
    id: 'runtime-error',
    title: 'Missing dictionary key',
    description: 'An order total raises KeyError for a product that has no price.',
    code: runtimeError,
    stdin: '',
    expectedOutput: null,
  },
  {
    id: 'input-demo',
    title: 'Reading input',
    description: 'Two input() calls read from Standard input, then ask inline when it runs out.',
    code: inputDemo,
    stdin: 'Ada\n1990\n',
    // The prompts are printed to stdout; pre-supplied input is not echoed (as in a pipe).
    expectedOutput: 'What is your name? What year were you born? Hello, Ada!\nIn 2030 you will be 40 years old.\n',
  },
  {
    id: 'long-loop',
    title: 'Long-running loop',
    description: 'Counts primes with progress output for minutes: try Stop, or watch the time limit end it.',
    code: longLoop,
    stdin: '',
    expectedOutput: null,
  },
  {
    id: 'keras-softmax-binary',
    title: 'Keras: softmax on one unit',
    description: 'A binary classifier whose single output unit uses softmax; the DNN check flags it and Infill proposes sigmoid.',
    code: kerasSoftmaxBinary,
    stdin: '',
    expectedOutput: null,
  },
];

/** Loaded on first visit (no autosave, no permalink): it shows a pause inside a loop. */
export const defaultExample: Example = examples[0]!;

export function findExample(id: string): Example | undefined {
  return examples.find((example) => example.id === id);
}
