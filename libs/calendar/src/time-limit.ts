// The catalogue's time-limit kinds (公开时限). Structurally the same as the catalogue schema's TimeLimit, so a
// catalogue item's limit can be passed straight in without this library depending on the catalogue.

interface Common {
  /** The phrase as printed in the catalogue, e.g. 信息产生或变更之日起20个工作日内公开. */
  text?: string;
  /** Stays published after the deadline (保持长期公开); does not change the due date. */
  keepPublished?: boolean;
}

export type TimeLimit = Common &
  (
    | { kind: 'working_days'; days: number }
    | { kind: 'immediate' }
    | { kind: 'days_after_approval'; days: number }
    | { kind: 'after_notice_period'; months: number }
    | { kind: 'with_policy' }
    | { kind: 'after_review' }
    | { kind: 'annual_report'; month: number; day: number }
  );

export type TimeLimitKind = TimeLimit['kind'];

export const TIME_LIMIT_KINDS: readonly TimeLimitKind[] = [
  'working_days',
  'immediate',
  'days_after_approval',
  'after_notice_period',
  'with_policy',
  'after_review',
  'annual_report',
];
