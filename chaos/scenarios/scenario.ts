import type { Infra } from '../support/infra.js';
import type { Figures } from '../support/verdict.js';

export interface ScenarioContext {
  infra: Infra;
  /** the short version CI runs */
  quick: boolean;
  log(line: string): void;
}

export interface Scenario {
  id: string;
  title: string;
  run(ctx: ScenarioContext): Promise<Figures>;
}

/** Distinct deliveries a sink has accepted so far: the progress the scenarios time their faults by. */
export function acceptedCounter(sink: { onReceipt(fn: (r: { answered: number; body: Record<string, unknown> }) => void): () => void }) {
  const ids = new Set<string>();
  const off = sink.onReceipt((r) => {
    if (r.answered >= 200 && r.answered < 300) ids.add(String(r.body.deliveryId));
  });
  return { get count() { return ids.size; }, off };
}
