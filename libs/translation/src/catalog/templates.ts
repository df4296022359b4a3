/**
 * The common district notices the catalog knows, with the variables each takes. The texts, one
 * resource file per language, are in `locales/`.
 */
export type TemplateVariableKind = 'text' | 'date' | 'time' | 'minutes' | 'url';

export interface TemplateVariable {
  name: string;
  kind: TemplateVariableKind;
  description: string;
}

export interface TemplateDefinition {
  key: string;
  title: string;
  variables: TemplateVariable[];
}

const school: TemplateVariable = { name: 'school', kind: 'text', description: 'the school name, e.g. "Lincoln Elementary"' };
const date: TemplateVariable = {
  name: 'date',
  kind: 'date',
  description: 'a calendar day, YYYY-MM-DD (or an ISO 8601 instant, shown in the district time zone)',
};
const time: TemplateVariable = {
  name: 'time',
  kind: 'time',
  description: 'a wall-clock time, HH:MM 24-hour (or an ISO 8601 instant, shown in the district time zone)',
};
const minutes: TemplateVariable = { name: 'minutes', kind: 'minutes', description: 'a whole number of minutes, 1 to 600' };
const student: TemplateVariable = { name: 'student', kind: 'text', description: "the student's name" };
const url: TemplateVariable = { name: 'url', kind: 'url', description: 'an http(s) link' };

export const TEMPLATES: readonly TemplateDefinition[] = [
  { key: 'school_closure_weather', title: 'School closed (weather)', variables: [school, date] },
  { key: 'delayed_opening', title: 'Delayed opening', variables: [school, date, minutes] },
  { key: 'early_release', title: 'Early release', variables: [school, date, time] },
  { key: 'absence_today', title: 'Attendance: absent today', variables: [student, school] },
  { key: 'conferences', title: 'Parent-teacher conferences', variables: [school, date] },
  {
    key: 'school_event',
    title: 'School event',
    variables: [school, { name: 'event', kind: 'text', description: 'the event, e.g. "the spring concert"' }, date, time],
  },
  { key: 'meals_application', title: 'Free and reduced-price meals application', variables: [school, url] },
  {
    key: 'bus_delay',
    title: 'Transportation: bus delay',
    variables: [{ name: 'route', kind: 'text', description: 'the bus number or route, e.g. "12"' }, school, minutes],
  },
  { key: 'picture_day', title: 'Picture day', variables: [school, date] },
  { key: 'immunizations_due', title: 'Immunisations due', variables: [student, date] },
  { key: 'lockdown', title: 'Lockdown', variables: [school] },
  { key: 'all_clear', title: 'All clear (lockdown ended)', variables: [school] },
  { key: 'report_cards', title: 'Report cards available', variables: [school, url] },
];
