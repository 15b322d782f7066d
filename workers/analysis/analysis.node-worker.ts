// Node host for the analysis worker (worker_threads): tests, benchmarks and batch tools.
import { createAnalysisApi } from './analysis-core.ts';
import { exposeToParent, nodePythonHost } from '../shared/host.node.ts';

exposeToParent(createAnalysisApi(nodePythonHost('analysis')));
