// The baseline for workflow benchmarks: a workflow that does nothing.
export async function emptyWorkflow(): Promise<void> {}
