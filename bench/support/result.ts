/** One benchmark figure: printed as one JSON line on stdout. */
export interface BenchResult {
  name: string;
  value: number;
  unit: string;
  [extra: string]: unknown;
}

export interface BenchContext {
  quick: boolean;
  log: (line: string) => void;
  emit: (r: BenchResult) => void;
}
