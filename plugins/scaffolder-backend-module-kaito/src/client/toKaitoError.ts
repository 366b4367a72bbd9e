import {
  AuthenticationError,
  ConflictError,
  InputError,
  NotAllowedError,
  NotFoundError,
  ResponseError,
} from '@backstage/errors';

/**
 * Turns a failed kaito backend response into the matching `@backstage/errors`
 * class, carrying the server's own message (it already lists every field
 * error or names the quota), prefixed with what was being done.
 *
 * @internal
 */
export async function toKaitoError(response: Response, doing: string): Promise<Error> {
  const responseError = await ResponseError.fromResponse(response);
  const serverMessage = responseError.cause?.message || responseError.message;
  const message = `${doing}: ${serverMessage}`;
  switch (responseError.statusCode) {
    case 400:
    case 422:
      return new InputError(message, responseError);
    case 401:
      return new AuthenticationError(message, responseError);
    case 403:
      return new NotAllowedError(message, responseError);
    case 404:
      return new NotFoundError(message, responseError);
    case 409:
      return new ConflictError(message, responseError);
    default: {
      const error = new Error(`${message} (HTTP ${responseError.statusCode})`);
      error.cause = responseError;
      return error;
    }
  }
}
