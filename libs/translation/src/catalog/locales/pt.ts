import { CatalogResource } from './resource';

/** Machine-drafted, pending review by a native speaker. */
export const pt: CatalogResource = {
  language: 'pt',
  status: 'machine_drafted',
  review: 'native speaker',
  templates: {
    school_closure_weather: '{{school}}: não haverá aulas ({{date, day}}) devido ao mau tempo. Fiquem em segurança.',
    delayed_opening:
      '{{school}}: as aulas começarão {{minutes}} minutos mais tarde ({{date, day}}) devido ao tempo. Os ônibus também atrasarão {{minutes}} minutos.',
    early_release: '{{school}}: saída antecipada às {{time, clock}} ({{date, day}}). Busque seu filho ou garanta que haja alguém em casa.',
    absence_today: '{{student}} teve falta registrada hoje em {{school}}. Por favor, ligue para a escola ou responda a esta mensagem.',
    conferences: 'Reuniões de pais e professores em {{school}}: {{date, day}}. Responda ou ligue para a escola para escolher um horário.',
    school_event: '{{school}} convida você para {{event}}: {{date, day}}, às {{time, clock}}. Esperamos vê-lo lá!',
    meals_application: 'Solicite refeições escolares gratuitas ou a preço reduzido em {{school}}: {{url}} Suas informações são confidenciais.',
    bus_delay: 'O ônibus {{route}} de {{school}} está cerca de {{minutes}} minutos atrasado hoje. Obrigado pela paciência.',
    picture_day: 'Dia da foto em {{school}}: {{date, day}}. Seu filho levará o formulário de pedido para casa.',
    immunizations_due: '{{student}} precisa das vacinas obrigatórias até {{date, day}} para continuar frequentando a escola. Contate a enfermaria da escola.',
    lockdown: '{{school}} está em confinamento (lockdown). Os alunos estão seguros lá dentro. Não venha à escola. Enviaremos atualizações.',
    all_clear: '{{school}}: o confinamento terminou e as aulas voltaram ao normal. Obrigado pela paciência.',
    report_cards: 'Os boletins de {{school}} já estão disponíveis: {{url}} Dúvidas? Entre em contato com a escola.',
  },
  lines: {
    urgent_from: 'Mensagem urgente de {{district}}:',
  },
};
