// @ts-check

/**
 * Chat history per user and workspace: what the chat panel shows again after
 * a reload. Bounded by the store (kaito.chat.history), newest kept.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.createTable('kaito_chat_history', table => {
    table.comment('Chat messages per user and workspace (kaito.chat.history), trimmed to the newest');
    table.bigIncrements('id').primary().comment('Order of the messages');
    table.string('user_ref', 255).notNullable().comment('User entity ref of the chat');
    table.string('workspace', 600).notNullable().comment('cluster/namespace/name');
    table.string('role', 16).notNullable().comment('user or assistant');
    table.text('content').notNullable().comment('Message text, capped at kaito.chat.history.maxMessageChars');
    table.timestamp('at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    table.index(['user_ref', 'workspace', 'id'], 'kaito_chat_history_user_workspace_idx');
  });
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  await knex.schema.dropTable('kaito_chat_history');
};
