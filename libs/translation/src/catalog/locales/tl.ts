import { CatalogResource } from './resource';

/** Machine-drafted, pending review by a native speaker. */
export const tl: CatalogResource = {
  language: 'tl',
  status: 'machine_drafted',
  review: 'native speaker',
  templates: {
    school_closure_weather: '{{school}}: walang pasok sa {{date, day}} dahil sa masamang panahon. Mag-ingat po kayo.',
    delayed_opening:
      '{{school}}: {{minutes}} minutong huli ang simula ng klase sa {{date, day}} dahil sa panahon. Mahuhuli rin nang {{minutes}} minuto ang mga bus.',
    early_release: '{{school}}: maagang uwian sa ganap na {{time, clock}}, {{date, day}}. Pakisundo ang inyong anak o tiyaking may tao sa bahay.',
    absence_today: 'Si {{student}} ay minarkahang absent ngayong araw sa {{school}}. Pakitawagan ang paaralan o sagutin ang mensaheng ito.',
    conferences: 'Ang parent-teacher conference sa {{school}} ay sa {{date, day}}. Sumagot o tumawag sa paaralan para pumili ng oras.',
    school_event: 'Iniimbitahan kayo ng {{school}} sa {{event}} sa {{date, day}}, sa ganap na {{time, clock}}. Sana ay makita namin kayo!',
    meals_application: 'Mag-apply para sa libre o may diskwentong pagkain sa paaralan ({{school}}): {{url}} Kumpidensyal ang inyong impormasyon.',
    bus_delay: 'Ang bus {{route}} ng {{school}} ay mahuhuli nang mga {{minutes}} minuto ngayong araw. Salamat sa inyong pasensya.',
    picture_day: 'Ang picture day sa {{school}} ay sa {{date, day}}. Iuuwi ng inyong anak ang order form.',
    immunizations_due:
      'Kailangan ni {{student}} ang mga required na bakuna bago ang {{date, day}} para patuloy na makapasok. Makipag-ugnayan sa nars ng paaralan.',
    lockdown: '{{school}}: naka-lockdown ngayon. Ligtas ang mga estudyante sa loob. Huwag pumunta sa paaralan. Magpapadala kami ng update.',
    all_clear: '{{school}}: tapos na ang lockdown at balik na sa normal ang klase. Salamat sa inyong pasensya.',
    report_cards: 'Available na ang report card ng {{school}}: {{url}} Makipag-ugnayan sa paaralan kung may tanong.',
  },
  lines: {
    urgent_from: 'Apurahang mensahe mula sa {{district}}:',
  },
};
