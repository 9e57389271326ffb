export { ingestBatch, type IngestResult } from './ingest-batch';
export { IngestRejectedError, type IngestProblem } from './errors';
export type { Fact, FactInput } from './facts';
