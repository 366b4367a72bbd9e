import { z } from 'zod';
import { Issue, formatIssuePath } from '../schema/issue';
import { InputLimits } from './inputLimits';

/** Longest `stop` sequence and most of them, as OpenAI's API allows. */
const MAX_STOP_SEQUENCES = 4;
const MAX_STOP_LENGTH = 256;

const tokenLimit = z.number().int('must be a whole number of tokens').min(1, 'must be at least 1');

/**
 * The OpenAI chat-completion fields the chat proxy forwards, and nothing
 * else. Unknown fields are refused rather than dropped, so a client never
 * believes a setting took effect when it did not; fields that change how
 * much the model server generates (`best_of`, `ignore_eos`, `logit_bias`,
 * `n` other than 1) are among the unknown.
 *
 * @public
 */
export const chatCompletionRequestSchema = z
  .object({
    model: z.string().min(1).max(253).optional(),
    messages: z
      .array(
        z
          .object({
            role: z.enum(['system', 'developer', 'user', 'assistant']),
            content: z.string().max(InputLimits.chatContent),
            name: z.string().max(64).optional(),
          })
          .strict(),
      )
      .min(1, 'needs at least one message: [{ "role": "user", "content": "..." }]')
      .max(InputLimits.chatMessages),
    stream: z.boolean().optional(),
    stream_options: z.object({ include_usage: z.boolean().optional() }).strict().optional(),
    max_tokens: tokenLimit.optional(),
    max_completion_tokens: tokenLimit.optional(),
    temperature: z.number().min(0).max(2).optional(),
    top_p: z.number().gt(0).max(1).optional(),
    stop: z
      .union([z.string().max(MAX_STOP_LENGTH), z.array(z.string().max(MAX_STOP_LENGTH)).max(MAX_STOP_SEQUENCES)])
      .optional(),
    presence_penalty: z.number().min(-2).max(2).optional(),
    frequency_penalty: z.number().min(-2).max(2).optional(),
    seed: z.number().int().min(Number.MIN_SAFE_INTEGER).max(Number.MAX_SAFE_INTEGER).optional(),
    n: z.literal(1, { error: 'only n = 1 is supported: one completion per request' }).optional(),
  })
  .strict();

/** A chat request as the proxy forwards it. @public */
export type ChatCompletionRequest = z.infer<typeof chatCompletionRequestSchema>;

/** The fields {@link chatCompletionRequestSchema} accepts, for error messages and docs. @public */
export const SUPPORTED_CHAT_FIELDS: readonly string[] = Object.keys(chatCompletionRequestSchema.shape);

function toIssues(error: z.ZodError): Issue[] {
  return error.issues.map(issue => ({
    path: formatIssuePath(issue.path) || '(body)',
    message:
      issue.code === 'unrecognized_keys'
        ? `${issue.keys.join(', ')} ${issue.keys.length === 1 ? 'is' : 'are'} not supported; the supported fields are: ${
            issue.path.length ? Object.keys(chatCompletionRequestSchema.shape.messages.element.shape).join(', ') : SUPPORTED_CHAT_FIELDS.join(', ')
          }`
        : issue.message,
    severity: 'error' as const,
  }));
}

/**
 * Checks a chat-completion request against {@link chatCompletionRequestSchema}
 * and clamps both token limits to `maxTokens`: `max_tokens` is always set,
 * `max_completion_tokens` only when the caller sent it, and both then carry
 * the smaller of what was asked and the limit.
 *
 * @public
 */
export function parseChatCompletionRequest(
  body: unknown,
  limits: { maxTokens: number },
): { ok: true; request: ChatCompletionRequest } | { ok: false; issues: Issue[] } {
  const result = chatCompletionRequestSchema.safeParse(body);
  if (!result.success) return { ok: false, issues: toIssues(result.error) };
  const request = result.data;
  const asked = Math.min(request.max_tokens ?? limits.maxTokens, request.max_completion_tokens ?? limits.maxTokens);
  const maxTokens = Math.min(asked, limits.maxTokens);
  return {
    ok: true,
    request: {
      ...request,
      max_tokens: maxTokens,
      ...(request.max_completion_tokens === undefined ? {} : { max_completion_tokens: maxTokens }),
    },
  };
}
