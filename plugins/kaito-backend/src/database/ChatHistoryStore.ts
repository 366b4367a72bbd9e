import { ChatHistoryMessage } from '@kaito-backstage/plugin-kaito-common';
import { Knex } from 'knex';

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
  constructor(
    private readonly knex: Knex,
    readonly limits: ChatHistoryLimits,
  ) {}

  /** Appends messages in order, then drops the user's oldest beyond `maxMessages`. */
  async append(user: string, workspace: string, messages: Array<Pick<ChatHistoryMessage, 'role' | 'content'>>): Promise<void> {
    if (!messages.length) return;
    const { maxMessages } = this.limits;
    await this.knex.transaction(async tx => {
      await tx<DbChatRow>(TABLE).insert(
        messages.map(message => ({ user_ref: user, workspace, role: message.role, content: this.capped(message.content) })),
      );
      // The id of the oldest message to keep; everything before it goes.
      const keepFrom = await tx<DbChatRow>(TABLE)
        .where({ user_ref: user, workspace })
        .orderBy('id', 'desc')
        .offset(maxMessages - 1)
        .first('id');
      if (keepFrom) {
        await tx<DbChatRow>(TABLE).where({ user_ref: user, workspace }).andWhere('id', '<', keepFrom.id).delete();
      }
    });
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
