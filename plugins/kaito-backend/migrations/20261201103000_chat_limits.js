// @ts-check

/**
 * Chat rate-limit counters shared by every backend replica, and the
 * `started` outcome of a chat recorded when it begins.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.createTable('kaito_chat_rate', table => {
    table.comment('Chat requests per user per fixed one-minute window, shared by all replicas');
    table.string('user_ref', 255).notNullable().comment('User or service entity ref');
    table.bigInteger('window_start').notNullable().comment('Start of the window, ms since the epoch');
    table.integer('hits').notNullable().comment('Requests in the window, refused ones included');
    table.primary(['user_ref', 'window_start']);
  });
  await knex.schema.alterTable('kaito_audit', table => {
    table.index(['at'], 'kaito_audit_at_idx');
  });
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  await knex.schema.alterTable('kaito_audit', table => {
    table.dropIndex(['at'], 'kaito_audit_at_idx');
  });
  await knex.schema.dropTable('kaito_chat_rate');
};
