// @ts-check

/**
 * Chat streams in flight per user, shared by every backend replica: one row
 * per taken slot, held under a lease that its replica renews while the
 * stream runs, so a crashed replica's slots free themselves.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.createTable('kaito_chat_streams', table => {
    table.comment('Chat stream slots per user (kaito.chat.maxConcurrentStreamsPerUser), leased by a replica');
    table.string('user_ref', 255).notNullable().comment('User or service entity ref');
    table.integer('slot').notNullable().comment('0 .. maxConcurrentStreamsPerUser - 1');
    table.string('holder', 64).notNullable().comment('Random id of the stream holding the slot');
    table.bigInteger('expires_at').notNullable().comment('Lease end, ms since the epoch; renewed while the stream runs');
    table.primary(['user_ref', 'slot']);
  });
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  await knex.schema.dropTable('kaito_chat_streams');
};
