import { CatalogResource } from './resource';

export const en: CatalogResource = {
  language: 'en',
  status: 'source',
  review: 'none',
  templates: {
    school_closure_weather: '{{school}} is closed on {{date, day}} due to severe weather. Please stay safe.',
    delayed_opening: '{{school}} will open {{minutes}} minutes late on {{date, day}} due to weather. Buses will also run {{minutes}} minutes late.',
    early_release: '{{school}} will dismiss early at {{time, clock}} on {{date, day}}. Please plan to pick up your child or have someone at home.',
    absence_today: '{{student}} was marked absent from {{school}} today. Please call the school or reply to this message.',
    conferences: 'Parent-teacher conferences at {{school}} are on {{date, day}}. Reply or call the school to choose a time.',
    school_event: '{{school}} invites you to {{event}} on {{date, day}} at {{time, clock}}. We hope to see you there!',
    meals_application: 'Apply for free or reduced-price school meals at {{school}}: {{url}} Your information is kept private.',
    bus_delay: 'Bus {{route}} for {{school}} is running about {{minutes}} minutes late today. Thank you for your patience.',
    picture_day: 'Picture day at {{school}} is {{date, day}}. Order forms are coming home with your child.',
    immunizations_due: '{{student}} needs required immunizations by {{date, day}} to keep attending school. Please contact the school nurse.',
    lockdown: '{{school}} is in lockdown. Students are safe inside. Please do not come to the school. Updates will follow.',
    all_clear: 'All clear at {{school}}: the lockdown has ended and classes have resumed. Thank you for your patience.',
    report_cards: 'Report cards for {{school}} are now available: {{url}} Please contact the school with any questions.',
  },
  lines: {
    urgent_from: 'Urgent message from {{district}}:',
  },
};
