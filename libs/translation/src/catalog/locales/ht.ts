import { CatalogResource } from './resource';

/** Machine-drafted, pending review by a native speaker. */
export const ht: CatalogResource = {
  language: 'ht',
  status: 'machine_drafted',
  review: 'native speaker',
  templates: {
    school_closure_weather: '{{school}}: pa gen lekòl {{date, day}} akoz move tan. Pran swen tèt nou.',
    delayed_opening: '{{school}}: lekòl ap louvri {{minutes}} minit an reta {{date, day}} akoz move tan. Bis yo ap pase {{minutes}} minit an reta tou.',
    early_release: '{{school}}: elèv yo ap sòti bonè a {{time, clock}} {{date, day}}. Tanpri prevwa pou vin chèche pitit ou oswa pou gen yon moun lakay.',
    absence_today: '{{student}} te absan jodi a nan {{school}}. Tanpri rele lekòl la oswa reponn mesaj sa a.',
    conferences: 'Reyinyon paran ak pwofesè nan {{school}} ap fèt {{date, day}}. Reponn oswa rele lekòl la pou chwazi yon lè.',
    school_event: '{{school}} envite nou nan {{event}} {{date, day}} a {{time, clock}}. Nou espere wè nou!',
    meals_application: 'Aplike pou manje lekòl gratis oswa a pri redwi nan {{school}}: {{url}} Enfòmasyon ou yo rete konfidansyèl.',
    bus_delay: 'Bis {{route}} pou {{school}} an reta anviwon {{minutes}} minit jodi a. Mèsi pou pasyans nou.',
    picture_day: 'Jou foto nan {{school}} se {{date, day}}. Pitit ou ap pote fòm kòmand lan lakay.',
    immunizations_due: '{{student}} bezwen vaksen obligatwa yo anvan {{date, day}} pou l kontinye vin lekòl. Tanpri kontakte enfimyè lekòl la.',
    lockdown: '{{school}} fèmen anndan (lockdown). Elèv yo an sekirite anndan lekòl la. Tanpri pa vin lekòl la. N ap voye nouvèl.',
    all_clear: '{{school}}: lockdown lan fini, klas yo rekòmanse nòmalman. Mèsi pou pasyans nou.',
    report_cards: 'Kanè {{school}} yo disponib kounye a: {{url}} Kontakte lekòl la si ou gen kesyon.',
  },
  lines: {
    urgent_from: 'Mesaj ijan soti nan {{district}}:',
  },
};
