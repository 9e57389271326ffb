import { ApiError, type FieldIssue } from '../api/errors';

/**
 * A purchase CSV refused whole: its header is not the one the import reads, or its quoting
 * breaks the rows apart. The message names the file as the person sent it; nothing of the
 * file was written.
 */
export class OrdersCsvError extends ApiError {
  constructor(message: string, fields?: FieldIssue[]) {
    super({ code: 'invalid_csv', status: 400, message, fields });
    this.name = 'OrdersCsvError';
  }
}
