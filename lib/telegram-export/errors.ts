import { ApiError, type FieldIssue } from '../api/errors';

/**
 * The file is not a Telegram Desktop export we can read; the message names the file (as
 * the person sent it) and where in it. Nothing of the file was written.
 */
export class ExportFormatError extends ApiError {
  constructor(message: string, fields?: FieldIssue[]) {
    super({ code: 'invalid_export', status: 400, message, fields });
    this.name = 'ExportFormatError';
  }
}
