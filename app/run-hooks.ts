/** What a finished scan run means for takedowns: gone listings confirm delistings; late notices become overdue. */
import { confirmGoneListings, markOverdue } from '../enforcement/takedown.service.js';
import type { RunFinishedHooks } from '../queue/pipeline.js';
import type { Db } from '../store/database.js';

export function takedownHooks(db: Db): RunFinishedHooks {
  return {
    onListingsGone: (listingIds, observedAt) => confirmGoneListings(db, { listingIds, observedAt }),
    onRunFinished: (_runId, now) => markOverdue(db, now),
  };
}
