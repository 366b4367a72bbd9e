import { ChatHistoryMessage } from '@kaito-backstage/plugin-kaito-common';
import { Knex } from 'knex';
import { LRUCache } from 'lru-cache';
import { GroupCommit } from '../service/groupCommit';
import { runStatement, textPerSize, valuesPlaceholders } from './fixedStatement';
import { storableText } from './storableText';

type DbChatRow = {
  id: number | string;
  user_ref: string;
  workspace: string;
  role: ChatHistoryMessage['role'];
  content: string;
  at: Date | string;
};

/** How much history the store keeps (kaito.chat.history). @internal */
export interface ChatHistoryLimits {
  /** Newest messages kept per user and workspace; older ones are deleted (every 20 messages written, not on every chat). */
  maxMessages: number;
  /** Longest message kept; longer ones are cut, with a note saying so. */
  maxMessageChars: number;
}

const TABLE = 'kaito_chat_history';
/** A history is trimmed once this many messages were written to it since the last trim. */
const TRIM_EVERY = 20;
/** Rows per insert statement, well under SQLite's and PostgreSQL's bound-parameter limits. */
const INSERT_CHUNK = 500;

/** Appends messages (user, workspace, role, content each). */
const insertMessages = textPerSize(rows => `insert into "${TABLE}" ("user_ref", "workspace", "role", "content") values ${valuesPlaceholders(rows, 4)}`);

type Append = { user: string; workspace: string; messages: Array<Pick<ChatHistoryMessage, 'role' | 'content'>> };
const CUT_NOTE = '\n\n[… cut: the portal keeps at most {n} characters of a message]';

/**
 * Chat history per user and workspace in the plugin's database (SQLite or
 * PostgreSQL), so the chat panel shows the conversation again after a
 * reload. Each user sees only their own history. The table is created by
 * the plugin's migrations (run by {@link AuditStore.create}).
 *
 * @internal
 */
export class ChatHistoryStore {
  /** Chats that end together, or while a batch is written, go together in the next one: one insert, and the trims that are due. */
  /** Messages written to each history since this replica last trimmed it (a forgotten one is trimmed on its next write). */
  readonly #sinceTrim = new LRUCache<string, number>({ max: 10_000 });
  readonly #appends = new GroupCommit<Append, void>(appends => this.#appendAll(appends), { background: true, waitMs: 10 });

  constructor(
    private readonly knex: Knex,
    readonly limits: ChatHistoryLimits,
  ) {}

  /** Appends messages in order, then drops the user's oldest beyond `maxMessages`. */
  async append(user: string, workspace: string, messages: Array<Pick<ChatHistoryMessage, 'role' | 'content'>>): Promise<void> {
    if (!messages.length) return;
    await this.#appends.run({ user, workspace, messages });
  }

  /**
   * Writes a batch of appends in one insert, and trims the histories that
   * are due (in the same transaction); a failed batch is written again an
   * append at a time by the group commit. Text is stored as the database
   * keeps it ({@link storableText}). A history is trimmed the first time this replica writes to it
   * and then once every `TRIM_EVERY` messages, not on every chat: `list`
   * shows the newest `maxMessages` anyway, and the table holds at most
   * `TRIM_EVERY` more per replica.
   */
  async #appendAll(appends: Append[]): Promise<void[]> {
    const rows = appends.flatMap(({ user, workspace, messages }) =>
      messages.map(message => ({
        user_ref: storableText(user, 255),
        workspace: storableText(workspace, 600),
        role: message.role,
        content: storableText(this.capped(message.content)),
      })),
    );
    const due = this.#dueForTrim(appends);
    const write = async (db: Knex | Knex.Transaction) => {
      for (let i = 0; i < rows.length; i += INSERT_CHUNK) {
        const chunk = rows.slice(i, i + INSERT_CHUNK);
        await runStatement(db, insertMessages(chunk.length), chunk.flatMap(row => [row.user_ref, row.workspace, row.role, row.content]));
      }
      for (const { user, workspace } of due) await this.trim(db, user, workspace);
    };
    // One statement is atomic on its own; only an insert with trims (or in chunks) needs a transaction.
    if (due.length === 0 && rows.length <= INSERT_CHUNK) await write(this.knex);
    else await this.knex.transaction(write);
    return appends.map(() => undefined);
  }

  /** The histories of the batch whose trim is due; counts the rest toward their next one. */
  #dueForTrim(appends: Append[]): Array<{ user: string; workspace: string }> {
    const added = new Map<string, { user: string; workspace: string; messages: number }>();
    for (const { user, workspace, messages } of appends) {
      const key = JSON.stringify([user, workspace]);
      const entry = added.get(key) ?? { user, workspace, messages: 0 };
      entry.messages += messages.length;
      added.set(key, entry);
    }
    const due: Array<{ user: string; workspace: string }> = [];
    for (const [key, { user, workspace, messages }] of added) {
      const since = this.#sinceTrim.get(key);
      if (since === undefined || since + messages >= TRIM_EVERY) {
        due.push({ user, workspace });
        this.#sinceTrim.set(key, 0);
      } else {
        this.#sinceTrim.set(key, since + messages);
      }
    }
    // In one order on every replica, so two replicas' trims cannot wait on each other (PostgreSQL deadlocks).
    return due.sort((a, b) => (a.user === b.user ? a.workspace.localeCompare(b.workspace) : a.user.localeCompare(b.user)));
  }

  /** Deletes a user's messages with a workspace older than the newest `maxMessages`, in one statement. */
  private async trim(tx: Knex | Knex.Transaction, user: string, workspace: string): Promise<void> {
    // The id of the oldest message to keep (NULL while fewer are kept, so nothing goes).
    const keepFrom = tx<DbChatRow>(TABLE)
      .select('id')
      .where({ user_ref: user, workspace })
      .orderBy('id', 'desc')
      .offset(this.limits.maxMessages - 1)
      .limit(1);
    await tx<DbChatRow>(TABLE).where({ user_ref: user, workspace }).andWhere('id', '<', keepFrom).delete();
  }

  /** The user's kept messages with the workspace, oldest first. */
  async list(user: string, workspace: string): Promise<ChatHistoryMessage[]> {
    const rows = await this.knex<DbChatRow>(TABLE)
      .where({ user_ref: user, workspace })
      .orderBy('id', 'desc')
      .limit(this.limits.maxMessages);
    return rows.reverse().map(row => ({
      id: Number(row.id),
      at: new Date(typeof row.at === 'string' && !row.at.includes('T') ? `${row.at.replace(' ', 'T')}Z` : row.at).toISOString(),
      role: row.role,
      content: row.content,
    }));
  }

  /** Deletes the user's history with the workspace; returns how many messages went. */
  async clear(user: string, workspace: string): Promise<number> {
    return this.knex<DbChatRow>(TABLE).where({ user_ref: user, workspace }).delete();
  }

  /** Deletes every user's history with a workspace that was deleted; returns how many messages went. */
  async clearWorkspace(workspace: string): Promise<number> {
    return this.knex<DbChatRow>(TABLE).where({ workspace }).delete();
  }

  private capped(content: string): string {
    const max = this.limits.maxMessageChars;
    return content.length > max ? content.slice(0, max) + CUT_NOTE.replace('{n}', String(max)) : content;
  }
}
