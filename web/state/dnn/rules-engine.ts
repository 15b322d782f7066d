// The built-in infill engine: answers with the candidates the Keras-lite rules derive
// from the data context (computed in Python and carried in the InfillContext), so infill
// works with no model at all.
import { streamText, type Engine } from '../../../workers/shared/engine.ts';
import type { DnnElement, DnnFinding, MaskedProgram } from '../../../workers/protocol/dnn.ts';
import { formatCandidates } from './answer.ts';

export interface InfillContext {
  source: string;
  element: DnnElement;
  masked: MaskedProgram;
  finding?: DnnFinding | null;
  /** The rules' candidates for this element, best first. */
  ruleCandidates: string[];
}

export const DNN_RULES_ENGINE_ID = 'dnn-rules';

export function createDnnRulesEngine(): Engine<InfillContext> {
  return {
    id: DNN_RULES_ENGINE_ID,
    label: 'Keras rules (no model)',
    async generate(_messages, options, context) {
      if (!context) throw new Error('The Keras rules engine needs the infill context.');
      if (context.ruleCandidates.length === 0) throw new Error(`The Keras rules have no candidates for ${context.element.where}.`);
      return streamText(formatCandidates(context.ruleCandidates), options);
    },
  };
}
