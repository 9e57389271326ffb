/** The file is not a Telegram Desktop export we can read; the message says where. */
export class ExportFormatError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ExportFormatError';
  }
}
