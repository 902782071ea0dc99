/** Builds the migrated template database that every test file clones. */
import { ensureDatabase, migrate } from '../store/migrate.js';
import { ADMIN_URL, TEMPLATE_DB, urlFor } from './support/database.js';

export default async function setup(): Promise<void> {
  await ensureDatabase(ADMIN_URL, TEMPLATE_DB, { recreate: true });
  await migrate(urlFor(TEMPLATE_DB));
}
