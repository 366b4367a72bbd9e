import { ChatHistoryMessage } from '@kaito-backstage/plugin-kaito-common';
import { Knex } from 'knex';
import { GroupCommit } from '../service/groupCommit';

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
  /** Newest messages kept per user and workspace; older ones are deleted. */
  maxMessages: number;
  /** Longest message kept; longer ones are cut, with a note saying so. */
  maxMessageChars: number;
}

const TABLE = 'kaito_chat_history';
/** Rows per insert statement, well under SQLite's and PostgreSQL's bound-parameter limits. */
const INSERT_CHUNK = 500;

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
  /** Chats that end while a batch is written go together in the next one: one insert, one trim per user and workspace. */
  readonly #appends = new GroupCommit<Append, void>(appends => this.#appendAll(appends));

  constructor(
    private readonly knex: Knex,
    readonly limits: ChatHistoryLimits,
  ) {}

  /** Appends messages in order, then drops the user's oldest beyond `maxMessages`. */
  async append(user: string, workspace: string, messages: Array<Pick<ChatHistoryMessage, 'role' | 'content'>>): Promise<void> {
    if (!messages.length) return;
    await this.#appends.run({ user, workspace, messages });
  }

  /** Writes a batch of appends in one transaction; a failure fails every append of the batch. */
  async #appendAll(appends: Append[]): Promise<void[]> {
    const rows = appends.flatMap(({ user, workspace, messages }) =>
      messages.map(message => ({ user_ref: user, workspace, role: message.role, content: this.capped(message.content) })),
    );
    const owners = new Map(appends.map(({ user, workspace }) => [JSON.stringify([user, workspace]), { user, workspace }]));
    await this.knex.transaction(async tx => {
      for (let i = 0; i < rows.length; i += INSERT_CHUNK) await tx<DbChatRow>(TABLE).insert(rows.slice(i, i + INSERT_CHUNK));
      for (const { user, workspace } of owners.values()) await this.trim(tx, user, workspace);
    });
    return appends.map(() => undefined);
  }

  /** Deletes a user's messages with a workspace older than the newest `maxMessages`, in one statement. */
  private async trim(tx: Knex.Transaction, user: string, workspace: string): Promise<void> {
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
