import { CatalogResource } from './resource';

/** Machine-drafted, pending review by a native speaker. */
export const fr: CatalogResource = {
  language: 'fr',
  status: 'machine_drafted',
  review: 'native speaker',
  templates: {
    school_closure_weather: '{{school}} : pas de cours le {{date, day}} en raison des intempéries. Soyez prudents.',
    delayed_opening:
      '{{school}} : les cours commenceront avec {{minutes}} minutes de retard le {{date, day}} (météo). Les bus auront aussi {{minutes}} minutes de retard.',
    early_release:
      "{{school}} : sortie anticipée à {{time, clock}} le {{date, day}}. Merci de venir chercher votre enfant ou de prévoir quelqu'un à la maison.",
    absence_today: "{{student}} est noté(e) absent(e) aujourd'hui à {{school}}. Merci d'appeler l'école ou de répondre à ce message.",
    conferences: "Les rencontres parents-professeurs de {{school}} auront lieu le {{date, day}}. Répondez ou appelez l'école pour choisir un horaire.",
    school_event: '{{school}} vous invite à {{event}} le {{date, day}} à {{time, clock}}. Au plaisir de vous y voir !',
    meals_application: 'Demandez les repas scolaires gratuits ou à prix réduit à {{school}} : {{url}} Vos informations restent confidentielles.',
    bus_delay: "Le bus {{route}} de {{school}} a environ {{minutes}} minutes de retard aujourd'hui. Merci de votre patience.",
    picture_day: 'La journée photo à {{school}} aura lieu le {{date, day}}. Votre enfant rapportera le bon de commande.',
    immunizations_due:
      "{{student}} doit recevoir les vaccins obligatoires avant le {{date, day}} pour continuer à venir à l'école. Contactez l'infirmière scolaire.",
    lockdown: "{{school}} est en confinement. Les élèves sont en sécurité à l'intérieur. Ne venez pas à l'école. Nous vous tiendrons informés.",
    all_clear: '{{school}} : fin du confinement, les cours ont repris normalement. Merci de votre patience.',
    report_cards: "Les bulletins de {{school}} sont disponibles : {{url}} Pour toute question, contactez l'école.",
  },
  lines: {
    urgent_from: 'Message urgent de {{district}} :',
  },
};
