import { CatalogResource } from './resource';

/** Machine-drafted, pending review by a native speaker. */
export const es: CatalogResource = {
  language: 'es',
  status: 'machine_drafted',
  review: 'native speaker',
  templates: {
    school_closure_weather: '{{school}}: no habrá clases el {{date, day}} debido al mal tiempo. Cuídense.',
    delayed_opening:
      '{{school}}: las clases empezarán {{minutes}} minutos tarde el {{date, day}} por el mal tiempo. Los autobuses pasarán {{minutes}} minutos tarde.',
    early_release: '{{school}}: salida temprano a las {{time, clock}} el {{date, day}}. Recoja a su hijo/a o asegúrese de que haya alguien en casa.',
    absence_today: '{{student}} tiene una ausencia hoy en {{school}}. Por favor, llame a la escuela o responda a este mensaje.',
    conferences: 'Las conferencias de padres y maestros de {{school}} son el {{date, day}}. Responda o llame a la escuela para elegir un horario.',
    school_event: '{{school}} le invita a {{event}} el {{date, day}} a las {{time, clock}}. ¡Esperamos verle!',
    meals_application: 'Solicite comidas escolares gratuitas o a precio reducido en {{school}}: {{url}} Su información es confidencial.',
    bus_delay: 'El autobús {{route}} de {{school}} lleva unos {{minutes}} minutos de retraso hoy. Gracias por su paciencia.',
    picture_day: 'El día de fotos en {{school}} es el {{date, day}}. Su hijo/a llevará a casa el formulario de pedido.',
    immunizations_due: '{{student}} necesita las vacunas obligatorias antes del {{date, day}} para seguir asistiendo a clases. Llame a la enfermera escolar.',
    lockdown: '{{school}} está en confinamiento (lockdown). Los estudiantes están seguros adentro. No venga a la escuela. Enviaremos novedades.',
    all_clear: '{{school}}: terminó el confinamiento y las clases siguen con normalidad. Gracias por su paciencia.',
    report_cards: 'Las calificaciones de {{school}} ya están disponibles: {{url}} Si tiene preguntas, llame a la escuela.',
  },
  lines: {
    urgent_from: 'Mensaje urgente de {{district}}:',
  },
};
