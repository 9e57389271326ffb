export { ingestBatch, type IngestResult } from './ingest-batch';
export { ingestBatches } from './ingest-batches';
export { IngestRejectedError, type IngestProblem } from './errors';
export type { Fact, FactInput } from './facts';
export type { UnstorableRecord } from './storable-facts';
