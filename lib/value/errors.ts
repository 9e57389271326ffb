/** The data cannot identify a model (too few customers, no repeat occasion, …). */
export class ModelUnavailableError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ModelUnavailableError';
  }
}
