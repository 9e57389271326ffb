import { ApiError } from '../api/errors';

/**
 * A filter names something that does not exist: a tag, a community. A 400 naming the field
 * where the request carried it (`query.tag`, `body.query.community`), with the unknown
 * values, so the browser can say which in the reader's language.
 */
export class SegmentFilterError extends ApiError {
  readonly path: string;
  constructor(path: string, code: 'unknown_tag' | 'unknown_community', values: unknown[]) {
    const detail =
      code === 'unknown_tag'
        ? `has no tag named ${values.map((v) => `"${String(v)}"`).join(', ')}`
        : `names community ${values.join(', ')}, which does not exist`;
    super({
      code: 'invalid',
      message: `Invalid filters: ${path} ${detail}`,
      fields: [{ path, code, message: detail, values }],
    });
    this.name = 'SegmentFilterError';
    this.path = path;
  }
}
