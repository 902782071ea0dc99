/**
 * A captured listing, one line of `listings.jsonl` (shared/FORMATS.md §2).
 * The crawler produces it; platforms may upload it; the detector reads it.
 */
import { z } from 'zod';

export const listingSchema = z.object({
  platform: z.string().trim().min(1),
  listingId: z.string().trim().min(1),
  url: z.string().min(1),
  title: z.string(),
  description: z.string().default(''),
  price: z.number().nonnegative().nullable().default(null),
  currency: z.string().default('CNY'),
  shop: z.object({
    id: z.string().default(''),
    name: z.string().default(''),
    location: z.string().default(''),
  }).default({ id: '', name: '', location: '' }),
  attributes: z.record(z.string(), z.string()).default({}),
  images: z.array(z.string()).default([]),
  capturedAt: z.string().datetime({ offset: true }),
});

export type Listing = z.infer<typeof listingSchema>;
/** What the detector needs of a listing; images are not required for text rules. */
export type ListingInput = Omit<Listing, 'capturedAt' | 'currency'> & { capturedAt?: string; currency?: string };
