// Bundle entry of the baseline workflows the benchmarks compare against.
export { emptyWorkflow } from './empty.workflow';
export { bareUpdateWorkflow } from './update.workflow';
