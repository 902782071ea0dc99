/** prune: the retention job now (partitions of per-run rows made ahead, old ones dropped); see app/retention.scheduler.ts. */
import { loadConfig } from '../config/config.loader.js';
import { runRetention } from '../app/retention.scheduler.js';
import { createDb } from '../store/database.js';

export async function pruneCommand(file: string | undefined, o: { days?: number } = {}): Promise<void> {
  const config = loadConfig({ file });
  const retention = { ...config.retention, ...(o.days ? { runDays: o.days } : {}) };
  const db = createDb(config.databaseUrl);
  try {
    const r = await runRetention(db, { retention });
    console.log(`分区新建 partitions created: ${r.created.length ? r.created.join(', ') : '-'}`);
    console.log(`分区删除 partitions dropped (runs started more than ${retention.runDays} days ago): ${r.dropped.length ? r.dropped.join(', ') : '-'}`);
    for (const k of r.kept) console.log(`保留 kept ${k.name}: ${k.why}`);
    console.log(`search_pages rows deleted: ${r.searchPagesDeleted}`);
  } finally {
    await db.end();
  }
}
