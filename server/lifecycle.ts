// Whether this process is shutting down (issue 12 item 5, decision 020): once SIGTERM or SIGINT arrives
// the server stops accepting connections and finishes what is in flight, and the health check tells the
// load balancer to send nothing more here (503 `draining`) on the connections still open.

export interface Lifecycle {
  draining(): boolean;
  startDraining(): void;
}

export function createLifecycle(): Lifecycle {
  let draining = false;
  return {
    draining: () => draining,
    startDraining() {
      draining = true;
    },
  };
}
