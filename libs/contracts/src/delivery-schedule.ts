import { Urgency } from './messaging';

/**
 * Job priority. BullMQ runs jobs without a priority first, then lower numbers first, FIFO within a
 * number. Emergencies carry none. Other messages get their urgency's band plus their position in
 * the broadcast in blocks of FAIRNESS_BLOCK: the k-th block of every district's broadcast competes
 * at the same priority, so a district's 100,000-message notice cannot hold a neighbour's 50-family
 * notice behind it (see docs/delivery.md).
 */
export const FAIRNESS_BLOCK = 100;
const BANDS: Record<Urgency, { base: number; span: number }> = {
  emergency: { base: 0, span: 0 },
  urgent: { base: 1, span: 999 },
  normal: { base: 1000, span: 1_000_000 },
};

export function messagePriority(urgency: Urgency, position: number): number {
  const band = BANDS[urgency];
  if (band.span === 0) return 0;
  return band.base + Math.min(Math.floor(position / FAIRNESS_BLOCK), band.span - 1);
}

export const priorityOption = (priority: number) => (priority > 0 ? { priority } : {});

/** Priority of a notice's own jobs (translate, fan-out): ahead of message traffic of its band. */
export const noticePriority = (urgency: Urgency) => messagePriority(urgency, 0);

/**
 * Twilio `ValidityPeriod` by urgency: how long the provider may keep trying. A lockdown alert that
 * arrives three hours late does harm; a bake-sale reminder may wait.
 */
export const VALIDITY_SECONDS: Record<Urgency, number> = { emergency: 1800, urgent: 4 * 3600, normal: 10 * 3600 };
