/** The register of rights in Postgres: import (upsert) and read back. */
import type { Registry } from '../domain/registry.schema.js';
import { inTransaction, type Db } from './database.js';

export interface ImportCounts { trademarks: number; geoIndications: number; patents: number }

/** Upserts every record of a validated register in one transaction. */
export async function importRegistry(db: Db, reg: Registry): Promise<ImportCounts> {
  return inTransaction(db, async (c) => {
    for (const t of reg.trademarks) {
      await c.query(
        `INSERT INTO trademarks (id, reg_no, mark, aliases, nice_classes, goods, owner, logo, authorized_sellers, valid_until)
         VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10)
         ON CONFLICT (id) DO UPDATE SET reg_no=$2, mark=$3, aliases=$4, nice_classes=$5, goods=$6, owner=$7, logo=$8,
           authorized_sellers=$9, valid_until=$10, imported_at=now()`,
        [t.id, t.regNo, t.mark, t.aliases, t.niceClasses, t.goods, t.owner, t.logo ?? null, t.authorizedSellers, t.validUntil ?? null],
      );
    }
    for (const g of reg.geoIndications) {
      await c.query(
        `INSERT INTO geo_indications (id, name, aliases, category, province, city, counties, authorized_users, announcement)
         VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9)
         ON CONFLICT (id) DO UPDATE SET name=$2, aliases=$3, category=$4, province=$5, city=$6, counties=$7,
           authorized_users=$8, announcement=$9, imported_at=now()`,
        [g.id, g.name, g.aliases, g.category, g.region.province, g.region.city ?? null, g.region.counties, g.authorizedUsers, g.announcement ?? null],
      );
    }
    for (const p of reg.patents) {
      await c.query(
        `INSERT INTO patents (id, number, type, title, owner, licensees, status, keywords)
         VALUES ($1,$2,$3,$4,$5,$6,$7,$8)
         ON CONFLICT (id) DO UPDATE SET number=$2, type=$3, title=$4, owner=$5, licensees=$6, status=$7, keywords=$8, imported_at=now()`,
        [p.id, p.number, p.type, p.title, p.owner, p.licensees, p.status, p.keywords],
      );
    }
    return { trademarks: reg.trademarks.length, geoIndications: reg.geoIndications.length, patents: reg.patents.length };
  });
}

/** Reads the whole register back in FORMATS §1 shape (what the detector is built from). */
export async function loadRegistry(db: Db): Promise<Registry> {
  const [tm, gi, pt] = await Promise.all([
    db.query('SELECT * FROM trademarks ORDER BY id'),
    db.query('SELECT * FROM geo_indications ORDER BY id'),
    db.query('SELECT * FROM patents ORDER BY id'),
  ]);
  return {
    trademarks: tm.rows.map((r) => ({
      id: r.id, regNo: r.reg_no, mark: r.mark, aliases: r.aliases, niceClasses: r.nice_classes, goods: r.goods,
      owner: r.owner, logo: r.logo ?? undefined, authorizedSellers: r.authorized_sellers,
      validUntil: r.valid_until ? isoDate(r.valid_until) : undefined,
    })),
    geoIndications: gi.rows.map((r) => ({
      id: r.id, name: r.name, aliases: r.aliases, category: r.category,
      region: { province: r.province, city: r.city ?? undefined, counties: r.counties },
      authorizedUsers: r.authorized_users, announcement: r.announcement ?? undefined,
    })),
    patents: pt.rows.map((r) => ({
      id: r.id, number: r.number, type: r.type, title: r.title, owner: r.owner, licensees: r.licensees, status: r.status, keywords: r.keywords,
    })),
  };
}

function isoDate(d: Date | string): string {
  if (typeof d === 'string') return d.slice(0, 10);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
}
