import { ResponseError } from '@backstage/errors';

/**
 * The message to show for an error: the backend's own message for a
 * `ResponseError` (which names the quota, the field or the reason), else the
 * error's message.
 *
 * @internal
 */
export function errorMessage(error: unknown): string {
  if (error instanceof ResponseError) {
    return error.body?.error?.message || error.message;
  }
  return error instanceof Error ? error.message : String(error);
}
