/**
 * The register of protected rights, as exchanged in `registry.json`
 * (shared/FORMATS.md §1): the built-in kinds' entry schemas, which their kind
 * modules (kinds/) name; the importer and the detector both consume {@link Registry}.
 */
import { z } from 'zod';

const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'expected an ISO date YYYY-MM-DD');
const nonEmpty = z.string().trim().min(1, 'must not be empty');

export const trademarkSchema = z.object({
  id: nonEmpty,
  regNo: z.string().regex(/^[0-9A-Za-z]{4,12}$/, 'expected a CNIPA registration number (4-12 letters or digits)'),
  mark: nonEmpty,
  aliases: z.array(nonEmpty).default([]),
  niceClasses: z.array(z.number().int().min(1).max(45)).min(1, 'at least one Nice class'),
  goods: z.array(nonEmpty).default([]),
  owner: nonEmpty,
  logo: z.string().optional(),
  authorizedSellers: z.array(nonEmpty).default([]),
  validUntil: isoDate.optional(),
  /** Optional genuine retail price (CNY) of the registered goods; a listing far below it is a likely counterfeit. */
  referencePrice: z.number().positive().optional(),
}).strict();

export const geoIndicationSchema = z.object({
  id: nonEmpty,
  name: nonEmpty,
  aliases: z.array(nonEmpty).default([]),
  category: nonEmpty,
  region: z.object({
    province: nonEmpty,
    city: z.string().optional(),
    counties: z.array(nonEmpty).default([]),
  }).strict(),
  authorizedUsers: z.array(nonEmpty).default([]),
  /** Optional announcement reference (e.g. 国家质检总局2009年第87号公告), cited in notices. */
  announcement: z.string().optional(),
}).strict();

export const patentSchema = z.object({
  id: nonEmpty,
  number: z.string().regex(/^ZL\d{12}\.[0-9X]$/, 'expected ZL + 12 digits + "." + check digit'),
  type: z.enum(['invention', 'utility_model', 'design']),
  title: nonEmpty,
  owner: nonEmpty,
  licensees: z.array(nonEmpty).default([]),
  status: z.enum(['valid', 'expired', 'invalid']),
  keywords: z.array(nonEmpty).default([]),
}).strict();

/**
 * The built-in kinds' register. A process with plug-in kinds validates with
 * kinds/kind.registry.ts `registerSchema()`, which adds their sections.
 */
export const registrySchema = z.object({
  trademarks: z.array(trademarkSchema).default([]),
  geoIndications: z.array(geoIndicationSchema).default([]),
  patents: z.array(patentSchema).default([]),
}).strict();

export type Trademark = z.infer<typeof trademarkSchema>;
export type GeoIndication = z.infer<typeof geoIndicationSchema>;
export type Patent = z.infer<typeof patentSchema>;
/** A register: the built-in sections, and any installed plug-in kind's (kinds/), keyed by its `registerKey`. */
export type Registry = z.infer<typeof registrySchema> & { [section: string]: unknown[] };
/** A kind of right's id, as stored in `asset_type` columns (FORMATS §3 `assetType`); kinds/ lists the installed ones. */
export type AssetType = string;
