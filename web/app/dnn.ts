// The DNN panel's Infill action: runs element infill on the current program with the
// chosen model engine (or the built-in Keras rules) and shows the ranked candidates as
// whole-program patches in the patch review (app/patch-review.ts); Accept there applies one.
import type { DnnElement, InfillCandidate } from '../../workers/protocol/dnn.ts';
import { isAbortError } from '../../workers/shared/engine.ts';
import { runInfill, type InfillResult } from '../state/dnn/infill.ts';
import { createDnnRulesEngine } from '../state/dnn/rules-engine.ts';
import type { ChecksDeps } from './checks.ts';
import type { PatchCandidateView, PatchSessionView } from './patch-review.ts';
import { errorText } from '../../workers/shared/async.ts';
import { STOP_FIRST } from '../state/run-state.ts';

const REJECTION_LABEL: Record<NonNullable<InfillCandidate['rejection']>, string> = {
  empty: 'empty',
  syntax: 'not valid Python',
  equivalent: 'same as original',
  shape: 'changes shape',
  duplicate: 'duplicate',
};

export function candidateViews(result: InfillResult): PatchCandidateView[] {
  return result.candidates.map((c, i) => ({
    id: `infill-${i}`,
    title: c.text,
    badges: [
      { label: c.origin === 'rules' ? 'rules' : 'model', tone: 'neutral' as const },
      c.kept
        ? { label: `kept${c.score !== undefined ? ` · ${c.score}` : ''}`, tone: 'ok' as const }
        : { label: REJECTION_LABEL[c.rejection ?? 'empty'], tone: 'bad' as const, title: c.detail },
    ],
    source: c.kept ? c.source : undefined,
    detail: [c.detail, c.standard ? `standard form: ${c.standard}` : ''].filter(Boolean).join(' — '),
    acceptable: c.kept && c.source !== undefined,
  }));
}

/** Opens the review dialog for one element and fills it when the candidates are ranked. */
export async function infillElement(
  deps: Pick<ChecksDeps, 'code' | 'busy' | 'engine' | 'analysis' | 'notify'>,
  element: DnnElement,
  open: (view: PatchSessionView | undefined) => void,
): Promise<void> {
  if (deps.busy()) {
    deps.notify('warning', STOP_FIRST);
    return;
  }
  const original = deps.code();
  const controller = new AbortController();
  const model = deps.engine();
  const engine = model ?? createDnnRulesEngine();
  const title = `Infill: ${element.where}`;
  const log = [`Masked ${element.implicit ? 'the default' : element.text} (${element.kind}, line ${element.span.line}).`];
  let closed = false;
  const view = (patch: Partial<PatchSessionView>): void => {
    if (!closed)
      open({
        title,
        original,
        candidates: [],
        busy: null,
        log: [...log],
        cancel: () => {
          closed = true;
          controller.abort();
          open(undefined);
        },
        ...patch,
      });
  };
  view({ busy: `Asking ${engine.label}…` });
  try {
    const result = await runInfill(
      { python: deps.analysis, engine },
      {
        source: original,
        elementId: element.id,
        expected: element,
        signal: controller.signal,
        onProgress: (text) => view({ busy: text }),
      },
    );
    log.push(
      `${result.generated} candidate(s) from ${engine.label}${model ? ' and the Keras rules' : ''}; ${result.kept} kept after filtering (${result.ms} ms).`,
    );
    if (result.engineError) log.push(`${engine.label} failed (${result.engineError}); showing the Keras rules' candidates.`);
    if (result.finding) log.push(`Flagged: ${result.finding.message}`);
    if (result.kept === 0) log.push("No candidate survived the filters; see each one's reason.");
    view({ candidates: candidateViews(result) });
  } catch (error) {
    if (isAbortError(error) || closed) return;
    log.push(`Infill failed: ${errorText(error)}`);
    view({});
  }
}
