// The cloze prompt for element infill: the code just before and after the masked element
// (bounded, so small models stay on task), what kind of element it is and why it was
// flagged; the answer lists candidate values in <candidate> tags.
import type { ChatMessage } from '../../../workers/shared/engine.ts';
import type { DnnElement, DnnFinding, MaskedProgram } from '../../../workers/protocol/dnn.ts';

export const MAX_CANDIDATES = 5;
/** Characters of context kept on each side of the mask. */
export const CONTEXT_CHARS = 1200;

const KIND_HINT: Record<DnnElement['kind'], string> = {
  activation: "an activation, e.g. 'relu', 'sigmoid', 'softmax', 'linear'",
  initializer: "a kernel initializer, e.g. 'glorot_uniform', 'he_normal'",
  layer: "a whole Keras layer call, e.g. Dense(64, activation='relu')",
  loss: "a loss, e.g. 'binary_crossentropy', 'categorical_crossentropy', 'mse'",
  optimizer: "an optimizer, e.g. 'adam' or keras.optimizers.SGD(learning_rate=0.01)",
  learning_rate: 'a learning rate (a number such as 0.001)',
  metrics: "a metrics list, e.g. ['accuracy']",
  batch_size: 'a batch size (a positive integer)',
  epochs: 'a number of epochs (a positive integer)',
};

export const INFILL_SYSTEM = [
  'You repair deep-learning programs written with Keras.',
  'One element of the program is replaced by <mask>. Predict what should stand there so that the model trains correctly on its data.',
  `Answer with up to ${MAX_CANDIDATES} different candidates, best first, each as a Python expression on its own line inside <candidate></candidate> tags.`,
  'Write only the expression that replaces <mask> (no keyword name, no surrounding code, no explanation).',
  'Example: for `model.add(Dense(1, activation=<mask>))` in a binary classifier answer',
  "<candidate>'sigmoid'</candidate>",
].join('\n');

export function buildInfillPrompt(masked: MaskedProgram, element: DnnElement, finding?: DnnFinding | null): ChatMessage[] {
  const before = masked.before.slice(-CONTEXT_CHARS);
  const after = masked.after.slice(0, CONTEXT_CHARS);
  const lines = [
    `Masked element: ${KIND_HINT[element.kind]} — ${element.where}.`,
    element.implicit ? 'The program leaves it at its default now.' : `It currently reads: ${element.text}`,
  ];
  if (finding) lines.push(`Why it is suspicious: ${finding.message}`);
  lines.push('', 'Code:', '```python', `${before}<mask>${after}`, '```');
  return [
    { role: 'system', content: INFILL_SYSTEM },
    { role: 'user', content: lines.join('\n') },
  ];
}
