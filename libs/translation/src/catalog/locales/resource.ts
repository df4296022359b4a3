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
  /**
   * Short lines Porchlight itself writes around a district's text, same interpolation:
   * `urgent_from` ("Urgent message from {{district}}:") opens an emergency no one could translate
   * into the family's language, before the source text.
   */
  lines: { urgent_from: string };
}
