/** A filter names something that does not exist (a tag, a community) or a cursor is garbled. */
export class SegmentFilterError extends Error {
  constructor(
    readonly path: string,
    message: string,
  ) {
    super(`${path} ${message}`);
    this.name = 'SegmentFilterError';
  }
}
