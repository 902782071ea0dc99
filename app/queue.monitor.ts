/**
 * What the queues look like from outside: workers alive per queue (BullMQ's
 * `getWorkers`, i.e. the Redis connections workers register under their
 * queue's name — a dead process's connection is gone at once) and job counts
 * per state, and the age of the oldest waiting job. Used by the scan
 * watcher, `/api/health` and `/metrics`.
 */
import { QueueName } from '../queue/jobs.js';
import type { Queues } from '../queue/queues.js';

/** Workers connected per queue. */
export type WorkersByQueue = Record<QueueName, number>;

export async function workersByQueue(queues: Queues): Promise<WorkersByQueue> {
  const out = {} as WorkersByQueue;
  for (const name of Object.values(QueueName)) out[name] = (await queues.byName[name].getWorkers()).length;
  return out;
}

/** Queues that have no worker. */
export const queuesWithoutWorker = (w: WorkersByQueue): QueueName[] => Object.values(QueueName).filter((q) => !w[q]);

/** Job states counted per queue. */
export const JOB_STATES = ['waiting', 'active', 'delayed', 'prioritized', 'failed', 'completed'] as const;
export type JobState = (typeof JOB_STATES)[number];

export async function queueDepths(queues: Queues): Promise<Record<QueueName, Record<JobState, number>>> {
  const out = {} as Record<QueueName, Record<JobState, number>>;
  for (const name of Object.values(QueueName)) {
    out[name] = (await queues.byName[name].getJobCounts(...JOB_STATES)) as Record<JobState, number>;
  }
  return out;
}

/**
 * When the oldest job still waiting in each queue was added (ms since the
 * epoch), null for an empty wait list. BullMQ pushes new jobs on the left
 * of the wait list, so the oldest is the one `asc` reads first: one job per
 * queue is read, however long the queue.
 */
export async function oldestWaitingAt(queues: Queues): Promise<Record<QueueName, number | null>> {
  const out = {} as Record<QueueName, number | null>;
  for (const name of Object.values(QueueName)) {
    const [job] = await queues.byName[name].getJobs(['wait'], 0, 0, true);
    out[name] = job?.timestamp ?? null;
  }
  return out;
}
