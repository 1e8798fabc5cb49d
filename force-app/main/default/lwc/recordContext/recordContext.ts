/**
 * recordContext: which CRM records the agent is working on, so the connector can offer
 * them as the log's Name and Related To.
 * - recordSources: where the records come from (console tabs, the page) and what is known
 *   of them (pure);
 * - contextTracker: keeps the connector told, describing new records and sending only changes.
 */
export * from './recordSources';
export * from './contextTracker';
