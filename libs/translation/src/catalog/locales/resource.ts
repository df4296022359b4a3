/**
 * One language's catalog texts (i18next interpolation: `{{school}}`, `{{date, day}}` for a
 * localised calendar day, `{{time, clock}}` for a localised time of day) and who must check them.
 */
export interface CatalogResource {
  language: string;
  /**
   * `source`: the English originals. `machine_drafted`: drafted without a fluent reader and not yet
   * checked: a native speaker (with school-communication experience) must review every text before
   * the status changes to `reviewed`.
   */
  status: 'source' | 'machine_drafted' | 'reviewed';
  review: 'none' | 'native speaker';
  templates: Record<string, string>;
}
