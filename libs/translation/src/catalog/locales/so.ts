import { CatalogResource } from './resource';

/** Machine-drafted, pending review by a native speaker. */
export const so: CatalogResource = {
  language: 'so',
  status: 'machine_drafted',
  review: 'native speaker',
  templates: {
    school_closure_weather: '{{school}}: iskuulku wuu xiran yahay {{date, day}} cimilada xun awgeed. Fadlan nabad ku joogta.',
    delayed_opening:
      '{{school}}: {{date, day}} iskuulku wuxuu furmayaa {{minutes}} daqiiqo oo dib u dhac ah cimilada awgeed. Basaskuna {{minutes}} daqiiqo ayay dib u dhacayaan.',
    early_release:
      '{{school}}: ardayda waxaa la sii deynayaa goor hore saacadda {{time, clock}}, {{date, day}}. Fadlan diyaari qof ilmaha qaada ama guriga jooga.',
    absence_today: '{{student}} maanta wuu ka maqnaa {{school}}. Fadlan wac iskuulka ama ka jawaab fariintan.',
    conferences: 'Kulannada waalidiinta iyo macallimiinta ee {{school}} waa {{date, day}}. Ka jawaab ama wac iskuulka si aad waqti u doorato.',
    school_event: '{{school}} waxay idinku martiqaadaysaa {{event}} {{date, day}} saacadda {{time, clock}}. Waxaan rajaynaynaa inaan idin aragno!',
    meals_application: 'Codso cunto iskuul oo bilaash ah ama qiimo dhimis ah ee {{school}}: {{url}} Macluumaadkaagu waa qarsoodi.',
    bus_delay: 'Baska {{route}} ee {{school}} maanta wuxuu dib u dhacayaa qiyaastii {{minutes}} daqiiqo. Waad ku mahadsan tihiin dulqaadkiinna.',
    picture_day: 'Maalinta sawirka ee {{school}} waa {{date, day}}. Ilmahaagu wuxuu guriga keeni doonaa foomka dalabka.',
    immunizations_due:
      '{{student}} wuxuu u baahan yahay tallaalada loo baahan yahay ka hor {{date, day}} si uu iskuulka ugu sii socdo. Fadlan la xiriir kalkaalisada iskuulka.',
    lockdown: '{{school}} waa la xiray (lockdown). Ardaydu gudaha way ku nabad qabaan. Fadlan ha imaanin iskuulka. Warar kale ayaan soo diri doonnaa.',
    all_clear: '{{school}}: xiritaankii wuu dhammaaday, casharraduna si caadi ah ayay u socdaan. Waad ku mahadsan tihiin dulqaadkiinna.',
    report_cards: "Warqadaha natiijada ee {{school}} hadda waa diyaar: {{url}} Haddii aad su'aalo qabtid la xiriir iskuulka.",
  },
  lines: {
    urgent_from: 'Fariin degdeg ah oo ka timid {{district}}:',
  },
};
