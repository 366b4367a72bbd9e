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
  /** The kept history is being read from the backend. */
  loadingHistory: boolean;
  /** Why the kept history could not be read or cleared. */
  historyError?: string;
  send(text: string, settings: ChatSettings): void;
  stop(): void;
  /** Empties the conversation here and the history the backend keeps. */
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
  options: { now?: () => number; keepHistory?: boolean } = {},
): ChatState {
  const kaitoApi = useApi(kaitoApiRef);
  const now = options.now ?? (() => performance.now());
  const keepHistory = options.keepHistory ?? true;
  const [turns, setTurns] = useState<ChatTurn[]>([]);
  const [streaming, setStreaming] = useState(false);
  const [loadingHistory, setLoadingHistory] = useState(keepHistory);
  const [historyError, setHistoryError] = useState<string>();
  const abortRef = useRef<AbortController>();
  const nextId = useRef(1);

  useEffect(() => () => abortRef.current?.abort(), []);

  // The backend keeps the conversation (the chat route stores each question
  // and reply), so it comes back after a reload.
  useEffect(() => {
    if (!keepHistory) {
      setLoadingHistory(false);
      return undefined;
    }
    let current = true;
    setLoadingHistory(true);
    kaitoApi
      .getChatHistory(ref)
      .then(
        messages => {
          if (!current) return;
          setTurns(shown =>
            shown.length
              ? shown
              : messages.map(message => ({
                  id: nextId.current++,
                  role: message.role,
                  content: message.content,
                })),
          );
        },
        error =>
          current &&
          setHistoryError(
            `The kept chat could not be read: ${errorMessage(error)}`,
          ),
      )
      .finally(() => current && setLoadingHistory(false));
    return () => {
      current = false;
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [kaitoApi, keepHistory, ref.cluster, ref.namespace, ref.name]);

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
    setHistoryError(undefined);
    if (keepHistory) {
      kaitoApi
        .clearChatHistory(ref)
        .catch(error =>
          setHistoryError(
            `The kept chat could not be cleared: ${errorMessage(error)}`,
          ),
        );
    }
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [kaitoApi, keepHistory, ref.cluster, ref.namespace, ref.name]);

  return { turns, streaming, loadingHistory, historyError, send, stop, clear };
}
