/** One benchmark figure: printed as one JSON line on stdout. */
export interface BenchResult {
  name: string;
  value: number;
  unit: string;
  [extra: string]: unknown;
}

export interface BenchContext {
  quick: boolean;
  /** --set name=value overrides (e.g. --set disclosures=200), for A/B runs of one benchmark */
  params: Record<string, string>;
  /** whether other benchmarks run after this one (a case that reconfigures the system restores it only then) */
  more: boolean;
  log: (line: string) => void;
  /** figures one case leaves for a later one in the same run (the anchors, the one-pair throughput) */
  shared: Record<string, unknown>;
  emit: (r: BenchResult) => void;
}
