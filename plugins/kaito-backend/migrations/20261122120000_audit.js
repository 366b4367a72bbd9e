// @ts-check

/**
 * The audit log of workspace creates, deletes and chats.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.createTable('kaito_audit', table => {
    table.comment('Who created, deleted or chatted with which Kaito workspace, and how it went');
    table.increments('id').primary();
    table.timestamp('at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    table.string('actor', 255).notNullable().comment('User or service entity ref');
    table.string('action', 16).notNullable().comment('create, delete or chat');
    table.string('workspace', 400).notNullable().comment('<cluster>/<namespace>/<name>');
    table.string('outcome', 16).notNullable().comment('success, failure or denied');
    table.text('detail').nullable().comment('Error message, or the prompt when auditPrompts is on');
    table.index(['workspace', 'at'], 'kaito_audit_workspace_at_idx');
  });
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  await knex.schema.dropTable('kaito_audit');
};
