/**
 * The states a scan run and its items are stored in (scan_runs.status,
 * search_pages.status, scan_run_listings.status and source). Defined
 * here, once, because both the store (which writes them) and the queue layer
 * (which moves items through them, store unseen) name them.
 */

/** A run: in progress, closed with every item done, or closed by a failure. */
export type RunStatus = 'running' | 'finished' | 'failed';

/** How a search page ended. */
export type SearchOutcome = 'done' | 'empty' | 'failed' | 'blocked';

/** Where a run listing moves after it was queued. */
export type ListingState = 'captured' | 'detected' | 'gone' | 'failed' | 'blocked';

/** Why a listing is in a run: found by a search, known from earlier runs, or named by its item URL. */
export type RunListingSource = 'search' | 'recheck' | 'seed';
