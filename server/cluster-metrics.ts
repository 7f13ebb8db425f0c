import cluster from 'node:cluster';
import { AggregatorRegistry } from 'prom-client';
import type { Registry } from 'prom-client';

// Metrics of a WORKERS=N cluster (decision 017, decision 020): a scrape reaches one worker, which asks the
// primary for the whole cluster's figures; the primary gathers every worker's registry (prom-client's
// AggregatorRegistry, over the cluster's IPC channel) and sums them. One scrape, one answer for the
// server, whichever worker took it.

interface MetricsRequest {
  type: 'measure-tracker:metrics-request';
  id: number;
}

interface MetricsResponse {
  type: 'measure-tracker:metrics-response';
  id: number;
  body?: string;
  contentType?: string;
  error?: string;
}

const REQUEST = 'measure-tracker:metrics-request';
const RESPONSE = 'measure-tracker:metrics-response';
/** prom-client gives up on a worker after 5 s; this is the worker's own wait for the primary. */
const ANSWER_TIMEOUT_MS = 8_000;

function isRequest(value: unknown): value is MetricsRequest {
  return typeof value === 'object' && value !== null && 'type' in value && value.type === REQUEST && 'id' in value;
}

function isResponse(value: unknown): value is MetricsResponse {
  return typeof value === 'object' && value !== null && 'type' in value && value.type === RESPONSE && 'id' in value;
}

/** In the primary: answers each worker's request with the metrics of every worker, summed. */
export function serveClusterMetrics(): void {
  const aggregator = new AggregatorRegistry();
  cluster.on('message', (worker, message: unknown) => {
    if (!isRequest(message)) return;
    const reply = (answer: Omit<MetricsResponse, 'type' | 'id'>) => {
      if (worker.isConnected()) worker.send({ type: RESPONSE, id: message.id, ...answer } satisfies MetricsResponse);
    };
    aggregator.clusterMetrics().then(
      (body) => reply({ body, contentType: aggregator.contentType }),
      (error: unknown) => reply({ error: error instanceof Error ? error.message : String(error) }),
    );
  });
}

/**
 * In a worker: lets the primary read this worker's registry, and returns the exposition a scrape gets,
 * which is the cluster's (asked of the primary).
 */
export function clusterExposition(registry: Registry): () => Promise<{ contentType: string; body: string }> {
  // Constructing one installs prom-client's listener that answers the primary with `registry`'s metrics.
  new AggregatorRegistry();
  AggregatorRegistry.setRegistries([registry]);
  let next = 0;
  const pending = new Map<number, (answer: MetricsResponse) => void>();
  process.on('message', (message: unknown) => {
    if (!isResponse(message)) return;
    pending.get(message.id)?.(message);
    pending.delete(message.id);
  });
  return () =>
    new Promise((resolve, reject) => {
      const id = next++;
      const timer = setTimeout(() => {
        pending.delete(id);
        reject(new Error('the cluster primary did not answer for the metrics'));
      }, ANSWER_TIMEOUT_MS);
      pending.set(id, (answer) => {
        clearTimeout(timer);
        if (answer.body !== undefined && answer.contentType) resolve({ body: answer.body, contentType: answer.contentType });
        else reject(new Error(`cluster metrics failed: ${answer.error ?? 'no answer'}`));
      });
      if (!process.send) return reject(new Error('not a cluster worker'));
      process.send({ type: REQUEST, id } satisfies MetricsRequest);
    });
}
