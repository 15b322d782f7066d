// The structured request each step of the security patch loop sends along with its chat
// messages: engines without a model (the rules engine) read this instead of the prompt.
import type { SecurityFinding } from '../../../workers/protocol/security.ts';

export type SecurityPatchContext =
  | { task: 'explain'; source: string; findings: SecurityFinding[] }
  | { task: 'strategies'; source: string; findings: SecurityFinding[]; explanation: string; count: number }
  | {
      task: 'patch';
      /** The program to change: the original in round 1, the previous candidate in later rounds. */
      source: string;
      original: string;
      /** The findings to remove, located in `source`. */
      findings: SecurityFinding[];
      strategy: string;
      strategyIndex: number;
      /** 1-based refinement round. */
      round: number;
      /** Why the previous candidate was not good enough (Bandit feedback, failing test). */
      feedback?: string;
    };

export interface TestOutcome {
  passed: boolean;
  /** What went wrong, for people and for the next prompt (output diff, exception). */
  detail: string;
}

export type CandidateVerdict = 'accepted' | 'improved' | 'refine' | 'breaks-test' | 'no-program' | 'syntax-error' | 'no-change';

export interface PatchCandidate {
  id: string;
  strategyIndex: number;
  strategy: string;
  round: number;
  /** The whole patched program; absent when the answer had none. */
  source?: string;
  /** Target findings still reported in the candidate. */
  remaining: SecurityFinding[];
  /** New findings the candidate added. */
  introduced: SecurityFinding[];
  /** Clean: no target finding left, nothing new. */
  clean: boolean;
  test: 'passed' | 'failed' | 'not-run';
  testDetail?: string;
  verdict: CandidateVerdict;
  /** Why this verdict, in one sentence. */
  reason: string;
  /** What the answer parser had to repair. */
  salvaged: string[];
}

export type PatchLoopEvent =
  | { type: 'step'; text: string }
  | { type: 'explanation'; text: string }
  | { type: 'strategies'; strategies: string[] }
  | { type: 'candidate'; candidate: PatchCandidate };

export interface PatchLoopResult {
  explanation: string;
  strategies: string[];
  candidates: PatchCandidate[];
  /** The first clean and correct candidate; else the best improving one; else undefined. */
  best?: PatchCandidate;
}
