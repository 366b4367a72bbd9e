import { useCallback, useEffect, useRef, useState } from 'react';
import { useApi } from '@backstage/core-plugin-api';
import type {
  ChatMetrics,
  WorkspaceRef,
} from '@kaito-backstage/plugin-kaito-common';
import { kaitoApiRef } from '../api/KaitoApi';
import type { ChatMessage } from '../api/chatTypes';
import { errorMessage } from '../lib/errorMessage';

/** Sampling settings of the chat panel. @public */
export interface ChatSettings {
  /** Preset or adapter name; empty for the base model. */
  model: string;
  systemPrompt: string;
  temperature: number;
  maxTokens: number;
}

/** One turn shown in the chat panel. @public */
export interface ChatTurn {
  id: number;
  role: 'user' | 'assistant';
  content: string;
  /** The model that answered (assistant turns). */
  model?: string;
  streaming?: boolean;
  /** Set when the reply was stopped before it ended. */
  stopped?: boolean;
  error?: string;
  metrics?: ChatMetrics;
}

/** What `useChat` offers. @public */
export interface ChatState {
  turns: ChatTurn[];
  streaming: boolean;
  send(text: string, settings: ChatSettings): void;
  stop(): void;
  clear(): void;
}

/**
 * A conversation with a workspace's model: each `send` streams a reply token
 * by token into the last turn. The history sent back to the model leaves out
 * failed replies. Without server metrics (a stopped reply), the turn has
 * time-to-first-token and tokens/s measured here, counting chunks as tokens.
 *
 * @public
 */
export function useChat(
  ref: WorkspaceRef,
  options: { now?: () => number } = {},
): ChatState {
  const kaitoApi = useApi(kaitoApiRef);
  const now = options.now ?? (() => performance.now());
  const [turns, setTurns] = useState<ChatTurn[]>([]);
  const [streaming, setStreaming] = useState(false);
  const abortRef = useRef<AbortController>();
  const nextId = useRef(1);

  useEffect(() => () => abortRef.current?.abort(), []);

  const updateTurn = (id: number, update: (turn: ChatTurn) => ChatTurn) =>
    setTurns(current =>
      current.map(turn => (turn.id === id ? update(turn) : turn)),
    );

  const send = useCallback(
    (text: string, settings: ChatSettings) => {
      const content = text.trim();
      if (!content || abortRef.current) {
        return;
      }
      const userTurn: ChatTurn = {
        id: nextId.current++,
        role: 'user',
        content,
      };
      const replyId = nextId.current++;
      const history = [
        ...turns.filter(turn => !turn.error && turn.content),
        userTurn,
      ];
      const messages: ChatMessage[] = [
        ...(settings.systemPrompt.trim()
          ? [{ role: 'system' as const, content: settings.systemPrompt.trim() }]
          : []),
        ...history.map(turn => ({ role: turn.role, content: turn.content })),
      ];
      setTurns(current => [
        ...current,
        userTurn,
        {
          id: replyId,
          role: 'assistant',
          content: '',
          model: settings.model || undefined,
          streaming: true,
        },
      ]);
      const abort = new AbortController();
      abortRef.current = abort;
      setStreaming(true);

      (async () => {
        const startedAt = now();
        let firstTokenAt: number | undefined;
        let chunks = 0;
        let metrics: ChatMetrics | undefined;
        try {
          const reply = kaitoApi.streamChat(
            ref,
            {
              model: settings.model || undefined,
              messages,
              temperature: settings.temperature,
              max_tokens: settings.maxTokens,
            },
            { signal: abort.signal },
          );
          for await (const chunk of reply) {
            if (chunk.type === 'metrics') {
              metrics = chunk.metrics;
              continue;
            }
            firstTokenAt ??= now();
            chunks += 1;
            updateTurn(replyId, turn => ({
              ...turn,
              content: turn.content + chunk.content,
            }));
          }
          const endedAt = now();
          metrics ??=
            firstTokenAt === undefined
              ? undefined
              : {
                  timeToFirstTokenMs: firstTokenAt - startedAt,
                  tokensPerSecond:
                    endedAt > firstTokenAt
                      ? (chunks / (endedAt - firstTokenAt)) * 1000
                      : 0,
                  completionTokens: chunks,
                };
          updateTurn(replyId, turn => ({
            ...turn,
            streaming: false,
            stopped: abort.signal.aborted,
            metrics,
          }));
        } catch (error) {
          updateTurn(replyId, turn => ({
            ...turn,
            streaming: false,
            error: errorMessage(error),
          }));
        } finally {
          abortRef.current = undefined;
          setStreaming(false);
        }
      })();
    },
    // `now` is read when a reply starts; a new function each render is fine.
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [kaitoApi, ref.cluster, ref.namespace, ref.name, turns],
  );

  const stop = useCallback(() => abortRef.current?.abort(), []);
  const clear = useCallback(() => {
    abortRef.current?.abort();
    setTurns([]);
  }, []);

  return { turns, streaming, send, stop, clear };
}
