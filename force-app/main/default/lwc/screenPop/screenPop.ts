/**
 * screenPop: which CRM record to open when an interaction arrives.
 * - customerSearch: search terms, matching, the decision (open, choose, create) and what
 *   the agent reads about it;
 * - phoneNumbers: when two phone numbers are the same number.
 */
export * from './customerSearch';
export * from './phoneNumbers';
