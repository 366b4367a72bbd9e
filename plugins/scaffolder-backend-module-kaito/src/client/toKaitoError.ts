import {
  AuthenticationError,
  ConflictError,
  InputError,
  NotAllowedError,
  NotFoundError,
  ResponseError,
} from '@backstage/errors';

const ERROR_BY_STATUS: Record<number, new (message: string) => Error> = {
  400: InputError,
  401: AuthenticationError,
  403: NotAllowedError,
  404: NotFoundError,
  409: ConflictError,
  422: InputError,
};

/**
 * Turns a failed kaito backend response (the generated client's `ResponseError`) into the matching `@backstage/errors`
 * class, carrying the server's own message (it already lists every field
 * error or names the quota), prefixed with what was being done.
 *
 * @internal
 */
export function toKaitoError(responseError: ResponseError, doing: string): Error {
  const serverMessage = responseError.cause?.message || responseError.message;
  const ErrorClass = ERROR_BY_STATUS[responseError.statusCode];
  const error = ErrorClass
    ? new ErrorClass(`${doing}: ${serverMessage}`)
    : new Error(`${doing}: ${serverMessage} (HTTP ${responseError.statusCode})`);
  // Set afterwards: passed to the constructor, @backstage/errors would append "caused by …" to the
  // message the scaffolder shows the user.
  Object.defineProperty(error, 'cause', { value: responseError, enumerable: false });
  return error;
}
