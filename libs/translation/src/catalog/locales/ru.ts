import { CatalogResource } from './resource';

/** Machine-drafted, pending review by a native speaker. */
export const ru: CatalogResource = {
  language: 'ru',
  status: 'machine_drafted',
  review: 'native speaker',
  templates: {
    school_closure_weather: '{{school}}: занятия отменены из-за непогоды ({{date, day}}). Берегите себя.',
    delayed_opening: '{{school}}: из-за погоды занятия начнутся на {{minutes}} мин. позже ({{date, day}}). Автобусы тоже задержатся на {{minutes}} мин.',
    early_release: '{{school}}: ученики уходят раньше, в {{time, clock}} ({{date, day}}). Заберите ребёнка или убедитесь, что дома кто-то есть.',
    absence_today: '{{student}} ({{school}}): сегодня отмечено отсутствие. Пожалуйста, позвоните в школу или ответьте на это сообщение.',
    conferences: '{{school}}: встречи родителей с учителями — {{date, day}}. Ответьте или позвоните в школу, чтобы выбрать время.',
    school_event: '{{school}} приглашает вас: {{event}} — {{date, day}}, {{time, clock}}. Ждём вас!',
    meals_application: 'Заявление на бесплатное или льготное школьное питание ({{school}}): {{url}} Ваши данные конфиденциальны.',
    bus_delay: 'Автобус {{route}} ({{school}}) сегодня опаздывает примерно на {{minutes}} мин. Спасибо за терпение.',
    picture_day: '{{school}}: день фотографии — {{date, day}}. Бланк заказа ребёнок принесёт домой.',
    immunizations_due: '{{student}}: для посещения школы нужны обязательные прививки, срок — {{date, day}}. Обратитесь к школьной медсестре.',
    lockdown: '{{school}}: режим изоляции (lockdown). Ученики в безопасности внутри. Не приезжайте в школу. Мы сообщим новости.',
    all_clear: '{{school}}: режим изоляции отменён, занятия идут как обычно. Спасибо за терпение.',
    report_cards: '{{school}}: табели успеваемости доступны: {{url}} С вопросами обращайтесь в школу.',
  },
  lines: {
    urgent_from: 'Срочное сообщение от {{district}}:',
  },
};
