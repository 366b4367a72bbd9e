// @ts-check

/**
 * GPU and workspace reservations per owner group, taken in a transaction
 * before a workspace is written to a cluster, so parallel creates (on one or
 * several backend replicas) cannot together pass a quota.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.createTable('kaito_quota_owners', table => {
    table.comment('One row per owner group: locked (SELECT ... FOR UPDATE) while its reservations are summed and extended');
    table.string('owner', 255).primary().comment('Canonical group entity ref');
  });
  await knex.schema.createTable('kaito_quota_reservations', table => {
    table.comment('The GPUs and workspace each workspace holds against its owner group quota');
    table.string('workspace', 400).primary().comment('<cluster>/<namespace>/<name>');
    table.string('owner', 255).notNullable().comment('Canonical group entity ref');
    table.integer('gpus').notNullable();
    table.timestamp('reserved_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    table.index(['owner'], 'kaito_quota_reservations_owner_idx');
  });
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  await knex.schema.dropTable('kaito_quota_reservations');
  await knex.schema.dropTable('kaito_quota_owners');
};
