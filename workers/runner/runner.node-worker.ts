// Node host for the runner (worker_threads): tests, benchmarks and batch tools.
import { createRunnerApi } from './runner-core.ts';
import { exposeToParent, nodePythonHost } from '../shared/host.node.ts';

exposeToParent(createRunnerApi(nodePythonHost('runner')));
