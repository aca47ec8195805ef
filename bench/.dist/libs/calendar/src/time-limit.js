// The catalogue's time-limit kinds (公开时限). Structurally the same as the catalogue schema's TimeLimit, so a
// catalogue item's limit can be passed straight in without this library depending on the catalogue.
export const TIME_LIMIT_KINDS = [
    'working_days',
    'immediate',
    'days_after_approval',
    'after_notice_period',
    'with_policy',
    'after_review',
    'annual_report',
];
